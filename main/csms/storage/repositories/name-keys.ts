import type { Db } from '../database.js';
import { LoadedAtFirstUse, perConnection } from '../write-caches.js';

/**
 * Station ids and action names are stored once, in `message_log_names` (migration 0011), and rows that repeat them
 * for every message (message log, meter readings, status changes: migration 0018) hold the name's integer key: one
 * to three bytes instead of the whole id in the row and again in its index. All keys are held in memory, shared by
 * all the connection's repositories and loaded whole at the first use (one read, not one per station at its first
 * message), so a message costs no lookup, and a new name only its insert.
 */
export class NameKeys extends LoadedAtFirstUse {
  private readonly keys = new Map<string, number>();
  private readonly allStmt;
  private readonly insertStmt;

  private constructor(db: Db) {
    // A key added in a batch that is undone is gone again: read them all again then (write-caches.ts).
    super(db);
    this.allStmt = db.prepare<[], [string, number]>('SELECT name, id FROM message_log_names').raw();
    this.insertStmt = db.prepare<[string]>('INSERT INTO message_log_names (name) VALUES (?)');
  }

  /** The key of a station id or action, added on first use (in the caller's transaction). Names are never deleted. */
  keyOf(name: string): number {
    this.ensureLoaded();
    let key = this.keys.get(name);
    if (key === undefined) {
      key = Number(this.insertStmt.run(name).lastInsertRowid);
      this.keys.set(name, key);
    }
    return key;
  }

  protected load(): void {
    this.keys.clear();
    for (const [name, id] of this.allStmt.all()) this.keys.set(name, id);
  }

  /** The one cache of this connection. */
  static readonly of = perConnection((db) => new NameKeys(db));
}
