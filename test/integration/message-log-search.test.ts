/**
 * Message-log text search (`text=`): rows whose stored frame contains the text, combined with the other filters,
 * in the list and in the NDJSON export; `%` and `_` are literal, not SQL wildcards.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { loggedCall } from '../support/responses.js';

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

test('text= finds frames containing the text (case-insensitive), with the other filters, in the list and the export', async () => {
  const cp = await aBootedStation(h, 'SEARCH-1');
  await cp.authorize('Needle-Tag_1');
  await cp.authorize('OTHER-TAG');
  await cp.authorize('NeedleXTag%1');

  const found = await a.client.messageLog({ chargePointId: 'SEARCH-1', text: 'needle-tag' });
  // The Authorize.req (in) only: the answer does not repeat the idTag.
  assert.equal(found.items.length, 1);
  assert.equal(found.items[0]!.action, 'Authorize');
  assert.match(found.items[0]!.frame, /Needle-Tag_1/);

  // `_` and `%` are literal: "Tag_1" does not match "Tag%1", "Tag%1" does not match "Tag_1".
  assert.deepEqual(
    (await a.client.messageLog({ chargePointId: 'SEARCH-1', text: 'Tag_1' })).items.map((m) => loggedCall(m.frame).payload.idTag),
    ['Needle-Tag_1'],
  );
  assert.deepEqual(
    (await a.client.messageLog({ chargePointId: 'SEARCH-1', text: 'Tag%1' })).items.map((m) => loggedCall(m.frame).payload.idTag),
    ['NeedleXTag%1'],
  );

  assert.equal((await a.client.messageLog({ chargePointId: 'SEARCH-1', text: 'needle', direction: 'out' })).items.length, 0);
  assert.equal((await a.client.messageLog({ chargePointId: 'SEARCH-1', text: 'needle' })).items.length, 2);
  assert.equal((await a.client.messageLog({ chargePointId: 'OTHER-CP', text: 'needle' })).items.length, 0);
  // An empty text is no filter.
  const all = await a.client.messageLog({ chargePointId: 'SEARCH-1', limit: 10_000 });
  assert.equal((await a.client.messageLog({ chargePointId: 'SEARCH-1', text: '', limit: 10_000 })).items.length, all.items.length);

  const res = await a.fetch('/api/message-log.ndjson?chargePointId=SEARCH-1&text=NEEDLE');
  assert.equal(res.status, 200);
  const rows = (await res.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { frame: string });
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => /needle/i.test(r.frame)));
});
