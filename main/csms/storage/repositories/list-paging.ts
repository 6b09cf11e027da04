/**
 * What the operator's lists share so that they stay fast on years of data (README "Performance", large database):
 * a count that stops at a cap, and a time window turned into bounds on the id.
 */

/** Lists count their matches up to this many; beyond it the answer says "more than" (`totalCapped`). */
export const TOTAL_COUNT_CAP = 10_000;

/** A count that read at most `TOTAL_COUNT_CAP + 1` matches. */
export interface CappedCount {
  total: number;
  /** There are more matches than `total`. */
  capped: boolean;
}

/** The SQL of a count of `FROM table WHERE ...` that stops after the cap (the inner LIMIT bounds the read). */
export function cappedCountSql(table: string, where: string): string {
  return `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} ${where} LIMIT ${TOTAL_COUNT_CAP + 1})`;
}

export function cappedCount(n: number): CappedCount {
  return n > TOTAL_COUNT_CAP ? { total: TOTAL_COUNT_CAP, capped: true } : { total: n, capped: false };
}

/**
 * Conditions on `id` that hold for every row whose `column` lies in a time window, read from the index on `column`
 * (only the window's index entries are read): ids from the smallest to the largest id of the rows in the window
 * (a bound only on the sides the window has). A list newest first then walks the primary key inside those
 * bounds and stops after its page, instead of sorting the whole window; a window with fewer rows than a page ends
 * the walk at its bound rather than at the oldest row of the table. The window's own conditions stay in the query:
 * the bounds only narrow the walk, so rows written while the clock was set back are neither lost nor added.
 * `fromParam` / `toParam` name the SQL parameters of the window's start and end, when given.
 */
export function idBoundsOfWindow(table: string, column: string, window: { fromParam?: string; toParam?: string }): string[] {
  const inWindow = [window.fromParam && `${column} >= @${window.fromParam}`, window.toParam && `${column} < @${window.toParam}`]
    .filter(Boolean)
    .join(' AND ');
  const bounds: string[] = [];
  if (window.fromParam) bounds.push(`id >= (SELECT MIN(id) FROM ${table} WHERE ${inWindow})`);
  if (window.toParam) bounds.push(`id <= (SELECT MAX(id) FROM ${table} WHERE ${inWindow})`);
  return bounds;
}
