/**
 * What the disk budget may delete, in its order (README "Disk budget"):
 * 1. the oldest message-log rows, except those an open transaction needs: the rows of its station from its start on
 *    (the record of what the session did so far);
 * 2. only when the operator allowed it (`meterDetailPruneAfterMonths` > 0), the meter readings of transactions that
 *    ended more than that many months ago, oldest transaction first. The transaction row stays with its totals
 *    (meter start and stop, last reading, last power), so sessions, energy and billing figures remain.
 * Never: transactions, readings of open transactions or of those that ended recently, readings outside a
 * transaction, stations, id tags, settings, backups.
 */
import type { Db } from './database.js';
import { invalidateCachedRows } from './write-caches.js';

/**
 * A StartTransaction's own frame is logged when it arrives, a moment before the handler stamps the transaction's
 * start; this margin keeps that frame with the rows the open transaction needs.
 */
const OPEN_TX_MARGIN = '-60 seconds';

export interface PrunableSummary {
  /**
   * Message-log rows the budget may delete now: the id range from the oldest such row to the newest row (rows are
   * only ever deleted oldest first, so that range is dense) minus the kept rows in it. Counting a log of millions
   * of rows row by row would stall the thread that answers stations.
   */
  messageLogRows: number;
  /** Rows kept for open transactions (counted exactly: only the rows since each open transaction's start). */
  messageLogProtectedRows: number;
  oldestMessageLogAt: string | null;
  /** Ended transactions older than the cutoff that still have meter readings (0 when not allowed). */
  meterDetailTransactions: number;
  meterDetailReadings: number;
  /** Transactions that ended before this time may lose their readings (null when not allowed). */
  meterDetailCutoff: string | null;
}

export class BudgetPruning {
  private readonly deleteLogStmt;
  private readonly idRangeStmt;
  private readonly countBelowStmt;
  private readonly openStartsStmt;
  private readonly atOfStmt;
  private readonly countSinceStmt;
  private readonly oldestLogStmt;
  private readonly oldTxStmt;
  private readonly deleteReadingsStmt;
  private readonly countDetailStmt;

  constructor(private readonly db: Db) {
    // message_log keeps times in ms and the station as a key (migration 0011); transactions keep ISO text.
    const unprotected = `NOT EXISTS (SELECT 1 FROM transactions t WHERE t.stop_received_at IS NULL
         AND t.charge_point_id = (SELECT name FROM message_log_names WHERE id = m.station)
         AND m.at >= CAST(unixepoch(t.start_received_at, 'subsec', '${OPEN_TX_MARGIN}') * 1000 AS INTEGER))`;
    const isoAt = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
    this.deleteLogStmt = db.prepare(
      `DELETE FROM message_log WHERE id IN (SELECT m.id FROM message_log m WHERE ${unprotected} ORDER BY m.id LIMIT @batch)`,
    );
    this.idRangeStmt = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM message_log');
    this.openStartsStmt = db.prepare<[], { cp: string; since: string }>(
      `SELECT charge_point_id AS cp, strftime('%Y-%m-%dT%H:%M:%fZ', MIN(start_received_at), '${OPEN_TX_MARGIN}') AS since
       FROM transactions WHERE stop_received_at IS NULL GROUP BY charge_point_id`,
    );
    this.atOfStmt = db.prepare<[number], { id: number; at: string }>(
      `SELECT id, ${isoAt('at')} AS at FROM message_log WHERE id >= ? ORDER BY id LIMIT 1`,
    );
    this.countSinceStmt = db.prepare<{ cp: string; fromId: number; since: string }, { n: number }>(
      `SELECT COUNT(*) AS n FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = @cp) AND id >= @fromId
         AND at >= CAST(unixepoch(@since, 'subsec') * 1000 AS INTEGER)`,
    );
    this.oldestLogStmt = db.prepare<[], { id: number; at: string }>(
      `SELECT m.id, ${isoAt('m.at')} AS at FROM message_log m WHERE ${unprotected} ORDER BY m.id LIMIT 1`,
    );
    this.countBelowStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM message_log WHERE id < ?');
    this.oldTxStmt = db.prepare<{ cutoff: string; afterId: number; batch: number }, { id: number }>(
      `SELECT id FROM transactions WHERE stop_received_at IS NOT NULL AND stop_received_at < @cutoff AND id > @afterId
         AND EXISTS (SELECT 1 FROM meter_readings r WHERE r.transaction_id = transactions.id)
       ORDER BY id LIMIT @batch`,
    );
    this.deleteReadingsStmt = db.prepare<[number]>('DELETE FROM meter_readings WHERE transaction_id = ?');
    this.countDetailStmt = db.prepare<{ cutoff: string }, { transactions: number; readings: number }>(
      `SELECT COUNT(DISTINCT r.transaction_id) AS transactions, COUNT(*) AS readings FROM meter_readings r JOIN transactions t ON t.id = r.transaction_id
       WHERE t.stop_received_at IS NOT NULL AND t.stop_received_at < @cutoff`,
    );
  }

