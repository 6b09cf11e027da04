import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryGrowthMiB, runCampaign } from '../fuzz/campaign.js';
import { inProcessTarget } from '../fuzz/in-process-target.js';
import { startLimitedCsms } from '../fuzz/server.js';

/**
 * Fuzzing (README "Fuzzing and soak"), the bounded CI run: generated malformed and mutated frames from many connections at once, in
 * every protocol state, each answer checked by the oracle (test/fuzz/oracle.ts). FUZZ_SEED and FUZZ_FRAMES
 * reproduce or extend a run; `npm run fuzz -- --frames 1000000` is the long one.
 */
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const frames = Number(process.env.FUZZ_FRAMES ?? 100_000);

test(`fuzz: ${frames} generated frames from 48 connections (seed ${seed}; rerun with FUZZ_SEED=${seed})`, { timeout: 170_000 }, async () => {
  console.log(`# fuzz seed ${seed}`);
  // The budget of bad messages is off here so lanes keep their protocol state; limits.test.ts tests the budget.
  const h = await startLimitedCsms({ limits: { badMessageBudget: 0, maxFrameBytes: 256 * 1024 }, overrides: { registrationPolicy: 'pending' } });
  try {
    const result = await runCampaign(inProcessTarget(h), { seed, frames, lanes: 48, sampleEveryMs: 2000 });
    const growth = memoryGrowthMiB(result);
    console.log(
      `# ${result.framesSent} frames in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.framesPerSec)}/s), ${result.reconnects} reconnects, RSS ${growth.rss.toFixed(1)} MiB, heap ${growth.heapUsed.toFixed(1)} MiB growth after warm-up`,
    );
    console.log(`# codes ${JSON.stringify(result.codes)} closes ${JSON.stringify(result.closes)}`);
    for (const failure of result.failures.slice(0, 10)) console.log(`# FAIL ${JSON.stringify(failure)}`);
    assert.equal(result.failureCount, 0, `${result.failureCount} oracle failures (seed ${seed}); first: ${JSON.stringify(result.failures[0])}`);
    assert.ok(result.framesSent >= frames);
    assert.deepEqual((result.heartbeatAfter as unknown[]).slice(0, 2), [3, 'alive'], 'a valid Heartbeat is answered after fuzzing');
    // Live heap after GC must not keep what the frames carried (RSS includes SQLite's page cache and the fuzzer).
    assert.ok(growth.heapUsed < 48, `heap grew ${growth.heapUsed.toFixed(1)} MiB`);
    assert.ok(growth.rss < 256, `RSS grew ${growth.rss.toFixed(1)} MiB`);
  } finally {
    await h.close();
  }
});

test('fuzz regression: a malformed CALLRESULT or CALLERROR is never answered (OCPP-J §4.2.3: errors answer CALLs only)', async () => {
  const h = await startLimitedCsms();
  try {
    await h.csms.services.stations.upsert({ id: 'REG-1', registrationStatus: 'Accepted' });
    const { RawClient } = await import('../support/csms-harness.js');
    const client = await RawClient.connect(h.url('REG-1'));
    // Seen by the fuzzer: `[4,"1-0"]` got a FormationViolation back.
    for (const frame of ['[4,"r-1"]', '[3,"r-2"]', '[3,"r-3","not an object"]', '[4,"r-4",7]', '[3,"r-5",{},1]']) client.send(frame);
    client.send('[2,"r-6",');
    assert.equal((await client.reply('r-6'))[2], 'FormationViolation', 'a broken CALL is still answered');
    assert.equal((await client.call('r-7', 'Heartbeat', {}))[0], 3);
    assert.deepEqual(
      client.frames.filter((f) => Array.isArray(f) && /^r-[1-5]$/.test(String(f[1]))),
      [],
    );
    await client.close();
  } finally {
    await h.close();
  }
});
