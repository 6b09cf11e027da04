/**
 * Sharing a site's budget among its sessions (main/csms/sites/allocate.ts): equal shares, priority tiers, give-back,
 * pausing at the minimum, holds for stations that cannot be steered, rounding down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, siteBudgetA, type Allocation, type SessionDemand } from '../../../main/csms/sites/index.js';

/** A charging session with nothing known about it; each test sets what it needs. */
function session(key: string, overrides: Partial<SessionDemand> = {}): SessionDemand {
  return { key, maxA: null, measuredA: null, state: 'charging', counted: null, ...overrides };
}

const sessions = (count: number, overrides: Partial<SessionDemand> = {}) =>
  Array.from({ length: count }, (_, i) => session(`CP-${i + 1}/1`, overrides));

const limitOf = (result: Allocation, key: string) => result.sessions.find((s) => s.key === key)?.limitA;
const reasonOf = (result: Allocation, key: string) => result.sessions.find((s) => s.key === key)?.reason;

test('100 A with a 10 % margin among 10 sessions: 9 A each', () => {
  const budgetA = siteBudgetA({ limitA: 100, phases: 3, marginPct: 10 }, 0);
  const result = allocate({ budgetA, sessions: sessions(10) });
  assert.deepEqual(
    result.sessions.map((s) => [s.limitA, s.reason]),
    Array.from({ length: 10 }, () => [9, 'share']),
  );
  assert.deepEqual(result.totals, { budgetA: 90, allocatedA: 90, heldA: 0, overBudgetByHoldsA: 0 });
});

test('shares are rounded down to 0.1 A and stay equal; the remainder is left unshared', () => {
  const result = allocate({ budgetA: 20, sessions: sessions(3) });
  assert.deepEqual(
    result.sessions.map((s) => s.limitA),
    [6.6, 6.6, 6.6],
  );
  assert.equal(result.totals.allocatedA, 19.8);
  // A budget with more decimals than OCPP can send (§7 ChargingSchedulePeriod.limit: one decimal) is floored first.
  assert.equal(allocate({ budgetA: 12.39, sessions: sessions(1) }).sessions[0]?.limitA, 12.3);
});

test('a session capped by its maximum gives the rest to the others', () => {
  const result = allocate({ budgetA: 60, sessions: [session('a', { maxA: 10 }), session('b'), session('c')] });
  assert.equal(limitOf(result, 'a'), 10);
  assert.equal(reasonOf(result, 'a'), 'capped-by-max');
  assert.equal(limitOf(result, 'b'), 25);
  assert.equal(limitOf(result, 'c'), 25);
  assert.equal(result.totals.allocatedA, 60);
});

test('an unknown maximum is bounded only by the budget', () => {
  const result = allocate({ budgetA: 50, sessions: [session('only')] });
  assert.deepEqual(result.sessions, [{ key: 'only', limitA: 50, reason: 'share' }]);
});

test('higher priority tiers are filled first; lower ones keep their minimum', () => {
  const result = allocate({
    budgetA: 60,
    sessions: [
      session('low-1'),
      session('high-1', { priority: 1, maxA: 16 }),
      session('low-2'),
      session('high-2', { priority: 1, maxA: 16 }),
      session('low-3'),
      session('low-4'),
    ],
  });
  assert.equal(limitOf(result, 'high-1'), 16);
  assert.equal(limitOf(result, 'high-2'), 16);
  assert.equal(reasonOf(result, 'high-1'), 'capped-by-max');
  for (const key of ['low-1', 'low-2', 'low-3', 'low-4']) assert.equal(limitOf(result, key), 7);

  // An unbounded higher tier takes all but the lower tier's minimum.
  const greedy = allocate({ budgetA: 30, sessions: [session('low-1'), session('high', { priority: 5 }), session('low-2')] });
  assert.equal(limitOf(greedy, 'high'), 18);
  assert.equal(limitOf(greedy, 'low-1'), 6);
  assert.equal(limitOf(greedy, 'low-2'), 6);
});

test('a session drawing 4 A gives back all but its draw plus headroom (never below the minimum)', () => {
  const result = allocate({ budgetA: 48, sessions: [session('slow', { measuredA: 4 }), session('b'), session('c')] });
  // 4 A + max(1 A, 10 %) = 5 A, raised to the 6 A minimum.
  assert.equal(limitOf(result, 'slow'), 6);
  assert.equal(reasonOf(result, 'slow'), 'gives-back');
  assert.equal(limitOf(result, 'b'), 21);
  assert.equal(limitOf(result, 'c'), 21);

  // Drawing 12 A of a 16 A share: keeps 12 + 1.2 = 13.2 A.
  const partly = allocate({ budgetA: 48, sessions: [session('a', { measuredA: 12 }), session('b'), session('c')] });
  assert.equal(limitOf(partly, 'a'), 13.2);
  assert.equal(limitOf(partly, 'b'), 17.4);
  // Drawing its whole share: no give-back, an equal share.
  const full = allocate({ budgetA: 48, sessions: [session('a', { measuredA: 16 }), session('b'), session('c')] });
  assert.deepEqual(
    full.sessions.map((s) => [s.limitA, s.reason]),
    [
      [16, 'share'],
      [16, 'share'],
      [16, 'share'],
    ],
  );
});

