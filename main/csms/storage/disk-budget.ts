/**
 * The disk budget: the data folder (database, WAL, backups, uploaded files) is kept under `dataFolderBudgetMiB`,
 * and the operator is warned long before the budget or the disk runs out (README "Disk budget").
 *
 * A periodic check measures the folder (data-folder-usage.ts). Above the budget it deletes, in small committed
 * steps, what budget-pruning.ts allows, in its order, until the folder is back under PRUNE_DOWN_TO_FRACTION of the
 * budget (the margin keeps it from pruning a little on every check). Backups are counted, never deleted here:
 * `backupKeepCount` decides how many stay. A delete that cannot be committed (disk full, read-only) changes
 * nothing and is reported; the answers to stations keep their own rule (a CALL whose writes fail gets InternalError).
 */
import type { Clock } from '../clock.js';
import type { RuntimeSettings } from '../config/settings.js';
import { BudgetPruning, meterDetailCutoff, type PrunableSummary } from './budget-pruning.js';
import { diskSpace, liveDatabaseBytes, measureDataFolder, type DataFolderUsage, type DiskSpace } from './data-folder-usage.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const DISK_CHECK_INTERVAL_MS = 60_000;
/** Above this share of the budget the console and the API warn: pruning starts at 100 %. */
export const BUDGET_ALERT_FRACTION = 0.8;
/** Pruning goes down to this share of the budget, so the next rows do not trigger it again at once. */
const PRUNE_DOWN_TO_FRACTION = 0.9;
/** The default budget: this share of the disk's free space at first start, recorded then. */
const DEFAULT_BUDGET_FREE_SHARE = 0.25;
export const MIN_DEFAULT_BUDGET_MIB = 256;
/** Free space below max(this, DISK_FREE_ALERT_SHARE of the disk) is a warning; below the critical floor, critical. */
export const DISK_FREE_ALERT_BYTES = 2 * GIB;
const DISK_FREE_ALERT_SHARE = 0.05;
export const DISK_FREE_CRITICAL_BYTES = 512 * MIB;
const MESSAGE_LOG_BATCH = 2_000;
const METER_DETAIL_BATCH = 50;
/** A summary counts rows; a console polling it must not make every request scan the log. */
const SUMMARY_MAX_AGE_MS = 60_000;
/** A growth rate needs some history: below this much time since the first measurement it is not estimated. */
const GROWTH_MIN_WINDOW_MS = 10 * 60_000;

/** `integrity`: raised by the start's background integrity check (startup-integrity.ts), not by the budget. */
export type StorageAlertKind = 'data-budget' | 'disk-free' | 'integrity';

export interface StorageAlert {
  key: string;
  kind: StorageAlertKind;
  level: 'warning' | 'critical';
  text: string;
  /** When this alert (at this level) was first seen in this run. */
  since: string;
}

export interface PruneRun {
  at: string;
  messageLogRows: number;
  meterReadings: number;
  transactions: number;
  /** Still above the budget after everything allowed was pruned. */
  stillOver: boolean;
  error: string | null;
}

export interface DiskBudgetStatus {
  budgetBytes: number;
  usage: DataFolderUsage;
  disk: DiskSpace | null;
  alertAboveBytes: number;
  pruneDownToBytes: number;
  meterDetailAfterMonths: number;
  prunable: PrunableSummary;
  growthBytesPerDay: number | null;
  checkedAt: string | null;
  lastPrune: PruneRun | null;
  alerts: StorageAlert[];
}

export interface DiskBudgetOptions {
  db: Db;
  groupCommit: GroupCommit;
  dataDir: string;
  dbFile: string;
  clock: Clock;
  settings: () => RuntimeSettings;
  logger: Pick<Console, 'info' | 'warn' | 'error'>;
  /** The file system's free and total space; the real statfs unless a test simulates a nearly full disk. */
  diskSpace?: (dir: string) => DiskSpace;
  intervalMs?: number;
}

