import type { Db } from '../database.js';
import { OpenTransactions } from './open-transactions.js';
import { isoTimeSql } from './stored-times.js';
import type { TransactionEndedBy, TransactionRow } from './transaction-row.js';

export { ACCEPTED, type TransactionRow } from './transaction-row.js';

/**
 * The energy of a transaction, the one definition the transaction list, its export and the energy report share:
 * meterStop − meterStart once stopped; before that, the latest Energy.Active.Import.Register reading the station
 * sent (kept in `last_meter_wh` by `recordMeter`) − meterStart; null while neither is known.
 */
export function transactionEnergyWh(row: Pick<TransactionRow, 'meter_start_wh' | 'meter_stop_wh' | 'last_meter_wh'>): number | null {
  const end = row.meter_stop_wh ?? row.last_meter_wh;
  return end === null ? null : end - row.meter_start_wh;
}

export interface NewTransaction {
  chargePointId: string;
  connectorId: number;
  idTag: string;
  startStatus: string;
  reservationId: number | null;
  meterStartWh: number;
  startedCpAt: string;
  receivedAt: string;
  startNote: string | null;
}

export interface TransactionStop {
  id: number;
  meterStopWh: number | null;
  stoppedCpAt: string | null;
  reason: string;
  idTag: string | null;
  endedBy: TransactionEndedBy;
  note: string | null;
  receivedAt: string;
}

export class TransactionRepository {
  private readonly insertStmt;
  private readonly duplicateStartStmt;
  private readonly stopStmt;
  private readonly meterStmt;
  private readonly completeSupersededStmt;
  private readonly lastAvailableStmt;
  private readonly replaceClosureStmt;
  private readonly getStmt;
  /** The open sessions, read from memory (open-transactions.ts); the statements below keep it in step. */
  private readonly open: OpenTransactions;

  constructor(db: Db) {
    this.open = OpenTransactions.of(db);
    // RETURNING: the row as SQLite stored it (defaults, types), for the open transactions in memory, without a read.
    this.insertStmt = db.prepare<[NewTransaction], TransactionRow>(
      `INSERT INTO transactions (charge_point_id, connector_id, id_tag, start_status, reservation_id, meter_start_wh, started_cp_at, start_received_at, start_note)
       VALUES (@chargePointId, @connectorId, @idTag, @startStatus, @reservationId, @meterStartWh, @startedCpAt, @receivedAt, @startNote)
       RETURNING *`,
    );
    this.getStmt = db.prepare<[number], TransactionRow>('SELECT * FROM transactions WHERE id = ?');
    // A resent StartTransaction (the station never got our reply) has the same connector, tag, meter and time, and
    // its transaction cannot have been stopped by the station yet (it stops only after it got the transactionId).
    this.duplicateStartStmt = db.prepare<[string, number, string, number, string], TransactionRow>(
      `SELECT * FROM transactions WHERE charge_point_id = ? AND connector_id = ? AND id_tag = ? AND meter_start_wh = ? AND started_cp_at = ?
         AND (ended_by IS NULL OR ended_by <> 'station')
       ORDER BY id DESC LIMIT 1`,
    );
    this.stopStmt = db.prepare(
      `UPDATE transactions SET meter_stop_wh = @meterStopWh, stopped_cp_at = @stoppedCpAt, stop_received_at = @receivedAt,
         stop_reason = @reason, stop_id_tag = @idTag, ended_by = @endedBy, ended_note = @note
       WHERE id = @id AND stop_received_at IS NULL`,
    );
    this.completeSupersededStmt = db.prepare(
      `UPDATE transactions SET meter_stop_wh = @meterStopWh, stopped_cp_at = @stoppedCpAt, stop_reason = @reason, stop_id_tag = @idTag,
         ended_note = COALESCE(ended_note, '') || @note
       WHERE id = @id AND ended_by = 'superseded' AND stopped_cp_at IS NULL`,
    );
    // The station's own stop replaces a closure the central system or the operator made without it: its meter,
    // time, reason and tag are the real ones; the earlier closure stays readable in the note.
    this.replaceClosureStmt = db.prepare(
      `UPDATE transactions SET meter_stop_wh = @meterStopWh, stopped_cp_at = @stoppedCpAt, stop_reason = @reason, stop_id_tag = @idTag,
         ended_by = 'station', ended_note = COALESCE(ended_note || '; ', '') || @note
       WHERE id = @id AND ended_by IN ('stale', 'operator') AND stopped_cp_at IS NULL`,
    );
    // The history keeps changes only: while the connector is Available its own row has the latest report's time.
    this.lastAvailableStmt = db.prepare<{ cp: string; connector: number }, { received_at: string | null }>(
      `SELECT COALESCE(
         (SELECT updated_at FROM connectors WHERE charge_point_id = @cp AND connector_id = @connector AND status = 'Available'),
         (SELECT ${isoTimeSql('received_at')} FROM status_changes
          WHERE station = (SELECT id FROM message_log_names WHERE name = @cp) AND connector_id = @connector AND status = 'Available'
          ORDER BY id DESC LIMIT 1)) AS received_at`,
    );
    this.meterStmt = db.prepare(
      `UPDATE transactions SET last_meter_wh = COALESCE(@energyWh, last_meter_wh), last_power_w = COALESCE(@powerW, last_power_w), last_meter_at = @at
       WHERE id = @id`,
    );
  }

