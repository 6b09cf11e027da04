/** The benchmark's percentile and summary math (test/bench/stats.ts): nearest-rank, exact, no interpolation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatSamples, cpuPercent, percentile, ratio, SampleRecorder, summarize } from '../bench/stats.js';

test('nearest-rank percentiles of 1..100 are the values themselves', () => {
  const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 95), 95);
  assert.equal(percentile(sorted, 99), 99);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile(sorted, 0), 1);
});

test('a percentile is always a sample that happened (small and odd sizes)', () => {
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([1, 2, 3], 50), 2);
  assert.equal(percentile([1, 2, 3, 4], 50), 2);
  assert.equal(percentile([1, 2, 3, 4], 51), 3);
  assert.equal(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 1000], 99), 1000);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('summarize sorts numerically without touching its input, and handles empty input', () => {
  const input = [5, 1, 100, 20, 3];
  const s = summarize(input);
  assert.deepEqual(input, [5, 1, 100, 20, 3]);
  assert.deepEqual(s, { count: 5, min: 1, mean: 25.8, p50: 5, p95: 100, p99: 100, max: 100 });
  const empty = summarize([]);
  assert.equal(empty.count, 0);
  assert.ok(Number.isNaN(empty.p99));
});

test('SampleRecorder grows past its capacity and summarises what was added', () => {
  const recorder = new SampleRecorder(16);
  for (let i = 1000; i >= 1; i--) recorder.add(i / 10);
  assert.equal(recorder.length, 1000);
  const s = recorder.summary();
  assert.equal(s.min, 0.1);
  assert.equal(s.p99, 99);
  assert.equal(s.max, 100);
  assert.equal(concatSamples([recorder.values(), [1000]]).length, 1001);
});

test('ratio and cpuPercent refuse meaningless inputs', () => {
  assert.equal(ratio(50, 100), 0.5);
  assert.equal(ratio(1, 0), null);
  assert.equal(ratio(undefined, 3), null);
  assert.equal(ratio(Number.NaN, 3), null);
  assert.equal(cpuPercent(500_000, 1000), 50);
});
