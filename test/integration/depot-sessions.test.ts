/**
 * Sessions as a depot meets them on its first day (README "Transactions and id tags"): refused starts that never
 * block anyone, ConcurrentTx as a policy, conflicting reports kept as anomalies, TxProfiles that follow their
 * transaction. Real central system, real operator API, simulated stations over real sockets.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Clock } from '../../main/csms/clock.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';

/** Real time plus an offset the test can move forward: "an hour later" without waiting an hour. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const clock = new OffsetClock();
let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ clock, overrides: { callTimeoutMs: 10_000, heartbeatIntervalSec: 60 } });
  a = await startApi(h);
});
afterEach(async () => {
  await closeStations();
  await a.client.patchSettings({ unconfirmedAfterSec: 0, allowConcurrentTxByDefault: false });
});
after(async () => {
  await a.api.close();
  await h.close();
});

let tagCount = 0;
/** A fresh Accepted tag per test, so one test's sessions never block another's. */
async function aTag(prefix: string, options: { allowConcurrentTx?: boolean | null } = {}): Promise<string> {
  const idTag = `${prefix}-${++tagCount}`.slice(0, 20);
  await a.client.putIdTag(idTag, { status: 'Accepted', ...options });
  return idTag;
}

const now = () => clock.now().toISOString();
/** A StartTransaction sent as a station would, without the simulator's session bookkeeping (a station that drops it). */
const rawStart = async (cp: SimulatedChargePoint, connectorId: number, idTag: string, meterStart = 0) =>
  (await cp.call('StartTransaction', { connectorId, idTag, meterStart, timestamp: now() })) as {
    transactionId: number;
    idTagInfo: { status: string };
  };
const rawStop = (cp: SimulatedChargePoint, transactionId: number, meterStop: number, timestamp = now(), reason = 'Local') =>
  cp.call('StopTransaction', { transactionId, meterStop, timestamp, reason });
const activeIds = async (chargePointId?: string) =>
  (await a.client.listTransactions({ active: true, chargePointId, limit: 10_000 })).items.map((t) => t.id).sort((x, y) => x - y);

