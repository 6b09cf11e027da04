import Database from 'better-sqlite3';

/**
 * Call `onRead` with the SQL (whitespace collapsed) of every statement that returns rows on this thread's
 * better-sqlite3 connections (`get`, `all`, `iterate`), until the returned function is called. Writes run with
 * `get()` (an INSERT … RETURNING) are left out: only SELECT and WITH count. Other threads (the reader worker) have
 * their own copy of the module and are not seen.
 */
export function watchStatementReads(onRead: (sql: string) => void): () => void {
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  const restore: Array<() => void> = [];
  for (const method of ['get', 'all', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      const sql = this.source.replace(/\s+/g, ' ').trim();
      if (/^(SELECT|WITH)\b/i.test(sql)) onRead(sql);
      return original.apply(this, args);
    };
    restore.push(() => (statementProto[method] = original));
  }
  return () => {
    for (const undo of restore) undo();
  };
}
