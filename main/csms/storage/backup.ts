/**
 * Online backups of the running central system (README "Backups and restore"): on a timer (`backupIntervalHours`, plus one soon after
 * start when the newest automatic backup is older than the interval), and on demand. Each backup is written under a
 * `.partial` name by a worker thread (backup-worker.ts), checked with quick_check, and only then renamed to its
 * final name; older backups of the same kind are rotated out (keep `backupKeepCount`) only after that, so a failed
 * backup never costs a good one. Pre-migration backups are made at open (pre-migration-backup.ts) and never rotated.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupDir, backupFileName, listBackups, type BackupFile, type BackupReason } from './backup-files.js';
import { startWorkerJob, type WorkerJob } from './backup-worker.js';
import { classifySqliteError, StorageError } from './storage-error.js';

interface BackupSettings {
  /** Hours between automatic backups; 0 = no automatic backups. */
  backupIntervalHours: number;
  /** How many backups of each kind (automatic, manual) are kept. */
  backupKeepCount: number;
}

export interface BackupServiceOptions {
  /** The live database file (read by the worker through its own connection). */
  file: string;
  dataDir: string;
  settings: () => BackupSettings;
  logger: Pick<Console, 'info' | 'warn' | 'error'>;
  now?: () => Date;
  /** Wait after start before a due backup, so start-up and the first boot storm go first. */
  startupDelayMs?: number;
}

export interface BackupStatus {
  running: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  nextAutomaticAt: string | null;
}

const DEFAULT_STARTUP_BACKUP_DELAY_MS = 60_000;
/** setTimeout's limit (2^31-1 ms ≈ 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface RunningBackup {
  job?: WorkerJob;
  partialPath: string;
  done: Promise<BackupFile>;
}

export class BackupService {
  private timer?: NodeJS.Timeout;
  private running?: RunningBackup;
  private stopped = false;
  private lastError: { message: string; at: string } | null = null;
  private nextAt: Date | null = null;
  /** No automatic backup before this (the start-up delay holds across re-scheduling). */
  private notBeforeMs = 0;
  private readonly now: () => Date;

  constructor(private readonly options: BackupServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get dir(): string {
    return backupDir(this.options.dataDir);
  }

  list(): BackupFile[] {
    return listBackups(this.dir);
  }

  status(): BackupStatus {
    return {
      running: this.running !== undefined,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at ?? null,
      nextAutomaticAt: this.nextAt?.toISOString() ?? null,
    };
  }

  /** Arm the timer: a due backup after the start-up delay, then one every interval. */
  start(): void {
    this.notBeforeMs = this.now().getTime() + (this.options.startupDelayMs ?? DEFAULT_STARTUP_BACKUP_DELAY_MS);
    this.schedule(0);
  }

  /** Re-arm after the interval changed. */
  reschedule(): void {
    if (!this.stopped) this.schedule(0);
  }

  /**
   * Back up now. One backup at a time: a request while one runs waits for it and then makes its own (a manual
   * backup must contain what was stored when it was asked for).
   */
  async create(reason: Exclude<BackupReason, 'pre-migration'>): Promise<BackupFile> {
    while (this.running) await this.running.done.catch(() => undefined);
    if (this.stopped) throw new StorageError('other', 'The central system is stopping; no backup was made');
    const at = this.now();
    const partialPath = join(this.dir, `${backupFileName(at, reason, 0)}.partial`);
    const state = { partialPath } as RunningBackup;
    state.done = this.run(state, at, reason);
    this.running = state;
    try {
      return await state.done;
    } finally {
      this.running = undefined;
    }
  }

  /** Stop the timer and any running backup (its partial file is removed). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const running = this.running;
    if (running) {
      await running.job?.cancel();
      await running.done.catch(() => undefined);
    }
  }

  private async run(state: RunningBackup, at: Date, reason: Exclude<BackupReason, 'pre-migration'>): Promise<BackupFile> {
    const startedMs = performance.now();
    try {
      mkdirSync(this.dir, { recursive: true });
      rmSync(state.partialPath, { force: true });
      state.job = startWorkerJob(this.options.file, state.partialPath);
      const check = await state.job.result;
      if (this.stopped) throw new StorageError('other', 'The central system stopped during the backup');
      if (check.problems.length > 0)
        throw new StorageError('corrupt', `The new backup failed its check (${check.problems.slice(0, 3).join('; ')}); older backups were kept`);
      const name = backupFileName(at, reason, check.schemaVersion);
      renameSync(state.partialPath, join(this.dir, name));
      this.rotate(reason);
      this.lastError = null;
      const made = this.list().find((b) => b.name === name)!;
      this.options.logger.info(
        `[csms] backup ${name} written (${(made.sizeBytes / 1_048_576).toFixed(1)} MiB, ${Math.round(performance.now() - startedMs)} ms)`,
      );
      return made;
    } catch (err) {
      try {
        rmSync(state.partialPath, { force: true });
      } catch {
        /* the folder itself is unusable; the error reported is the first one */
      }
      const error = classifySqliteError(err);
      const message = `Backup into ${this.dir} failed (${error.kind}): ${error.message}`;
      this.lastError = { message, at: this.now().toISOString() };
      this.options.logger.error(`[csms] ${message}`);
      throw new StorageError(error.kind, message, { cause: err });
    }
  }

  /** Keep the newest `backupKeepCount` of this kind; called only after a new one of the kind was verified. */
  private rotate(reason: BackupReason): void {
    const keep = Math.max(1, this.options.settings().backupKeepCount);
    for (const old of this.list()
      .filter((b) => b.reason === reason)
      .slice(keep)) {
      try {
        rmSync(old.path);
      } catch (err) {
        this.options.logger.warn(`[csms] could not remove old backup ${old.name}: ${(err as Error).message}`);
      }
    }
  }

  /** The next automatic backup is due one interval after the newest automatic one (at once when there is none). */
  private schedule(minDelayMs: number): void {
    clearTimeout(this.timer);
    this.nextAt = null;
    const intervalHours = this.options.settings().backupIntervalHours;
    if (this.stopped || intervalHours <= 0) return;
    const newest = this.list().find((b) => b.reason === 'auto');
    const dueMs = newest ? Date.parse(newest.createdAt) + intervalHours * 3_600_000 : this.now().getTime();
    const delayMs = Math.max(minDelayMs, this.notBeforeMs - this.now().getTime(), dueMs - this.now().getTime());
    this.nextAt = new Date(this.now().getTime() + delayMs);
    this.timer = setTimeout(
      () => {
        if (this.now().getTime() + 1000 < dueMs) return this.schedule(0); // woke early: a wait beyond MAX_TIMER_MS
        this.create('auto').then(
          () => this.schedule(0),
          // Try again in an hour, or sooner when the interval is shorter; the error is in status() and the log.
          () => this.schedule(Math.min(3_600_000, intervalHours * 3_600_000)),
        );
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
    this.timer.unref();
  }
}
