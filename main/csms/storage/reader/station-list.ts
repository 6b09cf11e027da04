/**
 * A station's stored rows as the API shows them, and the whole list of them. Here, beside the reader worker's
 * queries, because the worker builds and serialises the whole list (read-queries.ts `stationList`): at 5,000
 * stations that is 6.3 MB of JSON, too much to shape on the thread that answers stations. Secrets never leave:
 * only `hasPassword`.
 */
import type { ChargePointDto, ConnectorDto, ListResponse } from '../../../../shared/api/types.js';
import { parseAuthSecrets, type ChargePointRow } from '../repositories/charge-points.js';
import type { ConnectorRow } from '../repositories/connectors.js';
import { laterHeard } from '../repositories/stored-times.js';

function connectorDto(row: ConnectorRow): ConnectorDto {
  return {
    connectorId: row.connector_id,
    status: row.status,
    errorCode: row.error_code,
    info: row.info,
    vendorId: row.vendor_id,
    vendorErrorCode: row.vendor_error_code,
    statusAt: row.status_cp_at,
    updatedAt: row.updated_at,
  };
}

export function chargePointDto(row: ChargePointRow, connected: boolean, connectors: ConnectorRow[]): ChargePointDto {
  return {
    id: row.id,
    registrationStatus: row.registration_status,
    description: row.description,
    securityProfile: row.security_profile,
    hasPassword: parseAuthSecrets(row).length > 0,
    validationMode: row.validation_mode,
    connected,
    lastSeenAt: row.last_seen_at,
    lastConnectedAt: row.last_connected_at,
    lastDisconnectedAt: row.last_disconnected_at,
    lastCloseCode: row.last_close_code ?? null,
    lastCloseReason: row.last_close_reason ?? null,
    lastRemoteAddress: row.last_remote_address,
    heartbeatIntervalSec: row.heartbeat_interval_sec ?? null,
    boot: {
      vendor: row.vendor,
      model: row.model,
      chargePointSerial: row.charge_point_serial,
      chargeBoxSerial: row.charge_box_serial,
      firmwareVersion: row.firmware_version,
      iccid: row.iccid,
      imsi: row.imsi,
      meterType: row.meter_type,
      meterSerial: row.meter_serial,
      lastBootAt: row.last_boot_at,
    },
    firmwareStatus: row.firmware_status,
    diagnosticsStatus: row.diagnostics_status,
    connectors: connectors.map(connectorDto),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The record with `last_seen_at` as last heard (the stored time is written every few seconds, the time heard in
 * memory is the current one): the record itself when that is the stored time.
 */
export function withLastSeen(row: ChargePointRow, lastSeenAt: string | null): ChargePointRow {
  return lastSeenAt === row.last_seen_at ? row : { ...row, last_seen_at: lastSeenAt };
}

/** What only the answering thread knows about the stations: which are connected, and when each was last heard. */
export interface StationLiveState {
  connected: string[];
  /** LastHeard.heardTimes(): newer than the stored `last_seen_at` between its writes. */
  heardMs: Array<[chargePointId: string, heardMs: number]>;
}

/** `GET /api/charge-points`: every station, or only those of `ids` (the console fetches the stations that changed). */
export interface StationListQuery {
  live: StationLiveState;
  ids?: string[];
}

/**
 * Stations with their connectors, as `GET /api/charge-points` answers. `stations` are in id order and
 * `connectors` in (station, connector) order, as the repositories read them (ChargePointRepository.list and
 * listSome, ConnectorRepository.listAll and listOfStations).
 */
export function stationListBody(stations: ChargePointRow[], connectors: ConnectorRow[], live: StationLiveState): ListResponse<ChargePointDto> {
  const connected = new Set(live.connected);
  const heard = new Map(live.heardMs);
  const byStation = new Map<string, ConnectorRow[]>();
  for (const connector of connectors) {
    const list = byStation.get(connector.charge_point_id);
    if (list) list.push(connector);
    else byStation.set(connector.charge_point_id, [connector]);
  }
  const items = stations.map((row) =>
    chargePointDto(withLastSeen(row, laterHeard(heard.get(row.id), row.last_seen_at)), connected.has(row.id), byStation.get(row.id) ?? []),
  );
  return { items, total: items.length };
}
