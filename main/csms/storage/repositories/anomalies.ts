import type { AnomalyDto, AnomalyKind, AnomalyQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

/** The anomalies table: kinds and API shapes are the operator API's (shared/api/types.ts AnomalyKind). */
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

/** An anomaly to record: the API's shape before the database gave it an id. */
export type NewAnomaly = Omit<AnomalyDto, 'id'>;

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
    const { where, params } = this.filter(q);
    if (q.beforeId !== undefined) (where.push('id < @beforeId'), (params.beforeId = q.beforeId));
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    return this.db
      .prepare<Record<string, unknown>, AnomalyRow>(`SELECT * FROM anomalies ${whereSql(where)} ORDER BY id DESC LIMIT ${limit}`)
      .all(params);
  }

  count(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'> = {}): number {
    if (q.transactionId !== undefined && q.chargePointId === undefined && q.since === undefined)
      return this.countForTransactionStmt.get(q.transactionId)!.n;
    const { where, params } = this.filter(q);
    return this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM anomalies ${whereSql(where)}`).get(params)!.n;
  }

  /** The conditions list and count share: station, transaction, received since. */
  private filter(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'>): { where: string[]; params: Record<string, unknown> } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.chargePointId !== undefined) (where.push('charge_point_id = @chargePointId'), (params.chargePointId = q.chargePointId));
    if (q.transactionId !== undefined) (where.push('transaction_id = @transactionId'), (params.transactionId = q.transactionId));
    if (q.since !== undefined) (where.push('received_at >= @since'), (params.since = q.since));
    return { where, params };
  }
}

function whereSql(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}
