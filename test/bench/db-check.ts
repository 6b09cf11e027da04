/**
 * "Nothing acknowledged is lost": after the central system's process was SIGKILLed (no graceful shutdown, no
 * final flush), open its database and compare what is stored with what the generator got replies for.
 */
import Database from 'better-sqlite3';
import type { BenchAction } from './load/traffic.js';
import type { Totals } from './load/fleet.js';

export interface StoredCheck {
  /** Per action: CALLRESULTs the generator received vs CALLRESULTs stored in the message log. */
  perAction: Record<string, { acked: number; stored: number; lost: number }>;
  transactions: { ackedStarts: number; stored: number; ackedStops: number; storedStops: number };
  /** Rows of meter_readings: one per stored meterValue (not per sampledValue, since migration 0005). */
  meterReadingRows: number;
  messageLogRows: number;
  lost: number;
  pageBytes: number;
}

export function checkStored(dbFile: string, totals: Record<BenchAction, Totals>): StoredCheck {
  // Opened read-write so SQLite recovers the WAL the killed process left behind.
  const db = new Database(dbFile);
  try {
    const results = new Map(
      // Our CALLRESULTs to the stations' CALLs: the second frame of rows the station opened (migration 0011).
      (
        db
          .prepare(
            `SELECT n.name AS action, COUNT(*) AS n FROM message_log m JOIN message_log_names n ON n.id = m.action
             WHERE m.outbound = 0 AND m.answer_type = 3 GROUP BY m.action`,
          )
          .all() as {
          action: string;
          n: number;
        }[]
      ).map((row) => [row.action, row.n]),
    );
    const perAction: StoredCheck['perAction'] = {};
    let lost = 0;
    for (const [action, figures] of Object.entries(totals)) {
      if (figures.sent === 0) continue;
      const stored = results.get(action) ?? 0;
      const missing = Math.max(0, figures.results - stored);
      perAction[action] = { acked: figures.results, stored, lost: missing };
      lost += missing;
    }
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const transactions = {
      ackedStarts: totals.StartTransaction.results,
      stored: count('SELECT COUNT(*) AS n FROM transactions'),
      ackedStops: totals.StopTransaction.results,
      storedStops: count(`SELECT COUNT(*) AS n FROM transactions WHERE ended_by = 'station'`),
    };
    lost += Math.max(0, transactions.ackedStarts - transactions.stored) + Math.max(0, transactions.ackedStops - transactions.storedStops);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    return {
      perAction,
      transactions,
      meterReadingRows: count('SELECT COUNT(*) AS n FROM meter_readings'),
      messageLogRows: count('SELECT COUNT(*) AS n FROM message_log'),
      lost,
      pageBytes: pageSize * pageCount,
    };
  } finally {
    db.close();
  }
}
