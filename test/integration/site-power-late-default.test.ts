/**
 * A session that starts while the station's answer to our TxDefaultProfile is still on its way (docs/architecture.md
 * "Sites: how the limit is shared"). The station may apply the 0 A default to the running session (OCPP 1.6
 * §3.13.1), so the central system cannot take the session to be at the station's maximum: it counts it there, and
 * sends the session its share as a TxProfile even when the share equals that maximum. Before, such a session was
 * never steered and stayed at 0 A.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aStation, closeStations } from '../support/fixtures.js';
import { limitsInForce, STATION_MAX_A } from '../support/site-power.js';

const SITE = 'late-default';
const ID = 'LATE-DEFAULT-1';
const TAG = 'LATE-TAG';

let h: Harness;
let a: ApiHarness;
let cp: SimulatedChargePoint;

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 10_000, sitePowerMinUpdateIntervalSec: 2 } });
  a = await startApi(h);
  await h.csms.services.stations.upsert({ id: ID, registrationStatus: 'Accepted' });
  await a.client.putIdTag(TAG, { status: 'Accepted' });
  // A budget above the station's maximum: its share is the maximum it is counted at anyway.
  await a.client.putSite(SITE, { name: 'Late default', limitA: 63, phases: 3, marginPct: 0, stations: [ID] });
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

test('a session started before the default is answered gets its share sent, and the station applies it', async () => {
  cp = await aStation(h, ID, { connectorCount: 1 });
  // The station applies the TxDefaultProfile at once but answers only once a session is running.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  cp.answerOnce('SetChargingProfile', async (_payload, ctx) => {
    const conf = await ctx.runDefault();
    await released;
    return conf;
  });
  await cp.start();
  await eventually(
    () => cp.state.chargingProfiles.profiles.some((p) => p.profile.chargingProfilePurpose === 'TxDefaultProfile'),
    10_000,
    'the station holds the TxDefaultProfile',
  );
  await cp.startSession({ connectorId: 1, idTag: TAG });
  assert.equal(limitsInForce([cp])[0]?.limitA, 0, 'the running session is held at 0 A by the default');
  release();

  await eventually(
    async () => {
      const session = (await a.client.getSiteAllocation(SITE)).sessions[0];
      return session?.sentOutcome === 'accepted' && session.sentA === session.allocatedA;
    },
    15_000,
    'the session was sent its share and accepted it',
  );
  const session = (await a.client.getSiteAllocation(SITE)).sessions[0]!;
  assert.equal(session.allocatedA, STATION_MAX_A);
  assert.equal(limitsInForce([cp])[0]?.limitA, STATION_MAX_A, 'the station applies its share');
});
