/**
 * The reader worker: a thread with its own read-only connection that runs the operator's long-list reads
 * (read-queries.ts), so a heavy page (a text search unpacks up to 10,000 log rows) never holds up the thread that
 * answers stations. WAL lets it read while the central system commits (sqlite.org/wal.html "Concurrency"); each
 * statement sees the last committed state, which is all an operator read may show (a reply and its event leave only
 * after their commit: docs/architecture.md "Commit, then reply").
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { registerSqlFunctions } from '../sql-functions.js';
import { createReadQueries, type ReaderMessage, type ReadQueries, type ReadRequest } from './read-queries.js';

export interface ReaderWorkerData {
  file: string;
}

function post(message: ReaderMessage): void {
  parentPort!.postMessage(message);
}

function open(file: string): ReadQueries | undefined {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    // A writer's checkpoint may briefly hold a lock a reader needs; wait for it rather than fail the page.
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -16000');
    registerSqlFunctions(db);
    return createReadQueries(db);
  } catch (err) {
    post({ kind: 'opening-failed', message: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

const queries = open((workerData as ReaderWorkerData).file);
if (queries) {
  parentPort!.on('message', (request: ReadRequest) => {
    try {
      const run = queries[request.name] as (argument: unknown) => unknown;
      const result = run(request.argument);
      // Bytes (read-queries.ts `jsonBytes`: a buffer of their own), alone or as a result's `bytes`, are handed over,
      // not copied.
      const message: ReaderMessage = { kind: 'answer', id: request.id, ok: true, result };
      const bytes = result instanceof Uint8Array ? result : (result as { bytes?: unknown } | null)?.bytes;
      if (bytes instanceof Uint8Array) parentPort!.postMessage(message, [bytes.buffer as ArrayBuffer]);
      else post(message);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const code = (error as { code?: unknown }).code;
      post({ kind: 'answer', id: request.id, ok: false, message: error.message, ...(typeof code === 'string' ? { code } : {}) });
    }
  });
  post({ kind: 'ready' });
}
