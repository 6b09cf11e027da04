import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeBackups } from './backup-files.js';
import { checkDatabaseFile } from './integrity.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { backupBeforeMigration } from './pre-migration-backup.js';
import { registerSqlFunctions } from './sql-functions.js';
import { classifyFsOrSqliteError, classifySqliteError, StorageError } from './storage-error.js';

export type Db = Database.Database;

/** Where better-sqlite3 lives, for worker threads that open their own connections (backups, checkpoints). */
export const SQLITE_DRIVER_PATH = createRequire(import.meta.url).resolve('better-sqlite3');

/** `FULL` survives power cuts as well as crashes; `NORMAL` survives crashes (WAL) and is ~5x cheaper per commit. */
export type SyncMode = 'FULL' | 'NORMAL';

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' for throw-away databases. */
  file: string;
  syncMode: SyncMode;
  /**
   * The caller checked the file already (the central system's start does it in a process of its own, bounded in time:
   * startup-integrity.ts); otherwise an existing file gets PRAGMA quick_check here, before anything writes.
   */
  integrityChecked?: boolean;
  /** Filled with the time of each part of the opening, in ms (the start-up log and the large-database benchmark). */
  timings?: Record<string, number>;
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/**
 * Open (or create) the database: WAL, one writer (this process), foreign keys on, then apply pending migrations.
 * Refuses a database whose applied migrations were edited, or that is newer than this code (never destroy data).
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const timings = options.timings ?? {};
  let mark = performance.now();
  const lap = (part: string) => {
    const now = performance.now();
    timings[part] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  if (options.file !== ':memory:') {
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      // Check before anything writes (README "Backups and restore"); a corrupt file is reported, never repaired or replaced.
      if (!options.integrityChecked && existsSync(options.file) && statSync(options.file).size > 0) {
        const problems = checkDatabaseFile(options.file);
        if (problems.length > 0) throw corruptDatabaseError(options.file, problems);
      }
    } catch (err) {
      throw explainForFile(classifyFsOrSqliteError(err), options.file);
    }
    if (!options.integrityChecked) lap('integrityCheck');
  }
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
    throw explainForFile(classifySqliteError(err), options.file);
  }
  lap('open');
  try {
    // A copy before changing the schema of a database that holds data (a new one has nothing to lose).
    const applied = appliedMigrationCount(db);
    if (options.file !== ':memory:' && applied > 0 && applied < MIGRATIONS.length) backupBeforeMigration(db, options.file, applied);
    applyMigrations(db, MIGRATIONS);
    lap('migrations');
  } catch (err) {
    db.close();
    throw explainForFile(classifySqliteError(err), options.file);
  }
  return db;
}

/** How many migrations the database has applied (its schema version); 0 for a new database. */
export function appliedMigrationCount(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").get();
  return table ? (db.prepare('SELECT COUNT(*) AS n FROM _migrations').get() as { n: number }).n : 0;
}

/** The refusal of a database that failed its integrity check: what was found, that nothing changed, the backups. */
export function corruptDatabaseError(file: string, problems: string[]): StorageError {
  return new StorageError(
    'corrupt',
    [
      `The database ${file} is corrupt (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}).`,
      'It was not changed: nothing is repaired or deleted automatically.',
      describeBackups(dirname(file)),
    ].join('\n'),
  );
}

/** Name the file and say what to do: the operator reads this in a terminal or a dialog, not a stack trace. */
function explainForFile(error: StorageError, file: string): StorageError {
  if (file === ':memory:' || error.message.includes(file)) return error;
  const folder = dirname(file);
  const advice: Partial<Record<StorageError['kind'], string>> = {
    'read-only': `The database ${file} cannot be written (${error.message}). Make the file and its folder ${folder} writable by this user (SQLite also creates ${file}-wal and -shm next to it), or choose another folder with --data-dir.`,
    full: `The disk holding ${file} is full (${error.message}). Free space there and start again; nothing already stored was lost.`,
    corrupt: `The database ${file} is corrupt (${error.message}). It was not changed.\n${describeBackups(folder)}`,
    busy: `The database ${file} is locked by another process (${error.message}). Is another central system running on ${folder}?`,
  };
  const message = advice[error.kind];
  return message ? new StorageError(error.kind, message, { cause: error.cause ?? error }) : error;
}

export function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  // The schema's views call these; SQLite checks views when a migration alters a table.
  registerSqlFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name, sha256 FROM _migrations ORDER BY id').all() as { id: number; name: string; sha256: string }[];
  if (applied.length > migrations.length) {
    throw new StorageError(
      'migration-mismatch',
      `Database was written by a newer version (${applied.length} migrations, this version knows ${migrations.length}); refusing to open it`,
    );
  }
  applied.forEach((row, index) => {
    const migration = migrations[index]!;
    if (row.name !== migration.name || row.sha256 !== migrationHash(migration)) {
      throw new StorageError(
        'migration-mismatch',
        `Applied migration ${row.name} differs from the code's ${migration.name}; refusing to open the database`,
      );
    }
  });
  const insert = db.prepare('INSERT INTO _migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (let index = applied.length; index < migrations.length; index++) {
    const migration = migrations[index]!;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      insert.run(index + 1, migration.name, migrationHash(migration), new Date().toISOString());
    })();
  }
}
