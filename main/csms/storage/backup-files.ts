/**
 * Where backups live and how they are named. Only file names are read here (no SQLite), so listing is cheap and
 * never touches a database file. A name carries everything the list shows:
 * `csms-<UTC time>-<reason>-v<schema version>.sqlite`, e.g. `csms-20250314T020000123Z-auto-v4.sqlite`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';

export type BackupReason = 'auto' | 'manual' | 'pre-migration';

export interface BackupFile {
  name: string;
  path: string;
  sizeBytes: number;
  createdAt: string;
  reason: BackupReason;
  /** Number of migrations applied in the backup (the schema version). */
  schemaVersion: number;
}

const NAME_PATTERN = /^csms-(\d{8}T\d{9}Z)-(auto|manual|pre-migration)-v(\d+)\.sqlite$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** Where the current database is moved when a backup is restored over it (kept, never deleted). */
export function setAsideDir(dataDir: string): string {
  return join(dataDir, 'set-aside');
}

/** `20250314T020000123Z`: sortable, no characters that Windows file names refuse. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseCompactTimestamp(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

export function backupFileName(at: Date, reason: BackupReason, schemaVersion: number): string {
  return `csms-${compactTimestamp(at)}-${reason}-v${schemaVersion}.sqlite`;
}

function parseBackupName(name: string): { createdAt: string; reason: BackupReason; schemaVersion: number } | undefined {
  const m = NAME_PATTERN.exec(name);
  if (!m) return undefined;
  return { createdAt: parseCompactTimestamp(m[1]!), reason: m[2] as BackupReason, schemaVersion: Number(m[3]) };
}

/** Completed backups in `dir`, newest first. Partial files (`.partial`) and foreign files are not listed. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // missing, or not a folder: no backups to offer
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      const path = join(dir, name);
      found.push({ name, path, sizeBytes: statSync(path).size, ...parsed });
    } catch {
      /* removed while listing */
    }
  }
  // The timestamp follows the fixed prefix, so name order is time order.
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * A backup given by the operator: a name from the backups folder, or a path to any SQLite file. Returns the path,
 * or undefined when nothing is there.
 */
export function resolveBackupSource(dataDir: string, nameOrPath: string): string | undefined {
  const inBackups = join(backupDir(dataDir), basename(nameOrPath));
  if (basename(nameOrPath) === nameOrPath && existsSync(inBackups)) return inBackups;
  const asPath = isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
  return existsSync(asPath) ? asPath : undefined;
}

/** Lines for error messages: what backups exist and how to restore one. */
export function describeBackups(dataDir: string, max = 5): string {
  const backups = listBackups(backupDir(dataDir));
  if (backups.length === 0) return `No backups found in ${backupDir(dataDir)}.`;
  const lines = backups.slice(0, max).map((b) => `  ${b.name} (${b.createdAt}, ${(b.sizeBytes / 1_048_576).toFixed(1)} MiB)`);
  return [
    `Backups in ${backupDir(dataDir)} (newest first):`,
    ...lines,
    ...(backups.length > max ? [`  … and ${backups.length - max} older`] : []),
    `Restore one with: npm run serve -- --restore-backup ${backups[0]!.name}` +
      ` (the current database is moved to ${setAsideDir(dataDir)}, not deleted).`,
  ].join('\n');
}
