import type Database from 'better-sqlite3';
import type { Db } from './database.js';
import { invalidateCachedRows } from './write-caches.js';

/**
 * A named SQLite savepoint as three prepared statements. `db.exec('SAVEPOINT u17')` parses SQL on every call and
 * better-sqlite3's `db.transaction(fn)` builds four wrapper functions per call; both showed in the saturation
 * profile (README "Performance"). One name is enough: savepoints nest by name, and ROLLBACK TO / RELEASE act on the innermost
 * one with that name (lang_savepoint.html), which is always the one this code opened last.
 */
export class Savepoint {
  private readonly open: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;

  constructor(
    private readonly db: Db,
    name: string,
  ) {
    this.open = db.prepare(`SAVEPOINT ${name}`);
    this.release = db.prepare(`RELEASE ${name}`);
    this.rollbackTo = db.prepare(`ROLLBACK TO ${name}`);
  }

  begin(): void {
    this.open.run();
  }

  commit(): void {
    this.release.run();
  }

  /** Undo everything since begin() and close the savepoint. Throws if the enclosing transaction is gone. */
  rollback(): void {
    invalidateCachedRows(this.db);
    this.rollbackTo.run();
    this.release.run();
  }

  /** Run `work` inside the savepoint: kept when it returns, undone when it throws (the error is rethrown). */
  run<T>(work: () => T): T {
    this.begin();
    let result: T;
    try {
      result = work();
    } catch (err) {
      try {
        this.rollback();
      } catch {
        /* the whole transaction was rolled back by SQLite; the caller's error handling sees that */
      }
      throw err;
    }
    this.commit();
    return result;
  }
}
