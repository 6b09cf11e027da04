import type { AnomalyDto, ConnectionEventDto, MeterValueDto, RefusedHandshakeDto, TransactionDto } from '../../../shared/api/types.js';
import type { ConnectionEventRow, RefusedHandshakeRow } from '../storage/repositories/connection-events.js';
import type { MeterValueRow } from '../storage/repositories/meter-values.js';
import type { AnomalyRow } from '../storage/repositories/anomalies.js';
import { ACCEPTED, transactionEnergyWh, type TransactionRow } from '../storage/repositories/transactions.js';

/**
 * Stored rows (snake_case) to the API's camelCase shapes. Those the reader worker serialises are beside it in
 * storage/reader/: a station's (station-list.ts), a message-log entry's (message-log-entries.ts), an id tag's and an
 * audit entry's (re-exported below).
 */

export function connectionEventDto(row: ConnectionEventRow): ConnectionEventDto {
  return {
    id: row.id,
    at: row.at,
    chargePointId: row.charge_point_id,
    event: row.event,
    remoteAddress: row.remote_address,
    code: row.code,
    reason: row.reason,
  };
}

export function refusedHandshakeDto(row: RefusedHandshakeRow): RefusedHandshakeDto {
  return {
    id: row.id,
    at: row.at,
    remoteAddress: row.remote_address,
    path: row.path,
    identity: row.identity,
    reason: row.reason,
    detail: row.detail,
    httpStatus: row.http_status,
    offeredProtocols: row.offered_protocols,
  };
}

/** One definition, beside the id-tag page the reader worker builds. */
export { idTagDto } from '../storage/reader/id-tag-list.js';
export { auditEntryDto } from '../storage/reader/audit-entries.js';

/** What a transaction's row alone does not say: its station's silence and the anomalies recorded against it. */
export interface TransactionExtras {
  unconfirmed: boolean;
  anomalyCount: number;
}

function transactionDto(row: TransactionRow, extras: TransactionExtras = { unconfirmed: false, anomalyCount: 0 }): TransactionDto {
  const open = row.stop_received_at === null;
  const accepted = row.start_status === ACCEPTED;
  return {
    id: row.id,
    chargePointId: row.charge_point_id,
    connectorId: row.connector_id,
    idTag: row.id_tag,
    startStatus: row.start_status,
    reservationId: row.reservation_id,
    meterStartWh: row.meter_start_wh,
    startedAt: row.started_cp_at,
    startReceivedAt: row.start_received_at,
    meterStopWh: row.meter_stop_wh,
    stoppedAt: row.stopped_cp_at,
    stopReceivedAt: row.stop_received_at,
    stopReason: row.stop_reason,
    stopIdTag: row.stop_id_tag,
    endedBy: row.ended_by,
    endedNote: row.ended_note,
    startNote: row.start_note,
    lastMeterWh: row.last_meter_wh,
    lastPowerW: row.last_power_w,
    lastMeterAt: row.last_meter_at,
    active: open && accepted,
    refusedUnstopped: open && !accepted,
    unconfirmed: open && accepted && extras.unconfirmed,
    anomalyCount: extras.anomalyCount,
    energyWh: transactionEnergyWh(row),
  };
}

export function meterValueDto(row: MeterValueRow): MeterValueDto {
  return {
    id: row.id,
    connectorId: row.connector_id,
    timestamp: row.timestamp,
    value: row.value,
    measurand: row.measurand,
    phase: row.phase,
    unit: row.unit,
    context: row.context,
    location: row.location,
    format: row.format,
    source: row.source,
    receivedAt: row.received_at,
  };
}

export function anomalyDto(row: AnomalyRow): AnomalyDto {
  let payload: unknown = row.payload;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    /* stored as text: shown as text */
  }
  return {
    id: row.id,
    chargePointId: row.charge_point_id,
    transactionId: row.transaction_id,
    connectorId: row.connector_id,
    kind: row.kind,
    detail: row.detail,
    action: row.action,
    payload,
    receivedAt: row.received_at,
  };
}

/** A transaction as the ledger hands it out (services/transaction-ledger.ts), in the API's shape. */
export function transactionEntryDto(entry: { row: TransactionRow } & TransactionExtras): TransactionDto {
  return transactionDto(entry.row, { unconfirmed: entry.unconfirmed, anomalyCount: entry.anomalyCount });
}
