import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { API_TOKEN_SETTING } from '../api/token.js';
import { databaseFile } from '../csms/config/app-paths.js';

/**
 * `--show-token`: the stored API token, read from the database without starting anything (so it works while the
 * service runs), for operators whose server runs as a service and therefore never prints the token to its log.
 */
export function readStoredApiToken(dataDir: string): string | null {
  const file = databaseFile(dataDir);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(API_TOKEN_SETTING) as { value: string } | undefined;
    if (!row) return null;
    const value = JSON.parse(row.value) as unknown;
    return typeof value === 'string' ? value : null;
  } finally {
    db.close();
  }
}
