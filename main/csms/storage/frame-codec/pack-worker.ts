/**
 * The pack worker: deflates message-log rows and meter readings (pack-protocol.ts `packExchange`) on a thread of
 * its own, so the thread that answers stations does not spend its time compressing (README "Performance").
 * Stateless: each job carries its texts and dictionaries; the results go back in the order the jobs came.
 */
import { parentPort } from 'node:worker_threads';
import { packExchange, type PackJob, type PackerMessage, type PackResult } from './pack-protocol.js';

/** A copy of exactly these bytes: zlib's output may be a slice of a larger pooled buffer, which a transfer would carry whole. */
function own(bytes: Buffer, transfer: ArrayBuffer[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  transfer.push(copy.buffer);
  return copy;
}

parentPort!.on('message', (jobs: PackJob[]) => {
  const results: PackResult[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of jobs) {
    try {
      const packed = packExchange(job);
      results.push({
        id: job.id,
        ok: true,
        frames: own(packed.frames.bytes, transfer),
        secondAt: packed.frames.secondAt,
        readings: packed.readings.map((bytes) => own(bytes, transfer)),
      });
    } catch (err) {
      results.push({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const message: PackerMessage = { kind: 'packed', results };
  parentPort!.postMessage(message, transfer);
});
const ready: PackerMessage = { kind: 'ready' };
parentPort!.postMessage(ready);
