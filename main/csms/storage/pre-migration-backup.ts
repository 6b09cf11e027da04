/**
 * The copy taken before every migration of a database that holds data (README "Backups and restore"). It runs at start, before anything
 * listens, so it may block: `VACUUM INTO` writes a consistent, compacted single-file copy in one statement (SQLite
 * docs lang_vacuum.html "VACUUM INTO"; 1.8 s for a 428 MB database here). If the copy cannot be made and verified,
 * the migration does not run and the database stays as it was.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { backupDir, backupFileName } from './backup-files.js';
import { verifyBackupFile } from './backup-verify.js';
import { classifySqliteError, StorageError } from './storage-error.js';

export function backupBeforeMigration(db: Database.Database, file: string, schemaVersion: number, now = new Date()): string {
  const dir = backupDir(dirname(file));
  const finalPath = join(dir, backupFileName(now, 'pre-migration', schemaVersion));
  const partialPath = `${finalPath}.partial`;
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(partialPath, { force: true });
    db.prepare('VACUUM INTO ?').run(partialPath);
    const check = verifyBackupFile(partialPath);
    if (check.problems.length > 0) throw new Error(`the copy failed its check: ${check.problems.join('; ')}`);
    renameSync(partialPath, finalPath);
    return finalPath;
  } catch (err) {
    removeQuietly(partialPath);
    const cause = classifySqliteError(err);
    throw new StorageError(
      cause.kind === 'full' || cause.kind === 'read-only' ? cause.kind : 'other',
      `Could not back up ${file} into ${dir} before upgrading its schema (${cause.message}); the upgrade was not applied and the database is unchanged.`,
      { cause: err },
    );
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* the folder itself is unusable; the error reported is the first one */
  }
}
