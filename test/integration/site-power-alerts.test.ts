/**
 * A site's alerts and history over the operator API (docs/api.md "Sites"): stations that say Accepted but do not
 * follow their profiles draw more than the site's limit; after more than a minute of that the site has an open
 * `over-limit` alert, cleared once the draw is back under the limit. The history pages newest first by `before`;
 * an unknown site is a 404 on both routes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiRequestError } from '../../shared/api/index.js';
import type { Clock } from '../../main/csms/clock.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aStation, closeStations } from '../support/fixtures.js';

/** Real time plus an offset the test moves forward: "a minute later" without waiting a minute. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const SITE = 'small-depot';
const clock = new OffsetClock();
let h: Harness;
let a: ApiHarness;
const stations: SimulatedChargePoint[] = [];

before(async () => {
  h = await startCsms({ clock, overrides: { callTimeoutMs: 5_000, sitePowerMinUpdateIntervalSec: 1 } });
  a = await startApi(h);
  for (const id of ['OL-1', 'OL-2']) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  await a.client.putIdTag('OL-TAG', { status: 'Accepted', allowConcurrentTx: true });
  await a.client.putSite(SITE, { name: 'Small depot', limitA: 20, phases: 3, marginPct: 10, stations: ['OL-1', 'OL-2'] });
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

test('stations drawing above the limit for more than a minute raise an over-limit alert, cleared when they stop', async () => {
  for (const id of ['OL-1', 'OL-2']) {
    // 11 kW EVs (15.9 A per phase) behind stations that accept every profile and apply none.
    const cp = await aStation(h, id, { connectorCount: 1, autoMeterValues: true, configuration: { MeterValueSampleInterval: '1' } });
    cp.answer('SetChargingProfile', () => ({ status: 'Accepted' }));
    stations.push(cp);
    await cp.start();
    await cp.startSession({ connectorId: 1, idTag: 'OL-TAG' });
  }
  await eventually(async () => ((await a.client.getSiteAllocation(SITE)).measuredA ?? 0) > 20, 15_000, 'the draw above 20 A is measured');
  const early = await a.client.getSiteAllocation(SITE);
  assert.deepEqual(
    early.alerts.filter((e) => e.kind === 'over-limit'),
    [],
    'no alert within the first minute',
  );
  // Time moves on a few seconds per poll: the central system has to see the draw above the limit at two moments
  // more than a minute apart (its runs follow the meter values, about one a second).
  await eventually(
    async () => {
      if ((await a.client.getSiteAllocation(SITE)).alerts.some((e) => e.kind === 'over-limit')) return true;
      clock.offsetMs += 2_000;
      return false;
    },
    30_000,
    'over-limit alert',
  );
  const alert = (await a.client.getSiteAllocation(SITE)).alerts.find((e) => e.kind === 'over-limit')!;
  assert.equal(alert.severity, 'alert');
  assert.match(alert.message, /above the limit \(20 A\)/);

  for (const cp of stations) await cp.stopSession({ connectorId: 1 });
  await eventually(async () => (await a.client.getSiteAllocation(SITE)).alerts.length === 0, 15_000, 'alert cleared');
  const history = (await a.client.listSiteEvents(SITE, { limit: 500 })).items;
  assert.ok(history.some((e) => e.kind === 'alert-cleared'));
  assert.ok(history.some((e) => e.kind === 'over-limit'));
});

test('the history pages newest first by before; an unknown site is a 404', async () => {
  const all = await a.client.listSiteEvents(SITE, { limit: 500 });
  assert.ok(all.items.length >= 4);
  assert.equal(all.total, all.items.length);
  const ids = all.items.map((e) => e.id);
  assert.deepEqual(
    ids,
    [...ids].sort((x, y) => y - x),
    'newest first',
  );
  const first = await a.client.listSiteEvents(SITE, { limit: 2 });
  const second = await a.client.listSiteEvents(SITE, { limit: 2, before: first.items.at(-1)!.id });
  // The site keeps recording while the pages are read: newer events go in front, so the two pages are four
  // consecutive entries of the history as read after them.
  const after = (await a.client.listSiteEvents(SITE, { limit: 500 })).items.map((e) => e.id);
  const start = after.indexOf(first.items[0]!.id);
  assert.ok(start >= 0);
  assert.deepEqual(
    [...first.items, ...second.items].map((e) => e.id),
    after.slice(start, start + 4),
  );
  for (const call of [() => a.client.getSiteAllocation('nowhere'), () => a.client.listSiteEvents('nowhere')]) {
    await assert.rejects(call, (err: unknown) => err instanceof ApiRequestError && err.status === 404);
  }
});