describe('a refused start never blocks anyone', () => {
  test('a tag refused with ConcurrentTx can start at another charger once the first session ends', async () => {
    const tag = await aTag('CONC');
    const [cpA, cpB, cpC] = await Promise.all([aBootedStation(h, 'R1-A'), aBootedStation(h, 'R1-B'), aBootedStation(h, 'R1-C')]);
    const first = await cpA.startSession({ connectorId: 1, idTag: tag });
    // Refused at B while A charges; B drops the refused start without a StopTransaction.
    const refused = await rawStart(cpB, 1, tag);
    assert.equal(refused.idTagInfo.status, 'ConcurrentTx');
    assert.match((await a.client.getTransaction(refused.transactionId)).startNote ?? '', new RegExp(`R1-A connector 1 \\(transaction ${first}\\)`));
    // Still refused at C while A charges: A's session is the reason, not B's refusal.
    const refusedAgain = await rawStart(cpC, 1, tag);
    assert.equal(refusedAgain.idTagInfo.status, 'ConcurrentTx');
    await cpA.stopSession({ connectorId: 1 });
    // B's and C's refusals were never sessions: the card now starts anywhere.
    const afterwards = await rawStart(cpC, 2, tag);
    assert.equal(afterwards.idTagInfo.status, 'Accepted');
    assert.deepEqual(await activeIds('R1-C'), [afterwards.transactionId]);
    assert.deepEqual(await activeIds('R1-B'), []);
  });

  test('a refused start is recorded but is no session: not active, tag not in use, reservation kept, connector free', async () => {
    const tag = await aTag('BLK');
    await a.client.putIdTag(tag, { status: 'Blocked' });
    const cp = await aBootedStation(h, 'R2');
    const reserve = await a.client.call('R2', 'ReserveNow', {
      connectorId: 1,
      idTag: tag,
      expiryDate: new Date(Date.now() + 3_600_000).toISOString(),
      reservationId: 9101,
    });
    assert.deepEqual('result' in reserve ? reserve.result : reserve, { status: 'Accepted' });
    const refused = await rawStart(cp, 1, tag);
    // The station tells the reservation it was used (in its start), but a refused start uses nothing.
    await cp.call('StartTransaction', { connectorId: 2, idTag: tag, meterStart: 0, timestamp: now(), reservationId: 9101 });
    assert.equal(refused.idTagInfo.status, 'Blocked');
    const stored = await a.client.getTransaction(refused.transactionId);
    assert.equal(stored.startStatus, 'Blocked');
    assert.equal(stored.active, false);
    assert.equal(stored.refusedUnstopped, true);
    assert.match(stored.startNote ?? '', /blocked/);
    assert.deepEqual(await activeIds('R2'), []);
    assert.equal(h.csms.repos.reservations.get(9101)?.status, 'Active');
    // Unblocked, the same card starts at once on the same connector: the refused start no longer counts there.
    await a.client.putIdTag(tag, { status: 'Accepted' });
    const accepted = await rawStart(cp, 1, tag);
    assert.equal(accepted.idTagInfo.status, 'Accepted');
    assert.equal((await a.client.getTransaction(refused.transactionId)).endedBy, 'superseded');
    assert.deepEqual(await activeIds('R2'), [accepted.transactionId]);
  });

  test('a refused start the station drops closes when its connector reports Available; one it keeps charging on closes with its stop', async () => {
    const tag = await aTag('DROP');
    await a.client.putIdTag(tag, { status: 'Expired' });
    const dropper = await aBootedStation(h, 'R3-DROP');
    const dropped = await rawStart(dropper, 1, tag);
    assert.equal(dropped.idTagInfo.status, 'Expired');
    await dropper.statusNotification(1, 'Available');
    const closed = await a.client.getTransaction(dropped.transactionId);
    assert.equal(closed.refusedUnstopped, false);
    assert.equal(closed.endedBy, 'stale');
    assert.match(closed.endedNote ?? '', /dropped by the station.*Available/);
    // A stop that still comes replaces that closure with the station's own values.
    await rawStop(dropper, dropped.transactionId, 5);
    const replaced = await a.client.getTransaction(dropped.transactionId);
    assert.equal(replaced.endedBy, 'station');
    assert.equal(replaced.meterStopWh, 5);

    const keeper = await aBootedStation(h, 'R3-KEEP', { configuration: { StopTransactionOnInvalidId: 'false', AuthorizeRemoteTxRequests: 'false' } });
    await assert.rejects(keeper.runSession({ connectorId: 1, idTag: tag, authorize: false, preparingFirst: true }), /not accepted: Expired/);
    const running = keeper.connector(1)!.transaction!.transactionId;
    assert.equal(keeper.connector(1)!.status, 'SuspendedEVSE');
    assert.equal((await a.client.getTransaction(running)).refusedUnstopped, true);
    await keeper.stopSession({ connectorId: 1, reason: 'DeAuthorized' });
    const stopped = await a.client.getTransaction(running);
    assert.equal(stopped.endedBy, 'station');
    assert.equal(stopped.stopReason, 'DeAuthorized');
  });
});

