/**
 * The pack worker: deflates message-log rows (index.ts `packFrames`) on a thread of its own, so the thread that
 * answers stations does not spend its time compressing (README "Performance": deflate was ~30 % of it).
 * Stateless: each job carries its frames and dictionary; the results go back in the order the jobs came.
 */
import { parentPort } from 'node:worker_threads';
import { packFrames } from './index.js';
import type { PackJob, PackerMessage, PackResult } from './pack-protocol.js';

function post(message: PackerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

parentPort!.on('message', (jobs: PackJob[]) => {
  const results: PackResult[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of jobs) {
    try {
      const packed = packFrames(job.first, job.second, job.dictionary, job.reading);
      // A copy of exactly its bytes: zlib's output may be a slice of a larger pooled buffer, which a transfer (or a
      // clone) would carry whole.
      const bytes = new Uint8Array(packed.bytes);
      transfer.push(bytes.buffer);
      results.push({ id: job.id, ok: true, bytes, secondAt: packed.secondAt });
    } catch (err) {
      results.push({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }
  post({ kind: 'packed', results }, transfer);
});
post({ kind: 'ready' });
