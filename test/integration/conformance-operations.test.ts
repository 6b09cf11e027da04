/**
 * OCTT 1.6 CSMS test cases that start with an operator action (OCTT 1.6 CSMS test cases): the operator operations send
 * the call, the simulated charge point plays the station over a real socket, and each test checks the request the
 * station received, the outcome, and the domain state stored from the answer.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOperatorOperations, buildLocalListUpdate, type CallOutcome, type OperatorOperations } from '../../main/csms/operations/index.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { TAGS, aBootedStation, closeOpenTransactions, closeStations, seedIdTags } from '../support/fixtures.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';

let h: Harness;
let ops: OperatorOperations;
before(async () => {
  h = await startCsms({ overrides: { heartbeatIntervalSec: 120, callTimeoutMs: 5_000 } });
  await seedIdTags(h);
  ops = createOperatorOperations(h.csms);
});
afterEach(async () => {
  await closeStations();
  closeOpenTransactions(h);
});
after(() => h.close());

/** Send as the operator would and return what the station received with the outcome. */
async function operator(
  cp: SimulatedChargePoint,
  action: string,
  payload: JsonObject,
): Promise<{ received: JsonObject; outcome: CallOutcome; answer: JsonObject }> {
  const call = cp.waitForCall(action);
  const outcome = await ops.send(cp.identity, action, payload);
  const received = (await call).payload;
  assert.equal(outcome.kind, 'result', `${action} answered with a CALLRESULT`);
  return { received, outcome, answer: outcome.kind === 'result' ? outcome.payload : {} };
}

/** The SendLocalList that brings the station's list to `desired`; null (nothing to send) fails the test. */
function listUpdate(
  chargePointId: string,
  desired: Parameters<typeof buildLocalListUpdate>[2],
): NonNullable<ReturnType<typeof buildLocalListUpdate>> {
  const update = buildLocalListUpdate(ops.stores.localLists, chargePointId, desired);
  assert.ok(update, `an update for ${chargePointId}`);
  return update;
}

const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const openTx = (id: string, connectorId = 1) => h.csms.repos.transactions.openOnConnector(id, connectorId);