describe('ConcurrentTx is a policy, not a trap', () => {
  test('a session whose connector reported Available since no longer blocks its card: closed as stale, a late stop replaces that', async () => {
    const tag = await aTag('LOST');
    const [cpA, cpB] = await Promise.all([aBootedStation(h, 'P2-A'), aBootedStation(h, 'P2-B')]);
    const lost = await rawStart(cpA, 1, tag, 100);
    assert.equal(lost.idTagInfo.status, 'Accepted');
    // A minute later the station's StopTransaction is lost; its connector says it is free again.
    clock.offsetMs += 60_000;
    await cpA.statusNotification(1, 'Available');
    const next = await rawStart(cpB, 1, tag);
    assert.equal(next.idTagInfo.status, 'Accepted');
    const stale = await a.client.getTransaction(lost.transactionId);
    assert.equal(stale.endedBy, 'stale');
    assert.match(stale.endedNote ?? '', /Closed as stale when .* started at P2-B: connector 1 reported Available/);
    assert.match((await a.client.getTransaction(next.transactionId)).startNote ?? '', /closed P2-A connector 1 .* as stale/);
    // The lost stop arrives after all: the station's own data replace the closure.
    await rawStop(cpA, lost.transactionId, 900);
    const real = await a.client.getTransaction(lost.transactionId);
    assert.equal(real.endedBy, 'station');
    assert.equal(real.meterStopWh, 900);
    assert.equal(real.energyWh, 800);
  });

  test('a session at a station unheard for longer than unconfirmedAfterSec is flagged unconfirmed and does not block its card', async () => {
    const tag = await aTag('SILENT');
    await a.client.patchSettings({ unconfirmedAfterSec: 600 });
    const [cpA, cpB] = await Promise.all([aBootedStation(h, 'P2-SIL-A'), aBootedStation(h, 'P2-SIL-B')]);
    const running = await cpA.startSession({ connectorId: 1, idTag: tag });
    assert.equal((await a.client.getTransaction(running)).unconfirmed, false);
    // Within the limit the card is refused elsewhere.
    assert.equal((await rawStart(cpB, 1, tag)).idTagInfo.status, 'ConcurrentTx');
    await cpA.close();
    // Time only moves forward here: later tests start their own stations, heard from then on.
    clock.offsetMs += 601_000;
    await cpB.heartbeat();
    const flagged = await a.client.getTransaction(running);
    assert.equal(flagged.active, true, 'kept open: its stop may still come');
    assert.equal(flagged.unconfirmed, true);
    const elsewhere = await rawStart(cpB, 2, tag);
    assert.equal(elsewhere.idTagInfo.status, 'Accepted');
    assert.match(
      (await a.client.getTransaction(elsewhere.transactionId)).startNote ?? '',
      /P2-SIL-A connector 1 .* is unconfirmed: its station was last heard/,
    );
    // The default limit is three heartbeat intervals (60 s here): 601 s of silence is past it too.
    await a.client.patchSettings({ unconfirmedAfterSec: 0 });
    assert.equal((await a.client.getTransaction(running)).unconfirmed, true);
    await a.client.patchSettings({ unconfirmedAfterSec: 3_600 });
    assert.equal((await a.client.getTransaction(running)).unconfirmed, false);
  });

  test('a shared fleet card may charge at several connectors at once, by its own setting or the default', async () => {
    const fleet = await aTag('FLEET', { allowConcurrentTx: true });
    const single = await aTag('SINGLE', { allowConcurrentTx: false });
    const byDefault = await aTag('DEFAULT');
    assert.equal((await a.client.listIdTags({ limit: 100_000 })).items.find((t) => t.idTag === fleet)?.allowConcurrentTx, true);
    const [cpA, cpB] = await Promise.all([aBootedStation(h, 'P2-FL-A'), aBootedStation(h, 'P2-FL-B')]);
    await cpA.startSession({ connectorId: 1, idTag: fleet });
    await cpA.startSession({ connectorId: 2, idTag: single });
    await cpB.startSession({ connectorId: 1, idTag: byDefault });
    assert.equal((await rawStart(cpB, 2, fleet)).idTagInfo.status, 'Accepted');
    const refusedSingle = await rawStart(cpB, 2, single);
    assert.equal(refusedSingle.idTagInfo.status, 'ConcurrentTx');
    await cpB.statusNotification(2, 'Available');
    assert.equal((await rawStart(cpA, 1, byDefault)).idTagInfo.status, 'ConcurrentTx');
    await cpA.statusNotification(1, 'Available');
    // The default opens every card without its own setting, and only those.
    await a.client.patchSettings({ allowConcurrentTxByDefault: true });
    const defaultNow = await rawStart(cpA, 1, byDefault);
    assert.equal(defaultNow.idTagInfo.status, 'Accepted');
    assert.equal((await rawStart(cpB, 2, single)).idTagInfo.status, 'ConcurrentTx');
    // A CSV import without the column leaves the per-tag setting as it was; the export carries it, and an import sets it.
    await a.client.importIdTagsCsv(`idTag,status,description\n${fleet},Accepted,shared card\n`, 'update');
    const tagOf = async (idTag: string) => (await a.client.listIdTags({ limit: 100_000 })).items.find((t) => t.idTag === idTag);
    assert.equal((await tagOf(fleet))?.allowConcurrentTx, true);
    const exported = await a.client.exportIdTagsCsv();
    assert.ok(exported.includes(`${fleet},Accepted,,,shared card,true\r\n`) && exported.includes(`${single},Accepted,,,,false\r\n`));
    const imported = await a.client.importIdTagsCsv(
      `idTag,status,allowConcurrentTx\n${single},Accepted,true\n${byDefault},Accepted,maybe\n`,
      'update',
    );
    assert.deepEqual(
      [imported.updated, imported.errors.map((e) => [e.idTag, e.message])],
      [1, [[byDefault, 'allowConcurrentTx must be true, false or empty']]],
    );
    assert.equal((await tagOf(single))?.allowConcurrentTx, true);
  });

  test('when our start answer refuses an accepted RemoteStart, its transaction says why', async () => {
    const tag = await aTag('REMOTE');
    // P2-RS-B only has to be connected: the remote start is sent to it through the API.
    const [cpA] = await Promise.all([aBootedStation(h, 'P2-RS-A'), aBootedStation(h, 'P2-RS-B')]);
    const charging = await cpA.startSession({ connectorId: 1, idTag: tag });
    const sentAt = now();
    const answer = await a.client.call('P2-RS-B', 'RemoteStartTransaction', { connectorId: 1, idTag: tag });
    assert.deepEqual('result' in answer ? answer.result : answer, { status: 'Accepted' });
    let started: Awaited<ReturnType<typeof a.client.listIdTagTransactions>>['items'] = [];
    await eventually(
      async () => (started = (await a.client.listIdTagTransactions(tag, { chargePointId: 'P2-RS-B', from: sentAt })).items).length === 1,
      10_000,
      'the remote start',
    );
    assert.equal(started[0]!.startStatus, 'ConcurrentTx');
    assert.match(started[0]!.startNote ?? '', new RegExp(`P2-RS-A connector 1 \\(transaction ${charging}\\)`));
    assert.equal(started[0]!.active, false);
  });
});