/** The budget recorded at first start: a share of the free space (never below MIN_DEFAULT_BUDGET_MIB), in MiB. */
export function defaultBudgetMiB(freeBytes: number): number {
  return Math.max(MIN_DEFAULT_BUDGET_MIB, Math.floor((freeBytes * DEFAULT_BUDGET_FREE_SHARE) / MIB));
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;

export class DiskBudget {
  private readonly pruning: BudgetPruning;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;
  private first: { atMs: number; usedBytes: number } | null = null;
  private latest: { atMs: number; usage: DataFolderUsage; disk: DiskSpace | null } | null = null;
  private summaryCache: { atMs: number; cutoff: string | null; value: PrunableSummary } | null = null;
  private lastPrune: PruneRun | null = null;
  private alertSince = new Map<string, string>();
  private currentAlerts: StorageAlert[] = [];

  constructor(private readonly options: DiskBudgetOptions) {
    this.pruning = new BudgetPruning(options.db);
  }

  /** Measure now, then every interval. */
  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? DISK_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private disk(): DiskSpace | null {
    try {
      return (this.options.diskSpace ?? diskSpace)(this.options.dataDir);
    } catch {
      return null;
    }
  }

  budgetBytes(): number {
    return this.options.settings().dataFolderBudgetMiB * MIB;
  }

  /** Measure, prune when over the budget, and recompute the alerts. Concurrent calls share one run. */
  check(): Promise<void> {
    if (this.stopped || !this.options.db.open) return Promise.resolve();
    this.running ??= this.runCheck().finally(() => (this.running = null));
    return this.running;
  }

  private async runCheck(): Promise<void> {
    try {
      let usage = this.measure();
      const budget = this.budgetBytes();
      if (budget > 0 && usage.usedBytes > budget) {
        await this.prune(usage, budget);
        usage = this.measure();
      }
    } catch (err) {
      this.options.logger.error('[csms] disk budget check failed:', (err as Error).message);
    }
  }

  private measure(): DataFolderUsage {
    const usage = measureDataFolder(this.options.dataDir, this.options.dbFile, this.options.db);
    const nowMs = this.options.clock.now().getTime();
    this.first ??= { atMs: nowMs, usedBytes: usage.usedBytes };
    this.latest = { atMs: nowMs, usage, disk: this.disk() };
    this.currentAlerts = this.computeAlerts();
    return usage;
  }

  /**
   * Delete in the documented order until the database's live pages fit. The target is set on the database alone
   * (the rest of the folder measured once, at the start): deleting rows writes them to the WAL first, and chasing a
   * WAL that grows while it is pruned would delete far more than needed.
   */
  private async prune(usage: DataFolderUsage, budget: number): Promise<void> {
    const { db, groupCommit, clock } = this.options;
    const outsideDatabase = usage.usedBytes - (usage.databaseBytes - usage.reusableBytes);
    const databaseTarget = budget * PRUNE_DOWN_TO_FRACTION - outsideDatabase;
    const run: PruneRun = { at: clock.now().toISOString(), messageLogRows: 0, meterReadings: 0, transactions: 0, stillOver: false, error: null };
    const over = () => liveDatabaseBytes(db) > databaseTarget;
    try {
      while (over() && !this.stopped) {
        const removed = await groupCommit.run(() => this.pruning.deleteOldestMessageLog(MESSAGE_LOG_BATCH));
        run.messageLogRows += removed;
        if (removed === 0) break;
      }
      const cutoff = meterDetailCutoff(clock.now(), this.options.settings().meterDetailPruneAfterMonths);
      let afterId = 0;
      while (cutoff && over() && !this.stopped) {
        const step = await groupCommit.run(() => this.pruning.deleteMeterDetail(cutoff, afterId, METER_DETAIL_BATCH));
        run.meterReadings += step.readings;
        run.transactions += step.transactions;
        afterId = step.lastId;
        if (step.transactions === 0) break;
      }
      run.stillOver = over();
    } catch (err) {
      run.error = (err as Error).message;
      run.stillOver = true;
      this.options.logger.error('[csms] disk budget: pruning failed, nothing more was deleted:', run.error);
    }
    this.summaryCache = null;
    this.lastPrune = run;
    if (run.messageLogRows || run.meterReadings)
      this.options.logger.warn(
        `[csms] disk budget ${mib(budget)}: pruned ${run.messageLogRows} message-log rows and the meter readings of ${run.transactions} old transactions (${run.meterReadings} readings)`,
      );
  }

  private alert(kind: StorageAlertKind, level: StorageAlert['level'], text: string): StorageAlert {
    const key = `${kind}:${level}`;
    const nowIso = this.options.clock.now().toISOString();
    if (!this.alertSince.has(key)) this.alertSince.set(key, nowIso);
    return { key, kind, level, text, since: this.alertSince.get(key)! };
  }

  private computeAlerts(): StorageAlert[] {
    const alerts: StorageAlert[] = [];
    const latest = this.latest;
    if (!latest) return alerts;
    const { usage, disk } = latest;
    const budget = this.budgetBytes();
    if (budget > 0) {
      const share = `${Math.round((usage.usedBytes / budget) * 100)} %`;
      if (usage.usedBytes > budget && (this.lastPrune?.stillOver ?? false)) {
        alerts.push(
          this.alert(
            'data-budget',
            'critical',
            `Data folder ${mib(usage.usedBytes)} is over its ${mib(budget)} budget (${share}) and nothing more may be pruned: raise the budget, remove backups, or allow meter-detail pruning`,
          ),
        );
      } else if (usage.usedBytes >= budget * BUDGET_ALERT_FRACTION) {
        alerts.push(
          this.alert(
            'data-budget',
            'warning',
            `Data folder at ${share} of its ${mib(budget)} budget (${mib(usage.usedBytes)}): above 100 % the oldest message-log rows are pruned`,
          ),
        );
      }
    }
    if (disk) {
      const warnBelow = Math.max(DISK_FREE_ALERT_BYTES, disk.totalBytes * DISK_FREE_ALERT_SHARE);
      const room = budget > 0 ? budget - usage.usedBytes : 0;
      if (disk.freeBytes < DISK_FREE_CRITICAL_BYTES) {
        alerts.push(
          this.alert(
            'disk-free',
            'critical',
            `Only ${mib(disk.freeBytes)} free on the data folder's disk: writes will fail soon (stations then get InternalError)`,
          ),
        );
      } else if (disk.freeBytes < warnBelow) {
        alerts.push(this.alert('disk-free', 'warning', `${mib(disk.freeBytes)} free on the data folder's disk (warning below ${mib(warnBelow)})`));
      } else if (room > disk.freeBytes) {
        alerts.push(
          this.alert(
            'disk-free',
            'warning',
            `The disk has ${mib(disk.freeBytes)} free, less than the ${mib(room)} the budget still allows: lower the budget`,
          ),
        );
      }
    }
    const keys = new Set(alerts.map((a) => a.key));
    for (const key of [...this.alertSince.keys()]) if (!keys.has(key)) this.alertSince.delete(key);
    return alerts;
  }

  alerts(): StorageAlert[] {
    return this.currentAlerts;
  }

  /** The figures for the console and the API: sizes measured now (cheap), row counts at most a minute old. */
  status(): DiskBudgetStatus {
    const nowMs = this.options.clock.now().getTime();
    if (this.options.db.open) this.measure();
    const latest = this.latest!;
    const settings = this.options.settings();
    const cutoff = meterDetailCutoff(this.options.clock.now(), settings.meterDetailPruneAfterMonths);
    if (!this.summaryCache || this.summaryCache.cutoff !== cutoff || nowMs - this.summaryCache.atMs > SUMMARY_MAX_AGE_MS) {
      this.summaryCache = { atMs: nowMs, cutoff, value: this.pruning.summary(cutoff) };
    }
    const budget = this.budgetBytes();
    const first = this.first!;
    const windowMs = latest.atMs - first.atMs;
    return {
      budgetBytes: budget,
      usage: latest.usage,
      disk: latest.disk,
      alertAboveBytes: Math.round(budget * BUDGET_ALERT_FRACTION),
      pruneDownToBytes: Math.round(budget * PRUNE_DOWN_TO_FRACTION),
      meterDetailAfterMonths: settings.meterDetailPruneAfterMonths,
      prunable: this.summaryCache.value,
      growthBytesPerDay: windowMs >= GROWTH_MIN_WINDOW_MS ? ((latest.usage.usedBytes - first.usedBytes) / windowMs) * 86_400_000 : null,
      checkedAt: new Date(latest.atMs).toISOString(),
      lastPrune: this.lastPrune,
      alerts: this.currentAlerts,
    };
  }
}

/**
 * The budget to record at first start, or null when one is already stored: a share of the free space measured
 * once, so the default does not shrink as the disk fills (the operator changes it in Settings).
 */
export function firstStartBudgetMiB(stored: Record<string, unknown>, dataDir: string, space: (dir: string) => DiskSpace = diskSpace): number | null {
  if ('dataFolderBudgetMiB' in stored) return null;
  try {
    return defaultBudgetMiB(space(dataDir).freeBytes);
  } catch {
    return MIN_DEFAULT_BUDGET_MIB;
  }
}