describe('Core profile: operator-initiated', () => {
  test('TC_010_CSMS Remote Start – cable plugged in first', async () => {
    const cp = await aBootedStation(h, 'TC010');
    await cp.statusNotification(1, 'Preparing');
    const { received, answer } = await operator(cp, 'RemoteStartTransaction', { idTag: TAGS.valid, connectorId: 1 });
    assert.deepEqual(received, { idTag: TAGS.valid, connectorId: 1 });
    assert.equal(answer.status, 'Accepted');
    await eventually(() => openTx('TC010').length === 1, 5_000, 'transaction started');
    await eventually(() => h.csms.repos.connectors.get('TC010', 1)?.status === 'Charging', 5_000, 'Charging');
    assert.equal(openTx('TC010')[0]!.id_tag, TAGS.valid);
  });

  test('TC_011_1_CSMS Remote Start – remote start first', async () => {
    const cp = await aBootedStation(h, 'TC011A');
    const { received, answer } = await operator(cp, 'RemoteStartTransaction', { idTag: TAGS.valid, connectorId: 1 });
    assert.equal(received.idTag, TAGS.valid);
    assert.equal(answer.status, 'Accepted');
    await eventually(() => openTx('TC011A').length === 1, 5_000, 'transaction started');
  });

  test('TC_011_2_CSMS Remote Start – time out: Accepted, Authorize, Preparing, Available; no transaction', async () => {
    const cp = await aBootedStation(h, 'TC011B');
    cp.answerOnce('RemoteStartTransaction', { status: 'Accepted' }); // the EV never comes
    const { answer } = await operator(cp, 'RemoteStartTransaction', { idTag: TAGS.valid, connectorId: 1 });
    assert.equal(answer.status, 'Accepted');
    assert.equal((await cp.authorize(TAGS.valid)).idTagInfo.status, 'Accepted');
    await cp.statusNotification(1, 'Preparing');
    await cp.statusNotification(1, 'Available');
    assert.equal(h.csms.repos.transactions.openForChargePoint('TC011B').length, 0);
    assert.equal(h.csms.repos.connectors.get('TC011B', 1)?.status, 'Available');
  });

  test('TC_012_CSMS Remote Stop: the transactionId the CSMS issued is filled in; StopTransaction(Remote)', async () => {
    const cp = await aBootedStation(h, 'TC012');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    const { received, answer, outcome } = await operator(cp, 'RemoteStopTransaction', {});
    assert.deepEqual(received, { transactionId: txId });
    assert.deepEqual(outcome.request, { transactionId: txId });
    assert.equal(answer.status, 'Accepted');
    await eventually(() => h.csms.repos.transactions.get(txId)!.stop_reason === 'Remote', 5_000, 'stopped Remote');
    // A connectorId hint picks that connector's transaction and is not sent.
    const tx2 = await cp.startSession({ connectorId: 2, idTag: TAGS.validSameGroup });
    const second = await operator(cp, 'RemoteStopTransaction', { connectorId: 2 });
    assert.deepEqual(second.received, { transactionId: tx2 });
  });

  for (const [tc, type] of [
    ['TC_013_CSMS', 'Hard'],
    ['TC_014_CSMS', 'Soft'],
  ] as const) {
    test(`${tc} ${type} Reset: Accepted, then BootNotification Accepted and StatusNotifications`, async () => {
      const id = `${tc}-R`;
      const cp = await aBootedStation(h, id);
      const bootedBefore = h.csms.repos.chargePoints.get(id)!.last_boot_at;
      const booted = new Promise<void>((resolve) => {
        const off = h.csms.events.on('chargePoint.booted', (e) => e.chargePointId === id && e.status === 'Accepted' && (off(), resolve()));
      });
      const { received, answer } = await operator(cp, 'Reset', { type });
      assert.deepEqual(received, { type });
      assert.equal(answer.status, 'Accepted');
      await booted;
      await eventually(
        () =>
          h.csms.repos.connectors.list(id).every((c) => c.status === 'Available') && h.csms.repos.chargePoints.get(id)!.last_boot_at !== bootedBefore,
      );
    });
  }

  test('TC_017_1_CSMS / TC_017_2_CSMS Unlock connector without session: Unlocked; fixed cable NotSupported', async () => {
    const cp = await aBootedStation(h, 'TC017');
    const unlocked = await operator(cp, 'UnlockConnector', { connectorId: 1 });
    assert.deepEqual(unlocked.received, { connectorId: 1 });
    assert.equal(unlocked.answer.status, 'Unlocked');
    cp.answerOnce('UnlockConnector', { status: 'NotSupported' });
    assert.equal((await operator(cp, 'UnlockConnector', { connectorId: 1 })).answer.status, 'NotSupported');
  });

  test('TC_018_1_CSMS Unlock Connector with a charging session: StopTransaction(UnlockCommand)', async () => {
    const cp = await aBootedStation(h, 'TC018');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    assert.equal((await operator(cp, 'UnlockConnector', { connectorId: 1 })).answer.status, 'Unlocked');
    await eventually(() => h.csms.repos.transactions.get(txId)!.stop_reason === 'UnlockCommand', 5_000, 'stopped UnlockCommand');
  });

  test('TC_019_1_CSMS / TC_019_2_CSMS GetConfiguration: all keys (empty list), then one key; snapshot stored', async () => {
    const cp = await aBootedStation(h, 'TC019', { password: 'initial-password-16' });
    const all = await operator(cp, 'GetConfiguration', { key: [] });
    assert.deepEqual(all.received, { key: [] });
    const snapshot = h.csms.repos.configurationSnapshots.get('TC019')!;
    assert.ok(snapshot.entries.length > 10);
    assert.equal(snapshot.requestedKeys, null);
    assert.ok(snapshot.takenAt);
    assert.equal(snapshot.entries.find((e) => e.key === 'MeterValueSampleInterval')?.readonly, false);
    // The AuthorizationKey value is never stored, even when a station returns it.
    const authKey = snapshot.entries.find((e) => e.key === 'AuthorizationKey');
    if (authKey) assert.equal(authKey.value, undefined);
    const one = await operator(cp, 'GetConfiguration', { key: ['SupportedFeatureProfiles', 'NoSuchKey'] });
    assert.deepEqual(one.received, { key: ['SupportedFeatureProfiles', 'NoSuchKey'] });
    assert.deepEqual(one.answer.unknownKey, ['NoSuchKey']);
    const after = h.csms.repos.configurationSnapshots.get('TC019')!;
    assert.deepEqual(after.requestedKeys, ['SupportedFeatureProfiles', 'NoSuchKey']);
    assert.deepEqual(after.unknownKeys, ['NoSuchKey']);
    assert.equal(after.entries.length, snapshot.entries.length, 'a partial read updates the snapshot, it does not replace it');
    assert.match(after.entries.find((e) => e.key === 'SupportedFeatureProfiles')!.value!, /Core/);
  });

  test('TC_021_CSMS ChangeConfiguration MeterValueSampleInterval=60 → Accepted; snapshot updated; nothing sent on its own', async () => {
    const cp = await aBootedStation(h, 'TC021');
    await operator(cp, 'GetConfiguration', {});
    const { received, answer } = await operator(cp, 'ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '60' });
    assert.deepEqual(received, { key: 'MeterValueSampleInterval', value: '60' });
    assert.equal(answer.status, 'Accepted');
    assert.equal(h.csms.repos.configurationSnapshots.get('TC021')!.entries.find((e) => e.key === 'MeterValueSampleInterval')?.value, '60');
    await h.csms.groupCommit.run(() => undefined);
    const out = h.csms.repos.messageLog.query({ chargePointId: 'TC021', direction: 'out' }).filter((r) => r.message_type === 2);
    assert.deepEqual(out.map((r) => r.action).sort(), ['ChangeConfiguration', 'GetConfiguration'], 'no unsolicited CALL');
  });

  test('TC_026_CSMS Remote Start – Rejected: no transaction', async () => {
    const cp = await aBootedStation(h, 'TC026');
    cp.answerOnce('RemoteStartTransaction', { status: 'Rejected' });
    assert.equal((await operator(cp, 'RemoteStartTransaction', { idTag: TAGS.valid, connectorId: 1 })).answer.status, 'Rejected');
    assert.equal(h.csms.repos.transactions.openForChargePoint('TC026').length, 0);
  });

  test('TC_028_CSMS Remote Stop – Rejected: an explicit (unknown) transactionId is sent untouched', async () => {
    const cp = await aBootedStation(h, 'TC028');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    const { received, answer } = await operator(cp, 'RemoteStopTransaction', { transactionId: 987_654 });
    assert.deepEqual(received, { transactionId: 987_654 });
    assert.equal(answer.status, 'Rejected');
    assert.equal(h.csms.repos.transactions.get(txId)!.stop_received_at, null);
  });

  test('TC_030_CSMS Unlock failure and TC_031_CSMS unknown connector', async () => {
    const cp = await aBootedStation(h, 'TC030');
    cp.answerOnce('UnlockConnector', { status: 'UnlockFailed' });
    assert.equal((await operator(cp, 'UnlockConnector', { connectorId: 1 })).answer.status, 'UnlockFailed');
    const unknown = await operator(cp, 'UnlockConnector', { connectorId: 3 });
    assert.deepEqual(unknown.received, { connectorId: 3 });
    assert.equal(unknown.answer.status, 'NotSupported');
  });

  test('TC_040_1_CSMS / TC_040_2_CSMS ChangeConfiguration unknown key → NotSupported; invalid value "-1" → Rejected; snapshot unchanged', async () => {
    const cp = await aBootedStation(h, 'TC040');
    await operator(cp, 'GetConfiguration', {});
    const before = h.csms.repos.configurationSnapshots.get('TC040')!;
    assert.equal((await operator(cp, 'ChangeConfiguration', { key: 'NoSuchKeyAtAll', value: '1' })).answer.status, 'NotSupported');
    const invalid = await operator(cp, 'ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '-1' });
    assert.deepEqual(invalid.received, { key: 'MeterValueSampleInterval', value: '-1' });
    assert.equal(invalid.answer.status, 'Rejected');
    assert.deepEqual(h.csms.repos.configurationSnapshots.get('TC040')!.entries, before.entries);
  });

  test('TC_061_CSMS Clear Cache: {} → Accepted', async () => {
    const cp = await aBootedStation(h, 'TC061');
    const { received, answer } = await operator(cp, 'ClearCache', {});
    assert.deepEqual(received, {});
    assert.equal(answer.status, 'Accepted');
  });
});

describe('Local Authorization List Management', () => {
  test('TC_042_1_CSMS GetLocalListVersion → -1 (not supported) is stored', async () => {
    const cp = await aBootedStation(h, 'TC042A');
    cp.answerOnce('GetLocalListVersion', { listVersion: -1 });
    const { received, answer } = await operator(cp, 'GetLocalListVersion', {});
    assert.deepEqual(received, {});
    assert.equal(answer.listVersion, -1);
    const state = h.csms.repos.localLists.get('TC042A')!;
    assert.equal(state.reportedVersion, -1);
    assert.equal(state.entries, null);
  });

  test('TC_042_2_CSMS GetLocalListVersion → 0 (empty) is stored as an empty known list', async () => {
    const cp = await aBootedStation(h, 'TC042B');
    assert.equal((await operator(cp, 'GetLocalListVersion', {})).answer.listVersion, 0);
    const state = h.csms.repos.localLists.get('TC042B')!;
    assert.deepEqual([state.reportedVersion, state.confirmedVersion, state.entries], [0, 0, []]);
  });

  const entries = [
    { idTag: TAGS.valid, idTagInfo: { status: 'Accepted', parentIdTag: TAGS.group } },
    { idTag: TAGS.blocked, idTagInfo: { status: 'Blocked' } },
  ];

  test('TC_043_1_CSMS / TC_043_3_CSMS SendLocalList Full → NotSupported; → Failed marks the list unknown', async () => {
    const cp = await aBootedStation(h, 'TC043A');
    cp.answerOnce('SendLocalList', { status: 'NotSupported' });
    const first = await operator(cp, 'SendLocalList', { updateType: 'Full', localAuthorizationList: entries });
    assert.equal(first.received.listVersion, 1, 'listVersion defaults to confirmed + 1, never 0 or -1');
    assert.equal(first.answer.status, 'NotSupported');
    assert.equal(h.csms.repos.localLists.get('TC043A')!.lastStatus, 'NotSupported');
    cp.answerOnce('SendLocalList', { status: 'Failed' });
    const failed = await operator(cp, 'SendLocalList', { updateType: 'Full', localAuthorizationList: entries });
    assert.equal(failed.answer.status, 'Failed');
    const state = h.csms.repos.localLists.get('TC043A')!;
    assert.deepEqual([state.lastStatus, state.entries], ['Failed', null]);
    assert.equal(listUpdate('TC043A', entries).updateType, 'Full');
  });

  test('TC_043_4_CSMS / TC_043_5_CSMS SendLocalList Full → Accepted, then Differential → Accepted', async () => {
    const cp = await aBootedStation(h, 'TC043B');
    const full = listUpdate('TC043B', entries);
    assert.equal(full.updateType, 'Full');
    const sent = await operator(cp, 'SendLocalList', full);
    assert.equal(sent.answer.status, 'Accepted');
    assert.equal(sent.received.updateType, 'Full');
    assert.ok(
      (sent.received.localAuthorizationList as JsonObject[]).every((e) => e.idTagInfo),
      'Full: every entry has idTagInfo',
    );
    let state = h.csms.repos.localLists.get('TC043B')!;
    assert.deepEqual([state.confirmedVersion, state.entries?.length], [1, 2]);
    // GetLocalListVersion confirms what we know.
    assert.equal((await operator(cp, 'GetLocalListVersion', {})).answer.listVersion, 1);
    assert.deepEqual(h.csms.repos.localLists.get('TC043B')!.entries?.length, 2);
    const desired = [...entries, { idTag: TAGS.validSameGroup, idTagInfo: { status: 'Accepted', parentIdTag: TAGS.group } }];
    const diff = listUpdate('TC043B', desired);
    assert.deepEqual(diff, { listVersion: 2, updateType: 'Differential', localAuthorizationList: [desired[2]] });
    const second = await operator(cp, 'SendLocalList', diff);
    assert.equal(second.answer.status, 'Accepted');
    assert.equal(second.received.updateType, 'Differential');
    state = h.csms.repos.localLists.get('TC043B')!;
    assert.equal(state.confirmedVersion, 2);
    assert.deepEqual(state.entries?.map((e) => e.idTag).sort(), [TAGS.blocked, TAGS.valid, TAGS.validSameGroup].sort());
    assert.deepEqual([...cp.state.localList.entries.keys()].sort(), [TAGS.blocked, TAGS.valid, TAGS.validSameGroup].sort());
    // VersionMismatch on a Differential: the next one is Full again (§5.15).
    cp.answerOnce('SendLocalList', { status: 'VersionMismatch' });
    await operator(cp, 'SendLocalList', listUpdate('TC043B', entries));
    assert.equal(listUpdate('TC043B', entries).updateType, 'Full');
  });
});

describe('Reservation', () => {
  const reservation = (id: number) => h.csms.repos.reservations.get(id)!;

  test('TC_046_CSMS Reservation of a connector – Transaction: fresh reservationId, Active, then Used', async () => {
    const cp = await aBootedStation(h, 'TC046');
    const expiryDate = secondsFromNow(600);
    const { received, answer } = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate });
    const id = received.reservationId as number;
    assert.ok(Number.isInteger(id) && id > 0);
    assert.deepEqual(received, { connectorId: 1, idTag: TAGS.valid, expiryDate, reservationId: id });
    assert.equal(answer.status, 'Accepted');
    assert.deepEqual([reservation(id).status, reservation(id).station_answer], ['Active', 'Accepted']);
    await eventually(() => h.csms.repos.connectors.get('TC046', 1)?.status === 'Reserved', 5_000, 'Reserved');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid, reservationId: id });
    assert.deepEqual([reservation(id).status, reservation(id).transaction_id], ['Used', txId]);
    // The next reservation gets a different id.
    const next = await operator(cp, 'ReserveNow', { connectorId: 2, idTag: TAGS.valid, expiryDate });
    assert.ok((next.received.reservationId as number) > id);
  });

  test('TC_047_CSMS Reservation – Expire: Active, then Expired after the expiry date', async () => {
    const cp = await aBootedStation(h, 'TC047');
    const changes: string[] = [];
    const off = h.csms.events.on('reservation.changed', (e) => e.chargePointId === 'TC047' && changes.push(e.status));
    const { received, answer } = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate: secondsFromNow(1) });
    assert.equal(answer.status, 'Accepted');
    const id = received.reservationId as number;
    // The event is announced once the group commit has written the row, which may be after the row reads as Expired
    // on the same connection: wait for the event, not the row.
    await eventually(() => changes.includes('Expired'), 5_000, 'Expired announced');
    assert.equal(reservation(id).status, 'Expired');
    await eventually(() => h.csms.repos.connectors.get('TC047', 1)?.status === 'Available', 5_000, 'Available again');
    off();
    assert.deepEqual(changes, ['Requested', 'Active', 'Expired']);
  });

  test('TC_048_1..4_CSMS Reservation – Faulted, Occupied, Unavailable, Rejected are stored as Refused with the answer', async () => {
    const cp = await aBootedStation(h, 'TC048');
    const expiryDate = secondsFromNow(600);
    cp.answerOnce('ReserveNow', { status: 'Faulted' });
    const faulted = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate });
    assert.equal(faulted.answer.status, 'Faulted');
    // TC_048_2: Preparing on the connector → Occupied (the station decides).
    await cp.statusNotification(1, 'Preparing');
    const occupied = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate });
    assert.equal(occupied.answer.status, 'Occupied');
    await cp.statusNotification(1, 'Available');
    // TC_048_3: ChangeAvailability Inoperative, then ReserveNow → Unavailable.
    const availability = await operator(cp, 'ChangeAvailability', { connectorId: 2, type: 'Inoperative' });
    assert.deepEqual(availability.received, { connectorId: 2, type: 'Inoperative' });
    assert.equal(availability.answer.status, 'Accepted');
    await eventually(() => h.csms.repos.connectors.get('TC048', 2)?.status === 'Unavailable', 5_000, 'Unavailable');
    const unavailable = await operator(cp, 'ReserveNow', { connectorId: 2, idTag: TAGS.valid, expiryDate });
    assert.equal(unavailable.answer.status, 'Unavailable');
    cp.answerOnce('ReserveNow', { status: 'Rejected' });
    const rejected = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate });
    assert.equal(rejected.answer.status, 'Rejected');
    const rows = [faulted, occupied, unavailable, rejected].map((r) => reservation(r.received.reservationId as number));
    assert.deepEqual(
      rows.map((r) => [r.status, r.station_answer]),
      [
        ['Refused', 'Faulted'],
        ['Refused', 'Occupied'],
        ['Refused', 'Unavailable'],
        ['Refused', 'Rejected'],
      ],
    );
    assert.equal(h.csms.repos.reservationBook.list({ chargePointId: 'TC048', status: 'Refused' }).length, 4);
    assert.equal(h.csms.repos.reservationBook.list({ chargePointId: 'TC048', status: ['Active', 'Requested'] }).length, 0);
  });

  test('TC_049_CSMS Reservation of a Charge Point: connectorId 0', async () => {
    const cp = await aBootedStation(h, 'TC049');
    const { received, answer } = await operator(cp, 'ReserveNow', { connectorId: 0, idTag: TAGS.valid, expiryDate: secondsFromNow(600) });
    assert.equal(received.connectorId, 0);
    assert.equal(answer.status, 'Accepted');
    assert.equal(reservation(received.reservationId as number).connector_id, 0);
  });

  test('TC_051_CSMS Cancel Reservation (same id) → Accepted, Cancelled; TC_052_CSMS another id → Rejected', async () => {
    const cp = await aBootedStation(h, 'TC051');
    const made = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate: secondsFromNow(600) });
    const id = made.received.reservationId as number;
    await eventually(() => h.csms.repos.connectors.get('TC051', 1)?.status === 'Reserved', 5_000, 'Reserved');
    const wrong = await operator(cp, 'CancelReservation', { reservationId: id + 1000 });
    assert.deepEqual(wrong.received, { reservationId: id + 1000 });
    assert.equal(wrong.answer.status, 'Rejected');
    assert.equal(reservation(id).status, 'Active');
    const cancel = await operator(cp, 'CancelReservation', { reservationId: id });
    assert.equal(cancel.answer.status, 'Accepted');
    assert.equal(reservation(id).status, 'Cancelled');
    await eventually(() => h.csms.repos.connectors.get('TC051', 1)?.status === 'Available', 5_000, 'Available');
  });

  test('TC_053_CSMS Use a reserved connector with parentIdTag: another tag of the group is Accepted with that parentIdTag', async () => {
    const cp = await aBootedStation(h, 'TC053');
    const made = await operator(cp, 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, parentIdTag: TAGS.group, expiryDate: secondsFromNow(600) });
    assert.equal(made.received.parentIdTag, TAGS.group);
    assert.equal(made.answer.status, 'Accepted');
    await eventually(() => h.csms.repos.connectors.get('TC053', 1)?.status === 'Reserved', 5_000, 'Reserved');
    // The Charging state with a different idTag of the same group.
    const auth = await cp.authorize(TAGS.validSameGroup);
    assert.deepEqual(auth.idTagInfo, { status: 'Accepted', parentIdTag: TAGS.group });
    await cp.statusNotification(1, 'Preparing');
    const start = await cp.startTransaction({ connectorId: 1, idTag: TAGS.validSameGroup, reservationId: made.received.reservationId as number });
    assert.equal(start.idTagInfo.status, 'Accepted');
    await cp.statusNotification(1, 'Charging');
    assert.equal(reservation(made.received.reservationId as number).status, 'Used');
    await cp.stopTransaction({ transactionId: start.transactionId, reason: 'Local', idTag: TAGS.validSameGroup });
    await cp.statusNotification(1, 'Finishing');
    assert.equal(h.csms.repos.transactions.get(start.transactionId)!.stop_reason, 'Local');
  });

  test('a ReserveNow that never reaches the station is Refused with the reason', async () => {
    await h.csms.services.stations.upsert({ id: 'OFFLINE-R', registrationStatus: 'Accepted' });
    await assert.rejects(ops.send('OFFLINE-R', 'ReserveNow', { connectorId: 1, idTag: TAGS.valid, expiryDate: secondsFromNow(60) }));
    const [row] = h.csms.repos.reservationBook.list({ chargePointId: 'OFFLINE-R' });
    assert.deepEqual([row!.status, row!.station_answer], ['Refused', 'no answer: CSMS_ERR_NOT_CONNECTED']);
  });
});
