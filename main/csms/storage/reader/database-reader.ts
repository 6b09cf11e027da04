import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { ReaderMessage, ReadArgument, ReadQueries, ReadQueryName, ReadRequest, ReadResult } from './read-queries.js';
import type { ReaderWorkerData } from './reader-worker.js';

interface Pending {
  name: ReadQueryName;
  argument: unknown;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the operator's long-list reads (read-queries.ts) off the thread that answers stations, in a reader worker
 * with its own read-only connection (reader-worker.ts), started with the first read. Where that is not possible
 * the same reads run on the main connection, as before: a database in memory (tests) has no file for a second
 * connection, and a worker that cannot start (or open the file) is reported once and not tried again. A worker
 * that dies later is replaced on the next read; the reads it had not answered run again (reads change nothing).
 */
export class DatabaseReader {
  private worker?: Worker;
  private inlineOnly: boolean;
  private closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Reads answered by the worker and on the main connection: for tests, the benchmark and diagnostics. */
  readonly stats = { worker: 0, inline: 0 };

  constructor(
    private readonly file: string,
    /** The same reads on the main connection. */
    private readonly inline: ReadQueries,
    private readonly logger: Pick<Console, 'warn'>,
    /**
     * Settles once the writes made so far on the main connection are committed (GroupCommit.whenCommitted). The
     * worker's connection sees only committed rows, so a read waits for this first: a client that reads right after
     * its change was answered finds it (read your writes). The main connection sees its own open batch anyway.
     */
    private readonly committed: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.inlineOnly = file === ':memory:';
  }

  run<K extends ReadQueryName>(name: K, argument: ReadArgument<K>): Promise<ReadResult<K>> {
    if (this.closed || this.inlineOnly) return this.runInline(name, argument);
    return this.committed().then(() => this.post(name, argument));
  }

  private post<K extends ReadQueryName>(name: K, argument: ReadArgument<K>): Promise<ReadResult<K>> {
    if (this.closed) return this.runInline(name, argument);
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    return new Promise<ReadResult<K>>((resolve, reject) => {
      this.pending.set(id, { name, argument, resolve: resolve as (result: unknown) => void, reject });
      const request: ReadRequest = { id, name, argument };
      worker.postMessage(request);
    });
  }

  /** Stop the worker; later reads run on the main connection until it closes. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.rerunPendingInline();
    if (worker) await worker.terminate();
  }

  private runInline<K extends ReadQueryName>(name: K, argument: ReadArgument<K>): Promise<ReadResult<K>> {
    try {
      const run = this.inline[name] as (argument: ReadArgument<K>) => ReadResult<K>;
      const result = run(argument);
      this.stats.inline++;
      return Promise.resolve(result);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private startWorker(): Worker {
    const workerData: ReaderWorkerData = { file: this.file };
    const worker = startModuleWorker(new URL('./reader-worker', import.meta.url), workerData);
    let ready = false;
    const giveUp = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (!ready) {
        this.inlineOnly = true;
        this.logger.warn(`[csms] the reader worker could not start (${why}); lists are read on the main connection`);
      }
      this.rerunPendingInline();
    };
    worker.on('message', (message: ReaderMessage) => {
      if (message.kind === 'ready') ready = true;
      else if (message.kind === 'opening-failed') {
        giveUp(message.message);
        void worker.terminate();
      } else this.settle(message);
    });
    worker.on('error', (err) => giveUp(err.message));
    worker.on('exit', (code) => giveUp(`it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(message: Extract<ReaderMessage, { kind: 'answer' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) {
      this.stats.worker++;
      pending.resolve(message.result);
    } else {
      pending.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    }
  }

  private rerunPendingInline(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) this.runInline(p.name, p.argument as never).then(p.resolve, p.reject);
  }
}
