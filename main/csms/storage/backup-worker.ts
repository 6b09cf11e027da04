/**
 * Backups and their verification run in a worker thread with its own SQLite connection, so the event loop that
 * answers chargers never waits for them (README "Backups and restore").
 *
 * The copy is SQLite's online backup API (better-sqlite3 `db.backup()`, sqlite.org/backup.html) told to copy every
 * page in one step. In one step it reads a single snapshot: with WAL a reader does not block the writer
 * (wal.html "Concurrency"), so the central system keeps committing meanwhile, and there is nothing to restart (a
 * step-wise copy from another connection restarts whenever the source is written, which under constant charger
 * traffic could be forever: backup.html, sqlite3_backup_step). Copying 428 MB took 1.1 s here against 1.8 s for
 * 256-page steps on the main connection with ≈ 6 ms pauses of the event loop each.
 *
 * The worker is plain JavaScript evaluated from a string: it needs no build step and runs the same from the
 * TypeScript sources (tests) and from dist.
 */
import { Worker } from 'node:worker_threads';
import { SQLITE_DRIVER_PATH } from './database.js';

interface WorkerBackupResult {
  problems: string[];
  schemaVersion: number;
  migrationNames: string[];
  migrationHashes: string[];
}

/** Copy `source` into `destination` (a new file) and verify the copy; or with `source` null, only verify. */
interface WorkerTask {
  source: string | null;
  destination: string;
  driver: string;
  maxProblems: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const ALL_PAGES = 0x7fffffff;
async function run() {
  if (workerData.source !== null) {
    const source = new Database(workerData.source, { readonly: true, fileMustExist: true });
    try {
      await source.backup(workerData.destination, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    // The copy keeps the source's WAL flag; a backup is one self-contained file, so switch it to a rollback journal.
    const copy = new Database(workerData.destination, { fileMustExist: true });
    try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
  }
  const db = new Database(workerData.destination, { readonly: true, fileMustExist: true });
  try {
    let problems;
    try {
      problems = db.pragma('quick_check(' + workerData.maxProblems + ')').map((r) => r.quick_check);
    } catch (err) {
      const code = String(err.code || '');
      if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') problems = [err.message];
      else throw err;
    }
    if (problems.length === 1 && problems[0] === 'ok') problems = [];
    let rows = [];
    if (problems.length === 0 && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").get())
      rows = db.prepare('SELECT name, sha256 FROM _migrations ORDER BY id').all();
    return { problems, schemaVersion: rows.length, migrationNames: rows.map((r) => r.name), migrationHashes: rows.map((r) => r.sha256) };
  } finally {
    db.close();
  }
}
run().then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (err) => parentPort.postMessage({ ok: false, message: String(err && err.message || err), code: err && err.code }),
);
`;

/** A running worker job; `cancel()` stops it (the caller removes the partial file). */
export interface WorkerJob {
  result: Promise<WorkerBackupResult>;
  cancel(): Promise<void>;
}

export function startWorkerJob(source: string | null, destination: string, maxProblems = 10): WorkerJob {
  const task: WorkerTask = { source, destination, driver: SQLITE_DRIVER_PATH, maxProblems };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: task });
  const result = new Promise<WorkerBackupResult>((resolve, reject) => {
    let settled = false;
    worker.once('message', (message: { ok: true; result: WorkerBackupResult } | { ok: false; message: string; code?: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(Object.assign(new Error(message.message), { code: message.code }));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`backup worker stopped (exit code ${code})`));
    });
  });
  return {
    result,
    cancel: async () => {
      await worker.terminate();
    },
  };
}
