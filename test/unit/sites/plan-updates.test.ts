/**
 * Moving stations to a new allocation safely (main/csms/sites/plan-updates.ts, sent-limits.ts): decreases at once,
 * increases only when the possibly-in-use sum allows, rate-limited and with hysteresis (OCPP 1.6 §5.16).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  knownLimit,
  planUpdates,
  possiblyInUseA,
  possiblyInUseSumA,
  recordAnswer,
  recordSent,
  type Allocation,
  type SessionAllocation,
  type SentLimit,
} from '../../../main/csms/sites/index.js';

const options = { minUpdateIntervalSec: 60, hysteresisA: 1 };
const T0 = 1_700_000_000_000;

/** A target allocation; totals other than the budget do not matter to the plan. */
function target(budgetA: number, sessions: Array<[string, number, SessionAllocation['reason']?]>): Allocation {
  return {
    sessions: sessions.map(([key, limitA, reason]) => ({ key, limitA, reason: reason ?? 'share' })),
    totals: { budgetA, allocatedA: 0, heldA: 0, overBudgetByHoldsA: 0 },
  };
}

const acked = (key: string, limitA: number, atMs = T0) => knownLimit(key, limitA, atMs);
const kinds = (plan: ReturnType<typeof planUpdates>) => plan.updates.map((u) => `${u.key}:${u.kind}:${u.limitA}`);
const reasons = (plan: ReturnType<typeof planUpdates>) => plan.deferred.map((d) => `${d.key}:${d.reason}`);

