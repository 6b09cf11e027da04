/**
 * The simulated charge point against a minimal in-test central system: connection, framing rules, boot,
 * sessions, the default answers with their follow-up messages, overrides, errors.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { OcppCallError, callFrame } from '../../shared/ocpp/rpc-frames.js';
import {
  CallTimeoutError,
  ConnectRefusedError,
  ConnectionClosedError,
  NO_ANSWER,
  SimulatedChargePoint,
  type SimulatedChargePointOptions,
} from '../../main/simulator/index.js';
import { MiniCsms, connector, frameText } from './simulator-mini-csms.js';

let csms: MiniCsms;
const cps: SimulatedChargePoint[] = [];

function makeCp(identity: string, options: Partial<SimulatedChargePointOptions> = {}): SimulatedChargePoint {
  const cp = new SimulatedChargePoint({ url: csms.url, identity, connectorCount: 2, callTimeoutMs: 3000, rebootDelayMs: 20, ...options });
  cps.push(cp);
  return cp;
}

async function bootedCp(identity: string, options: Partial<SimulatedChargePointOptions> = {}): Promise<SimulatedChargePoint> {
  const cp = makeCp(identity, options);
  await cp.connect();
  await cp.boot();
  for (let i = 0; i <= cp.connectorCount; i++) await csms.nextCallOf('StatusNotification');
  csms.drain();
  return cp;
}

before(async () => {
  csms = await MiniCsms.start({
    authenticate: (req, identity) => {
      if (identity === 'NOPE') return 404;
      if (identity.startsWith('AUTH')) {
        const expected = identity === 'AUTH-KEY' ? Buffer.from('00112233445566778899aabbccddeeff', 'hex') : Buffer.from('s3cret');
        const want = `Basic ${Buffer.concat([Buffer.from(`${identity}:`), expected]).toString('base64')}`;
        if (req.headers.authorization !== want) return 401;
      }
      return undefined;
    },
  });
});

afterEach(async () => {
  assert.deepEqual(await csms.endTest(cps.splice(0)), [], 'everything the simulator sent is schema-valid');
});

after(async () => {
  await csms.close();
});

describe('connection', () => {
  test('connect + boot: BootNotification, then StatusNotification for connector 0, 1, 2 in order', async () => {
    const cp = makeCp('CP 1/a', { vendor: 'Acme', model: 'X1', serialNumber: 'SN-1', firmwareVersion: '2.0' });
    await cp.connect();
    assert.equal(cp.protocol, 'ocpp1.6');
    assert.ok(csms.upgrades.at(-1)!.url.endsWith('/ocpp/CP%201%2Fa'), csms.upgrades.at(-1)!.url);
    const conf = await cp.boot();
    assert.equal(conf.status, 'Accepted');
    assert.equal(cp.state.registrationStatus, 'Accepted');
    assert.equal(cp.state.heartbeatInterval, 300);
    const boot = await csms.nextCall('BootNotification');
    assert.deepEqual(boot.payload, { chargePointVendor: 'Acme', chargePointModel: 'X1', chargePointSerialNumber: 'SN-1', firmwareVersion: '2.0' });
    for (const id of [0, 1, 2]) {
      const sn = await csms.nextCall('StatusNotification');
      assert.equal(sn.payload.connectorId, id);
      assert.equal(sn.payload.status, 'Available');
      assert.equal(sn.payload.errorCode, 'NoError');
      assert.match(sn.payload.timestamp ?? '', /Z$/);
    }
  });

  test('a boot that is not Accepted sends no StatusNotification', async () => {
    csms.on('BootNotification', () => ({ status: 'Pending', currentTime: new Date().toISOString(), interval: 5 }));
    const cp = makeCp('CP-PENDING');
    await cp.connect();
    assert.equal((await cp.boot()).status, 'Pending');
    await csms.nextCall('BootNotification');
    await csms.expectSilence(100);
  });

  test('Pending boot, then TriggerMessage BootNotification → Accepted → StatusNotifications', async () => {
    let status = 'Pending';
    csms.on('BootNotification', () => ({ status, currentTime: new Date().toISOString(), interval: 60 }));
    const cp = makeCp('CP-TRIGGER-BOOT', { connectorCount: 1 });
    await cp.connect();
    await cp.boot();
    await csms.nextCall('BootNotification');
    status = 'Accepted';
    assert.deepEqual(await csms.send('CP-TRIGGER-BOOT', 'TriggerMessage', { requestedMessage: 'BootNotification' }), { status: 'Accepted' });
    await csms.nextCall('BootNotification');
    assert.equal((await csms.nextCall('StatusNotification')).payload.connectorId, 0);
    assert.equal((await csms.nextCall('StatusNotification')).payload.connectorId, 1);
    assert.equal(cp.state.registrationStatus, 'Accepted');
  });

  test('start(): boots again after the Pending interval until Accepted', async () => {
    let n = 0;
    csms.on('BootNotification', () => ({ status: n++ === 0 ? 'Pending' : 'Accepted', currentTime: new Date().toISOString(), interval: 1 }));
    const cp = makeCp('CP-START', { connectorCount: 1 });
    await cp.start();
    assert.equal(cp.state.registrationStatus, 'Accepted');
    await csms.nextCall('BootNotification');
    await csms.nextCall('BootNotification');
    await csms.nextCall('StatusNotification');
  });

  test('Basic auth: username = identity, password string or bytes', async () => {
    const cp = makeCp('AUTH-1', { password: 's3cret' });
    await cp.connect();
    assert.ok(cp.connected);
    const bad = makeCp('AUTH-2', { password: 'wrong' });
    await assert.rejects(bad.connect(), (err: unknown) => err instanceof ConnectRefusedError && err.statusCode === 401);
  });

  test('refused upgrade rejects with the HTTP status code (401 without credentials, 404)', async () => {
    await assert.rejects(makeCp('AUTH-3').connect(), (err) => err instanceof ConnectRefusedError && err.statusCode === 401);
    await assert.rejects(makeCp('NOPE').connect(), (err) => err instanceof ConnectRefusedError && err.statusCode === 404);
  });

  test('a server that does not pick a subprotocol refuses the offer of only another protocol', async () => {
    const cp = makeCp('CP-PROTO', { protocols: ['ocpp2.0.1'] });
    await assert.rejects(cp.connect());
    assert.equal(cp.connected, false);
  });

  test('ChangeConfiguration AuthorizationKey (hex) becomes the Basic password on the next connect', async () => {
    const cp = makeCp('AUTH-KEY', { password: Buffer.from('00112233445566778899aabbccddeeff', 'hex') });
    await cp.connect();
    const conf = await csms.send('AUTH-KEY', 'ChangeConfiguration', { key: 'AuthorizationKey', value: 'ffeeddccbbaa99887766554433221100' });
    assert.equal(conf.status, 'Accepted');
    const get = await csms.send('AUTH-KEY', 'GetConfiguration', { key: ['AuthorizationKey'] });
    assert.deepEqual(get, { configurationKey: [], unknownKey: ['AuthorizationKey'] }, 'write-only key is never returned');
    await cp.close();
    // The test CSMS still expects the old key: the new one must be refused, proving it is used.
    await assert.rejects(cp.connect(), (err) => err instanceof ConnectRefusedError && err.statusCode === 401);
    const want = `Basic ${Buffer.concat([Buffer.from('AUTH-KEY:'), Buffer.from('ffeeddccbbaa99887766554433221100', 'hex')]).toString('base64')}`;
    assert.equal(csms.upgrades.at(-1)!.headers.authorization, want);
  });
});

describe('framing', () => {
  test('one outstanding CALL at a time: the second CALL is sent only after the first is answered', async () => {
    const cp = await bootedCp('CP-SERIAL');
    const release = csms.hold('Authorize', { idTagInfo: { status: 'Accepted' } });
    const first = cp.authorize('TAG-1');
    const second = cp.heartbeat();
    const firstCall = await csms.nextCall('Authorize');
    await csms.expectSilence(150);
    release();
    const secondCall = await csms.nextCall('Heartbeat');
    assert.ok(secondCall.at >= firstCall.at);
    assert.equal((await first).idTagInfo.status, 'Accepted');
    assert.ok((await second).currentTime);
  });

  test('callConcurrent bypasses the queue', async () => {
    const cp = await bootedCp('CP-CONC');
    const release = csms.hold('Authorize', { idTagInfo: { status: 'Accepted' } });
    const first = cp.authorize('TAG-1');
    const second = cp.callConcurrent('Heartbeat', {});
    await csms.nextCall('Authorize');
    await csms.nextCall('Heartbeat');
    await second;
    release();
    await first;
  });

  test('unique UUID message ids', async () => {
    const cp = await bootedCp('CP-IDS');
    await Promise.all([cp.heartbeat(), cp.heartbeat(), cp.heartbeat()]);
    const all = csms.calls.filter((c) => c.identity === 'CP-IDS').map((c) => c.messageId);
    assert.equal(all.length, 7);
    assert.equal(new Set(all).size, all.length);
    for (const id of all) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('a CALLERROR rejects the promise with OcppCallError', async () => {
    const cp = await bootedCp('CP-ERR');
    csms.on('DataTransfer', () => {
      throw new OcppCallError('NotSupported', 'no data transfer here');
    });
    await assert.rejects(cp.dataTransfer('acme'), (err: unknown) => {
      assert.ok(err instanceof OcppCallError);
      assert.equal(err.code, 'NotSupported');
      assert.equal(err.description, 'no data transfer here');
      return true;
    });
    // The queue goes on after an error.
    assert.ok((await cp.heartbeat()).currentTime);
  });

  test('timeout: a CALL without answer rejects with CallTimeoutError, the next one is sent', async () => {
    const cp = await bootedCp('CP-TIMEOUT', { callTimeoutMs: 200 });
    csms.on('DataTransfer', () => new Promise(() => {}));
    const slow = cp.dataTransfer('acme');
    const next = cp.heartbeat();
    await assert.rejects(slow, CallTimeoutError);
    assert.ok((await next).currentTime);
  });

  test('pending and queued calls fail at once on close()', async () => {
    const cp = await bootedCp('CP-CLOSE', { callTimeoutMs: 10_000 });
    csms.on('DataTransfer', () => new Promise(() => {}));
    const outstanding = cp.dataTransfer('acme');
    const queued = cp.heartbeat();
    await csms.nextCall('DataTransfer');
    const t0 = Date.now();
    const closed = cp.close();
    await assert.rejects(outstanding, ConnectionClosedError);
    await assert.rejects(queued, ConnectionClosedError);
    assert.ok(Date.now() - t0 < 500);
    await closed;
    await assert.rejects(cp.heartbeat(), ConnectionClosedError);
  });

  test('pending calls fail at once when the server drops the connection', async () => {
    const cp = await bootedCp('CP-DROP');
    csms.on('DataTransfer', () => new Promise(() => {}));
    const outstanding = cp.dataTransfer('acme');
    await csms.nextCall('DataTransfer');
    const closeEvent = new Promise((r) => cp.once('close', r));
    csms.sockets.get('CP-DROP')!.terminate();
    await assert.rejects(outstanding, ConnectionClosedError);
    await closeEvent;
  });

  test('crossing calls: a CSMS CALL is answered while our own CALL is pending', async () => {
    const cp = await bootedCp('CP-CROSS');
    const release = csms.hold('Heartbeat', { currentTime: new Date().toISOString() });
    const hb = cp.heartbeat();
    await csms.nextCall('Heartbeat');
    const conf = await csms.send('CP-CROSS', 'ClearCache', {});
    assert.deepEqual(conf, { status: 'Accepted' });
    release();
    await hb;
  });

  test('sendRaw + nextMessage: wait for the reply to a raw frame', async () => {
    const cp = await bootedCp('CP-RAW');
    const reply = cp.nextMessage((m) => m.kind === 'result' && m.messageId === 'raw-1');
    cp.sendRaw('[2,"raw-1","Heartbeat",{}]');
    const m = await reply;
    assert.equal(m.kind, 'result');
    assert.ok(m.raw.startsWith('[3,"raw-1"'));
  });

  test('unknown action → CALLERROR NotImplemented; malformed CALL → FormationViolation', async () => {
    await bootedCp('CP-UNKNOWN');
    await assert.rejects(csms.send('CP-UNKNOWN', 'FooBar', {}), (err) => err instanceof OcppCallError && err.code === 'NotImplemented');
    const cp = cps.at(-1)!;
    const seen = new Promise<void>((resolve) => {
      const ws = csms.sockets.get('CP-UNKNOWN')!;
      ws.once('message', (data) => {
        assert.match(frameText(data), /^\[4,"bad-1","FormationViolation"/);
        resolve();
      });
    });
    csms.sendRaw('CP-UNKNOWN', '[2,"bad-1","Reset","not an object"]');
    await seen;
    assert.ok(cp.connected);
  });

  test('a request that does not fit its schema gets the CALLERROR the check names, and changes nothing', async () => {
    const cp = await bootedCp('CP-SCHEMA');
    const refusal = (code: string) => (err: unknown) => err instanceof OcppCallError && err.code === code;
    await assert.rejects(csms.send('CP-SCHEMA', 'ChangeAvailability', { connectorId: 1, type: 'Sometimes' }), refusal('PropertyConstraintViolation'));
    await assert.rejects(csms.send('CP-SCHEMA', 'ChangeAvailability', { type: 'Inoperative' }), refusal('OccurenceConstraintViolation'));
    await assert.rejects(csms.send('CP-SCHEMA', 'ChangeAvailability', { connectorId: '1', type: 'Inoperative' }), refusal('TypeConstraintViolation'));
    assert.equal(connector(cp, 1).availability, 'Operative');
    // An override sees the request as the central system sent it.
    cp.answerOnce('ChangeAvailability', { status: 'Rejected' });
    const seen = cp.waitForCall('ChangeAvailability');
    assert.deepEqual(await csms.send('CP-SCHEMA', 'ChangeAvailability', { connectorId: 1, type: 'Sometimes' }), { status: 'Rejected' });
    assert.deepEqual((await seen).payload, { connectorId: 1, type: 'Sometimes' });
    await csms.expectSilence(100);
  });
});

describe('sessions and default behaviour', () => {
  test('startSession / stopSession: Preparing, Authorize, StartTransaction, Charging … StopTransaction, Finishing, Available', async () => {
    const cp = await bootedCp('CP-SESSION', { meter: { maxPowerW: 7200 } });
    connector(cp, 1).meter.setWh(1000);
    const txId = await cp.startSession({ connectorId: 1, idTag: 'TAG-1' });
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Preparing');
    assert.equal((await csms.nextCall('Authorize')).payload.idTag, 'TAG-1');
    const start = await csms.nextCall('StartTransaction');
    assert.equal(start.payload.meterStart, 1000);
    assert.equal(start.payload.connectorId, 1);
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Charging');
    assert.equal(connector(cp, 1).transactionId, txId);
    assert.equal(connector(cp, 1).status, 'Charging');
    await cp.meterValues(1);
    const mv = await csms.nextCall('MeterValues');
    assert.equal(mv.payload.transactionId, txId);
    const sampled = mv.payload.meterValue[0]?.sampledValue ?? [];
    const measurands = sampled.map((s) => s.measurand);
    assert.deepEqual(measurands, ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'SoC']);
    assert.equal(sampled[1]?.value, '7200');
    const stop = await cp.stopSession({ connectorId: 1, reason: 'Local' });
    assert.equal(stop.idTagInfo?.status, 'Accepted');
    const stopCall = await csms.nextCall('StopTransaction');
    assert.equal(stopCall.payload.reason, 'Local');
    assert.equal(stopCall.payload.idTag, 'TAG-1');
    assert.ok(stopCall.payload.meterStop >= 1000);
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Finishing');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Available');
    assert.equal(connector(cp, 1).transaction, undefined);
  });

  test('a SetChargingProfile right behind the StartTransaction.conf (same TCP segment) finds the transaction known', async () => {
    const cp = await bootedCp('CP-BEHIND');
    const ws = csms.sockets.get('CP-BEHIND')!;
    const send = ws.send.bind(ws) as (data: string) => void;
    let behind = false;
    // The central system sends its TxProfile in the same tick as the conf that tells the station the transaction id.
    (ws as unknown as { send(data: string): void }).send = (data: string) => {
      send(data);
      const frame = JSON.parse(data) as unknown[];
      const conf = frame[2] as { transactionId?: number };
      if (behind || frame[0] !== 3 || typeof conf.transactionId !== 'number') return;
      behind = true;
      const profile = {
        chargingProfileId: 7,
        transactionId: conf.transactionId,
        stackLevel: 1,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
      };
      send(callFrame('behind-1', 'SetChargingProfile', { connectorId: 1, csChargingProfiles: profile }));
    };
    const answered = new Promise<{ response?: unknown }>((resolve) => cp.once('call', resolve));
    const txId = await cp.startSession({ connectorId: 1, idTag: 'TAG-BEHIND' });
    assert.ok(behind, 'the TxProfile was sent right behind the conf');
    assert.deepEqual((await answered).response, { status: 'Accepted' });
    const installed = cp.state.chargingProfiles.profiles.find((p) => p.profile.chargingProfilePurpose === 'TxProfile');
    assert.equal(installed?.profile.transactionId, txId);
  });

  test('RemoteStartTransaction → Accepted, Authorize, Preparing, StartTransaction, Charging; periodic MeterValues; RemoteStop', async () => {
    const cp = await bootedCp('CP-REMOTE', { configuration: { MeterValueSampleInterval: '1' } });
    const conf = await csms.send('CP-REMOTE', 'RemoteStartTransaction', { connectorId: 2, idTag: 'TAG-R' });
    assert.deepEqual(conf, { status: 'Accepted' });
    assert.equal((await csms.nextCall('Authorize')).payload.idTag, 'TAG-R');
    const prep = await csms.nextCall('StatusNotification');
    assert.deepEqual([prep.payload.connectorId, prep.payload.status], [2, 'Preparing']);
    const start = await csms.nextCall('StartTransaction');
    assert.equal(start.payload.idTag, 'TAG-R');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Charging');
    const txId = connector(cp, 2).transactionId!;
    assert.ok(txId > 0);
    // MeterValues every MeterValueSampleInterval (1 s here).
    const mv = await csms.nextCall('MeterValues', 2500);
    assert.equal(mv.payload.connectorId, 2);
    assert.equal(mv.payload.transactionId, txId);
    const energy = mv.payload.meterValue[0]?.sampledValue.find((s) => s.measurand === 'Energy.Active.Import.Register');
    assert.equal(energy?.unit, 'Wh');
    assert.equal(energy?.context, 'Sample.Periodic');
    // Unknown transaction → Rejected.
    assert.deepEqual(await csms.send('CP-REMOTE', 'RemoteStopTransaction', { transactionId: 999_999 }), { status: 'Rejected' });
    assert.deepEqual(await csms.send('CP-REMOTE', 'RemoteStopTransaction', { transactionId: txId }), { status: 'Accepted' });
    const stop = await csms.nextCallOf('StopTransaction');
    assert.equal(stop.payload.reason, 'Remote');
    assert.equal(stop.payload.transactionId, txId);
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Finishing');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Available');
  });

  test('RemoteStartTransaction is Rejected on an unknown or busy connector', async () => {
    const cp = await bootedCp('CP-REMOTE-REJ');
    assert.deepEqual(await csms.send('CP-REMOTE-REJ', 'RemoteStartTransaction', { connectorId: 7, idTag: 'T' }), { status: 'Rejected' });
    await cp.statusNotification(1, 'Faulted', 'GroundFailure');
    assert.deepEqual(await csms.send('CP-REMOTE-REJ', 'RemoteStartTransaction', { connectorId: 1, idTag: 'T' }), { status: 'Rejected' });
  });

  test('AuthorizeRemoteTxRequests=false: no Authorize before StartTransaction', async () => {
    await bootedCp('CP-NOAUTH', { configuration: { AuthorizeRemoteTxRequests: 'false' } });
    await csms.send('CP-NOAUTH', 'RemoteStartTransaction', { connectorId: 1, idTag: 'T' });
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Preparing');
    await csms.nextCall('StartTransaction');
  });

  test('Reset Soft with a running transaction: StopTransaction SoftReset, reconnect, BootNotification, StatusNotifications', async () => {
    const cp = await bootedCp('CP-RESET');
    const before = csms.connections;
    await cp.startSession({ connectorId: 1, idTag: 'TAG-1' });
    csms.drain();
    const closed = new Promise((r) => cp.once('close', r));
    assert.deepEqual(await csms.send('CP-RESET', 'Reset', { type: 'Soft' }), { status: 'Accepted' });
    const stop = await csms.nextCall('StopTransaction');
    assert.equal(stop.payload.reason, 'SoftReset');
    await closed;
    await csms.nextCall('BootNotification');
    assert.ok(csms.connections > before);
    const statuses = [];
    for (let i = 0; i <= 2; i++) statuses.push((await csms.nextCall('StatusNotification')).payload);
    assert.deepEqual(
      statuses.map((s) => [s.connectorId, s.status]),
      [
        [0, 'Available'],
        [1, 'Available'],
        [2, 'Available'],
      ],
    );
    assert.equal(connector(cp, 1).transaction, undefined);
    assert.ok(cp.connected);
  });

  test('Reset Hard without a transaction: Accepted, reconnect and boot; state keeps an Inoperative connector', async () => {
    const cp = await bootedCp('CP-HARD');
    await csms.send('CP-HARD', 'ChangeAvailability', { connectorId: 2, type: 'Inoperative' });
    await csms.nextCall('StatusNotification');
    assert.deepEqual(await csms.send('CP-HARD', 'Reset', { type: 'Hard' }), { status: 'Accepted' });
    await csms.nextCall('BootNotification');
    const statuses = [];
    for (let i = 0; i <= 2; i++) statuses.push((await csms.nextCall('StatusNotification')).payload.status);
    assert.deepEqual(statuses, ['Available', 'Available', 'Unavailable']);
    assert.ok(cp.connected);
  });

  test('answer() overrides (object, function, OcppCallError, NO_ANSWER), answerOnce, waitForCall, runDefault', async () => {
    const cp = await bootedCp('CP-OVERRIDE');
    cp.answer('RemoteStartTransaction', { status: 'Rejected' });
    assert.deepEqual(await csms.send('CP-OVERRIDE', 'RemoteStartTransaction', { connectorId: 1, idTag: 'T' }), { status: 'Rejected' });
    await csms.expectSilence(50);

    cp.answerOnce('Reset', () => {
      throw new OcppCallError('InternalError', 'busy');
    });
    const waited = cp.waitForCall('Reset');
    await assert.rejects(csms.send('CP-OVERRIDE', 'Reset', { type: 'Hard' }), (err) => err instanceof OcppCallError && err.code === 'InternalError');
    const ev = await waited;
    assert.deepEqual(ev.payload, { type: 'Hard' });
    assert.equal(ev.error?.code, 'InternalError');

    cp.answer('ClearCache', (_payload, ctx) => {
      assert.equal(ctx.action, 'ClearCache');
      return { status: 'Rejected' };
    });
    assert.deepEqual(await csms.send('CP-OVERRIDE', 'ClearCache', {}), { status: 'Rejected' });
    cp.answer('ClearCache', undefined);
    assert.deepEqual(await csms.send('CP-OVERRIDE', 'ClearCache', {}), { status: 'Accepted' });

    cp.answerOnce('GetLocalListVersion', NO_ANSWER);
    const unanswered = cp.waitForCall('GetLocalListVersion');
    await assert.rejects(csms.send('CP-OVERRIDE', 'GetLocalListVersion', {}, 200), CallTimeoutError);
    assert.equal((await unanswered).response, undefined);

    // runDefault keeps the default behaviour and its follow-up messages.
    cp.answer('RemoteStartTransaction', async (_p, ctx) => ctx.runDefault());
    assert.deepEqual(await csms.send('CP-OVERRIDE', 'RemoteStartTransaction', { connectorId: 1, idTag: 'T' }), { status: 'Accepted' });
    await csms.nextCallOf('StartTransaction');
    const callEvents: string[] = [];
    cp.on('call', (e) => callEvents.push(e.action));
    await csms.send('CP-OVERRIDE', 'GetConfiguration', { key: ['HeartbeatInterval'] });
    assert.deepEqual(callEvents, ['GetConfiguration']);
  });

  test('UnlockConnector stops the transaction with UnlockCommand; unknown connector → NotSupported', async () => {
    const cp = await bootedCp('CP-UNLOCK');
    await cp.startSession({ connectorId: 2, idTag: 'T' });
    csms.drain();
    assert.deepEqual(await csms.send('CP-UNLOCK', 'UnlockConnector', { connectorId: 3 }), { status: 'NotSupported' });
    assert.deepEqual(await csms.send('CP-UNLOCK', 'UnlockConnector', { connectorId: 2 }), { status: 'Unlocked' });
    assert.equal((await csms.nextCall('StopTransaction')).payload.reason, 'UnlockCommand');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Finishing');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Available');
  });

  test('ChangeAvailability: Accepted + Unavailable/Available; Scheduled while charging, applied after the transaction', async () => {
    const cp = await bootedCp('CP-AVAIL');
    assert.deepEqual(await csms.send('CP-AVAIL', 'ChangeAvailability', { connectorId: 2, type: 'Inoperative' }), { status: 'Accepted' });
    const sn = await csms.nextCall('StatusNotification');
    assert.deepEqual([sn.payload.connectorId, sn.payload.status], [2, 'Unavailable']);
    assert.deepEqual(await csms.send('CP-AVAIL', 'RemoteStartTransaction', { connectorId: 2, idTag: 'T' }), { status: 'Rejected' });
    assert.deepEqual(await csms.send('CP-AVAIL', 'ChangeAvailability', { connectorId: 2, type: 'Operative' }), { status: 'Accepted' });
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Available');
    assert.deepEqual(await csms.send('CP-AVAIL', 'ChangeAvailability', { connectorId: 5, type: 'Operative' }), { status: 'Rejected' });

    await cp.startSession({ connectorId: 1, idTag: 'T' });
    csms.drain();
    assert.deepEqual(await csms.send('CP-AVAIL', 'ChangeAvailability', { connectorId: 1, type: 'Inoperative' }), { status: 'Scheduled' });
    await csms.expectSilence(50);
    await cp.stopSession({ connectorId: 1, reason: 'Local' });
    await csms.nextCall('StopTransaction');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Finishing');
    assert.equal((await csms.nextCall('StatusNotification')).payload.status, 'Unavailable');
  });

  test('DataTransfer from the CSMS: UnknownVendorId unless a vendor handler is registered', async () => {
    const cp = await bootedCp('CP-DT');
    assert.deepEqual(await csms.send('CP-DT', 'DataTransfer', { vendorId: 'acme', data: 'x' }), { status: 'UnknownVendorId' });
    cp.onDataTransfer('acme', (req) => ({ status: 'Accepted', data: `echo:${req.data}` }));
    assert.deepEqual(await csms.send('CP-DT', 'DataTransfer', { vendorId: 'acme', data: 'x' }), { status: 'Accepted', data: 'echo:x' });
  });

  test('heartbeats: only with the option, at HeartbeatInterval, rescheduled when it changes', async () => {
    csms.on('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 1 }));
    const cp = makeCp('CP-HB', { connectorCount: 1 });
    await cp.connect();
    await cp.boot({ heartbeats: true, statusNotifications: false });
    await csms.nextCall('BootNotification');
    const hb = await csms.nextCall('Heartbeat', 2500);
    assert.equal(hb.identity, 'CP-HB');
    assert.deepEqual(await csms.send('CP-HB', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '3600' }), { status: 'Accepted' });
    csms.drain();
    await csms.expectSilence(1300);
  });

  test('autoReconnect: reconnects after the server drops the connection', async () => {
    const cp = makeCp('CP-AUTO', { autoReconnect: true, reconnectDelayMs: 50 });
    await cp.start();
    const before = csms.connections;
    csms.sockets.get('CP-AUTO')!.terminate();
    await csms.waitConnected('CP-AUTO', 3000, before + 1);
    assert.ok(csms.connections > before);
  });
});