describe('conflicting reports are kept, not dropped', () => {
  test('a second, different StopTransaction is kept as an anomaly on the transaction and the station; a resend is not', async () => {
    const tag = await aTag('STOP2');
    const cp = await aBootedStation(h, 'P6-STOP');
    const { transactionId } = await rawStart(cp, 1, tag);
    const stoppedAt = now();
    await rawStop(cp, transactionId, 1_000, stoppedAt);
    await rawStop(cp, transactionId, 1_000, stoppedAt);
    assert.equal((await a.client.listAnomalies({ chargePointId: 'P6-STOP' })).total, 0, 'a resend is no conflict');
    await rawStop(cp, transactionId, 4_000, now(), 'EVDisconnected');
    const detail = await a.client.getTransaction(transactionId);
    assert.equal(detail.meterStopWh, 1_000, 'the first stop is kept');
    assert.equal(detail.anomalyCount, 1);
    assert.equal(detail.anomalies[0]!.kind, 'stop-conflict');
    assert.match(detail.anomalies[0]!.detail, /meterStop 4000 Wh .* differs from the stored stop \(meterStop 1000 Wh/);
    assert.equal((detail.anomalies[0]!.payload as { meterStop: number }).meterStop, 4_000);
    const station = await a.client.listAnomalies({ chargePointId: 'P6-STOP' });
    assert.deepEqual(
      station.items.map((x) => [x.kind, x.transactionId]),
      [['stop-conflict', transactionId]],
    );
    // `since` (what the console's alerts load): received at or after that time.
    const received = station.items[0]!.receivedAt;
    assert.deepEqual(
      (await a.client.listAnomalies({ chargePointId: 'P6-STOP', since: received })).items.map((x) => x.id),
      [station.items[0]!.id],
    );
    const later = new Date(Date.parse(received) + 1).toISOString();
    assert.deepEqual(await a.client.listAnomalies({ chargePointId: 'P6-STOP', since: later }), { items: [], total: 0 });
    await assert.rejects(a.client.listAnomalies({ since: 'yesterday' }), (err: { status?: number }) => err.status === 400);
    assert.equal((await a.client.listTransactions({ chargePointId: 'P6-STOP' })).items[0]!.anomalyCount, 1);
  });

  test('meter values after the stop are stored and listed as an anomaly; queued ones from before it are not', async () => {
    const tag = await aTag('LATEMV');
    const cp = await aBootedStation(h, 'P6-METER');
    const { transactionId } = await rawStart(cp, 1, tag);
    const before = new Date(clock.now().getTime() - 1_000).toISOString();
    const stoppedAt = now();
    await rawStop(cp, transactionId, 2_000, stoppedAt);
    await cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: before, sampledValue: [{ value: '1900' }] }] });
    assert.equal((await a.client.getTransaction(transactionId)).anomalyCount, 0);
    const later = new Date(Date.parse(stoppedAt) + 30_000).toISOString();
    await cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: later, sampledValue: [{ value: '2500' }] }] });
    const detail = await a.client.getTransaction(transactionId);
    assert.ok(
      detail.meterValues.some((m) => m.value === '2500'),
      'stored',
    );
    assert.deepEqual(
      detail.anomalies.map((x) => x.kind),
      ['meter-after-stop'],
    );
    assert.match(detail.anomalies[0]!.detail, new RegExp(`timed ${later}, after the transaction was stopped by the station`));
  });

  test('a start on a connector the station does not have, and a stop for a transaction it never had, are answered and listed', async () => {
    const tag = await aTag('NOCONN');
    const cp = await aBootedStation(h, 'P6-CONN');
    const start = await rawStart(cp, 7, tag);
    assert.equal(start.idTagInfo.status, 'Accepted');
    assert.deepEqual(await cp.call('StopTransaction', { transactionId: 987_654, meterStop: 1, timestamp: now() }), {});
    const anomalies = await a.client.listAnomalies({ chargePointId: 'P6-CONN' });
    assert.deepEqual(anomalies.items.map((x) => [x.kind, x.transactionId, x.connectorId]).reverse(), [
      ['unknown-connector', start.transactionId, 7],
      ['stop-unknown-transaction', null, null],
    ]);
    assert.match(anomalies.items[1]!.detail, /connector 7, which the station does not have \(it reported connectors up to 2\)/);
    assert.match(anomalies.items[0]!.detail, /transaction 987654, which this central system never issued/);
    assert.equal((await a.client.getTransaction(start.transactionId)).anomalies.length, 1);
  });
});

