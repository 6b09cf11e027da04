/**
 * WAL checkpoints off the event loop (README "Performance").
 *
 * In WAL mode every commit appends pages to the `-wal` file, and SQLite's automatic checkpoint copies them back into
 * the database file inside the COMMIT of whichever transaction crossed `wal_autocheckpoint` pages (wal.html
 * "Automatic Checkpoint"), fsyncs included. Here that COMMIT runs on the thread that answers chargers: the benchmark
 * profile put COMMIT at ~24 % of the central system's time at saturation, and raising wal_autocheckpoint alone
 * gave +14 % messages/s. So a worker thread with its own connection runs PASSIVE checkpoints a few times a second.
 * A PASSIVE checkpoint takes no writer lock (c3ref/wal_checkpoint_v2.html): commits go on while it copies, on the
 * other core.
 *
 * The WAL only starts over from its beginning when a writer begins while every frame has been copied back. Under
 * constant load the worker is never exactly caught up at that moment (commits land while it copies), and the first
 * steady-fleet run grew the WAL by 14 KB per message without end. So the answering connection keeps a backstop:
 * automatic checkpoints at WAL_BACKSTOP_PAGES instead of SQLite's 1000. By then the worker has copied nearly
 * everything, so that checkpoint copies only the last fraction of a second of frames, completes, and the WAL
 * restarts; `journal_size_limit` then trims the file.
 *
 * If the worker cannot start or dies, the answering connection gets its automatic checkpoints back: slower, never
 * unbounded. The worker is plain JavaScript evaluated from a string, like backup-worker.ts, so it runs the same
 * from the TypeScript sources and from dist.
 */
import { Worker } from 'node:worker_threads';
import { SQLITE_DRIVER_PATH, type Db, type SyncMode } from './database.js';

/** How often the worker checkpoints; each pass copies what the last ~interval committed (a few MB at most). */
const CHECKPOINT_INTERVAL_MS = 200;
/** Automatic checkpoints of the answering connection happen only past this many WAL pages (16 MiB at 4 KiB). */
export const WAL_BACKSTOP_PAGES = 4000;
/** After a WAL restart the file is truncated to this size (PRAGMA journal_size_limit). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** SQLite's default, restored on the answering connection when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointStats {
  /** PASSIVE checkpoints run by the worker. */
  passes: number;
  /** Frames copied back by the last pass. */
  checkpointedFrames: number;
  /** Why the worker is not running, if it is not. */
  failure: string | null;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.syncMode);
// Never wait for locks: a busy pass is simply retried at the next tick.
db.pragma('busy_timeout = 0');
let timer;
function pass() {
  try {
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ kind: 'pass', checkpointed: row.checkpointed });
  } catch (err) {
    if (!String(err && err.code || '').startsWith('SQLITE_BUSY')) {
      clearInterval(timer);
      db.close();
      parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) });
    }
  }
}
timer = setInterval(pass, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ kind: 'ready' });
`;

export class WalCheckpointer {
  readonly stats: CheckpointStats = { passes: 0, checkpointedFrames: 0, failure: null };
  private worker?: Worker;
  private stopping = false;
  private exited = false;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly syncMode: SyncMode,
    private readonly logger: Pick<Console, 'warn'>,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
    private readonly backstopPages = WAL_BACKSTOP_PAGES,
  ) {}

  /** Hand checkpoints to the worker. A database in memory has no WAL: nothing to do. */
  start(): void {
    if (this.file === ':memory:' || this.worker) return;
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    this.db.pragma(`wal_autocheckpoint = ${this.backstopPages}`);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.file, syncMode: this.syncMode, driver: SQLITE_DRIVER_PATH, intervalMs: this.intervalMs },
    });
    this.worker = worker;
    worker.on('message', (message: { kind: 'ready' } | { kind: 'pass'; checkpointed: number } | { kind: 'failed'; message: string }) => {
      if (message.kind === 'pass') {
        this.stats.passes++;
        this.stats.checkpointedFrames = message.checkpointed;
      } else if (message.kind === 'failed') {
        this.fallBack(message.message);
      }
    });
    worker.on('error', (err) => this.fallBack(err.message));
    worker.on('exit', (code) => {
      this.exited = true;
      if (!this.stopping) this.fallBack(`checkpoint worker stopped (exit code ${code})`);
    });
  }

  /** Stop the worker and wait until its connection is closed (before the answering connection closes). */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopping) return;
    this.stopping = true;
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timeout);
  }

  private fallBack(reason: string): void {
    if (this.stats.failure !== null || this.stopping) return;
    this.stats.failure = reason;
    this.logger.warn(`[csms] WAL checkpoint worker unavailable (${reason}); checkpoints run on the main connection again`);
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    void this.worker?.terminate();
  }
}
