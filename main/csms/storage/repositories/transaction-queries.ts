import type { Db } from '../database.js';
import { SqlConditions } from './sql-conditions.js';
import type { TransactionRow } from './transactions.js';

/** SQL of an open session: an Accepted start without a stop (a refused start is recorded but is no session). */
const OPEN_SESSION = `stop_received_at IS NULL AND start_status = 'Accepted'`;

export interface TransactionListQuery {
  chargePointId?: string;
  /** Sessions started with this id tag (as stored). */
  idTag?: string;
  /** true: open sessions only; false: the others (stopped, and refused starts). */
  active?: boolean;
  /** start_received_at >= from (ISO 8601). */
  from?: string;
  /** start_received_at < to. */
  to?: string;
  limit?: number;
  offset?: number;
}

/** Operator-side queries over transactions (lists, export) and the operator's close of a stuck transaction. */
export class TransactionQueries {
  private readonly closeStmt;

  constructor(private readonly db: Db) {
    this.closeStmt = db.prepare(
      `UPDATE transactions SET stop_received_at = @now, stop_reason = 'Other', ended_by = 'operator', ended_note = @note
       WHERE id = @id AND stop_received_at IS NULL`,
    );
  }

  private where(q: TransactionListQuery): { sql: string; params: Record<string, unknown> } {
    const filter = new SqlConditions()
      .match('chargePointId', q.chargePointId, 'charge_point_id = @chargePointId')
      .match('idTag', q.idTag, 'id_tag = @idTag')
      .when(q.active === true, `(${OPEN_SESSION})`)
      .when(q.active === false, `NOT (${OPEN_SESSION})`)
      .match('from', q.from, 'start_received_at >= @from')
      .match('to', q.to, 'start_received_at < @to');
    return { sql: filter.where, params: filter.params };
  }

  /** Newest first. */
  list(q: TransactionListQuery = {}): TransactionRow[] {
    const { sql, params } = this.where(q);
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    const offset = Math.max(q.offset ?? 0, 0);
    return this.db
      .prepare<Record<string, unknown>, TransactionRow>(`SELECT * FROM transactions ${sql} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`)
      .all(params);
  }

  count(q: TransactionListQuery = {}): number {
    const { sql, params } = this.where(q);
    return this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM transactions ${sql}`).get(params)!.n;
  }

  /** Every matching row, oldest first, without loading them all at once (CSV export). */
  iterate(q: TransactionListQuery = {}): IterableIterator<TransactionRow> {
    const { sql, params } = this.where(q);
    return this.db.prepare<Record<string, unknown>, TransactionRow>(`SELECT * FROM transactions ${sql} ORDER BY id`).iterate(params);
  }

  /** The operator closes a transaction the station never stopped. False when it was already closed. */
  closeByOperator(id: number, note: string, now: string): boolean {
    return this.closeStmt.run({ id, note, now }).changes > 0;
  }
}
