/**
 * The frame packer (storage/frame-codec/frame-packer.ts): message-log rows and meter readings packed in the pack
 * worker come out byte for byte as packed on the main thread, in any mix with rows packed here (before the worker is ready, beyond its
 * backlog, after close), and every packing settles.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CURRENT_DICTIONARY,
  packFrames,
  packText,
  packTextAgainst,
  unpackFrames,
  unpackText,
  WITH_READING,
} from '../../main/csms/storage/frame-codec/index.js';
import { FramePacker } from '../../main/csms/storage/frame-codec/frame-packer.js';
import type { ExchangePackRequest, PackedExchange } from '../../main/csms/storage/frame-codec/pack-protocol.js';
import { SeededRandom } from '../support/seeded-random.js';

function quietLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => warnings.push(message) } };
}

/**
 * Exchanges like a station's: MeterValues against their reading, with that reading (against its transaction's key
 * reading, or on its own), other CALLs with their answers, lone frames.
 */
function requests(count: number, seed: number): ExchangePackRequest[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `m-${i}-${random.word(8)}`;
    if (random.chance(0.5)) {
      const values = Array.from({ length: 7 }, () => ({
        value: String(random.int(0, 99_999)),
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
      }));
      const timestamp = new Date(1_790_000_000_000 + i * 60_000).toISOString();
      const reading = timestamp + JSON.stringify(values);
      const call = JSON.stringify([2, id, 'MeterValues', { connectorId: 1, transactionId: i, meterValue: [{ timestamp, sampledValue: values }] }]);
      const text = JSON.stringify(values);
      const key = random.chance(0.7) ? { id: random.int(1, 1_000_000), text: JSON.stringify(values.map((v) => ({ ...v, value: '0' }))) } : null;
      return { frames: { first: call, second: JSON.stringify([3, id, {}]), dictionary: WITH_READING, reading }, readings: [{ text, key }] };
    }
    const call = JSON.stringify([2, id, 'StatusNotification', { connectorId: random.int(0, 3), errorCode: 'NoError', status: 'Available' }]);
    const frames = { first: call, second: random.chance(0.8) ? JSON.stringify([3, id, {}]) : null, dictionary: CURRENT_DICTIONARY, reading: null };
    return { frames, readings: [] };
  });
}

function assertPackedAsHere(request: ExchangePackRequest, packed: PackedExchange): void {
  const { first, second, dictionary, reading } = request.frames;
  const here = packFrames(first, second, dictionary, reading);
  assert.equal(packed.frames.dictionary, here.dictionary);
  assert.equal(packed.frames.secondAt, here.secondAt);
  assert.ok(Buffer.isBuffer(packed.frames.bytes), 'the bytes are a Buffer, as the repository stores them');
  assert.deepEqual(packed.frames.bytes, here.bytes);
  assert.deepEqual(unpackFrames(packed.frames.dictionary, packed.frames.bytes, packed.frames.secondAt, reading), [first, second]);
  assert.equal(packed.readings.length, request.readings.length);
  request.readings.forEach((r, i) => {
    const bytes = packed.readings[i]!;
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual(bytes, r.key ? packTextAgainst(r.text, r.key.id, r.key.text) : packText(r.text));
    assert.equal(unpackText(bytes, r.key?.text ?? null), r.text);
  });
}

test('rows packed in the worker are the bytes packed here, in one turn or many', async () => {
  const { logger, warnings } = quietLogger();
  const packer = new FramePacker(true, logger);
  packer.start();
  assert.equal(await packer.ready, true);
  const first = requests(300, 1);
  const packed = await Promise.all(first.map((r) => packer.pack(r)));
  first.forEach((r, i) => assertPackedAsHere(r, packed[i]!));
  // One job per turn as well: each goes out on its own.
  for (const r of requests(20, 2)) assertPackedAsHere(r, await packer.pack(r));
  assert.equal(packer.stats.worker, 320);
  assert.equal(packer.stats.inline, 0);
  await packer.close();
  assert.deepEqual(warnings, []);
});

