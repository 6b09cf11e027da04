import type { BackupFile } from '../storage/backup-files.js';
import type { BackupService, BackupStatus } from '../storage/backup.js';
import { startWorkerJob } from '../storage/backup-worker.js';
import { appliedMigrationCount, type Db } from '../storage/database.js';
import type { DiskBudget, DiskBudgetStatus, StorageAlert } from '../storage/disk-budget.js';
import { cancelPendingRestore, readPendingRestore, restoreProblems, stageRestore, type PendingRestore } from '../storage/restore.js';
import type { StartupIntegrityCheck } from '../storage/startup-integrity.js';
import { StorageError } from '../storage/storage-error.js';

export type { BackupFile };

/** A storage failure told in words, with its kind (corrupt, read-only, full, ...), for the operator. */
export class DataFolderError extends Error {
  constructor(
    readonly kind: StorageError['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'DataFolderError';
  }
}

function told(err: unknown): never {
  if (err instanceof StorageError) throw new DataFolderError(err.kind, err.message);
  throw err;
}

/**
 * The data folder as the operator manages it: backups (made online, listed, downloaded), a restore staged for the
 * next start (restoring needs the database closed, storage/restore.ts), and the disk budget with its alerts.
 */
export class DataFolder {
  constructor(
    readonly dataDir: string,
    private readonly db: Db,
    private readonly backups: BackupService,
    private readonly diskBudget: DiskBudget,
    private readonly integrity?: StartupIntegrityCheck,
  ) {}

  get backupDir(): string {
    return this.backups.dir;
  }

  listBackups(): BackupFile[] {
    return this.backups.list();
  }

  /** Only names the list shows: a path or `..` never reaches the file system. */
  findBackup(name: string): BackupFile | undefined {
    return this.backups.list().find((b) => b.name === name);
  }

  backupStatus(): BackupStatus {
    return this.backups.status();
  }

  /** Throws DataFolderError when the backup fails. */
  createBackup(): Promise<BackupFile> {
    return this.backups.create('manual').catch(told);
  }

  /** The number of migrations applied to the open database. */
  schemaVersion(): number {
    return appliedMigrationCount(this.db);
  }

  pendingRestore(): PendingRestore | null {
    return readPendingRestore(this.dataDir);
  }

  /**
   * Stage `backup` for the next start, after checking it (in a worker: quick_check reads the whole file) so the
   * operator hears about a bad backup before restarting; it is checked again when applied. The problems when it
   * cannot be restored; throws DataFolderError when it cannot be read.
   */
  async stageRestore(backup: BackupFile): Promise<{ problems: string[] } | { staged: PendingRestore }> {
    const check = await startWorkerJob(null, backup.path).result.catch(told);
    const problems = restoreProblems(check);
    if (problems.length > 0) return { problems };
    return { staged: stageRestore(this.dataDir, backup.name) };
  }

  /** False when no restore was staged. */
  cancelRestore(): boolean {
    return cancelPendingRestore(this.dataDir);
  }

  diskStatus(): DiskBudgetStatus {
    return this.diskBudget.status();
  }

  /** The disk budget's alerts, and the background integrity check's when it found the database damaged. */
  storageAlerts(): StorageAlert[] {
    return [...this.diskBudget.alerts(), ...(this.integrity?.alerts() ?? [])];
  }
}
