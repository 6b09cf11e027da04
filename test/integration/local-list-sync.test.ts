/**
 * Local-list sync (OCPP 1.6 §3.5, §5.15) as an operator uses it, over the HTTP API against a simulated station on a
 * real socket: nothing is sent when nothing changed, a Differential whenever the station's confirmed list is known
 * (however many entries changed), a Full one when it is not.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await h.close();
});

/** SendLocalList frames sent to the station so far. */
async function sentUpdates(chargePointId: string): Promise<number> {
  return (await a.client.messageLog({ chargePointId, action: 'SendLocalList', direction: 'out', limit: 100 })).items.length;
}

test('a sync with nothing changed sends nothing and says up to date, also when the station is offline', async () => {
  for (const tag of ['UTD-A', 'UTD-B']) await a.client.putIdTag(tag, { status: 'Accepted' });
  const cp = await aBootedStation(h, 'LL-UTD-1');
  const tags = ['UTD-A', 'UTD-B'];
  const first = await a.client.syncLocalList('LL-UTD-1', tags);
  assert.equal(first.upToDate, false);
  assert.equal(first.updateType, 'Full');
  assert.equal(await sentUpdates('LL-UTD-1'), 1);

  const again = await a.client.syncLocalList('LL-UTD-1', tags);
  assert.deepEqual(again, { upToDate: true, updateType: null, listVersion: 1, entryCount: 0, outcome: null });
  assert.equal(await sentUpdates('LL-UTD-1'), 1, 'no SendLocalList went out');
  assert.equal(cp.state.localList.version, 1);

  // Nothing to send needs no connection: still up to date while the station is away.
  await cp.close();
  const offline = await a.client.syncLocalList('LL-UTD-1', tags);
  assert.equal(offline.upToDate, true);
});

test('Differential whenever the confirmed version is known, even when most entries changed; Full when it is not', async () => {
  const tags = ['DIF-A', 'DIF-B', 'DIF-C', 'DIF-D'];
  for (const tag of tags) await a.client.putIdTag(tag, { status: 'Accepted' });
  const cp = await aBootedStation(h, 'LL-DIF-1');
  // Never synced: what the station holds is unknown, so Full.
  const first = await a.client.syncLocalList('LL-DIF-1', tags);
  assert.equal(first.updateType, 'Full');
  assert.equal(first.entryCount, 4);

  // Three of four entries change: still a Differential of exactly those three, since version 1 is confirmed.
  for (const tag of ['DIF-A', 'DIF-B', 'DIF-C']) await a.client.putIdTag(tag, { status: 'Blocked' });
  const second = await a.client.syncLocalList('LL-DIF-1', tags);
  assert.deepEqual([second.upToDate, second.updateType, second.listVersion, second.entryCount], [false, 'Differential', 2, 3]);
  assert.deepEqual(second.outcome, { result: { status: 'Accepted' }, violations: [] });
  assert.equal(cp.state.localList.version, 2);
  assert.equal(cp.state.localList.entries.get('DIF-C')?.status, 'Blocked');
  assert.equal(cp.state.localList.entries.get('DIF-D')?.status, 'Accepted');

  // The station reports a version we never sent (its list was changed elsewhere): unknown again, so Full.
  cp.answerOnce('GetLocalListVersion', { listVersion: 7 });
  await a.client.call('LL-DIF-1', 'GetLocalListVersion', {});
  const third = await a.client.syncLocalList('LL-DIF-1', tags);
  assert.deepEqual([third.updateType, third.listVersion, third.entryCount], ['Full', 8, 4]);
  assert.equal(cp.state.localList.version, 8);
  // And after that Full, nothing to do.
  assert.equal((await a.client.syncLocalList('LL-DIF-1', tags)).upToDate, true);
});
