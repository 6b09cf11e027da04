import type { Db } from '../database.js';
import { cappedCount, cappedCountSql, idBoundsOfWindow, type CappedCount } from './list-paging.js';
import { OpenTransactions } from './open-transactions.js';
import { SqlConditions } from './sql-conditions.js';
import type { TransactionRow } from './transactions.js';

/** SQL of an open session: an Accepted start without a stop (a refused start is recorded but is no session). */
const OPEN_SESSION = `stop_received_at IS NULL AND start_status = 'Accepted'`;
/**
 * The same rows found through a partial index of the transactions without a stop (0001's `transactions_open` /
 * `transactions_tag_open`: a few per connector), so the open sessions are read in id order without walking every
 * stopped one (on 1,000,000 transactions the walk took about a second).
 */
const OPEN_SESSION_BY_INDEX = `id IN (SELECT id FROM transactions WHERE stop_received_at IS NULL) AND start_status = 'Accepted'`;

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
  /** Rows to skip; `beforeId` pages without reading the rows before the page (keyset paging). */
  offset?: number;
  /** Only transactions with a smaller id: pass the last id of a page to get the next (older) one. */
  beforeId?: number;
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
      .when(q.active === true, OPEN_SESSION_BY_INDEX)
      // Nearly every row matches (all but the open sessions), so a newest-first page finds its rows at once.
      .when(q.active === false, `NOT (${OPEN_SESSION})`)
      .match('from', q.from, 'start_received_at >= @from')
      .match('to', q.to, 'start_received_at < @to');
    // A period is read as a range of ids found through the start-time index, so a page walks the primary key
    // instead of sorting the period (list-paging.ts).
    for (const bound of idBoundsOfWindow('transactions', 'start_received_at', {
      fromParam: q.from !== undefined ? 'from' : undefined,
      toParam: q.to !== undefined ? 'to' : undefined,
    }))
      filter.when(true, bound);
    return { sql: filter.where, params: filter.params };
  }

  /** Newest first. */
  list(q: TransactionListQuery = {}): TransactionRow[] {
    const { sql, params } = this.where(q);
    if (q.beforeId !== undefined) {
      params.beforeId = q.beforeId;
      return this.db
        .prepare<Record<string, unknown>, TransactionRow>(
          `SELECT * FROM transactions ${sql ? `${sql} AND` : 'WHERE'} id < @beforeId ORDER BY id DESC LIMIT ${this.limit(q)}`,
        )
        .all(params);
    }
    const offset = Math.max(q.offset ?? 0, 0);
    return this.db
      .prepare<Record<string, unknown>, TransactionRow>(`SELECT * FROM transactions ${sql} ORDER BY id DESC LIMIT ${this.limit(q)} OFFSET ${offset}`)
      .all(params);
  }

  /** The matches (the page filters, not `beforeId`), counted up to TOTAL_COUNT_CAP: a whole-table count costs 0.1–2 s at 1,000,000 rows. */
  count(q: TransactionListQuery = {}): CappedCount {
    const { sql, params } = this.where(q);
    return cappedCount(this.db.prepare<Record<string, unknown>, { n: number }>(cappedCountSql('transactions', sql)).get(params)!.n);
  }

  private limit(q: TransactionListQuery): number {
    return Math.min(Math.max(q.limit ?? 100, 1), 10_000);
  }

  /** Matching rows with an id above `afterId`, oldest first: one chunk of an export (keyset paging, no OFFSET). */
  listAfter(q: TransactionListQuery, afterId: number, limit: number): TransactionRow[] {
    const { sql, params } = this.where(q);
    params.afterId = afterId;
    return this.db
      .prepare<Record<string, unknown>, TransactionRow>(
        `SELECT * FROM transactions ${sql ? `${sql} AND` : 'WHERE'} id > @afterId ORDER BY id LIMIT ${Math.max(Math.floor(limit), 1)}`,
      )
      .all(params);
  }

  /** The operator closes a transaction the station never stopped. False when it was already closed. */
  closeByOperator(id: number, note: string, now: string): boolean {
    const closed = this.closeStmt.run({ id, note, now }).changes > 0;
    if (closed) OpenTransactions.of(this.db).closed(id);
    return closed;
  }
}
