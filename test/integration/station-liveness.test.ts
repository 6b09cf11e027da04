/**
 * What the console judges a station's liveness by, over the operator API: the heartbeat interval each station works
 * with (its boot answer, then an accepted ChangeConfiguration or a GetConfiguration report; not the current global
 * setting) and the close code and reason of its last connection.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { callResult } from '../support/responses.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000, heartbeatIntervalSec: 300 } });
  a = await startApi(h);
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await h.close();
});

/** Polls until the condition holds (the close is stored in a detached commit right after the socket closes). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a station's own heartbeat interval", () => {
  test('is the one its boot was answered with, and stays so when the global setting changes', async () => {
    await aBootedStation(h, 'HB-1');
    assert.equal((await a.client.getChargePoint('HB-1')).heartbeatIntervalSec, 300);
    await a.client.patchSettings({ heartbeatIntervalSec: 60 });
    try {
      assert.equal((await a.client.getChargePoint('HB-1')).heartbeatIntervalSec, 300, 'the station still works with 300 s');
      await aBootedStation(h, 'HB-2');
      assert.equal((await a.client.getChargePoint('HB-2')).heartbeatIntervalSec, 60, 'a station booting now gets 60 s');
    } finally {
      await a.client.patchSettings({ heartbeatIntervalSec: 300 });
    }
  });

  test('follows an accepted ChangeConfiguration HeartbeatInterval and what GetConfiguration reports', async () => {
    const cp = await aBootedStation(h, 'HB-3');
    const changed = await a.client.call('HB-3', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '45' });
    assert.deepEqual(callResult(changed), { status: 'Accepted' });
    assert.equal((await a.client.getChargePoint('HB-3')).heartbeatIntervalSec, 45);

    cp.answerOnce('ChangeConfiguration', { status: 'Rejected' });
    await a.client.call('HB-3', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '5' });
    assert.equal((await a.client.getChargePoint('HB-3')).heartbeatIntervalSec, 45, 'a rejected change changes nothing');

    cp.configuration.set('HeartbeatInterval', '90');
    await a.client.call('HB-3', 'GetConfiguration', { key: ['HeartbeatInterval'] });
    assert.equal((await a.client.getChargePoint('HB-3')).heartbeatIntervalSec, 90);
  });
});

describe("a station's last close", () => {
  test('a dropped connection (no close frame) is code 1006; a clean close keeps its code and reason', async () => {
    const dropped = await aBootedStation(h, 'CLOSE-1');
    assert.deepEqual(pick(await a.client.getChargePoint('CLOSE-1')), { connected: true, lastCloseCode: null, lastCloseReason: null });
    dropped.terminate();
    assert.deepEqual(
      pick(
        await eventually(
          () => a.client.getChargePoint('CLOSE-1'),
          (cp) => cp.lastCloseCode !== null,
          'CLOSE-1 close stored',
        ),
      ),
      { connected: false, lastCloseCode: 1006, lastCloseReason: null },
    );

    const leaving = await aBootedStation(h, 'CLOSE-2');
    await leaving.close(1001, 'maintenance');
    assert.deepEqual(
      pick(
        await eventually(
          () => a.client.getChargePoint('CLOSE-2'),
          (cp) => cp.lastCloseCode !== null,
          'CLOSE-2 close stored',
        ),
      ),
      { connected: false, lastCloseCode: 1001, lastCloseReason: 'maintenance' },
    );
  });
});

function pick(cp: { connected: boolean; lastCloseCode: number | null; lastCloseReason: string | null }) {
  return { connected: cp.connected, lastCloseCode: cp.lastCloseCode, lastCloseReason: cp.lastCloseReason };
}
