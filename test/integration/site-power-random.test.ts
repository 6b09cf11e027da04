/**
 * Site power sharing under a seeded random day (docs/architecture.md "Sites: how the limit is shared"): simulated
 * stations with two connectors each, EVs that take less than they are offered (each its own maximum power, ramping
 * up), sessions starting and stopping at random, MeterValues every second. At every step and at every
 * SetChargingProfile a station answers, the sum of the limits in force on the stations stays within the budget, and
 * what the profile-honouring simulators draw stays under the site's limit. A failure names its seed; run one again
 * with SITE_POWER_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { openEventStream, startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aStation, closeStations } from '../support/fixtures.js';
import { limitsInForce, measuredSumA, sumInForceA, watchProfiles } from '../support/site-power.js';
import { SeededRandom } from '../support/seeded-random.js';

const SEED = Number(process.env.SITE_POWER_SEED ?? 20261205);
const SITE = 'random-depot';
const LIMIT_A = 64;
const MARGIN_PCT = 10;
const BUDGET_A = 57.6;
const IDS = Array.from({ length: 6 }, (_, i) => `RND-${i + 1}`);
const STEPS = 40;

let h: Harness;
let a: ApiHarness;
const stations: SimulatedChargePoint[] = [];

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000, sitePowerMinUpdateIntervalSec: 1 } });
  a = await startApi(h);
  for (const id of IDS) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  await a.client.putIdTag('RND-TAG', { status: 'Accepted', allowConcurrentTx: true });
  await a.client.putSite(SITE, { name: 'Random depot', limitA: LIMIT_A, phases: 3, marginPct: MARGIN_PCT, stations: IDS });
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

test(`a random day of sessions keeps the sum in force within the budget (seed ${SEED})`, async () => {
  const rnd = new SeededRandom(SEED);
  const events = await openEventStream(`${a.base}/api/events`, { authorization: `Bearer ${a.token}` });
  for (const id of IDS) {
    // EVs between 4.1 kW (6 A on three phases) and 22 kW (32 A): most take less than a share could offer.
    const maxPowerW = Math.round(4_140 + rnd.next() * (22_080 - 4_140));
    const cp = await aStation(h, id, {
      connectorCount: 2,
      autoMeterValues: true,
      configuration: { MeterValueSampleInterval: '1' },
      meter: { maxPowerW, rampUpWPerSec: 4_000 },
    });
    stations.push(cp);
  }
  await Promise.all(stations.map((cp) => cp.start()));
  await eventually(
    () => stations.every((cp) => cp.state.chargingProfiles.profiles.some((p) => p.profile.chargingProfilePurpose === 'TxDefaultProfile')),
    15_000,
    'every station has its TxDefaultProfile',
  );

  const failures: string[] = [];
  const check = (when: string) => {
    const sum = sumInForceA(stations);
    if (sum > BUDGET_A + 1e-9) failures.push(`${when}: sum in force ${sum} A > ${BUDGET_A} A ${JSON.stringify(limitsInForce(stations))}`);
    const drawn = measuredSumA(stations);
    if (drawn > LIMIT_A) failures.push(`${when}: the stations draw ${drawn.toFixed(1)} A > ${LIMIT_A} A`);
  };
  const watch = watchProfiles(stations, () => {
    check('at a SetChargingProfile');
    return null;
  });
  try {
    for (let step = 0; step < STEPS; step++) {
      const cp = stations[Math.floor(rnd.next() * stations.length)]!;
      const connectorId = 1 + Math.floor(rnd.next() * 2);
      if (cp.connector(connectorId)?.transaction) await cp.stopSession({ connectorId });
      else await cp.startSession({ connectorId, idTag: 'RND-TAG' });
      check(`step ${step} (${cp.identity}/${connectorId})`);
      // Between 0.1 and 0.9 s to the next event: updates overlap with starts, stops and meter values.
      await new Promise((resolve) => setTimeout(resolve, 100 + rnd.next() * 800));
      check(`after step ${step}`);
    }
    // Once things are quiet, every steered session has its allocation and accepted it (an increase smaller than
    // the hysteresis, 1 A, is not worth a profile: measured draws move the give-back shares by tenths).
    let last: unknown;
    await eventually(
      async () => {
        const al = await a.client.getSiteAllocation(SITE);
        last = al.sessions;
        check('settling');
        return al.sessions.every(
          (s) =>
            s.reason.startsWith('held') ||
            (s.sentOutcome === 'accepted' && s.sentA !== null && s.sentA <= s.allocatedA && s.allocatedA - s.sentA < 1),
        );
      },
      20_000,
      'the allocation settles',
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(last)}`);
    });
    const al = await a.client.getSiteAllocation(SITE);
    assert.ok(al.allocatedA <= BUDGET_A);
    assert.equal(
      al.sessions.length,
      stations.reduce((n, cp) => n + [1, 2].filter((c) => cp.connector(c)?.transaction).length, 0),
    );
    for (const s of al.sessions) assert.ok(s.allocatedA === 0 || s.allocatedA >= 6, `${s.chargePointId}/${s.connectorId}: ${s.allocatedA} A`);
    // Measured draw is read back: sessions that draw less than their share give the rest to others.
    assert.ok(
      al.sessions.some((s) => s.measuredA !== null),
      'measured currents are read from MeterValues',
    );
    await events.waitFor((e) => e.type === 'site.allocation' && e.data.siteId === SITE, 5_000);
  } finally {
    watch.stop();
    events.close();
  }
  assert.deepEqual(failures, [], `seed ${SEED}`);
});
