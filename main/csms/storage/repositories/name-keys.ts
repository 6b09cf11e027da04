import type { Db } from '../database.js';
import { onCachedRowsInvalid, perConnection } from '../write-caches.js';

/**
 * Station ids and action names are stored once, in `message_log_names` (migration 0011), and rows that repeat them
 * for every message (message log, meter readings, status changes: migration 0018) hold the name's integer key: one
 * to three bytes instead of the whole id in the row and again in its index. The keys a connection has used are kept
 * in memory, shared by all its repositories, so a message costs no lookup.
 */
export class NameKeys {
  private readonly keys = new Map<string, number>();
  private readonly selectStmt;
  private readonly insertStmt;

  private constructor(db: Db) {
    // A key added in a batch that is undone is gone again: forget them all (write-caches.ts).
    onCachedRowsInvalid(db, () => this.keys.clear());
    this.selectStmt = db.prepare<[string], { id: number }>('SELECT id FROM message_log_names WHERE name = ?');
    this.insertStmt = db.prepare<[string]>('INSERT INTO message_log_names (name) VALUES (?)');
  }

  /** The key of a station id or action, added on first use (in the caller's transaction). Names are never deleted. */
  keyOf(name: string): number {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = this.selectStmt.get(name)?.id ?? Number(this.insertStmt.run(name).lastInsertRowid);
      this.keys.set(name, key);
    }
    return key;
  }

  /** The one cache of this connection. */
  static readonly of = perConnection((db) => new NameKeys(db));
}
