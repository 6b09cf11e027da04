import type { Db } from './database.js';
import { classifyFsOrSqliteError, classifySqliteError } from './storage-error.js';
import { Savepoint } from './savepoint.js';
import { invalidateCachedRows } from './write-caches.js';
import type { WalSync } from './wal-sync.js';

/** A COMMIT that took longer than this is counted in `stats.slowCommits` (its batch's replies waited for it). */
const SLOW_COMMIT_MS = 5;
/** Upper bound of the wait between commits (see begin()); 5 ms brought a 10,000-station storm under 5 s. */
const MAX_COMMIT_PACING_MS = 5;
/**
 * Longest a batch's COMMIT waits for the work it was promised (`runWhenReady`): the pack worker packs a batch of a
 * few hundred rows in well under this; a worker held up longer does not hold the batch, its rows go in the next.
 */
const MAX_HOLD_MS = 10;

/**
 * Group commit: every unit of work that arrives in the same event-loop turn runs synchronously inside one open
 * transaction (each in its own savepoint, so one failing unit does not undo the others), and the transaction is
 * committed once, just before the loop goes idle. Callers get a promise that settles only after the COMMIT, so a
 * reply that acknowledges a message is sent after what it acknowledges is durable (docs/architecture.md, "Commit, then reply"), while the
 * cost of a commit (an fsync with synchronous=FULL, ~70 µs here and far more on laptops) is shared by the batch
 * (measured with better-sqlite3 here: 100 rows per transaction ≈ 5x the rows per second of autocommit).
 */
export class GroupCommit {
  private open = false;
  /** The paced commit of the open batch, when it waits (cleared by an earlier commit, e.g. flush at shutdown). */
  private pacedCommit?: NodeJS.Timeout;
  private settlers: Array<(error: Error | undefined) => void> = [];
  private readonly unit: Savepoint;
  private readonly beginStmt;
  private readonly commitStmt;
  /** What the open batch's COMMIT waits for (`runWhenReady`), and whether it is waiting now. */
  private promised: Array<Promise<unknown>> = [];
  private holding = false;
  /** The open batch's COMMIT waits for the running WAL sync (`commitAfterSync`). */
  private waitingForSync = false;
  private lastCommitEndedAt = Number.NEGATIVE_INFINITY;
  private lastCommitMs = 0;
  /**
   * Committed batches and units, and the time the COMMIT statements took on this thread (all of them, and how many
   * took over SLOW_COMMIT_MS: a COMMIT that crosses the WAL's automatic-checkpoint backstop copies and syncs pages
   * inside it, wal-checkpointer.ts), for the benchmark and diagnostics.
   */
  readonly stats = { batches: 0, units: 0, maxUnitsPerBatch: 0, commitMs: 0, slowCommits: 0 };

  /**
   * @param walSync when given, the connection commits without fsync (`synchronous=NORMAL`) and each batch's callers
   * hear of the commit only once this has synced the WAL off the thread (wal-sync.ts): the same promise as FULL.
   */
  constructor(
    private readonly db: Db,
    private readonly onCommitError: (error: Error) => void = () => {},
    private readonly walSync?: WalSync,
  ) {
    this.unit = new Savepoint(db, 'unit');
    this.beginStmt = db.prepare('BEGIN IMMEDIATE');
    this.commitStmt = db.prepare('COMMIT');
  }

  /**
   * Run `work` now, inside the current batch. Resolves with its result after the batch commits; rejects if `work`
   * throws (its savepoint is rolled back) or if the commit fails.
   */
  run<T>(work: () => T): Promise<T> {
    try {
      this.begin();
      this.unit.begin();
    } catch (err) {
      // BEGIN refused (read-only database, lock held elsewhere): nothing ran; a rejection, never a synchronous throw.
      return Promise.reject(classifySqliteError(err));
    }
    let result: T;
    try {
      result = work();
      this.unit.commit();
    } catch (err) {
      this.undoUnit(err);
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return new Promise<T>((resolve, reject) => {
      this.settlers.push((error) => (error ? reject(error) : resolve(result)));
    });
  }

  /**
   * Run the work `prepared` gives once it is ready (prepared elsewhere: a row packed in a worker). The batch open now
   * (or, when that one is already waiting, the next) waits for it, up to MAX_HOLD_MS, and commits it with its own
   * units; work ready later runs in the batch open then. Resolves after the commit of the batch it ran in.
   */
  runWhenReady(prepared: Promise<() => void>): Promise<void> {
    const done = prepared.then((work) => this.run(work));
    this.promised.push(prepared.catch(() => undefined));
    return done;
  }

  /** Run `work` in the current batch without waiting for the commit (for writes nothing is acknowledged for). */
  runDetached(work: () => void): void {
    this.run(work).catch(() => {
      /* a failed commit is reported through onCommitError */
    });
  }

  /**
   * Undo one failed unit. On SQLITE_FULL, IOERR, NOMEM or BUSY SQLite may have rolled back the whole transaction
   * instead of the statement (lang_transaction.html "Response To Errors Within A Transaction"): then the savepoint is
   * gone, the batch's earlier units were undone too, and their callers must hear so now rather than be told their
   * writes were committed (no false success).
   */
  private undoUnit(cause: unknown): void {
    if (this.db.inTransaction) {
      try {
        this.unit.rollback();
        return;
      } catch {
        /* the savepoint is gone with the transaction */
      }
    }
    const error = classifySqliteError(cause);
    try {
      invalidateCachedRows(this.db);
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      /* already rolled back */
    }
    this.open = false; // the scheduled commit() finds nothing to do; the next unit begins a new batch
    this.promised = [];
    const settlers = this.settlers;
    this.settlers = [];
    this.onCommitError(error);
    for (const settle of settlers) settle(error);
  }

  /**
   * Settles once the batch open now has committed (or failed); at once when none is open. A read on another
   * connection (the reader worker) sees only committed rows: waiting for this first, it sees every write made
   * before it was asked, such as the audit entry of the request a client just had answered.
   */
  whenCommitted(): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise<void>((resolve) => this.settlers.push(() => resolve()));
  }

