import type { Db } from '../database.js';

/** Key/value settings persisted as JSON, so the console can change them at run time. */
export class SettingsStore {
  private readonly getAllStmt;
  private readonly setStmt;

  constructor(private readonly db: Db) {
    this.getAllStmt = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  readAll(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of this.getAllStmt.all()) {
      try {
        out[row.key] = JSON.parse(row.value);
      } catch {
        /* a corrupt value falls back to the default */
      }
    }
    return out;
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