describe('charging profiles follow the transaction they belong to', () => {
  const txProfile = (id: number) => ({
    chargingProfileId: id,
    stackLevel: 1,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  });

  test('a TxProfile sent with a RemoteStart stays with the transaction that start created, also when it supersedes a stale one', async () => {
    const tag = await aTag('TXP');
    const cp = await aBootedStation(h, 'P7-TXP', { configuration: { AuthorizeRemoteTxRequests: 'false' } });
    // A transaction with its own TxProfile, which the station then loses track of (a reboot that forgot it): still open here.
    const stale = { transactionId: await cp.startSession({ connectorId: 1, idTag: await aTag('TXP-OLD') }) };
    const old = await a.client.call('P7-TXP', 'SetChargingProfile', {
      connectorId: 1,
      csChargingProfiles: { ...txProfile(71), transactionId: stale.transactionId },
    });
    assert.deepEqual('result' in old ? old.result : old, { status: 'Accepted' });
    cp.endTransaction(cp.connector(1)!);
    await cp.setStatus(1, 'Available');
    assert.equal(h.csms.repos.chargingProfiles.installed('P7-TXP').length, 1);

    const answer = await a.client.call('P7-TXP', 'RemoteStartTransaction', { connectorId: 1, idTag: tag, chargingProfile: txProfile(72) });
    assert.deepEqual('result' in answer ? answer.result : answer, { status: 'Accepted' });
    await eventually(() => cp.connector(1)?.status === 'Charging', 10_000, 'the remote session charging');
    const started = cp.connector(1)!.transaction!.transactionId;
    await cp.meterValues(1);
    const installed = () => h.csms.repos.chargingProfiles.installed('P7-TXP').filter((p) => p.profile.chargingProfilePurpose === 'TxProfile');
    await eventually(() => h.csms.repos.transactions.get(stale.transactionId)?.ended_by === 'superseded', 5_000, 'the stale transaction superseded');
    await eventually(() => installed().length === 1, 5_000, 'only the new TxProfile left');
    assert.deepEqual(
      installed().map((p) => [p.profile.chargingProfileId, p.profile.transactionId, p.awaitingStart]),
      [[72, started, undefined]],
    );
    // And it ends with its own transaction.
    await cp.stopSession({ connectorId: 1 });
    await eventually(() => installed().length === 0, 5_000, 'the TxProfile removed with its transaction');
  });

  test('the TxProfile of a RemoteStart that never led to a start goes when the connector is Available again', async () => {
    const tag = await aTag('TXP-NONE');
    const cp = await aBootedStation(h, 'P7-NONE');
    // Accepted, but no EV comes: Preparing, then Available after the connection timeout.
    cp.answerOnce('RemoteStartTransaction', { status: 'Accepted' });
    const answer = await a.client.call('P7-NONE', 'RemoteStartTransaction', { connectorId: 2, idTag: tag, chargingProfile: txProfile(81) });
    assert.deepEqual('result' in answer ? answer.result : answer, { status: 'Accepted' });
    const installed = () => h.csms.repos.chargingProfiles.installed('P7-NONE').filter((p) => p.profile.chargingProfilePurpose === 'TxProfile');
    assert.deepEqual(
      installed().map((p) => [p.profile.chargingProfileId, p.awaitingStart?.idTag]),
      [[81, tag]],
    );
    await cp.statusNotification(2, 'Preparing');
    assert.equal(installed().length, 1, 'still waiting while Preparing');
    await cp.statusNotification(1, 'Available');
    assert.equal(installed().length, 1, 'another connector changes nothing');
    await cp.statusNotification(2, 'Available');
    assert.deepEqual(installed(), []);
  });
});
