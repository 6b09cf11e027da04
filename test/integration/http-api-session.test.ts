/**
 * The operator API's views of what stations did (transactions, message log, the event stream) and a full charging
 * session driven only through the HTTP API.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { SimulatedChargePoint } from '../../main/simulator/index.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { openEventStream, startApi, type ApiHarness } from '../support/api-harness.js';
import { loggedCall } from '../support/responses.js';
import type { MessageLogEntryDto } from '../../shared/api/index.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
  await h.csms.services.idTags.upsert({ idTag: 'DATA-TAG', status: 'Accepted' });
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await h.close();
});

describe('transactions and message log', () => {
  test('transactions: list with filters, detail with meter values, CSV, operator close', async () => {
    const cp = await aBootedStation(h, 'TX-1');
    const done = await cp.startTransaction({ connectorId: 1, idTag: 'DATA-TAG', meterStart: 100 });
    await cp.meterValues(1, done.transactionId, [{ value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    await cp.stopTransaction({ transactionId: done.transactionId, meterStop: 2100, reason: 'Local' });
    const open = await cp.startTransaction({ connectorId: 2, idTag: 'DATA-TAG', meterStart: 0 });

    const all = await a.client.listTransactions({ chargePointId: 'TX-1' });
    assert.deepEqual(
      all.items.map((t) => t.id),
      [open.transactionId, done.transactionId],
    );
    assert.equal(all.total, 2);
    assert.deepEqual(
      (await a.client.listTransactions({ chargePointId: 'TX-1', active: true })).items.map((t) => t.id),
      [open.transactionId],
    );
    assert.deepEqual(
      (await a.client.listTransactions({ chargePointId: 'TX-1', active: false })).items.map((t) => t.id),
      [done.transactionId],
    );
    assert.equal((await a.client.listTransactions({ chargePointId: 'TX-1', from: '2999-01-01T00:00:00Z' })).items.length, 0);
    assert.equal(
      (await a.client.listTransactions({ chargePointId: 'TX-1', to: '2999-01-01T00:00:00Z', limit: 1, offset: 1 })).items[0]!.id,
      done.transactionId,
    );
    assert.equal((await a.fetch('/api/transactions?active=maybe')).status, 400);

    const detail = await a.client.getTransaction(done.transactionId);
    assert.equal(detail.meterStopWh, 2100);
    assert.equal(detail.energyWh, 2000);
    assert.equal(detail.stopReason, 'Local');
    assert.ok(detail.meterValues.some((m) => m.value === '1500'));
    assert.equal((await a.fetch('/api/transactions/999999')).status, 404);

    const csv = await a.client.exportTransactionsCsv({ chargePointId: 'TX-1' });
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0]!.split(',')[0], 'id');
    assert.equal(lines.length, 3);
    assert.ok(lines[1]!.startsWith(`${done.transactionId},TX-1,1,DATA-TAG,Accepted`));

    const closed = await a.client.closeTransaction(open.transactionId, 'station replaced');
    assert.equal(closed.active, false);
    assert.equal(closed.endedBy, 'operator');
    assert.equal(closed.endedNote, 'station replaced');
    const again = await a.fetch(`/api/transactions/${open.transactionId}/close`, { method: 'POST', body: '{}' });
    assert.equal(again.status, 409);
  });

  test('message log: filters and paging; NDJSON export of every matching frame, oldest first', async () => {
    const cp = await aBootedStation(h, 'LOG-1');
    for (let i = 0; i < 5; i++) await cp.heartbeat();
    await a.client.call('LOG-1', 'ClearCache', {});
    await eventually(() => h.csms.repos.messageLog.query({ chargePointId: 'LOG-1', action: 'ClearCache' }).length === 2);

    const heartbeats = await a.client.messageLog({ chargePointId: 'LOG-1', action: 'Heartbeat', direction: 'in', limit: 3 });
    assert.equal(heartbeats.items.length, 3);
    assert.ok(heartbeats.items.every((m) => m.action === 'Heartbeat' && m.direction === 'in'));
    assert.ok(heartbeats.items[0]!.id > heartbeats.items[1]!.id, 'newest first');
    assert.ok(heartbeats.nextBeforeId);
    const older = await a.client.messageLog({
      chargePointId: 'LOG-1',
      action: 'Heartbeat',
      direction: 'in',
      beforeId: heartbeats.nextBeforeId,
      limit: 3,
    });
    assert.equal(older.items.length, 2);
    assert.equal(older.nextBeforeId, null);
    const outgoing = await a.client.messageLog({ chargePointId: 'LOG-1', direction: 'out', action: 'ClearCache' });
    assert.equal(loggedCall(outgoing.items[0]!.frame).action, 'ClearCache');
    assert.deepEqual((await a.client.messageLog({ chargePointId: 'LOG-1', errorsOnly: true })).items, []);

    const res = await a.fetch('/api/message-log.ndjson?chargePointId=LOG-1');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/x-ndjson/);
    const rows = (await res.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as MessageLogEntryDto);
    assert.equal(rows.length, h.csms.repos.messageLog.query({ chargePointId: 'LOG-1', limit: 10_000 }).length);
    const ids = rows.map((r) => r.id);
    assert.deepEqual(
      ids,
      [...new Set(ids)].sort((x, y) => x - y),
      'oldest first, each row once',
    );
    assert.ok(rows.every((r) => r.chargePointId === 'LOG-1'));
  });
});

describe('event stream and a full session through the API', () => {
  test('GET /api/events delivers connector.status when a station sends StatusNotification (batched JSON arrays)', async () => {
    const cp = await aBootedStation(h, 'SSE-1');
    const stream = await openEventStream(a.client.eventsUrl());
    try {
      await cp.setStatus(1, 'Unavailable');
      const event = await stream.waitFor((e) => e.type === 'connector.status' && e.data.chargePointId === 'SSE-1');
      assert.deepEqual(event.data, { chargePointId: 'SSE-1', connectorId: 1, status: 'Unavailable', errorCode: 'NoError' });
      assert.ok(stream.raw.startsWith('retry: 2000\n'));
      // The header form of the token works too, and ?types= filters.
      const filtered = await openEventStream(`${a.base}/api/events?types=chargePoint.changed`, { authorization: `Bearer ${a.token}` });
      await a.client.putChargePoint('SSE-1', { description: 'changed' });
      await cp.setStatus(1, 'Available');
      await filtered.waitFor((e) => e.type === 'chargePoint.changed');
      await stream.waitFor((e) => e.type === 'connector.status' && e.data.status === 'Available');
      assert.ok(filtered.events.every((e) => e.type === 'chargePoint.changed'));
      filtered.close();
    } finally {
      stream.close();
    }
    assert.equal((await a.fetch('/api/events?types=nope')).status, 400);
  });

  test('heartbeat comments keep an idle stream alive', async () => {
    const quick = await startApi(h, { sse: { heartbeatMs: 50 } });
    const stream = await openEventStream(quick.client.eventsUrl(['settings.changed']));
    try {
      await eventually(() => stream.raw.includes(': heartbeat\n\n'), 2_000, 'heartbeat');
    } finally {
      stream.close();
      await quick.api.close();
    }
  });

  test('register station and tag, remote start, transaction active, remote stop, closed with reason Remote: only via HTTP', async () => {
    const client = a.client;
    await client.putChargePoint('SESSION-1', { registrationStatus: 'Accepted', description: 'API-only session' });
    await client.putIdTag('SESSION-TAG', { status: 'Accepted' });
    const stream = await openEventStream(client.eventsUrl(['transaction.started', 'transaction.stopped']));

    const cp = new SimulatedChargePoint({ url: h.endpoint, identity: 'SESSION-1', connectorCount: 1, autoMeterValues: false });
    try {
      await cp.connect();
      assert.equal((await cp.boot()).status, 'Accepted');
      await eventually(async () => (await client.getChargePoint('SESSION-1')).connected, 5_000, 'connected');

      const start = await client.call('SESSION-1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'SESSION-TAG' });
      assert.deepEqual(start, { result: { status: 'Accepted' }, violations: [] });
      let active: Awaited<ReturnType<typeof client.listTransactions>>['items'] = [];
      await eventually(
        async () => (active = (await client.listTransactions({ chargePointId: 'SESSION-1', active: true })).items).length === 1,
        5_000,
        'active transaction',
      );
      const tx = active[0]!;
      assert.equal(tx.idTag, 'SESSION-TAG');
      assert.equal(tx.connectorId, 1);
      await stream.waitFor((e) => e.type === 'transaction.started' && e.data.transactionId === tx.id);
      await eventually(
        async () => (await client.getChargePoint('SESSION-1')).connectors.find((c) => c.connectorId === 1)?.status === 'Charging',
        5_000,
        'Charging',
      );

      const stop = await client.call('SESSION-1', 'RemoteStopTransaction', { transactionId: tx.id });
      assert.deepEqual(stop, { result: { status: 'Accepted' }, violations: [] });
      await eventually(async () => !(await client.getTransaction(tx.id)).active, 5_000, 'transaction closed');
      const closed = await client.getTransaction(tx.id);
      assert.equal(closed.stopReason, 'Remote');
      assert.equal(closed.endedBy, 'station');
      await stream.waitFor((e) => e.type === 'transaction.stopped' && e.data.transactionId === tx.id);
      assert.deepEqual((await client.listTransactions({ chargePointId: 'SESSION-1', active: true })).items, []);
    } finally {
      stream.close();
      await cp.close();
    }
  });
});
