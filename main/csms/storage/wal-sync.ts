import { close, fdatasync, open } from 'node:fs';
import type { Db } from './database.js';

/** The file system calls a WAL sync makes (the tests replace them to hold a sync open or make it fail). */
export interface WalSyncFs {
  open: typeof open;
  fdatasync: typeof fdatasync;
  close: typeof close;
}

const nodeFs: WalSyncFs = { open, fdatasync, close };

/**
 * Makes committed transactions durable off the answering thread.
 *
 * With `synchronous=FULL` SQLite fsyncs the WAL inside every COMMIT, and the thread that answers stations waits for
 * it: about 110 of a batch's 180 µs on the 2-core reference machine, and milliseconds on many laptop disks. With
 * `synchronous=NORMAL` a COMMIT only writes the WAL into the OS cache; the WAL is synced before each checkpoint,
 * the database after it, and the WAL header when the WAL is reused (sqlite.org/pragma.html#pragma_synchronous), so
 * the file stays consistent and only the latest commits could be lost, by a power cut, not by a crash. This class
 * adds the missing sync: after each COMMIT an fdatasync of the WAL file runs on a libuv thread, and the batch's
 * callers hear of their commit only when it is done. What a reply acknowledges is then on disk as with FULL.
 *
 * Syncs are coalesced: a commit made while a sync is running waits for the next one, which starts when the running
 * one ends and covers every commit made meanwhile (an fdatasync flushes the whole file, whichever descriptor it is
 * called on). SQLite keeps its WAL file while any connection is open (it removes it when the last one closes, after
 * checkpointing it into the database and syncing that), so one descriptor, opened at the first sync, serves them all.
 */
export class WalSync {
  /** Waiters of the sync that is running (their commits were made before it started). */
  private running: Array<(error: Error | undefined) => void> | undefined;
  /** Waiters whose commits were made after the running sync started: the next sync covers them. */
  private next: Array<(error: Error | undefined) => void> = [];
  /** Called when the running sync ends, after its waiters heard of it (`whenSynced`). */
  private afterRunning: Array<() => void> = [];
  /** Syncs run and commits they covered, for the benchmark and tests. */
  readonly stats = { syncs: 0, commits: 0 };

  constructor(
    readonly walFile: string,
    private readonly fs: WalSyncFs = nodeFs,
  ) {}

  /** Resolves once the WAL is synced with everything committed before this call; rejects if the sync failed. */
  afterCommit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.next.push((error) => (error ? reject(error) : resolve()));
      if (!this.running) this.startSync();
    });
  }

  /** A sync is running now. */
  get syncing(): boolean {
    return this.running !== undefined;
  }

  /** Call `callback` once the running sync has ended (the group commit holds its next COMMIT until then). */
  whenSynced(callback: () => void): void {
    if (this.running) this.afterRunning.push(callback);
    else callback();
  }

  /** Resolves when no sync is running or waiting (the central system's stop, before it closes the file). */
  async idle(): Promise<void> {
    while (this.running) await new Promise<void>((resolve) => this.running!.push(() => resolve()));
  }

  private startSync(): void {
    const waiters = this.next;
    this.next = [];
    this.running = waiters;
    this.syncWalFile((error) => {
      this.stats.syncs++;
      this.stats.commits += waiters.length;
      this.running = undefined;
      for (const settle of waiters) settle(error);
      const callbacks = this.afterRunning;
      this.afterRunning = [];
      for (const callback of callbacks) callback();
      if (this.next.length > 0 && !this.running) this.startSync();
    });
  }

  /** The WAL file's descriptor, opened at the first sync and kept: opening it for every sync cost as much as the sync. */
  private fd: number | undefined;

  private syncWalFile(done: (error: Error | undefined) => void): void {
    if (this.fd !== undefined) return this.fs.fdatasync(this.fd, (error) => done(error ?? undefined));
    this.fs.open(this.walFile, 'r+', (openError, fd) => {
      // No WAL: SQLite checkpointed it into the database, synced that, and removed it (the last connection closed).
      if (openError) return done(openError.code === 'ENOENT' ? undefined : openError);
      this.fd = fd;
      this.fs.fdatasync(fd, (error) => done(error ?? undefined));
    });
  }

  /**
   * Close the descriptor once no sync runs: at stop, before the database closes, so SQLite can remove its WAL (on
   * Windows a handle still open would keep it from deleting the file). A later sync opens it again.
   */
  async close(): Promise<void> {
    await this.idle();
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) await new Promise<void>((resolve) => this.fs.close(fd, () => resolve()));
  }
}

/**
 * For a database file in WAL mode opened with `synchronous=FULL`: switch the connection to NORMAL and return the
 * WalSync that gives back FULL's promise to the group commit (above). A database in memory has no WAL and is
 * left as it is, as is a connection opened with NORMAL (its operator chose crash safety only).
 */
export function deferWalSync(db: Db, file: string, fs?: WalSyncFs): WalSync | undefined {
  if (file === ':memory:') return undefined;
  if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return undefined;
  if (Number(db.pragma('synchronous', { simple: true })) !== 2) return undefined; // 2 = FULL
  db.pragma('synchronous = NORMAL');
  return new WalSync(`${file}-wal`, fs);
}
