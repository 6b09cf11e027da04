/**
 * OCTT 1.6 Core test cases with the CSMS as system under test (OCTT 1.6 Core), played by the project's simulated
 * charge point over a real socket against a real central system. Each test checks what the tool checks (the
 * CSMS's answers) and what the operator would see (the stored state).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { TAGS, aBootedStation, aStation, closeOpenTransactions, closeStations, seedIdTags } from '../support/fixtures.js';

let h: Harness;
before(async () => {
  h = await startCsms({ overrides: { heartbeatIntervalSec: 120 } });
  await seedIdTags(h);
});
afterEach(async () => {
  await closeStations();
  closeOpenTransactions(h);
});
after(() => h.close());

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('Core profile', () => {
  test('TC_001_CSMS Cold Boot Charge Point: Accepted, currentTime, integer interval; StatusNotifications and Heartbeat answered', async () => {
    const cp = await aStation(h, 'TC001');
    await cp.connect();
    const conf = await cp.boot();
    assert.equal(conf.status, 'Accepted');
    assert.equal(conf.interval, 120);
    assert.ok(Number.isInteger(conf.interval));
    assert.ok(Math.abs(Date.parse(conf.currentTime) - Date.now()) < 5_000);
    const hb = await cp.heartbeat();
    assert.match(hb.currentTime, /Z$/);
    const connectors = h.csms.repos.connectors.list('TC001');
    assert.deepEqual(
      connectors.map((c) => [c.connector_id, c.status]),
      [
        [0, 'Available'],
        [1, 'Available'],
        [2, 'Available'],
      ],
    );
    const row = h.csms.repos.chargePoints.get('TC001')!;
    assert.equal(row.vendor, 'OCTT-Vendor');
    assert.equal(row.model, 'OCTT-Model');
  });

  test('TC_003_CSMS Regular Charging Session – Plugin First', async () => {
    const cp = await aBootedStation(h, 'TC003');
    await cp.statusNotification(1, 'Preparing');
    assert.equal((await cp.authorize(TAGS.valid)).idTagInfo.status, 'Accepted');
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid, meterStart: 1000 });
    assert.equal(start.idTagInfo.status, 'Accepted');
    assert.ok(Number.isInteger(start.transactionId) && start.transactionId > 0);
    await cp.statusNotification(1, 'Charging');
    const tx = h.csms.repos.transactions.get(start.transactionId)!;
    assert.equal(tx.charge_point_id, 'TC003');
    assert.equal(tx.meter_start_wh, 1000);
    assert.equal(tx.stop_received_at, null);
    assert.equal(h.csms.repos.connectors.get('TC003', 1)?.status, 'Charging');
  });

  test('TC_004_1_CSMS Identification First: the Charging reusable state', async () => {
    const cp = await aBootedStation(h, 'TC004A');
    assert.equal((await cp.authorize(TAGS.valid)).idTagInfo.status, 'Accepted');
    await cp.statusNotification(1, 'Preparing');
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid });
    assert.equal(start.idTagInfo.status, 'Accepted');
    await cp.statusNotification(1, 'Charging');
    assert.equal(h.csms.repos.transactions.openOnConnector('TC004A', 1).length, 1);
  });

  test('TC_004_2_CSMS ConnectionTimeOut: Preparing then Available leaves no pending session behind', async () => {
    const cp = await aBootedStation(h, 'TC004B');
    await cp.authorize(TAGS.valid);
    await cp.statusNotification(1, 'Preparing');
    await cp.statusNotification(1, 'Available');
    assert.equal(h.csms.repos.transactions.openForChargePoint('TC004B').length, 0);
    // The next session on the same connector is not blocked by the abandoned one.
    const next = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid });
    assert.equal(next.idTagInfo.status, 'Accepted');
  });

  test('TC_005_1_CSMS EV Side Disconnected: SuspendedEV, StopTransaction(EVDisconnected), Finishing, Available', async () => {
    const cp = await aBootedStation(h, 'TC005');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    await cp.statusNotification(1, 'SuspendedEV');
    const stop = await cp.stopTransaction({ transactionId: txId, meterStop: 5_000, reason: 'EVDisconnected', idTag: TAGS.valid });
    assert.equal(stop.idTagInfo?.status, 'Accepted');
    await cp.statusNotification(1, 'Finishing');
    await cp.statusNotification(1, 'Available');
    const tx = h.csms.repos.transactions.get(txId)!;
    assert.equal(tx.stop_reason, 'EVDisconnected');
    assert.equal(tx.meter_stop_wh, 5_000);
    assert.equal(tx.ended_by, 'station');
  });

  test('TC_007_CSMS Cached Id: StartTransaction without Authorize is verified by the CSMS itself', async () => {
    const cp = await aBootedStation(h, 'TC007');
    await cp.statusNotification(1, 'Preparing');
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid });
    assert.equal(start.idTagInfo.status, 'Accepted');
    assert.equal(start.idTagInfo.parentIdTag, TAGS.group);
    await cp.statusNotification(1, 'Charging');
  });

  test('TC_023_1_CSMS Authorize invalid → Invalid', async () => {
    const cp = await aBootedStation(h, 'TC023A');
    assert.deepEqual((await cp.authorize(TAGS.invalid)).idTagInfo, { status: 'Invalid' });
  });

  test('TC_023_2_CSMS Authorize expired → Expired (stored as Expired, or Accepted past its expiry date)', async () => {
    const cp = await aBootedStation(h, 'TC023B');
    assert.equal((await cp.authorize(TAGS.expired)).idTagInfo.status, 'Expired');
    const byDate = await cp.authorize(TAGS.expiredByDate);
    assert.equal(byDate.idTagInfo.status, 'Expired');
    assert.equal(byDate.idTagInfo.expiryDate, '2020-01-01T00:00:00.000Z');
  });

  test('TC_023_3_CSMS Authorize blocked → Blocked', async () => {
    const cp = await aBootedStation(h, 'TC023C');
    assert.equal((await cp.authorize(TAGS.blocked)).idTagInfo.status, 'Blocked');
  });

  test('idTags are case-insensitive CiString20 (OCPP 1.6 §7.28) and carry their parentIdTag', async () => {
    const cp = await aBootedStation(h, 'CASE1');
    const info = (await cp.authorize(TAGS.valid.toLowerCase())).idTagInfo;
    assert.deepEqual(info, { status: 'Accepted', parentIdTag: TAGS.group });
  });

  test('TC_024_CSMS Lock Failure: Faulted with ConnectorLockFailure is answered and recorded', async () => {
    const cp = await aBootedStation(h, 'TC024');
    await cp.authorize(TAGS.valid);
    await cp.statusNotification(1, 'Preparing');
    const conf = await cp.statusNotification(1, 'Faulted', 'ConnectorLockFailure', { info: 'lock motor', vendorErrorCode: 'E42' });
    assert.deepEqual(conf, {});
    const connector = h.csms.repos.connectors.get('TC024', 1)!;
    assert.deepEqual([connector.status, connector.error_code, connector.vendor_error_code], ['Faulted', 'ConnectorLockFailure', 'E42']);
    const history = h.csms.db.prepare("SELECT status FROM status_history WHERE charge_point_id = 'TC024' AND connector_id = 1 ORDER BY id").all() as {
      status: string;
    }[];
    assert.deepEqual(
      history.map((r) => r.status),
      ['Available', 'Preparing', 'Faulted'],
    );
  });

  test('TC_032_1_CSMS Power failure boot: reboot Accepted, then StopTransaction(PowerLoss) for the pre-reboot transaction', async () => {
    const cp = await aBootedStation(h, 'TC032');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    cp.terminate();
    const rebooted = await aStation(h, 'TC032');
    await rebooted.connect();
    const boot = await rebooted.boot({ statusNotifications: false });
    assert.equal(boot.status, 'Accepted');
    await rebooted.statusNotification(0, 'Available');
    await rebooted.statusNotification(1, 'Finishing');
    await rebooted.statusNotification(2, 'Available');
    const stop = await rebooted.stopTransaction({ transactionId: txId, meterStop: 2_500, reason: 'PowerLoss' });
    assert.deepEqual(stop, {});
    const tx = h.csms.repos.transactions.get(txId)!;
    assert.deepEqual([tx.stop_reason, tx.meter_stop_wh, tx.stop_id_tag], ['PowerLoss', 2_500, null]);
  });

  test('TC_037_1_CSMS Offline Start Transaction – valid idTag, after a reconnect without BootNotification', async () => {
    const first = await aBootedStation(h, 'TC037A');
    first.terminate();
    const cp = await aStation(h, 'TC037A');
    await cp.connect(); // no BootNotification: registration belongs to the identity, not the socket
    const queuedAt = hoursAgo(2);
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid, timestamp: queuedAt, meterStart: 100 });
    assert.equal(start.idTagInfo.status, 'Accepted');
    await cp.statusNotification(1, 'Charging');
    assert.equal(h.csms.repos.transactions.get(start.transactionId)!.started_cp_at, queuedAt);
  });

  test('TC_037_3_CSMS Offline Start – invalid idTag: Invalid but still a transactionId; DeAuthorized stop answered', async () => {
    const cp = await aStation(h, 'TC037C');
    await cp.connect();
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.invalid, timestamp: hoursAgo(1) });
    assert.equal(start.idTagInfo.status, 'Invalid');
    assert.ok(start.transactionId > 0);
    await cp.statusNotification(1, 'Charging');
    const stop = await cp.stopTransaction({ transactionId: start.transactionId, reason: 'DeAuthorized', idTag: TAGS.invalid });
    assert.equal(stop.idTagInfo?.status, 'Invalid');
    await cp.statusNotification(1, 'Finishing');
    assert.equal(h.csms.repos.transactions.get(start.transactionId)!.stop_reason, 'DeAuthorized');
  });

  test('TC_039_CSMS Offline Transaction: queued start and stop with historic timestamps', async () => {
    const cp = await aStation(h, 'TC039');
    await cp.connect();
    const startedAt = hoursAgo(3);
    const stoppedAt = hoursAgo(2);
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid, timestamp: startedAt, meterStart: 0 });
    assert.equal(start.idTagInfo.status, 'Accepted');
    const stop = await cp.stopTransaction({
      transactionId: start.transactionId,
      reason: 'Local',
      timestamp: stoppedAt,
      meterStop: 7_000,
      idTag: TAGS.valid,
    });
    assert.equal(stop.idTagInfo?.status, 'Accepted');
    const tx = h.csms.repos.transactions.get(start.transactionId)!;
    // Each message keeps its own historic time; when we received it is recorded beside it.
    assert.deepEqual([tx.started_cp_at, tx.stopped_cp_at, tx.meter_stop_wh, tx.stop_reason], [startedAt, stoppedAt, 7_000, 'Local']);
    assert.ok(Date.parse(tx.stop_received_at!) > Date.parse(stoppedAt));
  });

  test('TC_064_CSMS Data Transfer with an unknown vendorId → UnknownVendorId and no data; a registered vendor answers', async () => {
    const cp = await aBootedStation(h, 'TC064');
    assert.deepEqual(await cp.dataTransfer('com.unknown.vendor', 'msg', 'payload'), { status: 'UnknownVendorId' });
    const unregister = h.csms.services.vendorDataTransfer.register('com.example', (_id, req) => ({ status: 'Accepted', data: `echo:${req.data}` }));
    try {
      assert.deepEqual(await cp.dataTransfer('com.example', 'ping', 'x'), { status: 'Accepted', data: 'echo:x' });
    } finally {
      unregister();
    }
  });
});

describe('Transaction rules beyond the test tool', () => {
  test('ConcurrentTx when the tag has a transaction open on another connector', async () => {
    const cp = await aBootedStation(h, 'CONC1');
    await cp.startSession({ connectorId: 1, idTag: TAGS.validSameGroup });
    const second = await cp.startTransaction({ connectorId: 2, idTag: TAGS.validSameGroup });
    assert.equal(second.idTagInfo.status, 'ConcurrentTx');
    assert.ok(second.transactionId > 0);
  });

  test('a new StartTransaction on a connector with a stale open transaction supersedes it instead of ConcurrentTx', async () => {
    const cp = await aBootedStation(h, 'STALE1');
    const tag = 'STALETAG';
    await h.csms.services.idTags.upsert({ idTag: tag, status: 'Accepted' });
    // The station lost track of the first (no StopTransaction ever came) and starts again later, metering on.
    const first = await cp.startTransaction({ connectorId: 1, idTag: tag, meterStart: 100, timestamp: new Date(Date.now() - 60_000).toISOString() });
    const second = await cp.startTransaction({ connectorId: 1, idTag: tag, meterStart: 900 });
    assert.equal(second.idTagInfo.status, 'Accepted');
    assert.notEqual(second.transactionId, first.transactionId);
    const old = h.csms.repos.transactions.get(first.transactionId)!;
    assert.equal(old.ended_by, 'superseded');
    assert.match(old.ended_note!, /Superseded/);
  });

  test('a resent StartTransaction returns the same transactionId; a resent StopTransaction stops once', async () => {
    const cp = await aBootedStation(h, 'RESEND1');
    const timestamp = new Date().toISOString();
    const a = await cp.call('StartTransaction', { connectorId: 1, idTag: TAGS.valid, meterStart: 10, timestamp });
    const b = await cp.call('StartTransaction', { connectorId: 1, idTag: TAGS.valid, meterStart: 10, timestamp });
    assert.equal(a.transactionId, b.transactionId);
    const stop = {
      transactionId: a.transactionId,
      meterStop: 99,
      timestamp: new Date().toISOString(),
      reason: 'Local',
      transactionData: [{ timestamp, sampledValue: [{ value: '10' }] }],
    };
    await cp.call('StopTransaction', stop);
    await cp.call('StopTransaction', stop);
    const count = h.csms.db.prepare('SELECT COUNT(*) AS n FROM transactions WHERE charge_point_id = ?').get('RESEND1') as { n: number };
    assert.equal(count.n, 1);
    assert.equal(h.csms.repos.meterValues.forTransaction(a.transactionId).length, 1);
  });

  test('StopTransaction for an unknown transaction id (or -1) is answered, never a CALLERROR', async () => {
    const cp = await aBootedStation(h, 'UNKNOWNTX');
    assert.deepEqual(await cp.call('StopTransaction', { transactionId: 987654, meterStop: 1, timestamp: new Date().toISOString() }), {});
    const withTag = await cp.call('StopTransaction', { transactionId: -1, meterStop: 1, timestamp: new Date().toISOString(), idTag: TAGS.valid });
    assert.equal((withTag.idTagInfo as { status: string }).status, 'Accepted');
  });

  test('a StartTransaction with a reservationId marks that reservation used (TC_046 core part)', async () => {
    const cp = await aBootedStation(h, 'RESV1');
    const now = new Date().toISOString();
    h.csms.db
      .prepare(
        `INSERT INTO reservations (id, charge_point_id, connector_id, id_tag, expiry_date, status, created_at, updated_at) VALUES (4242, 'RESV1', 1, ?, ?, 'Active', ?, ?)`,
      )
      .run(TAGS.valid, new Date(Date.now() + 3_600_000).toISOString(), now, now);
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.valid, reservationId: 4242 });
    const reservation = h.csms.repos.reservations.get(4242)!;
    assert.deepEqual([reservation.status, reservation.transaction_id], ['Used', start.transactionId]);
  });

  test('MeterValues: every sampled value kept with all its fields, with and without a transaction, connector 0 included', async () => {
    const cp = await aBootedStation(h, 'METER1');
    const txId = await cp.startSession({ connectorId: 1, idTag: 'METERTAG' }).catch(() => undefined);
    assert.equal(txId, undefined, 'METERTAG is unknown, so the session is refused');
    await h.csms.services.idTags.upsert({ idTag: 'METERTAG', status: 'Accepted' });
    const id = await cp.startSession({ connectorId: 1, idTag: 'METERTAG' });
    await cp.meterValues(1, id, [
      { value: '1234.5', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic', location: 'Outlet', format: 'Raw' },
      { value: '7.2', measurand: 'Power.Active.Import', unit: 'kW' },
      { value: '16.1', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
      { value: '55', measurand: 'SoC', unit: 'Percent', location: 'EV' },
    ]);
    await cp.meterValues(0, undefined, [{ value: '99999', measurand: 'Energy.Active.Import.Register', unit: 'Wh', location: 'Inlet' }]);
    await cp.call('MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '1300' }] }] });
    const rows = h.csms.repos.meterValues.forTransaction(id);
    assert.equal(rows.length, 5, 'four with the transaction id, one linked by connector');
    const current = rows.find((r) => r.measurand === 'Current.Import')!;
    assert.deepEqual([current.value, current.unit, current.phase], ['16.1', 'A', 'L1']);
    const tx = h.csms.repos.transactions.get(id)!;
    assert.equal(tx.last_meter_wh, 1300);
    assert.equal(tx.last_power_w, 7200);
    const mainMeter = h.csms.db.prepare("SELECT * FROM meter_values WHERE charge_point_id = 'METER1' AND connector_id = 0").all() as {
      location: string;
    }[];
    assert.deepEqual(
      mainMeter.map((r) => r.location),
      ['Inlet'],
    );
  });

  test('status and file-transfer notifications and security events are stored', async () => {
    const cp = await aBootedStation(h, 'REPORT1');
    await cp.firmwareStatusNotification('Downloading');
    await cp.diagnosticsStatusNotification('Uploaded');
    await cp.securityEventNotification('FirmwareUpdated', 'v2');
    assert.deepEqual(await cp.call('SignCertificate', { csr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----' }), {
      status: 'Rejected',
    });
    const row = h.csms.repos.chargePoints.get('REPORT1')!;
    assert.deepEqual([row.firmware_status, row.diagnostics_status], ['Downloading', 'Uploaded']);
    const events = h.csms.db.prepare("SELECT type, tech_info FROM security_events WHERE charge_point_id = 'REPORT1'").all();
    assert.deepEqual(events, [{ type: 'FirmwareUpdated', tech_info: 'v2' }]);
  });
});