  /** Delete up to `batch` of the oldest message-log rows no open transaction needs; returns how many went. */
  deleteOldestMessageLog(batch: number): number {
    return this.deleteLogStmt.run({ batch }).changes;
  }

  /**
   * Delete the meter readings of up to `batch` transactions that ended before `cutoff` (ISO time), oldest first,
   * after transaction id `afterId`. Returns the readings deleted and the last transaction id done (the next cursor).
   */
  deleteMeterDetail(cutoff: string, afterId: number, batch: number): { readings: number; transactions: number; lastId: number } {
    const ids = this.oldTxStmt.all({ cutoff, afterId, batch });
    let readings = 0;
    for (const { id } of ids) readings += this.deleteReadingsStmt.run(id).changes;
    // A late reading of one of these transactions must not be stored against a key just deleted.
    if (readings > 0) invalidateCachedRows(this.db);
    return { readings, transactions: ids.length, lastId: ids.length ? ids[ids.length - 1]!.id : afterId };
  }

  /**
   * The first id whose row was logged at or after `since`, by bisecting the id range (ids grow with time); rows
   * from a clock set back are only counted from there, a display figure, while deleting checks every row.
   */
  private firstIdSince(lo: number, hi: number, since: string): number {
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.atOfStmt.get(mid);
      if (!row || row.at >= since) hi = mid;
      else lo = row.id + 1;
    }
    return lo;
  }

  summary(meterDetailCutoff: string | null): PrunableSummary {
    const range = this.idRangeStmt.get()!;
    let kept = 0;
    if (range.lo !== null && range.hi !== null) {
      for (const open of this.openStartsStmt.all()) {
        const fromId = this.firstIdSince(range.lo, range.hi + 1, open.since);
        kept += this.countSinceStmt.get({ cp: open.cp, fromId, since: open.since })!.n;
      }
    }
    const oldest = this.oldestLogStmt.get();
    // Every row below the oldest prunable one is a kept row.
    const keptBelow = oldest ? this.countBelowStmt.get(oldest.id)!.n : kept;
    const prunable = oldest && range.hi !== null ? Math.max(0, range.hi - oldest.id + 1 - (kept - keptBelow)) : 0;
    const detail = meterDetailCutoff ? this.countDetailStmt.get({ cutoff: meterDetailCutoff })! : { transactions: 0, readings: 0 };
    return {
      messageLogRows: prunable,
      messageLogProtectedRows: kept,
      oldestMessageLogAt: oldest?.at ?? null,
      meterDetailTransactions: detail.transactions,
      meterDetailReadings: detail.readings,
      meterDetailCutoff,
    };
  }
}

/** The time before which ended transactions may lose their readings, `months` calendar months before `now`. */
export function meterDetailCutoff(now: Date, months: number): string | null {
  if (months <= 0) return null;
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff.toISOString();
}
