/**
 * Checks a backup file before it is trusted (listed, rotated against, or restored): it opens, passes quick_check,
 * and its schema is one this code can open.
 */
import Database from 'better-sqlite3';
import { isCorruptionError, quickCheckProblems } from './integrity.js';

export interface BackupCheck {
  /** Empty when the file is a sound database. */
  problems: string[];
  /** Applied migrations; 0 when the file has no `_migrations` table. */
  schemaVersion: number;
  /** Names of the applied migrations, in order (to compare with the code's). */
  migrationNames: string[];
  migrationHashes: string[];
}

/** Synchronous: for start-up paths and small files. The running server verifies in a worker (backup-worker.ts). */
export function verifyBackupFile(file: string): BackupCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = quickCheckProblems(db);
    if (problems.length > 0) return { problems, schemaVersion: 0, migrationNames: [], migrationHashes: [] };
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").get();
    const rows = hasTable ? (db.prepare('SELECT name, sha256 FROM _migrations ORDER BY id').all() as { name: string; sha256: string }[]) : [];
    return { problems: [], schemaVersion: rows.length, migrationNames: rows.map((r) => r.name), migrationHashes: rows.map((r) => r.sha256) };
  } catch (err) {
    if (isCorruptionError(err)) return { problems: [(err as Error).message], schemaVersion: 0, migrationNames: [], migrationHashes: [] };
    throw err;
  } finally {
    db?.close();
  }
}