  /** Commit now, without waiting for promised work (used at shutdown and by tests). */
  flush(): void {
    if (this.open) this.commitNow();
  }

  /**
   * Commit now, and resolve once every commit made is durable (at shutdown, before the file closes); the WAL's
   * descriptor is closed then, and opened again should more commits come.
   */
  async drain(): Promise<void> {
    this.flush();
    await this.walSync?.close();
  }

  private begin(): void {
    if (this.open) return;
    this.beginStmt.run();
    this.open = true;
    // Pace commits by what they cost: when commits are expensive and come one per loop turn (a storm of
    // handshakes, one station per turn), wait a little so the next batch is bigger. The wait is at most
    // MAX_COMMIT_PACING_MS and four times the last commit's duration, so a cheap commit is never delayed much.
    const pacingMs = Math.min(MAX_COMMIT_PACING_MS, this.lastCommitMs * 4);
    const wait = pacingMs - (performance.now() - this.lastCommitEndedAt);
    if (wait <= 0) setImmediate(() => this.commit());
    else this.pacedCommit = setTimeout(() => this.commit(), wait);
  }

  /**
   * The batch's COMMIT is due: first wait for the work it was promised, so a CALL's row packed elsewhere is committed
   * with the CALL's unit. Units arriving meanwhile join the batch; the work they promise is not waited for here
   * (that would never end under load): it is waited for by the next batch, or runs in it.
   */
  private commit(): void {
    if (!this.open || this.holding) return;
    const promised = this.promised;
    if (promised.length === 0) return this.commitAfterSync();
    this.promised = [];
    this.holding = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_HOLD_MS)));
    void Promise.race([Promise.all(promised), late]).then(() => {
      clearTimeout(timer);
      // A turn later: the promised work that became ready has run (each `runWhenReady` continuation) by then.
      setImmediate(() => {
        this.holding = false;
        this.commitAfterSync();
      });
    });
  }

  /**
   * With the WAL synced off the thread, a COMMIT waits for the sync that is running: the units arriving meanwhile
   * join this batch, as they queued behind an inline fsync before. Committing at once instead made batches small
   * (4 messages where the inline fsync gave 18–20 at 1,000 stations; three times the commits in a storm), and each
   * small batch copies the pages it changed into the WAL again (README "Performance").
   */
  private commitAfterSync(): void {
    if (!this.walSync?.syncing) return this.commitNow();
    if (this.waitingForSync) return;
    this.waitingForSync = true;
    this.walSync.whenSynced(() => {
      this.waitingForSync = false;
      this.commitNow();
    });
  }

  private commitNow(): void {
    if (!this.open) return;
    this.open = false;
    clearTimeout(this.pacedCommit);
    this.pacedCommit = undefined;
    const settlers = this.settlers;
    this.settlers = [];
    let error: Error | undefined;
    const startedAt = performance.now();
    try {
      this.commitStmt.run();
    } catch (err) {
      error = classifySqliteError(err);
      try {
        invalidateCachedRows(this.db);
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        /* the transaction may already be gone */
      }
      this.onCommitError(error);
    }
    this.lastCommitEndedAt = performance.now();
    this.lastCommitMs = this.lastCommitEndedAt - startedAt;
    this.stats.commitMs += this.lastCommitMs;
    if (this.lastCommitMs > SLOW_COMMIT_MS) this.stats.slowCommits++;
    this.stats.batches++;
    this.stats.units += settlers.length;
    if (settlers.length > this.stats.maxUnitsPerBatch) this.stats.maxUnitsPerBatch = settlers.length;
    if (error || !this.walSync) {
      for (const settle of settlers) settle(error);
      return;
    }
    // Committed but not yet on disk: the callers hear of it once the WAL is synced. A failed sync is a failed
    // commit for them (the rows may not survive a power cut), so nothing is acknowledged that might be lost.
    this.walSync.afterCommit().then(
      () => {
        for (const settle of settlers) settle(undefined);
      },
      (err: unknown) => {
        const syncError = classifyFsOrSqliteError(err);
        this.onCommitError(syncError);
        for (const settle of settlers) settle(syncError);
      },
    );
  }
}
