/**
 * The transactions list and CSV export are read by the reader worker (storage/reader/), off the thread that
 * answers stations: the CSV streams every match oldest first, a chunk at a time, across chunk boundaries, with the
 * page filters applied and the anomaly counts beside each row.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

/** More than two export chunks (1,000 rows each) of the station the export is filtered on. */
const MATCHING = 2_345;

let h: Harness;
let api: ApiHarness;
before(async () => {
  h = await startCsms();
  api = await startApi(h);
  const { repos } = h.csms;
  h.csms.db.transaction(() => {
    for (let i = 0; i < MATCHING * 2; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const id = repos.transactions.insert({
        chargePointId: i % 2 === 0 ? 'EXPORT-A' : 'EXPORT-B',
        connectorId: 1,
        idTag: 'EXPORT-TAG',
        startStatus: 'Accepted',
        reservationId: null,
        meterStartWh: i,
        startedCpAt: at,
        receivedAt: at,
        startNote: null,
      });
      if (i === 2_000)
        repos.anomalies.record({
          chargePointId: 'EXPORT-A',
          transactionId: id,
          connectorId: 1,
          kind: 'stop-conflict',
          detail: 'planted by the test',
          action: 'StopTransaction',
          payload: {},
          receivedAt: at,
        });
    }
  })();
});
after(async () => {
  await api.api.close();
  await h.close();
});

test('the CSV export streams every match oldest first across chunks, with anomaly counts', async () => {
  const res = await api.fetch('/api/transactions.csv?chargePointId=EXPORT-A');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await res.text()).split('\r\n');
  assert.equal(lines.pop(), '', 'the file ends with a line break');
  const [header, ...rows] = lines;
  const columns = header!.split(',');
  assert.equal(rows.length, MATCHING, 'every matching transaction once');
  const field = (row: string, name: string) => row.split(',')[columns.indexOf(name)];
  const ids = rows.map((row) => Number(field(row, 'id')));
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
    'oldest first',
  );
  assert.equal(new Set(ids).size, MATCHING);
  assert.ok(rows.every((row) => field(row, 'chargePointId') === 'EXPORT-A'));
  const flagged = rows.filter((row) => field(row, 'anomalyCount') !== '0');
  assert.equal(flagged.length, 1);
  assert.equal(field(flagged[0]!, 'meterStartWh'), '2000');
});

test('the list pages newest first through the reader worker', async () => {
  const before = h.csms.readerStats.worker;
  const first = await api.client.listTransactions({ chargePointId: 'EXPORT-B', limit: 100 });
  assert.equal(first.total, MATCHING);
  assert.equal(first.items.length, 100);
  const second = await api.client.listTransactions({ chargePointId: 'EXPORT-B', limit: 100, beforeId: first.nextBeforeId! });
  assert.ok(second.items[0]!.id < first.items.at(-1)!.id, 'the next page continues below the first');
  assert.equal(h.csms.readerStats.worker - before, 2, 'both pages were read by the worker');
  assert.equal(h.csms.readerStats.inline, 0);
});
