/**
 * Seeded randomized property test of the site's limit sharing (main/csms/sites/): thousands of steps of sessions
 * arriving and leaving, draws and states changing, stations going offline and refusing profiles, the site's limits
 * and the time of day changing, with the update plan applied step by step and answers arriving in random order
 * across stations (in order per station, as OCPP-J's one outstanding CALL per station makes them). At every step:
 * - the allocation never exceeds the budget (unless the holds alone do, and then it pauses every steerable session),
 *   no session is between 0 and the minimum, none above its maximum; the sharing rules hold (priorities, equal
 *   shares, give-back amounts, little left unshared);
 * - the central system never underestimates what a station may be using, and the update plan never lets the
 *   possibly-in-use sum grow past the budget: it goes over only when something outside its control happens (the
 *   budget falls, a new session starts at its default, a station turns out to refuse), and then never grows further.
 * Every 300 steps the site is left calm until the plan has nothing more to send, and the result must match the
 * allocation. Replay a failing run with the seed it prints: SITES_SEED=<seed> node scripts/run-tests.mjs <this file>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  planUpdates,
  possiblyInUseA,
  type Allocation,
  type AllocationReason,
  type DeferReason,
  type UpdatePlan,
} from '../../../main/csms/sites/index.js';
import { ceilDeciA, floorDeciA } from '../../../main/csms/sites/deci-amps.js';
import { SeededRandom } from '../../support/seeded-random.js';
import { SiteSimulation, type SimSession } from './site-simulation.js';

const STEPS = 3000;
const CALM_EVERY_STEPS = 300;
const SEEDS = process.env.SITES_SEED ? [Number(process.env.SITES_SEED)] : [1, 2, 3, 20261205];

const deci = (amps: number) => Math.round(amps * 10);
const isHeld = (reason: AllocationReason) => reason === 'held-offline' || reason === 'held-refused';
/** Sessions the plan sends nothing to: held ones and finishing ones (their transaction has stopped). */
const takesNoUpdate = (reason: AllocationReason) => isHeld(reason) || reason === 'not-charging';

/** What a run went through, so a generator that stops reaching a rule fails instead of passing vacuously. */
interface Coverage {
  reasons: Set<AllocationReason>;
  deferred: Set<DeferReason>;
  increases: number;
  decreases: number;
  overBudgetByHolds: number;
  overBudgetAfterExternal: number;
}

function randomEvents(sim: SiteSimulation, random: SeededRandom): void {
  const count = sim.sessions.length;
  if (count === 0 || (count < 30 && random.chance(0.12))) sim.arrive();
  if (sim.sessions.length > 1 && random.chance(0.08)) sim.leave();
  for (let i = 0; i < 2; i++) if (random.chance(0.6)) sim.changeDraw();
  if (random.chance(0.1)) sim.changeState();
  if (sim.sessions.some((s) => s.online) && random.chance(0.03)) sim.goOffline();
  if (sim.sessions.some((s) => !s.online) && random.chance(0.06)) sim.comeBack();
  if (random.chance(0.015)) sim.startRefusing();
  if (sim.sessions.some((s) => s.refusing || s.heldAsRefused) && random.chance(0.03)) sim.stopRefusing();
  if (random.chance(0.01)) sim.changeLimits();
  sim.advanceTime();
}

/** The bookkeeping never underestimates: what a station really uses is at most what is counted for it. */
function checkSoundness(sim: SiteSimulation): void {
  for (const s of sim.sessions) {
    const entry = sim.sent.get(s.key);
    assert.ok(entry, `${s.key} has a sent entry`);
    assert.ok(s.appliedA <= possiblyInUseA(entry) + 1e-9, `${s.key} uses ${s.appliedA} A but is counted at ${possiblyInUseA(entry)} A`);
  }
}

