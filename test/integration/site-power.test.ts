/**
 * Site power sharing, live (docs/architecture.md "Sites: how the limit is shared"; README "Sites"): ten simulated
 * stations on a 100 A site with a 10 % margin, over real sockets. The sum of the limits in force on the stations
 * (read from what each simulator received) never exceeds the budget; each session gets its share within seconds; a
 * station that goes offline keeps its share counted; a station that rejects SetChargingProfile is counted at its
 * maximum and raises an alert; after a restart of the central system on the same data folder the allocation is
 * rebuilt and the site's stations get a TxDefaultProfile again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SiteAllocation } from '../../shared/api/index.js';
import { CentralSystem } from '../../main/csms/central-system.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aStation, closeStations } from '../support/fixtures.js';
import { limitsInForce, STATION_MAX_A, sumInForceA, watchProfiles } from '../support/site-power.js';

const SITE = 'depot';
const LIMIT_A = 100;
const BUDGET_A = 90;
const IDS = Array.from({ length: 10 }, (_, i) => `SP-${i + 1}`);
const TAG = 'SITE-TAG';
const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

let h: Harness;
let a: ApiHarness;
let stations: SimulatedChargePoint[] = [];

const station = (id: string) => stations.find((cp) => cp.identity === id)!;
const allocation = () => a.client.getSiteAllocation(SITE);
/** Every steered session has been sent its allocation and accepted it (held ones are not steered). */
const settled = (al: SiteAllocation, sessions: number) =>
  al.sessions.length === sessions &&
  al.sessions.every((s) => s.reason.startsWith('held') || (s.sentOutcome === 'accepted' && s.sentA === s.allocatedA));

async function startStations(): Promise<void> {
  stations = [];
  for (const id of IDS) {
    // Reconnecting 2 s after a drop: long enough to see the station offline, short enough for the restart test.
    const cp = await aStation(h, id, { connectorCount: 1, autoReconnect: true, reconnectDelayMs: 2000, maxReconnectDelayMs: 2000 });
    stations.push(cp);
  }
  await Promise.all(stations.map((cp) => cp.start()));
}

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000, sitePowerMinUpdateIntervalSec: 2 } });
  a = await startApi(h);
  for (const id of IDS) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  await a.client.putIdTag(TAG, { status: 'Accepted', allowConcurrentTx: true });
  await a.client.putSite(SITE, { name: 'Depot', limitA: LIMIT_A, phases: 3, marginPct: 10, stations: IDS });
  await startStations();
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