test('before the worker is ready, beyond its backlog, when it lags and after close, rows are packed here, the same bytes', async (t) => {
  const { logger } = quietLogger();
  const packer = new FramePacker(true, logger, { maxLagMs: Number.POSITIVE_INFINITY, maxPendingJobs: 1000 });
  packer.start();
  const early = requests(10, 3);
  const earlyPacked = await Promise.all(early.map((r) => packer.pack(r)));
  early.forEach((r, i) => assertPackedAsHere(r, earlyPacked[i]!));
  assert.equal(packer.stats.inline, 10, 'packed here while the worker starts');
  assert.equal(await packer.ready, true);

  // More than the worker may hold, in one turn: the rest is packed here.
  const many = requests(3000, 4);
  const manyPacked = await Promise.all(many.map((r) => packer.pack(r)));
  many.forEach((r, i) => assertPackedAsHere(r, manyPacked[i]!));
  assert.equal(packer.stats.worker, 1000, 'the worker took its backlog');
  assert.equal(packer.stats.inline, 10 + 3000 - 1000);

  // Closed with jobs still out: they settle, packed here, and so does everything later.
  const outstanding = requests(50, 5);
  const settling = outstanding.map((r) => packer.pack(r));
  await packer.close();
  const late = requests(5, 6);
  const results = await Promise.all([...settling, ...late.map((r) => packer.pack(r))]);
  [...outstanding, ...late].forEach((r, i) => assertPackedAsHere(r, results[i]!));

  // A long turn of this thread is not the worker's lag: its jobs are posted when it ends, and all go to the worker.
  const lagging = new FramePacker(true, logger, { maxLagMs: 5, maxPendingJobs: 1000 });
  lagging.start();
  t.after(() => lagging.close()); // a failed check must not leave the worker keeping the test process alive
  assert.equal(await lagging.ready, true);
  const [early1, early2] = requests(2, 8);
  const early1Packed = lagging.pack(early1!);
  busyFor(20);
  const early2Packed = lagging.pack(early2!);
  assertPackedAsHere(early1!, await early1Packed);
  assertPackedAsHere(early2!, await early2Packed);
  assert.deepEqual(lagging.stats, { worker: 2, inline: 0 }, 'a 20 ms turn here sent nothing back to this thread');

  // A worker whose oldest job, posted, has not come back within the bound: the next rows are packed here.
  const [first, second, third] = requests(3, 9);
  const waiting = lagging.pack(first!);
  await new Promise<void>((resolve) => setImmediate(resolve)); // the turn ended: the job is posted
  busyFor(20); // this thread is busy: the worker's answer cannot come back
  const order: string[] = [];
  void waiting.then(() => order.push('first, in the worker'));
  const packedHere = lagging.pack(second!);
  void packedHere.then(() => order.push('second, packed here'));
  assert.equal(lagging.stats.inline, 1, 'the worker is 20 ms behind: packed here');
  assertPackedAsHere(first!, await waiting);
  assertPackedAsHere(second!, await packedHere);
  assert.deepEqual(order, ['first, in the worker', 'second, packed here'], 'settled in the order asked, so rows are written in it');
  assertPackedAsHere(third!, await lagging.pack(third!));
  assert.deepEqual(lagging.stats, { worker: 4, inline: 1 }, 'caught up: the worker again');
  await lagging.close();
});

test('without a worker everything is packed here; a request that cannot be packed rejects', async () => {
  const { logger, warnings } = quietLogger();
  const packer = new FramePacker(false, logger);
  packer.start();
  assert.equal(await packer.ready, false);
  const some = requests(30, 7);
  const packed = await Promise.all(some.map((r) => packer.pack(r)));
  some.forEach((r, i) => assertPackedAsHere(r, packed[i]!));
  assert.equal(packer.stats.inline, 30);
  await assert.rejects(
    packer.pack({ frames: { first: '[2,"x","MeterValues",{}]', second: null, dictionary: WITH_READING, reading: null }, readings: [] }),
    /needs the meter reading/,
  );
  await packer.close();
  assert.deepEqual(warnings, []);
});

test('a request the worker cannot pack is tried here and rejects with the reason', async () => {
  const { logger } = quietLogger();
  const packer = new FramePacker(true, logger);
  packer.start();
  assert.equal(await packer.ready, true);
  const bad = packer.pack({ frames: { first: '[2,"x","MeterValues",{}]', second: null, dictionary: 99, reading: null }, readings: [] });
  const good = requests(3, 8);
  const goodPacked = packer.pack(good[0]!);
  await assert.rejects(bad, /unknown message-log dictionary 99/);
  assertPackedAsHere(good[0]!, await goodPacked);
  assert.equal(packer.stats.worker, 1);
  await packer.close();
});

/** Keep this thread busy, as a long turn does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* nothing: only the time passing matters */
  }
}
