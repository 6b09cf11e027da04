import type { Db } from '../database.js';

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

/** Reservations are made by operators (ReserveNow); the core ends them when a StartTransaction uses them (TC_046). */
export class ReservationRepository {
  private readonly getStmt;
  private readonly useStmt;
  private readonly activeOnConnectorStmt;
  private readonly endStmt;
  private readonly activeForChargePointStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number], ReservationRow>('SELECT * FROM reservations WHERE id = ?');
    this.useStmt = db.prepare(
      `UPDATE reservations SET status = 'Used', transaction_id = @transactionId, updated_at = @now
       WHERE id = @id AND charge_point_id = @chargePointId AND status IN ('Requested','Active')`,
    );
    this.activeOnConnectorStmt = db.prepare<[string, number], ReservationRow>(
      `SELECT * FROM reservations WHERE charge_point_id = ? AND connector_id = ? AND status = 'Active'`,
    );
    this.activeForChargePointStmt = db.prepare<[string], ReservationRow>(
      `SELECT * FROM reservations WHERE charge_point_id = ? AND status = 'Active'`,
    );
    this.endStmt = db.prepare(`UPDATE reservations SET status = @status, ended_reason = @reason, updated_at = @now WHERE id = @id`);
  }

  get(id: number): ReservationRow | undefined {
    return this.getStmt.get(id);
  }

  /** Returns true when an open reservation of this station was consumed by the transaction. */
  markUsed(id: number, chargePointId: string, transactionId: number, now: string): boolean {
    return this.useStmt.run({ id, chargePointId, transactionId, now }).changes > 0;
  }

  activeOnConnector(chargePointId: string, connectorId: number): ReservationRow[] {
    return this.activeOnConnectorStmt.all(chargePointId, connectorId);
  }

  activeForChargePoint(chargePointId: string): ReservationRow[] {
    return this.activeForChargePointStmt.all(chargePointId);
  }

  end(id: number, status: ReservationStatus, reason: string, now: string): void {
    this.endStmt.run({ id, status, reason, now });
  }
}