/** Answers arrive in random order across stations; an accepted one never raises the possibly-in-use sum. */
function deliverAnswers(sim: SiteSimulation, random: SeededRandom): void {
  for (const s of random.shuffled(sim.sessions)) {
    if (!s.online || s.inFlight.length === 0 || !random.chance(0.5)) continue;
    const beforeDeciA = sim.inUseDeciA();
    const refused = s.refusing;
    sim.answerOldest(s);
    if (!refused) assert.ok(sim.inUseDeciA() <= beforeDeciA, `an accepted answer from ${s.key} raised the possibly-in-use sum`);
    checkSoundness(sim);
  }
}

function checkTotals(sim: SiteSimulation, allocation: Allocation): void {
  const { totals } = allocation;
  const budgetDeciA = deci(totals.budgetA);
  assert.equal(budgetDeciA, floorDeciA(sim.budgetA()));
  const sumDeciA = allocation.sessions.reduce((sum, a) => sum + deci(a.limitA), 0);
  const heldDeciA = allocation.sessions.reduce((sum, a) => (isHeld(a.reason) ? sum + deci(a.limitA) : sum), 0);
  assert.equal(deci(totals.allocatedA), sumDeciA, 'allocatedA is the sum of the limits');
  assert.equal(deci(totals.heldA), heldDeciA, 'heldA is the sum of the holds');
  if (totals.overBudgetByHoldsA > 0) {
    assert.equal(deci(totals.overBudgetByHoldsA), heldDeciA - budgetDeciA);
    assert.equal(sumDeciA, heldDeciA, 'holds over the budget: every steerable session is paused');
  } else {
    assert.ok(sumDeciA <= budgetDeciA, `allocated ${totals.allocatedA} A of a ${totals.budgetA} A budget`);
  }
}

function checkSession(sim: SiteSimulation, s: SimSession, limitA: number, reason: AllocationReason): void {
  const counted = sim.holdOf(s);
  if (counted !== null) {
    assert.equal(reason, counted.kind === 'offline' ? 'held-offline' : 'held-refused', s.key);
    assert.equal(deci(limitA), ceilDeciA(counted.holdA), `${s.key} is held at its hold`);
    return;
  }
  assert.ok(!isHeld(reason), `${s.key} is steerable`);
  assert.ok(limitA === 0 || limitA >= sim.minSessionA, `${s.key} got ${limitA} A, between 0 and the ${sim.minSessionA} A minimum`);
  const maxA = sim.maxAOf(s);
  if (maxA !== null) assert.ok(limitA <= maxA, `${s.key} got ${limitA} A above its ${maxA} A maximum`);
  if (s.state === 'finishing') assert.deepEqual([limitA, reason], [0, 'not-charging'], s.key);
  if (reason === 'capped-by-max')
    assert.equal(deci(limitA), maxA !== null && floorDeciA(maxA) >= ceilDeciA(sim.minSessionA) ? floorDeciA(maxA) : 0, s.key);
  if (reason === 'gives-back') {
    assert.ok(s.measuredA !== null && (s.state === 'charging' || s.state === 'suspendedEV'), `${s.key} gives back only when measured`);
    const keepA = s.measuredA + Math.max(1, s.measuredA / 10);
    assert.equal(deci(limitA), Math.max(ceilDeciA(sim.minSessionA), ceilDeciA(keepA)), `${s.key} keeps its draw plus headroom`);
  }
}

