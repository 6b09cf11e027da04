/// <reference lib="es2024.sharedmemory" />
/**
 * `npm run bench:transfer`: what it costs the answering thread to hand its writes to a storage worker thread, for
 * each way of handing them over (format.ts) and batch size. The storage worker design (docs/architecture.md,
 * "Storage worker") needs the cheapest hand-over on the answering thread, since that thread's CPU per message is what
 * bounds saturation, and a round trip short beside a commit (~70 µs fsync here, README "Performance").
 *
 * Closed loop with one batch in flight, as a group commit works (the next batch forms while the previous one
 * commits). Per mode and batch size: commands/s, the answering thread's busy time per command (event-loop
 * utilisation × wall time / commands), and the round trip of a batch (p50, p99). Results printed and written to
 * bench-results/transfer-latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../child-process.js';
import { meterReadingCommand, RING_HEADER, TRANSFER_MODES, type TransferMode, type WriteCommand } from './format.js';

const { values } = parseArgs({ options: { 'duration-ms': { type: 'string', default: '2000' }, batches: { type: 'string', default: '1,16,128' } } });
const durationMs = Number(values['duration-ms']);
const batchSizes = values.batches.split(',').map(Number);
if (!(durationMs > 0) || batchSizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: npm run bench:transfer -- [--duration-ms 2000] [--batches 1,16,128]');
  process.exit(2);
}

/**
 * The worker is TypeScript too. Node 20 does not apply `--import tsx` to a worker's entry file, so a small
 * bootstrap registers tsx's loader in the worker first, then imports the file.
 */
function typeScriptWorker(url: URL, workerData: unknown): Worker {
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
const RING_SLOTS = 8;
const RING_SLOT_BYTES = 1 << 20;

/** Sends one batch and resolves when the worker acknowledged it. */
type Sender = (id: number, commands: WriteCommand[]) => Promise<void>;

interface Channel {
  send: Sender;
  close(): Promise<void>;
}

function openChannel(mode: TransferMode): Channel {
  const workerUrl = new URL('./worker.ts', import.meta.url);
  if (mode === 'ring') {
    const header = new SharedArrayBuffer(4 * (RING_HEADER.lengths + RING_SLOTS));
    const data = new SharedArrayBuffer(RING_SLOTS * RING_SLOT_BYTES);
    const worker = typeScriptWorker(workerUrl, { mode, ring: { header, data, slotBytes: RING_SLOT_BYTES, slots: RING_SLOTS } });
    const head = new Int32Array(header);
    const bytes = new Uint8Array(data);
    const encoder = new TextEncoder();
    return {
      async send(id, commands) {
        const slot = id % RING_SLOTS;
        const text = JSON.stringify(commands);
        const { read, written } = encoder.encodeInto(text, bytes.subarray(slot * RING_SLOT_BYTES, (slot + 1) * RING_SLOT_BYTES));
        if (read < text.length) throw new Error(`a batch of ${text.length} characters does not fit a ${RING_SLOT_BYTES}-byte slot`);
        head[RING_HEADER.lengths + slot] = written;
        Atomics.store(head, RING_HEADER.written, id + 1);
        Atomics.notify(head, RING_HEADER.written);
        const wait = Atomics.waitAsync(head, RING_HEADER.acked, id);
        if (wait.async) await wait.value;
      },
      async close() {
        Atomics.store(head, RING_HEADER.written, -1);
        Atomics.notify(head, RING_HEADER.written);
        await new Promise((resolve) => worker.once('exit', resolve));
      },
    };
  }
  const worker = typeScriptWorker(workerUrl, { mode });
  const pending = new Map<number, () => void>();
  worker.on('message', (id: number) => {
    pending.get(id)?.();
    pending.delete(id);
  });
  return {
    send(id, commands) {
      return new Promise<void>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage(mode === 'clone' ? { id, commands } : JSON.stringify({ id, commands }));
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

interface Result {
  mode: TransferMode;
  batchSize: number;
  commandsPerSec: number;
  busyUsPerCommand: number;
  roundTripP50Us: number;
  roundTripP99Us: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(mode: TransferMode, batchSize: number): Promise<Result> {
  const channel = openChannel(mode);
  // The commands are built before the clock starts: the answering thread has them already (its handlers made them).
  const batches = Array.from({ length: 64 }, (_, b) => Array.from({ length: batchSize }, (_, i) => meterReadingCommand(b * batchSize + i)));
  await channel.send(0, batches[0] ?? []); // worker started and warm
  const roundTripsUs: number[] = [];
  let id = 1;
  let commands = 0;
  const elu0 = performance.eventLoopUtilization();
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const batch = batches[id % batches.length] ?? [];
    const sent = performance.now();
    await channel.send(id++, batch);
    roundTripsUs.push((performance.now() - sent) * 1000);
    commands += batch.length;
  }
  const wallMs = performance.now() - started;
  const elu = performance.eventLoopUtilization(elu0);
  await channel.close();
  roundTripsUs.sort((a, b) => a - b);
  return {
    mode,
    batchSize,
    commandsPerSec: Math.round(commands / (wallMs / 1000)),
    busyUsPerCommand: (elu.active * 1000) / commands,
    roundTripP50Us: percentile(roundTripsUs, 50),
    roundTripP99Us: percentile(roundTripsUs, 99),
  };
}

const results: Result[] = [];
for (const batchSize of batchSizes) {
  for (const mode of TRANSFER_MODES) {
    const result = await measure(mode, batchSize);
    results.push(result);
    process.stderr.write(`[transfer] ${mode} × ${batchSize}: ${result.busyUsPerCommand.toFixed(2)} µs/command on the answering thread\n`);
  }
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines = [
  `# Hand-over to a storage worker (${new Date().toISOString()})`,
  '',
  `Node ${process.version}, ${cpus().length} cores, ${durationMs} ms per row, one batch in flight, commands of a MeterValues reading with 7 sampled values.`,
  '',
  '| mode | commands per batch | commands/s | answering thread, µs per command | round trip p50 (µs) | p99 (µs) |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.mode} | ${r.batchSize} | ${r.commandsPerSec.toLocaleString('en-GB')} | ${fmt(r.busyUsPerCommand, 2)} | ${fmt(r.roundTripP50Us)} | ${fmt(r.roundTripP99Us)} |`,
  ),
  '',
];
const md = lines.join('\n');
const out = join(REPO_ROOT, 'bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'transfer-latest.md'), md);
console.log(md);
