import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** `FULL` survives power cuts as well as crashes; `NORMAL` survives crashes (WAL) and is ~5x cheaper per commit. */
export type SyncMode = 'FULL' | 'NORMAL';

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' for throw-away databases. */
  file: string;
  syncMode: SyncMode;
}

/** Typed storage failures, so callers can tell the operator what is wrong instead of "SQLITE_xxx". */
export class StorageError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'read-only' | 'full' | 'busy' | 'migration-mismatch' | 'other',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export function classifySqliteError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StorageError('corrupt', `Database is corrupt: ${message}`, { cause: err });
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new StorageError('read-only', `Database cannot be written: ${message}`, { cause: err });
  if (code === 'SQLITE_FULL') return new StorageError('full', `Disk is full: ${message}`, { cause: err });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StorageError('busy', `Database is locked: ${message}`, { cause: err });
  return new StorageError('other', message, { cause: err });
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/**
 * Open (or create) the database: WAL, one writer (this process), foreign keys on, then apply pending migrations.
 * Refuses a database whose applied migrations were edited, or that is newer than this code (never destroy data).
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  let db: Db;
  try {
    db = new Database(options.file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.syncMode}`);
    db.pragma('foreign_keys = ON');
    // Another process (a backup, the CLI) may briefly hold the lock; wait instead of failing at once.
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -16000');
  } catch (err) {
    throw classifySqliteError(err);
  }
  try {
    applyMigrations(db, MIGRATIONS);
  } catch (err) {
    db.close();
    throw classifySqliteError(err);
  }
  return db;
}

export function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name, sha256 FROM _migrations ORDER BY id').all() as { id: number; name: string; sha256: string }[];
  if (applied.length > migrations.length) {
    throw new StorageError('migration-mismatch', `Database was written by a newer version (${applied.length} migrations, this version knows ${migrations.length}); refusing to open it`);
  }
  applied.forEach((row, index) => {
    const migration = migrations[index]!;
    if (row.name !== migration.name || row.sha256 !== migrationHash(migration)) {
      throw new StorageError('migration-mismatch', `Applied migration ${row.name} differs from the code's ${migration.name}; refusing to open the database`);
    }
  });
  const insert = db.prepare('INSERT INTO _migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (let index = applied.length; index < migrations.length; index++) {
    const migration = migrations[index]!;
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(index + 1, migration.name, migrationHash(migration), new Date().toISOString());
    })();
  }
}
