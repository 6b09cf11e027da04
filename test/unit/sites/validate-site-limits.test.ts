/**
 * The site's limits as the operator gives them (main/csms/sites/validate-site-limits.ts): every problem named by
 * its field, in words; nothing clamped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSiteLimits, type SiteLimitsProblem } from '../../../main/csms/sites/index.js';

const fields = (problems: SiteLimitsProblem[]) => problems.map((p) => p.field);
const messageOf = (problems: SiteLimitsProblem[], field: string) => problems.find((p) => p.field === field)?.message ?? '';

test('valid limits have no problems', () => {
  assert.deepEqual(validateSiteLimits({ limitA: 100, phases: 3, marginPct: 10 }), []);
  assert.deepEqual(
    validateSiteLimits({
      limitW: 69_000,
      phases: 1,
      voltageV: 230,
      marginPct: 0,
      minSessionA: 8,
      schedule: [
        { fromMinute: 1320, toMinute: 360, limitW: 20_000 },
        { fromMinute: 0, toMinute: 1440, limitA: 0 },
      ],
    }),
    [],
  );
});

test('exactly one of limitA and limitW', () => {
  const both = validateSiteLimits({ limitA: 100, limitW: 69_000, phases: 3, marginPct: 10 });
  assert.deepEqual(fields(both), ['limitW']);
  assert.match(messageOf(both, 'limitW'), /either limitA .* or limitW .*, not both/);
  const neither = validateSiteLimits({ phases: 3, marginPct: 10 });
  assert.deepEqual(fields(neither), ['limitA']);
  assert.match(messageOf(neither, 'limitA'), /missing/);
});

test('numbers out of range are named with what was given, never clamped', () => {
  const input = { limitA: -5, phases: 2, voltageV: 20, marginPct: 60, minSessionA: 3 };
  const before = structuredClone(input);
  const problems = validateSiteLimits(input);
  assert.deepEqual(fields(problems).sort(), ['limitA', 'marginPct', 'minSessionA', 'phases', 'voltageV']);
  assert.equal(messageOf(problems, 'limitA'), 'must be a number greater than 0 (got -5)');
  assert.equal(messageOf(problems, 'phases'), 'must be 1 or 3 (got 2)');
  assert.equal(messageOf(problems, 'marginPct'), 'must be a number from 0 to 50 (got 60)');
  assert.equal(messageOf(problems, 'voltageV'), 'must be a number from 100 to 300 (got 20)');
  assert.equal(messageOf(problems, 'minSessionA'), 'must be a number from 6 to 80 (got 3)');
  assert.deepEqual(input, before, 'the input is not changed');
});

test('a limit of 0 for the whole site, NaN, strings and a missing margin are problems', () => {
  assert.equal(messageOf(validateSiteLimits({ limitA: 0, phases: 3, marginPct: 0 }), 'limitA'), 'must be a number greater than 0 (got 0)');
  assert.equal(messageOf(validateSiteLimits({ limitA: NaN, phases: 3, marginPct: 0 }), 'limitA'), 'must be a number greater than 0 (got NaN)');
  assert.equal(
    messageOf(validateSiteLimits({ limitW: '11000', phases: 3, marginPct: 0 }), 'limitW'),
    'must be a number greater than 0 (got "11000")',
  );
  assert.equal(messageOf(validateSiteLimits({ limitA: 100, phases: 3 }), 'marginPct'), 'must be a number from 0 to 50 (got nothing)');
});

test('unknown fields are named, so a typo is not silently ignored', () => {
  const problems = validateSiteLimits({
    limitA: 100,
    phases: 3,
    marginPct: 10,
    marginPercent: 5,
    schedule: [{ fromMinute: 0, toMinute: 60, limitA: 10, until: 1 }],
  });
  assert.deepEqual(fields(problems), ['marginPercent', 'schedule[0].until']);
  assert.match(messageOf(problems, 'marginPercent'), /is not a known field \(known: limitA, limitW, phases/);
});

test('schedule periods: minutes of the day, a real span, exactly one limit (0 allowed)', () => {
  const problems = validateSiteLimits({
    limitA: 100,
    phases: 3,
    marginPct: 10,
    schedule: [
      { fromMinute: 1440, toMinute: 1.5, limitA: 10 },
      { fromMinute: 600, toMinute: 600, limitA: 10 },
      { fromMinute: 0, toMinute: 60, limitA: 10, limitW: 2300 },
      { fromMinute: 0, toMinute: 60, limitA: -1 },
      { fromMinute: 0, toMinute: 60 },
      'night',
    ],
  });
  assert.deepEqual(fields(problems), [
    'schedule[0].fromMinute',
    'schedule[0].toMinute',
    'schedule[1].toMinute',
    'schedule[2].limitW',
    'schedule[3].limitA',
    'schedule[4].limitA',
    'schedule[5]',
  ]);
  assert.equal(messageOf(problems, 'schedule[0].fromMinute'), 'must be a whole number from 0 to 1439 (got 1440)');
  assert.equal(messageOf(problems, 'schedule[0].toMinute'), 'must be a whole number from 0 to 1440 (got 1.5)');
  assert.equal(messageOf(problems, 'schedule[1].toMinute'), 'must differ from fromMinute (a whole day is 0 to 1440)');
  assert.equal(messageOf(problems, 'schedule[3].limitA'), 'must be a number at least 0 (got -1)');
  assert.equal(messageOf(problems, 'schedule[5]'), 'must be an object (got "night")');
  assert.deepEqual(fields(validateSiteLimits({ limitA: 100, phases: 3, marginPct: 10, schedule: {} })), ['schedule']);
});

test('a base limit that leaves less than one session minimum after the margin is a problem', () => {
  // 4 kW over 3 phases at 230 V is 5.79 A per phase: below the 6 A minimum.
  const problems = validateSiteLimits({ limitW: 4000, phases: 3, marginPct: 0 });
  assert.deepEqual(fields(problems), ['limitW']);
  assert.equal(problems[0]?.message, 'leaves 5.7 A per phase after the 0 % margin, less than minSessionA (6 A): no session could charge');
  assert.deepEqual(validateSiteLimits({ limitA: 10, phases: 3, marginPct: 40, minSessionA: 6 }), []);
  assert.deepEqual(fields(validateSiteLimits({ limitA: 10, phases: 3, marginPct: 41 })), ['limitA']);
});

test('something other than an object is one problem for the whole value', () => {
  assert.deepEqual(validateSiteLimits(null), [{ field: '', message: "must be an object with the site's limits (got null)" }]);
  assert.deepEqual(fields(validateSiteLimits([1])), ['']);
});
