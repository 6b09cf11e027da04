import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Clock } from '../../main/csms/clock.js';
import { LAST_HEARD_PERSIST_INTERVAL_MS } from '../../main/csms/domain/last-heard.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

/** A clock the test moves by hand, so "heard at" times are exact and far apart. */
class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): string {
    this.ms += ms;
    return new Date(this.ms).toISOString();
  }
}

/**
 * Any frame is a sign of life (OCPP 1.6 §4.6: over JSON a station that talks need not send heartbeats): the last
 * heard time follows every frame, is current in the API at once, and reaches the database within a few seconds.
 */
describe('last heard follows every frame', () => {
  let h: Harness;
  let api: ApiHarness;
  const clock = new ManualClock(Date.parse('2026-03-01T08:00:00.000Z'));

  before(async () => {
    h = await startCsms({ clock });
    api = await startApi(h);
  });
  after(async () => {
    await api.api.close();
    await h.close();
  });

  const stored = (id: string) => h.csms.repos.chargePoints.get(id)?.last_seen_at;

  test('a station that never sends a Heartbeat, only status and meter values, is heard at every frame', async () => {
    await h.csms.services.stations.upsert({ id: 'NO-HB-1', registrationStatus: 'Accepted' });
    const client = await RawClient.connect(h.url('NO-HB-1'));
    await client.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });

    const statusAt = clock.advance(10 * 60_000);
    await client.call('s', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
    assert.equal((await api.client.getChargePoint('NO-HB-1')).lastSeenAt, statusAt, 'the API shows the frame just heard');
    await eventually(() => stored('NO-HB-1') === statusAt, LAST_HEARD_PERSIST_INTERVAL_MS * 3, 'the heard time stored');

    const meterAt = clock.advance(15 * 60_000);
    await client.call('m', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: meterAt, sampledValue: [{ value: '1200' }] }] });
    assert.equal((await api.client.getChargePoint('NO-HB-1')).lastSeenAt, meterAt);
    const listed = (await api.client.listChargePoints()).items.find((cp) => cp.id === 'NO-HB-1');
    assert.equal(listed?.lastSeenAt, meterAt, 'the list shows the same time');

    // Even a frame we cannot use proves the station is there.
    const garbageAt = clock.advance(60_000);
    client.send('not json');
    await eventually(async () => (await api.client.getChargePoint('NO-HB-1')).lastSeenAt === garbageAt, 5000, 'garbage frame heard');
    await eventually(() => stored('NO-HB-1') === garbageAt, LAST_HEARD_PERSIST_INTERVAL_MS * 3, 'the heard time stored');
    await client.close();
  });

  test('hundreds of frames cost one last-seen write per station per interval, not one per frame', async () => {
    await h.csms.services.stations.upsert({ id: 'BUSY-1', registrationStatus: 'Accepted' });
    const client = await RawClient.connect(h.url('BUSY-1'));
    const repo = h.csms.repos.chargePoints;
    const original = repo.markSeen.bind(repo);
    let writes = 0;
    repo.markSeen = (id, now) => {
      if (id === 'BUSY-1') writes++;
      original(id, now);
    };
    try {
      const started = Date.now();
      let lastAt = '';
      for (let i = 0; i < 300; i++) {
        lastAt = clock.advance(1000);
        await client.call(`hb-${i}`, 'Heartbeat', {});
      }
      const elapsedMs = Date.now() - started;
      await eventually(() => stored('BUSY-1') === lastAt, LAST_HEARD_PERSIST_INTERVAL_MS * 3, 'the last heartbeat stored');
      // One write per interval that saw frames (plus the one that catches the last of them), whatever the frame rate.
      const allowed = Math.ceil(elapsedMs / LAST_HEARD_PERSIST_INTERVAL_MS) + 2;
      assert.ok(writes >= 1 && writes <= allowed, `${writes} writes for 300 frames in ${elapsedMs} ms (at most ${allowed})`);
    } finally {
      repo.markSeen = original;
      await client.close();
    }
  });

  test('the time heard before a disconnect is kept with the disconnect, and a later boot still moves it on', async () => {
    await h.csms.services.stations.upsert({ id: 'GONE-1', registrationStatus: 'Accepted' });
    const client = await RawClient.connect(h.url('GONE-1'));
    const lastAt = clock.advance(60_000);
    await client.call('s', 'StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
    await client.close();
    await eventually(() => stored('GONE-1') === lastAt && !h.csms.connection('GONE-1'), 5000, 'heard time stored at disconnect');
    // Later, after a restart-free reconnection, the time only moves forward.
    const again = await RawClient.connect(h.url('GONE-1'));
    const bootAt = clock.advance(60_000);
    await again.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal((await api.client.getChargePoint('GONE-1')).lastSeenAt, bootAt);
    await again.close();
    await eventually(() => stored('GONE-1') === bootAt, 5000, 'boot time stored');
  });
});
