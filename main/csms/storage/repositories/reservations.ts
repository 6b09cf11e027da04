import type { Db } from '../database.js';
import { LoadedAtFirstUse, perConnection } from '../write-caches.js';

export type ReservationStatus = 'Requested' | 'Active' | 'Used' | 'Expired' | 'Cancelled' | 'Ended' | 'Refused';

export interface ReservationRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  id_tag: string;
  parent_id_tag: string | null;
  expiry_date: string;
  status: ReservationStatus;
  station_answer: string | null;
  transaction_id: number | null;
  ended_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The Active reservations held in memory (docs/architecture.md, "Hot state"): the expiry sweep looks for due ones every
 * second, and a connector that becomes Faulted or Unavailable ends its own, without reading SQLite. Every statement
 * that writes the table reports what it did, after it ran: a reservation that stops being Active leaves memory; one
 * that becomes Active (the station accepted a ReserveNow: an operator's action, seldom) has all of them read again
 * at once, in that same unit, so no station's CALL pays for the read.
 */
export class ActiveReservations extends LoadedAtFirstUse {
  private rows: readonly ReservationRow[] = [];
  private readonly loadStmt;

  private constructor(db: Db) {
    super(db);
    this.loadStmt = db.prepare<[], ReservationRow>(`SELECT * FROM reservations WHERE status = 'Active' ORDER BY expiry_date, id`);
  }

  static readonly of = perConnection((db) => new ActiveReservations(db));

  protected load(): void {
    this.rows = Object.freeze(this.loadStmt.all().map((row) => Object.freeze(row)));
  }

  /** Every Active reservation, soonest expiry first; the rows are frozen. */
  all(): readonly ReservationRow[] {
    this.ensureLoaded();
    return this.rows;
  }

  /** A statement set reservation `id` to `status`. */
  changed(id: number, status: ReservationStatus): void {
    if (!this.holdsRows) return;
    if (status === 'Active') {
      this.unload();
      this.ensureLoaded();
    } else if (this.rows.some((r) => r.id === id)) {
      this.rows = Object.freeze(this.rows.filter((r) => r.id !== id));
    }
  }
}

/** Reservations are made by operators (ReserveNow); the core ends them when a StartTransaction uses them (TC_046). */
export class ReservationRepository {
  private readonly getStmt;
  private readonly useStmt;
  private readonly endStmt;
  private readonly active: ActiveReservations;

  constructor(db: Db) {
    this.active = ActiveReservations.of(db);
    this.getStmt = db.prepare<[number], ReservationRow>('SELECT * FROM reservations WHERE id = ?');
    this.useStmt = db.prepare(
      `UPDATE reservations SET status = 'Used', transaction_id = @transactionId, updated_at = @now
       WHERE id = @id AND charge_point_id = @chargePointId AND status IN ('Requested','Active')`,
    );
    this.endStmt = db.prepare(`UPDATE reservations SET status = @status, ended_reason = @reason, updated_at = @now WHERE id = @id`);
  }

  get(id: number): ReservationRow | undefined {
    return this.getStmt.get(id);
  }

  /** Returns true when an open reservation of this station was consumed by the transaction. */
  markUsed(id: number, chargePointId: string, transactionId: number, now: string): boolean {
    const used = this.useStmt.run({ id, chargePointId, transactionId, now }).changes > 0;
    if (used) this.active.changed(id, 'Used');
    return used;
  }

  /** The station's Active reservations on one connector (from memory; the rows are frozen). */
  activeOnConnector(chargePointId: string, connectorId: number): ReservationRow[] {
    return this.active.all().filter((r) => r.charge_point_id === chargePointId && r.connector_id === connectorId);
  }

  /** The station's Active reservations on any connector (from memory; the rows are frozen). */
  activeForChargePoint(chargePointId: string): ReservationRow[] {
    return this.active.all().filter((r) => r.charge_point_id === chargePointId);
  }

  end(id: number, status: ReservationStatus, reason: string, now: string): void {
    this.endStmt.run({ id, status, reason, now });
    this.active.changed(id, status);
  }
}