describe('ten stations share a 100 A site', () => {
  test('booted site stations get a 0 A TxDefaultProfile, logged as a site event', async () => {
    await eventually(
      () => stations.every((cp) => cp.state.chargingProfiles.profiles.some((p) => p.profile.chargingProfilePurpose === 'TxDefaultProfile')),
      15_000,
      'every station has a TxDefaultProfile',
    );
    for (const cp of stations) {
      const profile = cp.state.chargingProfiles.profiles.find((p) => p.profile.chargingProfilePurpose === 'TxDefaultProfile')!;
      assert.equal(profile.connectorId, 0);
      assert.equal(profile.profile.chargingSchedule.chargingRateUnit, 'A');
      assert.deepEqual(profile.profile.chargingSchedule.chargingSchedulePeriod, [{ startPeriod: 0, limit: 0 }]);
    }
    const events = await a.client.listSiteEvents(SITE, { limit: 500 });
    const defaults = events.items.filter((e) => e.kind === 'boot-default-profile');
    assert.deepEqual(new Set(defaults.map((e) => e.chargePointId)), new Set(IDS));
  });

  test('sessions start one after another: each gets its share within seconds, the sum in force never exceeds the budget', async () => {
    const watch = watchProfiles(stations, () => {
      const sum = sumInForceA(stations);
      return sum > BUDGET_A + 1e-9 ? `sum in force ${sum} A > ${BUDGET_A} A: ${JSON.stringify(limitsInForce(stations))}` : null;
    });
    try {
      for (let n = 1; n <= IDS.length; n++) {
        await station(IDS[n - 1]!).startSession({ connectorId: 1, idTag: TAG });
        assert.ok(sumInForceA(stations) <= BUDGET_A, `after start ${n}: ${JSON.stringify(limitsInForce(stations))}`);
        await eventually(async () => settled(await allocation(), n), 15_000, `${n} sessions settled`);
        const al = await allocation();
        assert.equal(al.budgetA, BUDGET_A);
        assert.equal(al.limitA, LIMIT_A);
        assert.ok(al.allocatedA <= BUDGET_A);
        for (const s of al.sessions) assert.ok(s.allocatedA >= 6, `${s.chargePointId} has at least the minimum: ${s.allocatedA}`);
        // What the stations apply is what the central system says it sent.
        const inForce = limitsInForce(stations);
        for (const s of al.sessions)
          assert.equal(inForce.find((l) => l.id === s.chargePointId)?.limitA, s.sentA, `${s.chargePointId} applies its share`);
      }
      // Ten sessions on 90 A: 9 A each (none draws less than that).
      const al = await allocation();
      assert.deepEqual(
        al.sessions.map((s) => s.allocatedA),
        IDS.map(() => 9),
      );
    } finally {
      watch.stop();
    }
    assert.deepEqual(watch.failures, []);
    const kinds = new Set((await a.client.listSiteEvents(SITE, { limit: 500 })).items.map((e) => e.kind));
    for (const kind of ['allocation', 'profile-sent', 'profile-accepted'] as const) assert.ok(kinds.has(kind), `an event of kind ${kind}`);
  });

  test('a station that goes offline keeps its share counted until it is heard again', async () => {
    const before = await allocation();
    const gone = before.sessions.find((s) => s.chargePointId === 'SP-3')!;
    // The allocation at the moment the central system sees SP-3 go (it reconnects by itself soon after).
    const atDisconnect = new Promise<SiteAllocation>((resolve) => {
      const off = h.csms.events.on('chargePoint.disconnected', ({ chargePointId }) => {
        if (chargePointId !== 'SP-3') return;
        off();
        resolve(h.csms.services.sitePower.allocation(SITE)!);
      });
    });
    // A network failure: the station keeps its session and its profiles, and reconnects by itself.
    station('SP-3').terminate({ reconnect: true });
    const al = await atDisconnect;
    const held = al.sessions.find((s) => s.chargePointId === 'SP-3')!;
    assert.equal(held.reason, 'held-offline');
    assert.equal(held.allocatedA, gone.sentA, 'counted at its last limit');
    assert.ok(al.allocatedA <= BUDGET_A);
    const events = (await a.client.listSiteEvents(SITE, { limit: 50 })).items;
    assert.ok(events.some((e) => e.kind === 'station-offline' && e.chargePointId === 'SP-3'));
    // Back: a TxDefaultProfile first, then its share again.
    await eventually(async () => (await allocation()).sessions.find((s) => s.chargePointId === 'SP-3')?.online === true, 15_000, 'SP-3 online');
    await eventually(async () => settled(await allocation(), IDS.length), 15_000, 'settled after SP-3 is back');
    const events2 = (await a.client.listSiteEvents(SITE, { limit: 50 })).items;
    assert.ok(events2.some((e) => e.kind === 'station-online' && e.chargePointId === 'SP-3'));
  });

  test('a station that rejects SetChargingProfile is counted at its maximum and raises an alert', async () => {
    const refuser = station('SP-5');
    refuser.answer('SetChargingProfile', () => ({ status: 'Rejected' }));
    // A new session on a fresh connector needs a profile: stop and start SP-5's session.
    await refuser.stopSession({ connectorId: 1 });
    await refuser.startSession({ connectorId: 1, idTag: TAG });
    await eventually(
      async () => (await allocation()).sessions.find((s) => s.chargePointId === 'SP-5')?.reason === 'held-refused',
      15_000,
      'SP-5 refused',
    );
    const al = await allocation();
    const held = al.sessions.find((s) => s.chargePointId === 'SP-5')!;
    assert.equal(held.allocatedA, STATION_MAX_A);
    assert.equal(held.sentOutcome, 'rejected');
    assert.ok(al.allocatedA <= BUDGET_A, `allocated ${al.allocatedA}`);
    const alert = al.alerts.find((e) => e.chargePointId === 'SP-5');
    assert.ok(alert, `an open alert: ${JSON.stringify(al.alerts)}`);
    assert.equal(alert.kind, 'profile-rejected');
    assert.equal(alert.severity, 'alert');
    // The others make room for it (their sum plus its maximum within the budget) once they acknowledged.
    await eventually(async () => settled(await allocation(), IDS.length), 15_000, 'others settled');
    const others = limitsInForce(stations).filter((l) => l.id !== 'SP-5');
    assert.ok(others.reduce((s, l) => s + l.limitA, 0) + STATION_MAX_A <= BUDGET_A);
    // Its session ends: the alert is cleared.
    await refuser.stopSession({ connectorId: 1 });
    await eventually(async () => !(await allocation()).alerts.some((e) => e.chargePointId === 'SP-5'), 10_000, 'alert cleared');
    refuser.answer('SetChargingProfile', undefined);
  });

  test('after a restart of the central system the allocation is rebuilt and the stations get a TxDefaultProfile', async () => {
    await eventually(async () => settled(await allocation(), IDS.length - 1), 15_000, 'settled before the restart');
    const beforeRestart = await allocation();
    const defaultsBefore = (await a.client.listSiteEvents(SITE, { limit: 500 })).items.filter((e) => e.kind === 'boot-default-profile').length;
    await a.api.close();
    const { dataDir } = h;
    const port = h.csms.ocppAddress.port;
    await h.csms.stop();
    const csms = await CentralSystem.start({
      startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: port, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' },
      overrides: { pingIntervalSec: 0, callTimeoutMs: 5_000, sitePowerMinUpdateIntervalSec: 2 },
      logger: quietLogger,
    });
    // The harness's close stops the central system it names and removes the data folder.
    const first = h;
    h = { ...h, csms, close: () => csms.stop().then(() => first.close()) };
    // Read before any station is back: every session is held at what it was last sent.
    const rebuilt = csms.services.sitePower.allocation(SITE)!;
    assert.equal(rebuilt.sessions.length, beforeRestart.sessions.length);
    for (const s of rebuilt.sessions) {
      const was = beforeRestart.sessions.find((x) => x.transactionId === s.transactionId)!;
      if (!csms.services.connections.has(s.chargePointId)) assert.equal(s.allocatedA, was.allocatedA, `${s.chargePointId} held at its last limit`);
    }
    assert.ok(rebuilt.allocatedA <= BUDGET_A);
    a = await startApi(h);
    // The stations reconnect by themselves (autoReconnect) and each gets a TxDefaultProfile, then its share.
    await eventually(
      async () =>
        (await a.client.listSiteEvents(SITE, { limit: 500 })).items.filter((e) => e.kind === 'boot-default-profile').length >= defaultsBefore + 9,
      30_000,
      'TxDefaultProfiles after the restart',
    );
    await eventually(async () => settled(await allocation(), beforeRestart.sessions.length), 30_000, 'settled after restart');
    assert.ok(sumInForceA(stations) <= BUDGET_A);
  });
});