/** Pausing goes by priority, then input order; uncapped sessions of one tier share equally; little is left over. */
function checkSharing(sim: SiteSimulation, allocation: Allocation): void {
  if (allocation.totals.overBudgetByHoldsA > 0) return;
  const rows = allocation.sessions
    .map((a, index) => ({ ...a, index, priority: sim.sessions[index]?.priority ?? 0 }))
    .filter((r) => !isHeld(r.reason));
  const paused = rows.filter((r) => r.reason === 'paused-no-room');
  const shares = rows.filter((r) => r.reason === 'share');
  for (const p of paused) {
    const preferred = rows.find((r) => r.limitA > 0 && (r.priority < p.priority || (r.priority === p.priority && r.index > p.index)));
    assert.equal(preferred, undefined, `${p.key} is paused while ${preferred?.key} of lower rank charges`);
  }
  for (const a of shares)
    for (const b of shares) if (a.priority === b.priority) assert.equal(a.limitA, b.limitA, `${a.key} and ${b.key} share one tier equally`);
  const leftoverDeciA = deci(allocation.totals.budgetA) - deci(allocation.totals.allocatedA);
  if (paused.length > 0) assert.ok(leftoverDeciA < ceilDeciA(sim.minSessionA), `a session is paused while ${leftoverDeciA / 10} A is left`);
  if (shares.length > 0) assert.ok(leftoverDeciA < shares.length, `${leftoverDeciA / 10} A left unshared among ${shares.length} sharing sessions`);
  for (const high of shares) {
    const higherSharers = shares.filter((r) => r.priority >= high.priority).length;
    for (const low of rows.filter((r) => r.priority < high.priority)) {
      assert.ok(
        deci(low.limitA) <= deci(high.limitA) + higherSharers,
        `${low.key} (priority ${low.priority}) gets more than ${high.key} (${high.priority})`,
      );
    }
  }
}

function checkAllocation(sim: SiteSimulation, allocation: Allocation, coverage: Coverage): void {
  checkTotals(sim, allocation);
  assert.deepEqual(
    allocation.sessions.map((a) => a.key),
    sim.sessions.map((s) => s.key),
    'one result per session, in input order',
  );
  allocation.sessions.forEach((a, index) => {
    const session = sim.sessions[index];
    if (session !== undefined) checkSession(sim, session, a.limitA, a.reason);
    coverage.reasons.add(a.reason);
  });
  checkSharing(sim, allocation);
  if (allocation.totals.overBudgetByHoldsA > 0) coverage.overBudgetByHolds++;
}

function checkPlan(sim: SiteSimulation, allocation: Allocation, plan: UpdatePlan, beforeDeciA: number, coverage: Coverage): void {
  const budgetDeciA = deci(allocation.totals.budgetA);
  const afterDeciA = sim.inUseDeciA();
  assert.equal(deci(plan.possiblyInUseA), afterDeciA, 'the plan says the possibly-in-use sum it leaves');
  assert.ok(
    afterDeciA <= Math.max(budgetDeciA, beforeDeciA),
    `the plan raised the possibly-in-use sum to ${afterDeciA / 10} A (budget ${budgetDeciA / 10} A)`,
  );
  if (plan.updates.some((u) => u.kind === 'increase')) assert.ok(afterDeciA <= budgetDeciA, 'an increase went out beyond the budget');
  for (const update of plan.updates) {
    const session = sim.sessions.find((s) => s.key === update.key);
    assert.ok(
      session && session.online && !session.heldAsRefused && session.state !== 'finishing',
      `no update for ${update.key}, which cannot be steered`,
    );
    if (update.kind === 'increase') coverage.increases++;
    else coverage.decreases++;
  }
  for (const d of plan.deferred) coverage.deferred.add(d.reason);
  allocation.sessions.forEach((a) => {
    const entry = sim.sent.get(a.key);
    if (!takesNoUpdate(a.reason) && entry !== undefined)
      assert.ok(entry.limitA <= a.limitA, `${a.key}: its decrease to ${a.limitA} A did not go out`);
  });
}

/**
 * Left calm (finishing transactions stopped and forgotten, answers all delivered, time past the rate limit), the
 * plan must finish and match the allocation.
 */
