/** Days and months of an energy report in a time zone (storage/repositories/local-periods.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalPeriods } from '../../main/csms/storage/repositories/local-periods.js';

test('the local day and month of an instant, across offsets, daylight saving and quarter-hour zones', () => {
  const berlinDay = new LocalPeriods('Europe/Berlin', 'day');
  assert.equal(berlinDay.of('2026-11-30T22:59:59.999Z'), '2026-11-30');
  assert.equal(berlinDay.of('2026-11-30T23:00:00.000Z'), '2026-12-01');
  // Summer time (UTC+2): midnight is 22:00 UTC.
  assert.equal(berlinDay.of('2026-07-31T21:59:00.000Z'), '2026-07-31');
  assert.equal(berlinDay.of('2026-07-31T22:00:00.000Z'), '2026-08-01');
  // Kathmandu is UTC+05:45: its midnight falls on a quarter hour of UTC, and both sides of it are told apart.
  const kathmandu = new LocalPeriods('Asia/Kathmandu', 'day');
  assert.equal(kathmandu.of('2026-12-04T18:14:59.999Z'), '2026-12-04');
  assert.equal(kathmandu.of('2026-12-04T18:15:00.000Z'), '2026-12-05');
  assert.equal(kathmandu.of('2026-12-04T18:10:00.000Z'), '2026-12-04', 'the cached quarter hour answers the same');
  const newYorkMonth = new LocalPeriods('America/New_York', 'month');
  assert.equal(newYorkMonth.of('2027-01-01T04:59:00.000Z'), '2026-12');
  assert.equal(newYorkMonth.of('2027-01-01T05:00:00.000Z'), '2027-01');
  assert.throws(() => new LocalPeriods('Mars/Olympus', 'day'), RangeError);
});
