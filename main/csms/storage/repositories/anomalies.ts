import type { Db } from '../database.js';

/**
 * What a station reported that conflicts with what is stored. Each is kept with the report as received and shown to
 * the operator on its transaction and station, never silently dropped:
 * - `stop-conflict`: a second StopTransaction for a transaction the station already stopped, with other values;
 * - `stop-unknown-transaction`: a StopTransaction for a transaction id this central system never issued to the station;
 * - `meter-after-stop`: meter values of a transaction timed after its stop;
 * - `unknown-connector`: a StartTransaction on a connector the station does not have (by its own status reports
 *   and NumberOfConnectors).
 */
export type AnomalyKind = 'stop-conflict' | 'stop-unknown-transaction' | 'meter-after-stop' | 'unknown-connector';

export interface AnomalyRow {
  id: number;
  charge_point_id: string;
  transaction_id: number | null;
  connector_id: number | null;
  kind: AnomalyKind;
  detail: string;
  action: string;
  payload: string;
  received_at: string;
}

export interface NewAnomaly {
  chargePointId: string;
  transactionId: number | null;
  connectorId: number | null;
  kind: AnomalyKind;
  detail: string;
  action: string;
  payload: unknown;
  receivedAt: string;
}

export interface AnomalyQuery {
  chargePointId?: string;
  transactionId?: number;
  limit?: number;
  /** Rows with a smaller id (newest first). */
  beforeId?: number;
  /** Received at or after this time (ISO 8601, as stored): what the console's alerts count as recent. */
  since?: string;
}

export class AnomalyRepository {
  private readonly insertStmt;
  private readonly countForTransactionStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO anomalies (charge_point_id, transaction_id, connector_id, kind, detail, action, payload, received_at)
       VALUES (@chargePointId, @transactionId, @connectorId, @kind, @detail, @action, @payload, @receivedAt)`,
    );
    this.countForTransactionStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM anomalies WHERE transaction_id = ?');
  }

  record(anomaly: NewAnomaly): number {
    return Number(this.insertStmt.run({ ...anomaly, payload: JSON.stringify(anomaly.payload) }).lastInsertRowid);
  }

  /** Newest first. */
  list(q: AnomalyQuery = {}): AnomalyRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.chargePointId !== undefined) (where.push('charge_point_id = @chargePointId'), (params.chargePointId = q.chargePointId));
    if (q.transactionId !== undefined) (where.push('transaction_id = @transactionId'), (params.transactionId = q.transactionId));
    if (q.beforeId !== undefined) (where.push('id < @beforeId'), (params.beforeId = q.beforeId));
    if (q.since !== undefined) (where.push('received_at >= @since'), (params.since = q.since));
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.prepare<Record<string, unknown>, AnomalyRow>(`SELECT * FROM anomalies ${sql} ORDER BY id DESC LIMIT ${limit}`).all(params);
  }

  count(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'> = {}): number {
    if (q.transactionId !== undefined && q.chargePointId === undefined && q.since === undefined) return this.countForTransactionStmt.get(q.transactionId)!.n;
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.chargePointId !== undefined) (where.push('charge_point_id = @chargePointId'), (params.chargePointId = q.chargePointId));
    if (q.transactionId !== undefined) (where.push('transaction_id = @transactionId'), (params.transactionId = q.transactionId));
    if (q.since !== undefined) (where.push('received_at >= @since'), (params.since = q.since));
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM anomalies ${sql}`).get(params)!.n;
  }
}