function settle(sim: SiteSimulation): void {
  sim.stopFinished();
  let allocation = sim.allocation();
  let plan = planUpdates([...sim.sent.values()], allocation, sim.nowMs, sim.options);
  for (let round = 0; round < 12; round++) {
    for (const s of sim.sessions) while (s.online && sim.answerOldest(s));
    sim.nowMs += (sim.options.minUpdateIntervalSec + 1) * 1000;
    allocation = sim.allocation();
    plan = planUpdates([...sim.sent.values()], allocation, sim.nowMs, sim.options);
    sim.apply(plan);
    if (plan.updates.length === 0) break;
  }
  assert.deepEqual(plan.updates, [], 'the plan settles once left calm');
  assert.deepEqual(
    plan.deferred.filter((d) => d.reason !== 'below-hysteresis'),
    [],
    'once settled, only increases below the hysteresis wait',
  );
  for (const a of allocation.sessions) {
    const entry = sim.sent.get(a.key);
    if (isHeld(a.reason) || entry === undefined) continue;
    assert.ok(entry.acknowledged, `${a.key} is acknowledged once settled`);
    const gapDeciA = deci(a.limitA) - deci(entry.limitA);
    assert.ok(gapDeciA >= 0 && gapDeciA < ceilDeciA(sim.options.hysteresisA), `${a.key} settled at ${entry.limitA} A for a ${a.limitA} A target`);
  }
  const inUseDeciA = sim.inUseDeciA();
  if (allocation.totals.overBudgetByHoldsA > 0) assert.equal(inUseDeciA, deci(allocation.totals.heldA));
  else assert.ok(inUseDeciA <= deci(allocation.totals.budgetA), 'settled within the budget');
}

function run(seed: number): Coverage {
  const random = new SeededRandom(seed);
  const sim = new SiteSimulation(random, { minUpdateIntervalSec: random.int(10, 120), hysteresisA: random.pick([0.5, 1, 2]) });
  const coverage: Coverage = {
    reasons: new Set(),
    deferred: new Set(),
    increases: 0,
    decreases: 0,
    overBudgetByHolds: 0,
    overBudgetAfterExternal: 0,
  };
  let step = 0;
  try {
    for (step = 0; step < STEPS; step++) {
      sim.external = false;
      const withinBudget = sim.inUseDeciA() <= floorDeciA(sim.budgetA());
      randomEvents(sim, random);
      checkSoundness(sim);
      deliverAnswers(sim, random);
      const allocation = sim.allocation();
      checkAllocation(sim, allocation, coverage);
      const beforeDeciA = sim.inUseDeciA();
      const plan = planUpdates([...sim.sent.values()], allocation, sim.nowMs, sim.options);
      sim.apply(plan);
      checkPlan(sim, allocation, plan, beforeDeciA, coverage);
      checkSoundness(sim);
      const over = sim.inUseDeciA() > deci(allocation.totals.budgetA);
      if (over && withinBudget) assert.ok(sim.external, 'the possibly-in-use sum went over the budget with nothing outside the plan to blame');
      if (over && sim.external) coverage.overBudgetAfterExternal++;
      if (step % CALM_EVERY_STEPS === CALM_EVERY_STEPS - 1) settle(sim);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `seed ${seed}, step ${step} (replay: SITES_SEED=${seed} node scripts/run-tests.mjs test/unit/sites/sharing-properties.test.ts): ${message}`,
      {
        cause: error,
      },
    );
  }
  return coverage;
}

for (const seed of SEEDS) {
  test(`${STEPS} random steps keep every sharing and transition rule (seed ${seed})`, () => {
    const coverage = run(seed);
    const allReasons: AllocationReason[] = ['share', 'capped-by-max', 'gives-back', 'paused-no-room', 'held-offline', 'held-refused', 'not-charging'];
    const allDeferred: DeferReason[] = ['awaiting-ack', 'below-hysteresis', 'rate-limited', 'no-room-yet'];
    assert.deepEqual(
      allReasons.filter((r) => !coverage.reasons.has(r)),
      [],
      `seed ${seed}: every allocation reason occurred`,
    );
    assert.deepEqual(
      allDeferred.filter((r) => !coverage.deferred.has(r)),
      [],
      `seed ${seed}: every deferral reason occurred`,
    );
    assert.ok(coverage.increases > 100 && coverage.decreases > 100, `seed ${seed}: ${coverage.increases} increases, ${coverage.decreases} decreases`);
  });
}