test('a decrease goes out at once; the increase it makes room for waits for its acknowledgement', () => {
  const sent = [acked('a', 50), acked('b', 30)];
  const plan = planUpdates(
    sent,
    target(80, [
      ['a', 30],
      ['b', 50],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(plan), ['a:decrease:30']);
  assert.deepEqual(reasons(plan), ['b:no-room-yet']);
  // Until a acknowledges, it may still be at 50 A: the sum stays 80 A.
  assert.equal(plan.possiblyInUseA, 80);

  const a = recordSent(sent[0], 'a', 30, T0 + 600_000);
  assert.equal(possiblyInUseA(a), 50);
  const stillWaiting = planUpdates(
    [a, sent[1] as SentLimit],
    target(80, [
      ['a', 30],
      ['b', 50],
    ]),
    T0 + 601_000,
    options,
  );
  assert.deepEqual(kinds(stillWaiting), []);
  assert.deepEqual(reasons(stillWaiting), ['b:no-room-yet']);

  const aAcked = recordAnswer(a, a.seq, 'accepted');
  assert.equal(possiblyInUseA(aAcked), 30);
  const after = planUpdates(
    [aAcked, sent[1] as SentLimit],
    target(80, [
      ['a', 30],
      ['b', 50],
    ]),
    T0 + 602_000,
    options,
  );
  assert.deepEqual(kinds(after), ['b:increase:50']);
  assert.equal(after.possiblyInUseA, 80);
});

test('decreases are never rate-limited, even right after an update and while it is unacknowledged', () => {
  const justSent = recordSent(acked('a', 16), 'a', 20, T0);
  const plan = planUpdates([justSent], target(100, [['a', 6]]), T0 + 1, options);
  assert.deepEqual(kinds(plan), ['a:decrease:6']);
  assert.equal(plan.updates[0]?.fromA, 20);
  // A pause (0 A) is a decrease like any other (§3.13: a limit of 0 suspends charging).
  assert.deepEqual(kinds(planUpdates([acked('b', 6)], target(100, [['b', 0, 'paused-no-room']]), T0, options)), ['b:decrease:0']);
});

test('an increase goes out at most once per minUpdateIntervalSec per session', () => {
  const last = acked('a', 10, T0);
  assert.deepEqual(reasons(planUpdates([last], target(100, [['a', 20]]), T0 + 59_999, options)), ['a:rate-limited']);
  assert.deepEqual(kinds(planUpdates([last], target(100, [['a', 20]]), T0 + 60_000, options)), ['a:increase:20']);
});

test('an increase smaller than hysteresisA is skipped; a small decrease is not', () => {
  const last = acked('a', 10, T0);
  assert.deepEqual(reasons(planUpdates([last], target(100, [['a', 10.9]]), T0 + 600_000, options)), ['a:below-hysteresis']);
  assert.deepEqual(kinds(planUpdates([last], target(100, [['a', 11]]), T0 + 600_000, options)), ['a:increase:11']);
  assert.deepEqual(kinds(planUpdates([last], target(100, [['a', 9.9]]), T0, options)), ['a:decrease:9.9']);
  assert.deepEqual(planUpdates([last], target(100, [['a', 10]]), T0, options).updates, []);
});

test('an increase waits while the latest update is unacknowledged', () => {
  const pending = recordSent(acked('a', 10), 'a', 12, T0);
  assert.deepEqual(reasons(planUpdates([pending], target(100, [['a', 20]]), T0 + 600_000, options)), ['a:awaiting-ack']);
});

test('a session never sent anything is taken to draw nothing; it gets its increase when there is room', () => {
  const plan = planUpdates(
    [acked('a', 40)],
    target(60, [
      ['a', 40],
      ['new', 20],
    ]),
    T0,
    options,
  );
  assert.deepEqual(kinds(plan), ['new:increase:20']);
  assert.equal(plan.updates[0]?.fromA, 0);
  assert.deepEqual(
    reasons(
      planUpdates(
        [acked('a', 45)],
        target(60, [
          ['a', 40],
          ['new', 20],
        ]),
        T0,
        options,
      ),
    ),
    ['new:no-room-yet'],
  );
});

test('held sessions get no update and count at the higher of their hold and what they may be using', () => {
  const sent = [acked('off', 10), acked('a', 10)];
  const plan = planUpdates(
    sent,
    target(40, [
      ['off', 16, 'held-refused'],
      ['a', 30],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(plan), []);
  assert.deepEqual(reasons(plan), ['a:no-room-yet']);
  const fits = planUpdates(
    sent,
    target(40, [
      ['off', 16, 'held-refused'],
      ['a', 24],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(fits), ['a:increase:24']);
  assert.equal(fits.possiblyInUseA, 40);
});

test('a finishing session gets no update (its transaction has stopped) and counts until it is forgotten', () => {
  const plan = planUpdates(
    [acked('done', 20), acked('a', 10)],
    target(40, [
      ['done', 0, 'not-charging'],
      ['a', 30],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(plan), []);
  assert.deepEqual(reasons(plan), ['a:no-room-yet']);
  assert.deepEqual(kinds(planUpdates([acked('a', 10)], target(40, [['a', 30]]), T0 + 600_000, options)), ['a:increase:30']);
});

test('a session that left but is still in `sent` keeps counting until the caller forgets it', () => {
  const plan = planUpdates([acked('gone', 30), acked('a', 10)], target(40, [['a', 30]]), T0 + 600_000, options);
  assert.deepEqual(reasons(plan), ['a:no-room-yet']);
});

test('increases that fit go out in target order; one that does not fit does not stop the next', () => {
  const sent = [acked('a', 6), acked('b', 6), acked('c', 6)];
  const plan = planUpdates(
    sent,
    target(40, [
      ['a', 20],
      ['b', 30],
      ['c', 12],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(plan), ['a:increase:20', 'c:increase:12']);
  assert.deepEqual(reasons(plan), ['b:no-room-yet']);
  assert.equal(plan.possiblyInUseA, 38);
});

test('bad options are refused', () => {
  assert.throws(() => planUpdates([], target(10, []), T0, { minUpdateIntervalSec: -1, hysteresisA: 1 }), RangeError);
  assert.throws(() => planUpdates([], target(10, []), T0, { minUpdateIntervalSec: 1, hysteresisA: NaN }), RangeError);
});

test('sent limits: an update counts at the higher value until its own answer', () => {
  const start = acked('a', 16);
  const up = recordSent(start, 'a', 32, T0);
  assert.equal(possiblyInUseA(up), 32);
  // A decrease sent while the increase is in flight: either may be in force until the latest is acknowledged.
  const down = recordSent(up, 'a', 8, T0 + 1);
  assert.equal(down.seq, 2);
  assert.equal(possiblyInUseA(down), 32);
  assert.equal(possiblyInUseA(recordAnswer(down, 1, 'accepted')), 32, 'the answer to an older update tells nothing new');
  assert.equal(possiblyInUseA(recordAnswer(down, 2, 'accepted')), 8);
  // Rejected: the station kept what it had. No answer: it may have applied it or not.
  assert.equal(possiblyInUseA(recordAnswer(down, 2, 'rejected')), 32);
  assert.equal(possiblyInUseA(recordAnswer(recordSent(start, 'a', 6, T0), 1, 'rejected')), 16);
  assert.equal(possiblyInUseA(recordAnswer(recordSent(start, 'a', 6, T0), 1, 'no-answer')), 16);
  assert.equal(possiblyInUseA(recordAnswer(recordSent(start, 'a', 20, T0), 1, 'no-answer')), 20);
  assert.equal(possiblyInUseSumA([start, up, down]), 80);
  // Without an entry the station is taken to draw nothing before our first update.
  assert.equal(possiblyInUseA(recordSent(undefined, 'b', 10, T0)), 10);
});

test('an unconfirmed starting point gets its target sent even when equal; a confirmed one does not', () => {
  // b started while a TxDefaultProfile of 0 A was on its way: counted at 32 A, but it may be drawing 0 A.
  const sent = [acked('a', 32), { ...acked('b', 32), unconfirmed: true }];
  const plan = planUpdates(
    sent,
    target(64, [
      ['a', 32],
      ['b', 32],
    ]),
    T0,
    options,
  );
  assert.deepEqual(kinds(plan), ['b:confirm:32']);
  assert.deepEqual(reasons(plan), []);
  // Sending it raises nothing: the sum stays what it was.
  assert.equal(plan.possiblyInUseA, 64);
  // Once sent, the entry is an ordinary one: no second confirmation, whatever the answer.
  const b = recordAnswer(recordSent(sent[1], 'b', 32, T0), 1, 'accepted');
  assert.equal(b.unconfirmed, undefined);
  const again = planUpdates(
    [sent[0] as SentLimit, b],
    target(64, [
      ['a', 32],
      ['b', 32],
    ]),
    T0 + 600_000,
    options,
  );
  assert.deepEqual(kinds(again), []);
});

test('an unconfirmed starting point above its target is decreased as usual', () => {
  const plan = planUpdates([{ ...acked('a', 32), unconfirmed: true }], target(20, [['a', 20]]), T0, options);
  assert.deepEqual(kinds(plan), ['a:decrease:20']);
});
