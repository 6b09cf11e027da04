import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import { packExchange, type ExchangePackRequest, type PackedExchange, type PackerMessage, type PackJob, type PackResult } from './pack-protocol.js';

/**
 * How far the worker may fall behind before new jobs are packed here instead: a worker starved of CPU (the second
 * core busy) moves part of the work back to this thread rather than letting replies wait for its backlog. A bound
 * in time, not in jobs: one turn at saturation hands over more than a thousand rows at once, which the worker
 * clears in a few ms (a bound of 512 jobs sent 42 % of the rows back to this thread at saturation and 94 % with
 * 10,000 stations, and cost a quarter of the throughput). Counted from when a job was posted to the worker, not from
 * when it was asked for: the jobs of a turn are posted after it, and a long turn of this thread is not the worker's
 * lag (counted from the ask, a turn of over 100 ms packed the rest of its rows here, 80 % of them at 5,000 stations ×
 * 1 msg/s, which made the turns longer still).
 */
const MAX_WORKER_LAG_MS = 100;
/** And in memory: at most this many rows (~1 KB each) wait for the worker. */
const MAX_PENDING_JOBS = 16_384;

/**
 * The worker keeps nothing between jobs: everything it allocates is garbage by the next turn, so a small young
 * generation, collected often and cheaply, is enough; V8's default let that garbage take ~16 MiB more resident
 * memory (the central system's RSS before a storm of 10,000 stations: 158 → 142 MiB, `npm run bench -- --quick
 * --servers a --scenario storm,idle --storm-stations 10000`).
 */
const PACK_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

interface Pending {
  job: PackJob;
  /** When it was posted to the worker (performance.now()); undefined until the turn that asked for it ended. */
  sentAtMs?: number;
  resolve: (packed: PackedExchange) => void;
  reject: (error: Error) => void;
}

/**
 * Packs message-log rows and the meter readings of their CALLs (pack-protocol.ts `packExchange`) in a worker thread
 * (pack-worker.ts), so deflate runs beside the thread that answers stations instead of on it. Jobs of one event-loop turn go to the worker as one message
 * (structured clone measured cheapest for batches: docs/architecture.md "Next: a storage worker"). Until the worker
 * says it is ready, when it holds too many jobs, after it failed and once closed, jobs are packed on this thread:
 * the same bytes either way, and a packing never waits for a worker that is not there.
 */
export class FramePacker {
  private worker?: Worker;
  private workerReady = false;
  private closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private unsent: PackJob[] = [];
  private sendScheduled = false;
  /** The packing asked for last, settled or not (`pack` keeps their order). */
  private previous: Promise<unknown> = Promise.resolve();
  private announceReady: (ready: boolean) => void = () => {};
  /** Settles with true once the worker packs, false if it is not used or could not start (tests, benchmark). */
  readonly ready: Promise<boolean>;
  /** Rows packed by the worker and on this thread: for tests, the benchmark and diagnostics. */
  readonly stats = { worker: 0, inline: 0 };

  constructor(
    /** false: pack on this thread only (no worker is started). */
    private readonly useWorker: boolean,
    private readonly logger: Pick<Console, 'warn'>,
    /** How far behind the worker may be (tests set smaller bounds). */
    private readonly bounds = { maxLagMs: MAX_WORKER_LAG_MS, maxPendingJobs: MAX_PENDING_JOBS },
  ) {
    this.ready = new Promise<boolean>((resolve) => (this.announceReady = resolve));
    if (!useWorker) this.announceReady(false);
  }

  /** Start the worker; packing works before it is ready, on this thread. */
  start(): void {
    if (!this.useWorker || this.worker || this.closed) return;
    const worker = startModuleWorker(new URL('./pack-worker', import.meta.url), {}, PACK_WORKER_LIMITS);
    const giveUp = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.workerReady = false;
      this.announceReady(false);
      this.logger.warn(`[csms] the pack worker stopped (${why}); message-log rows are packed on the main thread`);
      this.packPendingHere();
    };
    worker.on('message', (message: PackerMessage) => {
      if (message.kind === 'ready') {
        this.workerReady = this.worker === worker;
        this.announceReady(this.workerReady);
      } else this.settle(message.results);
    });
    worker.on('error', (err) => giveUp(err.message));
    worker.on('exit', (code) => giveUp(`it exited with code ${code}`));
    this.worker = worker;
  }

  /**
   * Packings settle in the order they were asked for, wherever they ran: the rows are written as they settle, and
   * the message log is read in row order, so a row packed here must not overtake one still in the worker.
   */
  pack(request: ExchangePackRequest): Promise<PackedExchange> {
    const packing = this.packSomewhere(request);
    const inOrder = this.previous.then(() => packing);
    this.previous = inOrder.catch(() => undefined);
    return inOrder;
  }

  /**
   * Settles once every packing asked for before it has settled: a message-log write of a frame that needs no
   * packing waits for it, so it does not take a lower row id than a frame that came earlier.
   */
  queue(): Promise<void> {
    const turn = this.previous.then(() => undefined);
    this.previous = turn;
    return turn;
  }

  private packSomewhere(request: ExchangePackRequest): Promise<PackedExchange> {
    if (!this.workerReady || this.closed || this.behind()) return this.packHere(request);
    const job: PackJob = { ...request, id: this.nextId++ };
    return new Promise<PackedExchange>((resolve, reject) => {
      this.pending.set(job.id, { job, resolve, reject });
      this.unsent.push(job);
      if (!this.sendScheduled) {
        this.sendScheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  /** Whether the worker holds too many jobs, or its oldest one (answers come in order) for too long. */
  private behind(): boolean {
    if (this.pending.size === 0) return false;
    if (this.pending.size >= this.bounds.maxPendingJobs) return true;
    const oldest = this.pending.values().next().value as Pending;
    return oldest.sentAtMs !== undefined && performance.now() - oldest.sentAtMs > this.bounds.maxLagMs;
  }

  /** Stop the worker; what it had not packed yet is packed here, and so is everything after. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.workerReady = false;
    this.announceReady(false);
    const worker = this.worker;
    this.worker = undefined;
    this.packPendingHere();
    if (worker) await worker.terminate();
  }

  private send(): void {
    this.sendScheduled = false;
    const jobs = this.unsent;
    this.unsent = [];
    if (jobs.length === 0) return;
    if (!this.worker || !this.workerReady) return this.packPendingHere();
    const sentAtMs = performance.now();
    for (const job of jobs) {
      const pending = this.pending.get(job.id);
      if (pending) pending.sentAtMs = sentAtMs;
    }
    this.worker.postMessage(jobs);
  }

  private settle(results: PackResult[]): void {
    for (const result of results) {
      const pending = this.pending.get(result.id);
      if (!pending) continue;
      this.pending.delete(result.id);
      if (result.ok) {
        this.stats.worker++;
        pending.resolve({
          frames: { dictionary: pending.job.frames.dictionary, bytes: asBuffer(result.frames), secondAt: result.secondAt },
          readings: result.readings.map(asBuffer),
        });
      } else {
        this.packHere(pending.job).then(pending.resolve, pending.reject);
      }
    }
  }

  private packHere(request: ExchangePackRequest): Promise<PackedExchange> {
    try {
      const packed = packExchange(request);
      this.stats.inline++;
      return Promise.resolve(packed);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private packPendingHere(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.unsent = [];
    for (const p of pending) this.packHere(p.job).then(p.resolve, p.reject);
  }
}

/** The bytes as the repositories store them, without a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
