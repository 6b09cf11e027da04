/**
 * One central system per data folder. Two servers writing one database would each answer stations from their own
 * idea of open transactions and last-heard times, so a second start on the same folder is refused, with the
 * holder's PID in the message.
 *
 * The lock is SQLite's own file locking on `<data folder>/csms.lock`, a tiny database: the holder keeps a RESERVED
 * lock (an open `BEGIN IMMEDIATE`) for as long as it runs. The operating system drops it when the process ends,
 * however it ends (crash, SIGKILL, power cut), so there is no stale lock to clean up, and it works the same on
 * Linux, macOS and Windows. RESERVED still lets others read, so a refused start reads who holds the folder from the
 * `holder` row. Connections of one process exclude each other too (SQLite tracks them per file), so a second
 * central system in the same process is refused as well.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseFile } from '../config/app-paths.js';
import type { Db } from './database.js';
import { classifyFsOrSqliteError, StorageError } from './storage-error.js';

const DATA_FOLDER_LOCK_FILE = 'csms.lock';

/** Who holds a data folder, as written by the holder when it took the lock. */
export interface DataFolderHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** A data folder is held by another central system (or a restore); `holder` is null when it could not be read. */
export class DataFolderInUseError extends StorageError {
  constructor(
    readonly dataDir: string,
    readonly holder: DataFolderHolder | null,
    message: string,
  ) {
    super('in-use', message);
    this.name = 'DataFolderInUseError';
  }
}

/** Locks held by this process, by resolved folder: a restore run inside a start reuses the start's lock. */
const heldHere = new Map<string, DataFolderLock>();

const COMMAND_SHOWN_CHARS = 200;

export class DataFolderLock {
  private released = false;

  private constructor(
    readonly dataDir: string,
    private readonly db: Db,
  ) {}

  /**
   * Take the folder for this process, or throw DataFolderInUseError naming the holder. `doing` completes the
   * sentence "Cannot … while it is in use" (e.g. "start a central system on", "restore a backup into").
   */
  static acquire(dataDir: string, doing = 'start a central system on'): DataFolderLock {
    const folder = resolve(dataDir);
    const file = join(folder, DATA_FOLDER_LOCK_FILE);
    let db: Db;
    try {
      mkdirSync(folder, { recursive: true });
      db = new Database(file);
    } catch (err) {
      throw lockFileError(folder, err);
    }
    try {
      // No waiting: the holder keeps its lock for as long as it runs.
      db.pragma('busy_timeout = 0');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL, command TEXT NOT NULL)');
      const me: DataFolderHolder = {
        pid: process.pid,
        host: hostname(),
        startedAt: new Date().toISOString(),
        command: process.argv.join(' ').slice(0, COMMAND_SHOWN_CHARS),
      };
      db.exec('BEGIN IMMEDIATE');
      db.prepare('DELETE FROM holder').run();
      db.prepare('INSERT INTO holder (pid, host, started_at, command) VALUES (?, ?, ?, ?)').run(me.pid, me.host, me.startedAt, me.command);
      db.exec('COMMIT');
      // Held from here until release() or the end of the process.
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      const busy = String((err as { code?: string }).code ?? '').startsWith('SQLITE_BUSY');
      const holder = busy ? readHolder(db) : null;
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      if (!busy) throw lockFileError(folder, err);
      throw inUseError(folder, holder, doing);
    }
    const lock = new DataFolderLock(folder, db);
    heldHere.set(folder, lock);
    return lock;
  }

  /** The lock this process holds on `dataDir`, if any. */
  static heldHere(dataDir: string): DataFolderLock | undefined {
    return heldHere.get(resolve(dataDir));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (heldHere.get(this.dataDir) === this) heldHere.delete(this.dataDir);
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

function readHolder(db: Db): DataFolderHolder | null {
  try {
    const row = db.prepare('SELECT pid, host, started_at AS startedAt, command FROM holder LIMIT 1').get() as DataFolderHolder | undefined;
    return row ?? null;
  } catch {
    return null;
  }
}

/** The lock file cannot be written: the same advice as for the database, which lives in the same folder. */
function lockFileError(folder: string, err: unknown): StorageError {
  const error = classifyFsOrSqliteError(err);
  const lockFile = join(folder, DATA_FOLDER_LOCK_FILE);
  const detail = (err as Error).message ?? String(err);
  if (error.kind === 'read-only')
    return new StorageError(
      'read-only',
      `The data folder ${folder} is not writable (its lock file ${lockFile}: ${detail}). Make the folder, ${databaseFile(folder)} and ${lockFile} writable by this user, or choose another folder with --data-dir.`,
      { cause: err },
    );
  if (error.kind === 'full')
    return new StorageError('full', `The disk holding ${folder} is full (${detail}). Free space there and start again.`, { cause: err });
  return new StorageError(error.kind, `Cannot lock the data folder ${folder} (${lockFile}: ${detail}).`, { cause: err });
}

function inUseError(folder: string, holder: DataFolderHolder | null, doing: string): DataFolderInUseError {
  const who = holder
    ? `PID ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}${holder.pid === process.pid ? ' (this process)' : ''}, started ${holder.startedAt}: ${holder.command}`
    : 'a process whose details could not be read';
  return new DataFolderInUseError(
    folder,
    holder,
    `Cannot ${doing} the data folder ${folder}: it is in use by another central system (${who}). ` +
      'One central system per data folder: stop that one first, or choose another folder with --data-dir.',
  );
}
