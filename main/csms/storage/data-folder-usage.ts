/**
 * What takes the space in the data folder, and how much room the disk under it has left. The database file never
 * shrinks when rows are deleted: SQLite keeps the freed pages on its freelist and fills them with new rows first
 * (fileformat2.html "The Freelist"). So the space that counts against the budget is the folder's files minus those
 * reusable pages: that is what pruning frees, and what new data fills before the file grows again.
 */
import { readdirSync, statfsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DataFolderBreakdown, DiskSpace } from '../../../shared/api/storage.js';
import type { Db } from './database.js';

export type { DiskSpace };

/** The breakdown the operator API shows, and the totals the budget is checked against. */
export interface DataFolderUsage extends DataFolderBreakdown {
  /** Every file under the data folder, in bytes. */
  totalBytes: number;
  /** What counts against the budget: totalBytes minus the database's reusable pages. */
  usedBytes: number;
}

/** Sum of file sizes below `dir` (symbolic links are not followed: what they point to is not in the folder). */
function folderBytes(dir: string, onFile?: (path: string, bytes: number) => void): number {
  let sum = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sum += folderBytes(path, onFile);
    else if (entry.isFile()) {
      try {
        const bytes = statSync(path).size;
        sum += bytes;
        onFile?.(path, bytes);
      } catch {
        /* removed meanwhile (a rotated backup, a finished upload) */
      }
    }
  }
  return sum;
}

/** The database's reusable pages, in bytes (PRAGMA freelist_count × page_size). */
function reusableDatabaseBytes(db: Db): number {
  return (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

/** The database's pages that hold data, in bytes: what deleting rows lowers. */
export function liveDatabaseBytes(db: Db): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
}

export function measureDataFolder(dataDir: string, dbFile: string, db: Db): DataFolderUsage {
  const usage: DataFolderUsage = {
    totalBytes: 0,
    usedBytes: 0,
    databaseBytes: 0,
    reusableBytes: 0,
    walBytes: 0,
    backupsBytes: 0,
    backupCount: 0,
    uploadedFilesBytes: 0,
    otherBytes: 0,
  };
  const dbName = relative(dataDir, dbFile);
  usage.totalBytes = folderBytes(dataDir, (path, bytes) => {
    const rel = relative(dataDir, path);
    const top = rel.split(sep)[0];
    if (rel === dbName) usage.databaseBytes += bytes;
    else if (rel === `${dbName}-wal` || rel === `${dbName}-shm`) usage.walBytes += bytes;
    else if (top === 'backups') {
      usage.backupsBytes += bytes;
      if (rel.endsWith('.sqlite')) usage.backupCount++;
    } else if (top === 'files') usage.uploadedFilesBytes += bytes;
    else usage.otherBytes += bytes;
  });
  usage.reusableBytes = db.open ? Math.min(reusableDatabaseBytes(db), usage.databaseBytes) : 0;
  usage.usedBytes = usage.totalBytes - usage.reusableBytes;
  return usage;
}

/** Free space for this user and size of the file system that holds `dir`. */
export function diskSpace(dir: string): DiskSpace {
  const stats = statfsSync(dir);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}
