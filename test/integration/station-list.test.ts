/**
 * `GET /api/charge-points` is read, shaped and serialised by the reader worker (storage/reader/), not on the thread
 * that answers stations: at 5,000 stations that read took ~150 ms (README "Performance", large database). The list
 * must still show every change already answered: a station just registered, a status just reported, a station just
 * connected or gone; and `GET /api/status` counts the stations without reading them all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

describe('the station list off the answering thread', () => {
  let h: Harness;
  let api: ApiHarness;

  before(async () => {
    h = await startCsms();
    api = await startApi(h);
  });
  after(async () => {
    await api.api.close();
    await h.close();
  });

  test('is read by the reader worker and shows what was answered just before', async () => {
    for (const id of ['LIST-2', 'LIST-1', 'LIST-3']) await api.client.putChargePoint(id, { registrationStatus: 'Accepted' });
    const client = await RawClient.connect(h.url('LIST-2'));
    await client.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    await client.call('s1', 'StatusNotification', { connectorId: 2, errorCode: 'NoError', status: 'Charging' });
    await client.call('s2', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });

    const workerReadsBefore = h.csms.readerStats.worker;
    const list = await api.client.listChargePoints();
    assert.equal(h.csms.readerStats.worker - workerReadsBefore, 1, 'read by the worker');
    assert.equal(h.csms.readerStats.inline, 0, 'nothing read on the answering thread');

    assert.deepEqual(
      list.items.map((cp) => cp.id),
      ['LIST-1', 'LIST-2', 'LIST-3'],
    );
    assert.equal(list.total, 3);
    const station = list.items.find((cp) => cp.id === 'LIST-2')!;
    assert.equal(station.connected, true);
    assert.equal(station.boot.vendor, 'V');
    assert.deepEqual(
      station.connectors.map((c) => [c.connectorId, c.status]),
      [
        [1, 'Available'],
        [2, 'Charging'],
      ],
    );
    assert.equal(list.items.find((cp) => cp.id === 'LIST-1')!.connected, false);
    assert.deepEqual(list.items.find((cp) => cp.id === 'LIST-3')!.connectors, []);
    // Each station as the list shows it is what the station's own endpoint shows.
    for (const item of list.items) assert.deepEqual(item, await api.client.getChargePoint(item.id));

    // Only some stations (`?id=`, as the console asks for those that changed): the ones that exist, in id order,
    // each as the whole list shows it; more ids than one request may carry is a 400.
    const some = await api.client.listChargePoints(['LIST-3', 'NOT-A-STATION', 'LIST-2']);
    assert.deepEqual(
      some.items,
      list.items.filter((cp) => cp.id !== 'LIST-1'),
    );
    assert.equal(some.total, 2);
    assert.deepEqual((await api.client.listChargePoints([])).items, [], 'no ids: none, not all');
    const tooMany = await api.fetch(`/api/charge-points?${Array.from({ length: 201 }, (_, i) => `id=S-${i}`).join('&')}`);
    assert.equal(tooMany.status, 400);

    // A status reported and answered is in the very next list.
    await client.call('s3', 'StatusNotification', { connectorId: 2, errorCode: 'NoError', status: 'Finishing' });
    const after = await api.client.listChargePoints();
    assert.equal(after.items.find((cp) => cp.id === 'LIST-2')!.connectors[1]!.status, 'Finishing');

    await client.close();
    await eventually(
      async () => (await api.client.listChargePoints()).items.find((cp) => cp.id === 'LIST-2')!.connected === false,
      5000,
      'shown disconnected',
    );
    const status = await api.client.status();
    assert.equal(status.chargePointCount, 3);
    assert.equal(status.connectedCount, 0);
  });
});
