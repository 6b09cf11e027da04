/**
 * Restoring a backup (README "Backups and restore"). It happens before the database is opened: from the command line
 * (`--restore-backup <name-or-path>`) or staged by the console/API (`restore-pending.json` in the backups folder,
 * applied at the next start). Order, so that no step can lose data:
 *   1. the backup is checked (quick_check, and a schema this code can open) — on failure nothing changes;
 *   2. it is copied with SQLite's backup API (reads through the source's WAL if it has one) to `csms.sqlite.restoring`
 *      and the copy is checked;
 *   3. the current database and its `-wal`/`-shm` are renamed together into `set-aside/` (never deleted; the three
 *      files stay a valid database that any SQLite tool opens);
 *   4. the copy is renamed to `csms.sqlite` (a rename within one folder is atomic).
 * A crash between 3 and 4 is finished at the next start (`csms.sqlite.restoring` without `csms.sqlite`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { backupDir, compactTimestamp, resolveBackupSource, setAsideDir } from './backup-files.js';
import { verifyBackupFile, type BackupCheck } from './backup-verify.js';
import { DataFolderLock } from './data-folder-lock.js';
import { migrationHash } from './database.js';
import { StorageError } from './storage-error.js';
import { MIGRATIONS } from './migrations/index.js';

export interface RestoreOutcome {
  /** The backup restored. */
  source: string;
  /** Where the database that was replaced now lives (null when there was none). */
  setAsidePath: string | null;
  /** `command-line` or `staged` (console/API). */
  origin: 'command-line' | 'staged';
}

export interface PendingRestore {
  backup: string;
  requestedAt: string;
}

function pendingRestoreFile(dataDir: string): string {
  return join(backupDir(dataDir), 'restore-pending.json');
}

