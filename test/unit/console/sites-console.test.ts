/**
 * The console's Sites and Energy report logic, run in Node: the site form ↔ PUT body (docs/api.md "Sites"), the unit
 * choice, where a server problem is shown, the live panel's rolling window and chart series, and the energy
 * report's query (days in a time zone written with their offset, docs/api.md "Reports").
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { SiteAllocation, SiteDto } from '../../../shared/api/types.js';
import { allocationSeries, sessionLabels } from '../../../renderer/src/views/sites/allocation-series.js';
import {
  buildSiteBody,
  EMPTY_SITE_FORM,
  formFromSite,
  otherUnitHint,
  parseTimeOfDay,
  placeServerProblems,
  timeOfDay,
  type SiteForm,
} from '../../../renderer/src/views/sites/site-form.js';
import { appendSample, LIVE_WINDOW_MS, sampleOf, useSiteLive, type AllocationSample } from '../../../renderer/src/views/sites/site-live-store.js';
import { isAllocationEvent, mergeEvents } from '../../../renderer/src/views/sites/site-events.js';
import type { ApiEvent } from '../../../shared/api/events.js';
import {
  buildEnergyQuery,
  defaultEnergyForm,
  keyLabel,
  midnightIso,
  nextDate,
  zoneOffsetMs,
} from '../../../renderer/src/views/energy/energy-query.js';

afterEach(() => useSiteLive.getState().reset());

const filled: SiteForm = { ...EMPTY_SITE_FORM, id: 'depot', name: 'Depot north', limit: '100', marginPct: '10', stations: ['CP-2', 'CP-1'] };

describe('site form', () => {
  test('the unit choice names the one limit field sent, never both', () => {
    const inA = buildSiteBody(filled, true).body!;
    assert.equal(inA.limitA, 100);
    assert.ok(!('limitW' in inA));
    const inW = buildSiteBody({ ...filled, unit: 'W', limit: '69000' }, true).body!;
    assert.equal(inW.limitW, 69000);
    assert.ok(!('limitA' in inW));
    // Switching the unit relabels the typed number, it does not convert it.
    assert.equal(buildSiteBody({ ...filled, unit: 'W' }, true).body!.limitW, 100);
  });

  test('the body keeps the operator’s values: station order, name as typed, optional fields absent when empty', () => {
    const body = buildSiteBody({ ...filled, name: ' Depot ', phases: '1' }, true).body!;
    assert.deepEqual(body, { name: ' Depot ', limitA: 100, phases: 1, marginPct: 10, stations: ['CP-2', 'CP-1'], schedule: [] });
  });

  test('unreadable values are explained at their field and nothing is sent; ranges are left to the server', () => {
    const { body, errors } = buildSiteBody(
      { ...EMPTY_SITE_FORM, limit: '12,5', marginPct: '80', schedule: [{ from: '7:3', to: '25:00', limit: '', unit: 'A' }] },
      true,
    );
    assert.equal(body, undefined);
    assert.match(errors.limit!, /dot for decimals/);
    assert.equal(errors.id, 'Required: the site’s id in the API (e.g. depot-north).');
    assert.equal(errors.name, 'Required.');
    assert.equal(errors.marginPct, undefined, '80 % is the server’s to refuse, with its own words');
    assert.ok(errors['schedule.0.from'] && errors['schedule.0.to'] && errors['schedule.0.limit']);
  });

  test('times of day: 24:00 only as an end, round trip through minutes', () => {
    assert.equal(parseTimeOfDay('07:30', false), 450);
    assert.equal(parseTimeOfDay('24:00', false), undefined);
    assert.equal(parseTimeOfDay('24:00', true), 1440);
    assert.equal(parseTimeOfDay('23:60', true), undefined);
    assert.equal(timeOfDay(1440), '24:00');
    assert.equal(timeOfDay(450), '07:30');
  });

  test('a stored site round-trips: saving it unchanged sends what the server gave', () => {
    const site: SiteDto = {
      id: 'north',
      name: 'North',
      limitW: 69000,
      phases: 3,
      voltageV: 240,
      marginPct: 12.5,
      minSessionA: 8,
      stations: ['CP-9', 'CP-1'],
      schedule: [
        { fromMinute: 1020, toMinute: 1140, limitA: 40 },
        { fromMinute: 1320, toMinute: 1440, limitW: 0 },
      ],
      createdAt: '2026-12-05T10:00:00.000Z',
      updatedAt: '2026-12-05T10:00:00.000Z',
    };
    const form = formFromSite(site);
    assert.equal(form.unit, 'W');
    assert.equal(form.schedule[1]!.to, '24:00');
    const { id: _id, createdAt: _c, updatedAt: _u, ...expected } = site;
    assert.deepEqual(buildSiteBody(form, false).body, expected);
  });

  test('server problems land at their field (by station, by period row); the rest is listed with its path', () => {
    const { byField, rest } = placeServerProblems(
      {
        limitW: 'leaves 2 A per phase',
        'schedule[1].toMinute': 'must differ from fromMinute',
        'stations[1]': 'belongs to site south',
        siteId: 'must be 1 to 128 printable characters',
        body: 'odd',
      },
      ['CP-2', 'CP-1'],
    );
    assert.deepEqual(byField, {
      limit: 'leaves 2 A per phase',
      'schedule.1.to': 'must differ from fromMinute',
      'station:CP-1': 'belongs to site south',
      id: 'must be 1 to 128 printable characters',
    });
    assert.deepEqual(rest, ['body: odd']);
  });

  test('the other unit is given as a hint only', () => {
    assert.equal(otherUnitHint('100', 'A', '3', ''), '≈ 69 kW over 3 phases at 230 V');
    assert.equal(otherUnitHint('23000', 'W', '1', '230'), '≈ 100 A per phase at 230 V');
    assert.equal(otherUnitHint('abc', 'A', '3', ''), null);
  });
});

const allocation = (at: string, sessions: Array<[string, number, number]>, measuredA: number | null = null): SiteAllocation => ({
  siteId: 'depot',
  at,
  phases: 3,
  limitA: 100,
  budgetA: 90,
  allocatedA: sessions.reduce((s, [, , a]) => s + a, 0),
  measuredA,
  measuredW: null,
  alerts: [],
  sessions: sessions.map(([chargePointId, connectorId, allocatedA]) => ({
    chargePointId,
    connectorId,
    transactionId: 1,
    idTag: 'T',
    state: 'charging',
    online: true,
    allocatedA,
    reason: 'share',
    sentA: null,
    sentAt: null,
    sentOutcome: null,
    measuredA: null,
    measuredW: null,
  })),
});

describe('live panel window', () => {
  const sample = (atMs: number): AllocationSample => ({ atMs, limitA: 1, budgetA: 1, measuredA: null, sessions: {} });

  test('keeps the last ten minutes in time order, each moment once', () => {
    let window: readonly AllocationSample[] = [];
    for (let t = 0; t <= 12 * 60_000; t += 2000) window = appendSample(window, sample(t));
    assert.equal(window[0]!.atMs, 12 * 60_000 - LIVE_WINDOW_MS);
    assert.equal(window.at(-1)!.atMs, 12 * 60_000);
    assert.equal(window.length, LIVE_WINDOW_MS / 2000 + 1);
    assert.equal(appendSample(window, sample(12 * 60_000)), window, 'the same answer twice (poll and event) is kept once');
    assert.equal(appendSample(window, sample(60_000)), window, 'a late, older answer changes nothing');
  });

  test('the store keeps a window per site and the newest answer', () => {
    const { add } = useSiteLive.getState();
    add(allocation('2026-12-05T10:00:00.000Z', [['CP-1', 1, 16]]));
    add(allocation('2026-12-05T10:00:02.000Z', [['CP-1', 1, 20]]));
    add(allocation('2026-12-05T10:00:02.000Z', [['CP-1', 1, 99]]));
    const state = useSiteLive.getState();
    assert.equal(state.windows.depot!.length, 2);
    assert.equal(state.latest.depot!.sessions[0]!.allocatedA, 20);
  });

  test('allocations are stacked in a stable order; a session absent from a sample counts 0 there', () => {
    const window = [
      sampleOf(
        allocation(
          '2026-12-05T10:00:00.000Z',
          [
            ['CP-10', 1, 10],
            ['CP-2', 1, 20],
          ],
          25,
        ),
      ),
      sampleOf(allocation('2026-12-05T10:00:02.000Z', [['CP-2', 1, 30]], 28)),
    ];
    assert.deepEqual(sessionLabels(window), ['CP-2 #1', 'CP-10 #1']);
    const series = allocationSeries(window);
    assert.deepEqual(
      series.map((s) => s.label),
      ['Limit', 'Budget (limit − margin)', 'CP-10 #1 (stacked)', 'CP-2 #1 (stacked)', 'Measured sum'],
    );
    const t0 = Date.parse('2026-12-05T10:00:00.000Z');
    assert.deepEqual(series[2]!.points, [
      [t0, 30],
      [t0 + 2000, 30],
    ]);
    assert.deepEqual(series[3]!.points, [
      [t0, 20],
      [t0 + 2000, 30],
    ]);
    assert.deepEqual(series[4]!.points, [
      [t0, 25],
      [t0 + 2000, 28],
    ]);
  });

  test('only the site’s own site.allocation events refresh its panel', () => {
    const event = (type: string, siteId: string) => ({ type, data: { siteId } }) as unknown as ApiEvent;
    assert.equal(isAllocationEvent(event('site.allocation', 'depot'), 'depot'), true);
    assert.equal(isAllocationEvent(event('site.allocation', 'other'), 'depot'), false);
    assert.equal(isAllocationEvent(event('site.changed', 'depot'), 'depot'), false);
  });

  test('event pages merge newest first, each event once', () => {
    const ev = (id: number) => ({
      id,
      siteId: 's',
      at: '',
      kind: 'allocation' as const,
      severity: 'info' as const,
      chargePointId: null,
      connectorId: null,
      message: '',
    });
    assert.deepEqual(
      mergeEvents([ev(9), ev(8)], [ev(10), ev(9)]).map((e) => e.id),
      [10, 9, 8],
    );
  });
});

describe('energy report query', () => {
  test('days are sent as the midnights of the chosen zone with their offset; the last day is included', () => {
    const { query, errors } = buildEnergyQuery({
      groupBy: 'connector',
      period: 'day',
      fromDate: '2026-12-01',
      throughDate: '2026-12-31',
      tz: 'Europe/Berlin',
      chargePointId: '',
    });
    assert.deepEqual(errors, {});
    assert.deepEqual(query, {
      groupBy: 'connector',
      period: 'day',
      from: '2026-12-01T00:00:00+01:00',
      to: '2027-01-01T00:00:00+01:00',
      tz: 'Europe/Berlin',
    });
  });

  test('offsets across a change of summer time, and zones west of UTC', () => {
    assert.equal(midnightIso('2026-03-29', 'Europe/Berlin'), '2026-03-29T00:00:00+01:00');
    assert.equal(midnightIso('2026-03-30', 'Europe/Berlin'), '2026-03-30T00:00:00+02:00');
    assert.equal(midnightIso('2026-07-01', 'America/New_York'), '2026-07-01T00:00:00-04:00');
    assert.equal(midnightIso('2026-07-01', 'Asia/Kolkata'), '2026-07-01T00:00:00+05:30');
    assert.equal(zoneOffsetMs('UTC', Date.parse('2026-07-01T12:00:00Z')), 0);
    assert.equal(nextDate('2026-02-28'), '2026-03-01');
  });

  test('bad dates, a reversed range and an unknown zone are explained, nothing is sent', () => {
    const { query, errors } = buildEnergyQuery({
      ...defaultEnergyForm(Date.now(), 'UTC'),
      fromDate: '2026-12-10',
      throughDate: '2026-12-01',
      tz: 'Mars/Base',
    });
    assert.equal(query, undefined);
    assert.equal(errors.throughDate, 'Must be on or after the first day.');
    assert.match(errors.tz!, /IANA/);
    assert.match(buildEnergyQuery({ ...defaultEnergyForm(Date.now(), 'UTC'), fromDate: '2026-02-30' }).errors.fromDate!, /date/);
  });

  test('the default is this month so far; keys read as words', () => {
    const form = defaultEnergyForm(Date.parse('2026-12-05T10:00:00Z'), 'UTC');
    assert.equal(form.fromDate, '2026-12-01');
    assert.equal(form.throughDate, '2026-12-05');
    assert.equal(keyLabel({ parentIdTag: null }, 'parentIdTag'), 'no parent tag');
    assert.equal(keyLabel({ chargePointId: 'CP-1', connectorId: 2 }, 'connector'), 'CP-1 #2');
  });
});
