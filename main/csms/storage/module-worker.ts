import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Whether this code runs from its TypeScript sources (tsx: tests, `npm run bench`) or from dist. */
const FROM_SOURCES = extname(fileURLToPath(import.meta.url)) === '.ts';

/**
 * Node 20 does not run the parent's `--import` hooks in a worker thread, so from the sources the worker registers
 * tsx itself before it loads its TypeScript entry; from dist it loads the entry alone.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsLoader) (await import(workerData.tsLoader)).register();
  await import(workerData.entry);
})().catch((err) => { setImmediate(() => { throw err; }); });
`;

/**
 * Start the worker whose entry is `entry` (a module URL without its extension, beside the caller:
 * `new URL('./reader-worker', import.meta.url)`), with `data` as its `workerData` and V8's `resourceLimits` if given.
 * The worker never keeps the process alive: its owner ends it, and so does the process's end.
 */
export function startModuleWorker(entry: URL, data: object, resourceLimits?: ResourceLimits): Worker {
  const url = new URL(`${entry.href}${FROM_SOURCES ? '.ts' : '.js'}`);
  const workerData = { ...data, entry: url.href, tsLoader: FROM_SOURCES ? import.meta.resolve('tsx/esm/api') : null };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData, resourceLimits });
  worker.unref();
  return worker;
}