  insert(tx: NewTransaction): number {
    const row = this.insertStmt.get(tx)!;
    this.open.inserted(row);
    return row.id;
  }

  /** An open transaction from memory; a closed one from the database. Rows are frozen (open-transactions.ts). */
  get(id: number): TransactionRow | undefined {
    return this.open.get(id) ?? this.getStmt.get(id);
  }

  /** Open transactions on a connector (any start status), ordered by id. */
  openOnConnector(chargePointId: string, connectorId: number): TransactionRow[] {
    return this.open.onConnector(chargePointId, connectorId);
  }

  /** Open sessions of a tag (Accepted starts without a stop), any station, ordered by id; the tag's case is ignored. */
  openForTag(idTag: string): TransactionRow[] {
    return this.open.acceptedForTag(idTag);
  }

  /** Open transactions of a station, by connector and then id. */
  openForChargePoint(chargePointId: string): TransactionRow[] {
    return this.open.ofStation(chargePointId);
  }

  findDuplicateStart(
    chargePointId: string,
    connectorId: number,
    idTag: string,
    meterStartWh: number,
    startedCpAt: string,
  ): TransactionRow | undefined {
    return this.duplicateStartStmt.get(chargePointId, connectorId, idTag, meterStartWh, startedCpAt);
  }

  /** Returns false when the transaction was already stopped (a resent StopTransaction changes nothing). */
  stop(stop: TransactionStop): boolean {
    const stopped = this.stopStmt.run(stop).changes > 0;
    if (stopped) this.open.closed(stop.id);
    return stopped;
  }

  /** The station's own stop for a transaction we closed as superseded: keep its values (once). */
  completeSuperseded(id: number, meterStopWh: number, stoppedCpAt: string, reason: string, idTag: string | null, receivedAt: string): boolean {
    return (
      this.completeSupersededStmt.run({ id, meterStopWh, stoppedCpAt, reason, idTag, note: `; station's stop received ${receivedAt}` }).changes > 0
    );
  }

  /**
   * A closure made without the station (stale, operator) is replaced by the station's late StopTransaction.
   * Returns false when the transaction was not closed that way or already has the station's stop values.
   */
  replaceClosure(id: number, meterStopWh: number, stoppedCpAt: string, reason: string, idTag: string | null, receivedAt: string): boolean {
    return this.replaceClosureStmt.run({ id, meterStopWh, stoppedCpAt, reason, idTag, note: `station's stop received ${receivedAt}` }).changes > 0;
  }

  /** When the connector last reported Available (its row while it is Available, else the status history), or undefined. */
  lastAvailableAt(chargePointId: string, connectorId: number): string | undefined {
    return this.lastAvailableStmt.get({ cp: chargePointId, connector: connectorId })?.received_at ?? undefined;
  }

  recordMeter(id: number, energyWh: number | null, powerW: number | null, at: string): void {
    this.meterStmt.run({ id, energyWh, powerW, at });
    this.open.metered(id, energyWh, powerW, at);
  }
}
