/** The bounded re-fetch of live data (renderer/src/store/throttled-runner.ts), on a clock the test moves. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createThrottledRunner, type RunnerClock } from '../../../renderer/src/store/throttled-runner.js';

/** Timers that fire only when the test advances the time. */
function manualClock() {
  let nowMs = 10_000;
  let nextHandle = 1;
  const timers = new Map<number, { atMs: number; callback: () => void }>();
  const clock: RunnerClock = {
    now: () => nowMs,
    setTimeout: (callback, ms) => {
      const handle = nextHandle++;
      timers.set(handle, { atMs: nowMs + ms, callback });
      return handle;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    nowMs += ms;
    for (const [handle, timer] of [...timers]) {
      if (timer.atMs > nowMs) continue;
      timers.delete(handle);
      timer.callback();
    }
  };
  return { clock, advance, pending: () => timers.size };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A task that counts its runs and finishes when the test says so. */
function gatedTask() {
  const releases: (() => void)[] = [];
  let runs = 0;
  const task = () => {
    runs++;
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { task, runs: () => runs, finish: () => releases.shift()?.() };
}

describe('createThrottledRunner', () => {
  test('many schedules within the interval make one run, at the interval after the last start', async () => {
    const t = manualClock();
    const work = gatedTask();
    const runner = createThrottledRunner(work.task, 500, t.clock);
    runner.run();
    work.finish();
    await settle();
    for (let i = 0; i < 10; i++) runner.schedule();
    assert.equal(t.pending(), 1, 'one timer, however many events');
    t.advance(499);
    assert.equal(work.runs(), 1);
    t.advance(1);
    assert.equal(work.runs(), 2);
  });

  test('never two runs at once: a run asked for meanwhile follows the running one', async () => {
    const t = manualClock();
    const work = gatedTask();
    const runner = createThrottledRunner(work.task, 500, t.clock);
    runner.run();
    runner.run();
    assert.equal(work.runs(), 1, 'the second waits');
    t.advance(1000);
    work.finish();
    await settle();
    t.advance(0);
    assert.equal(work.runs(), 2, 'the last change is still fetched');
  });

  test('a failing task ends its run and the runner keeps going', async () => {
    const t = manualClock();
    let runs = 0;
    const runner = createThrottledRunner(
      () => {
        runs++;
        return Promise.reject(new Error('network'));
      },
      100,
      t.clock,
    );
    runner.run();
    await settle();
    runner.run();
    assert.equal(runs, 2);
  });

  test('after stop nothing runs and the pending timer is gone', async () => {
    const t = manualClock();
    const work = gatedTask();
    const runner = createThrottledRunner(work.task, 500, t.clock);
    runner.run();
    work.finish();
    await settle();
    runner.schedule();
    runner.stop();
    assert.equal(t.pending(), 0);
    t.advance(10_000);
    runner.run();
    assert.equal(work.runs(), 1);
  });
});
