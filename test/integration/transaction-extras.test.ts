/**
 * The console's extra transaction routes: the transactions of one id tag, and the meter values a station sent
 * without a transactionId while a transaction ran on that connector.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
  await h.csms.services.idTags.upsert({ idTag: 'EXTRA-A', status: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'EXTRA-B', status: 'Accepted' });
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await h.close();
});

describe('transaction extras', () => {
  test("a stopped transaction's readings key leaves the memory cache (it holds open transactions only)", async () => {
    await h.csms.services.idTags.upsert({ idTag: 'EXTRA-KEY', status: 'Accepted' });
    const cp = await aBootedStation(h, 'TXE-KEY');
    const tx = await cp.startTransaction({ connectorId: 1, idTag: 'EXTRA-KEY', meterStart: 0 });
    const before = h.csms.repos.meterValues.cachedKeyCount;
    for (const wh of [100, 200, 300])
      await cp.meterValues(1, tx.transactionId, [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    assert.equal(h.csms.repos.meterValues.cachedKeyCount, before + 1, 'its first reading is cached as the key of the others');
    await cp.stopTransaction({ transactionId: tx.transactionId, meterStop: 400, reason: 'Local' });
    assert.equal(h.csms.repos.meterValues.cachedKeyCount, before);
    const values = h.csms.repos.meterValues.forTransaction(tx.transactionId).map((r) => r.value);
    assert.deepEqual(values.slice(0, 3), ['100', '200', '300'], 'the readings read back');
  });

  test('transactions of one id tag, with filters and paging', async () => {
    const cp = await aBootedStation(h, 'TXE-1');
    const first = await cp.startTransaction({ connectorId: 1, idTag: 'EXTRA-A', meterStart: 0 });
    await cp.stopTransaction({ transactionId: first.transactionId, meterStop: 500, reason: 'Local' });
    const other = await cp.startTransaction({ connectorId: 1, idTag: 'EXTRA-B', meterStart: 0 });
    const open = await cp.startTransaction({ connectorId: 2, idTag: 'EXTRA-A', meterStart: 0 });

    const all = await a.client.listIdTagTransactions('extra-a');
    assert.deepEqual(
      all.items.map((t) => t.id),
      [open.transactionId, first.transactionId],
    );
    assert.equal(all.total, 2);
    assert.deepEqual(
      (await a.client.listIdTagTransactions('EXTRA-A', { active: true })).items.map((t) => t.id),
      [open.transactionId],
    );
    assert.deepEqual(
      (await a.client.listIdTagTransactions('EXTRA-A', { active: false })).items.map((t) => t.id),
      [first.transactionId],
    );
    assert.equal((await a.client.listIdTagTransactions('EXTRA-A', { chargePointId: 'NOPE' })).total, 0);
    assert.equal((await a.client.listIdTagTransactions('EXTRA-A', { from: '2999-01-01T00:00:00Z' })).items.length, 0);
    const page2 = await a.client.listIdTagTransactions('EXTRA-A', { limit: 1, offset: 1 });
    assert.deepEqual(
      page2.items.map((t) => t.id),
      [first.transactionId],
    );
    assert.equal(page2.total, 2);
    assert.ok(!(await a.client.listIdTagTransactions('EXTRA-B')).items.some((t) => t.id !== other.transactionId));
    assert.equal((await a.fetch('/api/id-tags/EXTRA-A/transactions?active=maybe')).status, 400);
  });

  test('meter values without a transactionId on the main meter are found by time', async () => {
    const cp = await aBootedStation(h, 'TXE-2');
    const tx = await cp.startTransaction({ connectorId: 1, idTag: 'EXTRA-A', meterStart: 0 });
    await cp.meterValues(0, undefined, [{ value: '42', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    await cp.meterValues(2, undefined, [{ value: '99', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    await cp.meterValues(1, tx.transactionId, [{ value: '50', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);

    const loose = await a.client.unassignedMeterValues(tx.transactionId);
    assert.deepEqual(
      loose.items.map((m) => m.value),
      ['42'],
    );
    assert.equal(loose.items[0]!.connectorId, 0);
    assert.equal((await a.fetch('/api/transactions/999999/unassigned-meter-values')).status, 404);
    assert.equal((await a.fetch('/api/transactions/abc/unassigned-meter-values')).status, 404);
  });
});
