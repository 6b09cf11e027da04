/**
 * The data folder's space and the disk budget (GET /api/storage, docs/api.md "Storage and the disk budget"), and the
 * central system's own alerts (GET /api/status `alerts`).
 */

/**
 * An alert about the central system itself (not about a station): the data folder or the disk fills up, or the
 * integrity check that went on in the background after the start found the database damaged.
 */
export interface SystemAlertDto {
  /** Stable: kind and level. */
  key: string;
  kind: 'data-budget' | 'disk-free' | 'integrity';
  level: 'warning' | 'critical';
  text: string;
  /** When it was first seen at this level (since the central system started). */
  since: string;
}

/** What takes the space in the data folder, in bytes. */
export interface DataFolderBreakdown {
  /** csms.sqlite on disk. */
  databaseBytes: number;
  /** Free pages inside the database file (left by pruned rows); new rows fill them before the file grows. */
  reusableBytes: number;
  /** csms.sqlite-wal and -shm. */
  walBytes: number;
  backupsBytes: number;
  backupCount: number;
  /** Firmware offered to stations and files they uploaded (diagnostics, logs). */
  uploadedFilesBytes: number;
  /** The rest: TLS material, databases set aside by a restore, the lock file. */
  otherBytes: number;
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export interface StorageDto {
  dataDir: string;
  /** `dataFolderBudgetMiB` in bytes; 0 = no budget. */
  budgetBytes: number;
  /** What counts against the budget: every file in the data folder minus the database's reusable pages. */
  usedBytes: number;
  /** What takes the space, in bytes. */
  breakdown: DataFolderBreakdown;
  /** The file system that holds the data folder; null when it cannot be read. */
  disk: DiskSpace | null;
  /** The budget warning starts here (80 %). */
  alertAboveBytes: number;
  /** Pruning starts above the budget and goes down to this (90 %). */
  pruneDownToBytes: number;
  /** What pruning would delete now, in its order. */
  pruning: {
    messageLogRows: number;
    /** Kept whatever the budget: rows of a station since its open transaction started. */
    messageLogProtectedRows: number;
    oldestMessageLogAt: string | null;
    /** `meterDetailPruneAfterMonths`; 0 = meter readings are never pruned. */
    meterDetailAfterMonths: number;
    /** Transactions that ended before this may lose their readings (null when not allowed). */
    meterDetailCutoff: string | null;
    meterDetailTransactions: number;
    meterDetailReadings: number;
  };
  /** Growth of usedBytes per day over this run (pruning included); null in the first ten minutes. */
  growthBytesPerDay: number | null;
  checkedAt: string | null;
  lastPrune: { at: string; messageLogRows: number; meterReadings: number; transactions: number; stillOver: boolean; error: string | null } | null;
  alerts: SystemAlertDto[];
}