export function readPendingRestore(dataDir: string): PendingRestore | null {
  const file = pendingRestoreFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as PendingRestore;
    return typeof value.backup === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Record a restore to apply at the next start (the backup must already have passed checkRestorable). */
export function stageRestore(dataDir: string, backupName: string, now = new Date()): PendingRestore {
  const pending: PendingRestore = { backup: backupName, requestedAt: now.toISOString() };
  mkdirSync(backupDir(dataDir), { recursive: true });
  const file = pendingRestoreFile(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(pending, null, 2));
  renameSync(`${file}.tmp`, file);
  return pending;
}

export function cancelPendingRestore(dataDir: string): boolean {
  const file = pendingRestoreFile(dataDir);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/** Problems that make a checked file unfit to restore; empty when it can be restored. */
export function restoreProblems(check: BackupCheck): string[] {
  if (check.problems.length > 0) return [`it is damaged (${check.problems.slice(0, 3).join('; ')})`];
  if (check.schemaVersion === 0) return ['it is not a database written by this central system (no _migrations table)'];
  if (check.schemaVersion > MIGRATIONS.length)
    return [`it was written by a newer version (schema ${check.schemaVersion}, this version knows ${MIGRATIONS.length})`];
  const mismatch = check.migrationNames.findIndex(
    (name, i) => name !== MIGRATIONS[i]!.name || check.migrationHashes[i] !== migrationHash(MIGRATIONS[i]!),
  );
  if (mismatch >= 0) return [`its migration ${check.migrationNames[mismatch]} differs from this version's`];
  return [];
}

function restoreError(source: string, reason: string): StorageError {
  return new StorageError('restore-failed', `Cannot restore ${source}: ${reason}. The current database was not changed.`);
}

/**
 * Apply a restore if one is asked for (`requested`, from the command line) or staged. Returns what was done, or
 * null when there was nothing to do. Throws StorageError('restore-failed') with the current database untouched.
 */
export async function applyRestoreIfRequested(databaseFile: string, requested: string | undefined, now = new Date()): Promise<RestoreOutcome | null> {
  const dataDir = dirname(databaseFile);
  // Never swap the database under a running central system: the folder must be ours (the start holds it) or free.
  if (DataFolderLock.heldHere(dataDir)) return restoreLocked(databaseFile, requested, now);
  const lock = DataFolderLock.acquire(dataDir, 'restore a backup into');
  try {
    return await restoreLocked(databaseFile, requested, now);
  } finally {
    lock.release();
  }
}

async function restoreLocked(databaseFile: string, requested: string | undefined, now: Date): Promise<RestoreOutcome | null> {
  const dataDir = dirname(databaseFile);
  const restoringPath = `${databaseFile}.restoring`;
  finishInterruptedRestore(databaseFile, restoringPath);
  const pending = requested === undefined ? readPendingRestore(dataDir) : null;
  const wanted = requested ?? pending?.backup;
  if (wanted === undefined) return null;
  const origin = requested !== undefined ? 'command-line' : 'staged';
  try {
    const source = resolveBackupSource(dataDir, wanted);
    if (!source) throw restoreError(wanted, `no such backup in ${backupDir(dataDir)} and no such file`);
    if (source === databaseFile) throw restoreError(wanted, 'it is the database in use');
    const problems = restoreProblems(verifyBackupFile(source));
    if (problems.length > 0) throw restoreError(source, problems.join('; '));

    rmSync(restoringPath, { force: true });
    const reader = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await reader.backup(restoringPath);
    } finally {
      reader.close();
    }
    const copyProblems = restoreProblems(verifyBackupFile(restoringPath));
    if (copyProblems.length > 0) {
      rmSync(restoringPath, { force: true });
      throw restoreError(source, `the copy failed its check (${copyProblems.join('; ')})`);
    }
    const setAsidePath = ['', '-wal', '-shm'].some((suffix) => existsSync(databaseFile + suffix)) ? setAsideTarget(databaseFile, now) : null;
    // From here the restore is finished forward even after a crash: the intent names where the current files go.
    writeFileSync(intentFile(databaseFile), JSON.stringify({ setAsidePath }));
    completeRestore(databaseFile, setAsidePath);
    if (pending) cancelPendingRestore(dataDir);
    return { source, setAsidePath, origin };
  } catch (err) {
    // Once the intent is written the copy is needed to finish the restore at the next start.
    if (!existsSync(intentFile(databaseFile))) rmSync(restoringPath, { force: true });
    // A staged restore that cannot be applied must not stop every later start: keep the request, renamed.
    if (pending) renameSync(pendingRestoreFile(dataDir), `${pendingRestoreFile(dataDir)}.failed-${compactTimestamp(now)}`);
    if (err instanceof StorageError) throw err;
    throw restoreError(wanted, (err as Error).message);
  }
}

function intentFile(databaseFile: string): string {
  return `${databaseFile}.restore-intent.json`;
}

function setAsideTarget(databaseFile: string, now: Date): string {
  const dir = setAsideDir(dirname(databaseFile));
  mkdirSync(dir, { recursive: true });
  return join(dir, `${basename(databaseFile, '.sqlite')}-${compactTimestamp(now)}-before-restore.sqlite`);
}

/**
 * Move the current database and its WAL/SHM together to `setAsidePath` (a WAL separated from its database loses
 * commits, and a stale WAL next to the restored file would be replayed into it), then put the verified copy in
 * place. Idempotent: each step checks what is still to do, so an interrupted restore is completed by running it again.
 */
function completeRestore(databaseFile: string, setAsidePath: string | null): void {
  const restoringPath = `${databaseFile}.restoring`;
  if (setAsidePath)
    for (const suffix of ['-wal', '-shm', '']) if (existsSync(databaseFile + suffix)) renameSync(databaseFile + suffix, setAsidePath + suffix);
  if (existsSync(restoringPath)) renameSync(restoringPath, databaseFile);
  rmSync(intentFile(databaseFile), { force: true });
}

function finishInterruptedRestore(databaseFile: string, restoringPath: string): void {
  if (existsSync(intentFile(databaseFile))) {
    const intent = JSON.parse(readFileSync(intentFile(databaseFile), 'utf8')) as { setAsidePath: string | null };
    completeRestore(databaseFile, intent.setAsidePath);
  } else rmSync(restoringPath, { force: true }); // a copy that was never used: a duplicate of a backup
}
