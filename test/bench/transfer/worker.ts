/**
 * The receiving end of the transfer benchmark (run.ts): a worker thread standing in for the storage worker. It
 * decodes each batch of write commands the way the storage worker would have to, touches every command (so a lazy
 * decode cannot flatter a format) and acknowledges the batch. It does no SQLite work: the benchmark measures what
 * the hand-over costs, not the writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RING_HEADER, type TransferMode, type WriteCommand } from './format.js';

interface WorkerSetup {
  mode: TransferMode;
  ring?: { header: SharedArrayBuffer; data: SharedArrayBuffer; slotBytes: number; slots: number };
}

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('transfer/worker.ts runs as a worker thread');

/** Reads every command, so each format pays its whole decode. */
function touch(commands: readonly WriteCommand[]): number {
  let sum = 0;
  for (const c of commands) sum += c.stationKey + c.connectorId + c.transactionId + c.timestamp.length + c.sampledValues.length;
  return sum;
}

if (setup.mode === 'clone') {
  port.on('message', (batch: { id: number; commands: WriteCommand[] }) => {
    touch(batch.commands);
    port.postMessage(batch.id);
  });
} else if (setup.mode === 'json') {
  port.on('message', (text: string) => {
    const batch = JSON.parse(text) as { id: number; commands: WriteCommand[] };
    touch(batch.commands);
    port.postMessage(batch.id);
  });
} else {
  const ring = setup.ring;
  if (!ring) throw new Error('the ring mode needs its shared buffers');
  const header = new Int32Array(ring.header);
  const data = new Uint8Array(ring.data);
  const decoder = new TextDecoder();
  let seen = 0;
  // Blocking is fine here: this thread has nothing else to do, and Atomics.wait wakes within microseconds.
  for (;;) {
    Atomics.wait(header, RING_HEADER.written, seen);
    const written = Atomics.load(header, RING_HEADER.written);
    if (written < 0) break; // the main thread's stop signal
    for (let id = seen; id < written; id++) {
      const slot = id % ring.slots;
      const length = header[RING_HEADER.lengths + slot] ?? 0;
      const text = decoder.decode(data.subarray(slot * ring.slotBytes, slot * ring.slotBytes + length));
      touch(JSON.parse(text) as WriteCommand[]);
    }
    seen = written;
    Atomics.store(header, RING_HEADER.acked, written);
    Atomics.notify(header, RING_HEADER.acked);
  }
}
