import type { AnomalyDto, AnomalyKind, AnomalyQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { cappedCount, cappedCountSql, idBoundsOfWindow, type CappedCount } from './list-paging.js';
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

  /** The matches, counted up to TOTAL_COUNT_CAP (list-paging.ts). */
  count(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'> = {}): CappedCount {
    const filter = this.filter(q);
    return cappedCount(this.db.prepare<Record<string, unknown>, { n: number }>(cappedCountSql('anomalies', filter.where)).get(filter.params)!.n);
  }

  /** A transaction's anomalies, all counted (through their index; one transaction has few). */
  countForTransaction(transactionId: number): number {
    return this.countForTransactionStmt.get(transactionId)!.n;
  }

  /** The conditions list and count share: station, transaction, received since (bounded by id: list-paging.ts). */
  private filter(q: Pick<AnomalyQuery, 'chargePointId' | 'transactionId' | 'since'>): SqlConditions {
    const filter = new SqlConditions()
      .match('chargePointId', q.chargePointId, 'charge_point_id = @chargePointId')
      .match('transactionId', q.transactionId, 'transaction_id = @transactionId')
      .match('since', q.since, 'received_at >= @since');
    for (const bound of idBoundsOfWindow('anomalies', 'received_at', { fromParam: q.since !== undefined ? 'since' : undefined }))
      filter.when(true, bound);
    return filter;
  }
}