test('the measured draw counts only while charging or suspended by the EV', () => {
  // suspendedEVSE draws nothing because the station (we) stopped it: its share must not shrink for that.
  for (const state of ['suspendedEVSE', 'preparing'] as const) {
    const result = allocate({ budgetA: 40, sessions: [session('a', { state, measuredA: 0 }), session('b')] });
    assert.equal(limitOf(result, 'a'), 20, state);
  }
  const full = allocate({ budgetA: 40, sessions: [session('a', { state: 'suspendedEV', measuredA: 0 }), session('b')] });
  assert.equal(limitOf(full, 'a'), 6);
  assert.equal(reasonOf(full, 'a'), 'gives-back');
  assert.equal(limitOf(full, 'b'), 34);
});

test('20 sessions needing 6 A each on 100 A: 16 charge, the 4 latest are paused, none below 6 A', () => {
  const result = allocate({ budgetA: 100, sessions: sessions(20) });
  const charging = result.sessions.filter((s) => s.limitA > 0);
  assert.equal(charging.length, 16);
  for (const s of charging) assert.equal(s.limitA, 6.2);
  assert.deepEqual(
    result.sessions.filter((s) => s.limitA === 0).map((s) => [s.key, s.reason]),
    ['CP-17/1', 'CP-18/1', 'CP-19/1', 'CP-20/1'].map((key) => [key, 'paused-no-room']),
  );
  assert.ok(result.totals.allocatedA <= 100);
});

test('when pausing, the lowest priority goes first, whatever its place in the input', () => {
  const result = allocate({
    budgetA: 13,
    sessions: [session('early-low'), session('late-high', { priority: 2 }), session('late-mid', { priority: 1 })],
  });
  assert.equal(limitOf(result, 'late-high'), 7);
  assert.equal(limitOf(result, 'late-mid'), 6);
  assert.equal(reasonOf(result, 'early-low'), 'paused-no-room');
  assert.equal(limitOf(result, 'early-low'), 0);
});

test('a session whose maximum is below the minimum is paused, not given a current it cannot use', () => {
  const result = allocate({ budgetA: 40, sessions: [session('tiny', { maxA: 4 }), session('b')] });
  assert.deepEqual(result.sessions[0], { key: 'tiny', limitA: 0, reason: 'capped-by-max' });
  assert.equal(limitOf(result, 'b'), 40);
});

test('an offline station keeps its last allocation, counted before the others share', () => {
  const result = allocate({ budgetA: 100, sessions: [session('off', { counted: { kind: 'offline', holdA: 16 } }), ...sessions(4)] });
  assert.deepEqual(result.sessions[0], { key: 'off', limitA: 16, reason: 'held-offline' });
  for (const s of result.sessions.slice(1)) assert.equal(s.limitA, 21);
  assert.deepEqual(result.totals, { budgetA: 100, allocatedA: 100, heldA: 16, overBudgetByHoldsA: 0 });
});

test('a station that refused a profile is held at its maximum', () => {
  const result = allocate({ budgetA: 64, sessions: [session('a'), session('refuses', { maxA: 32, counted: { kind: 'refused', holdA: 32 } })] });
  assert.deepEqual(result.sessions[1], { key: 'refuses', limitA: 32, reason: 'held-refused' });
  assert.equal(limitOf(result, 'a'), 32);
  // A hold with more decimals is rounded up: it is what the station may draw.
  assert.equal(allocate({ budgetA: 64, sessions: [session('r', { counted: { kind: 'refused', holdA: 15.91 } })] }).totals.heldA, 16);
});

test('holds above the budget pause every steerable session and say by how much', () => {
  const result = allocate({
    budgetA: 20,
    sessions: [
      session('off-1', { counted: { kind: 'offline', holdA: 16 } }),
      session('a'),
      session('off-2', { counted: { kind: 'refused', holdA: 16 } }),
    ],
  });
  assert.equal(limitOf(result, 'a'), 0);
  assert.equal(reasonOf(result, 'a'), 'paused-no-room');
  assert.deepEqual(result.totals, { budgetA: 20, allocatedA: 32, heldA: 32, overBudgetByHoldsA: 12 });
});

test('a finishing session gets nothing; its share goes to the others', () => {
  const result = allocate({ budgetA: 30, sessions: [session('done', { state: 'finishing' }), session('b')] });
  assert.deepEqual(result.sessions[0], { key: 'done', limitA: 0, reason: 'not-charging' });
  assert.equal(limitOf(result, 'b'), 30);
});

test('a minimum of its own, and no sessions at all', () => {
  const result = allocate({ budgetA: 20, minSessionA: 8, sessions: sessions(3) });
  assert.deepEqual(
    result.sessions.map((s) => s.limitA),
    [10, 10, 0],
  );
  assert.deepEqual(allocate({ budgetA: 20, sessions: [] }), {
    sessions: [],
    totals: { budgetA: 20, allocatedA: 0, heldA: 0, overBudgetByHoldsA: 0 },
  });
});

test('the same input gives the same result and is not changed', () => {
  const input = { budgetA: 77.7, sessions: [session('a', { measuredA: 3, priority: 1 }), session('b', { maxA: 13 }), session('c')] };
  const before = structuredClone(input);
  assert.deepEqual(allocate(input), allocate(input));
  assert.deepEqual(input, before);
});

test('input it cannot reason about is refused with every problem named', () => {
  assert.throws(
    () => allocate({ budgetA: NaN, sessions: [session('a'), session('a', { maxA: -1, measuredA: Infinity })] }),
    (error: Error) =>
      error instanceof RangeError &&
      /budgetA must be a number ≥ 0/.test(error.message) &&
      /sessions\[1\]\.key "a" appears twice/.test(error.message) &&
      /sessions\[1\]\.maxA/.test(error.message) &&
      /sessions\[1\]\.measuredA/.test(error.message),
  );
});
