import type { AnomalyDto, AnomalyKind, AnomalyQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { SqlConditions } from './sql-conditions.js';

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
    const filter = this.filter(q).match('beforeId', q.beforeId, 'id < @beforeId');
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    return this.db
      .prepare<Record<string, unknown>, AnomalyRow>(`SELECT * FROM anomalies ${filter.where} ORDER BY id DESC LIMIT ${limit}`)
      .all(filter.params);
  }

  count(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'> = {}): number {
    if (q.transactionId !== undefined && q.chargePointId === undefined && q.since === undefined)
      return this.countForTransactionStmt.get(q.transactionId)!.n;
    const filter = this.filter(q);
    return this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM anomalies ${filter.where}`).get(filter.params)!.n;
  }

  /** The conditions list and count share: station, transaction, received since. */
  private filter(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'>): SqlConditions {
    return new SqlConditions()
      .match('chargePointId', q.chargePointId, 'charge_point_id = @chargePointId')
      .match('transactionId', q.transactionId, 'transaction_id = @transactionId')
      .match('since', q.since, 'received_at >= @since');
  }
}
