/**
 * The machinery the operator operations use: CSMS-initiated CALLs over a real socket (OCPP-J §4.1.1).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { OcppCallError } from '../../shared/ocpp/rpc-frames.js';
import { CallFailure } from '../../main/csms/rpc/errors.js';
import type { CallResult } from '../../main/csms/rpc/ocpp-connection.js';
import { RawClient, eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';

let h: Harness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 400 } });
  await h.csms.services.stations.upsert({ id: 'RAW-1', registrationStatus: 'Accepted' });
  await h.csms.services.stations.upsert({ id: 'RAW-ORDER', registrationStatus: 'Accepted' });
});
afterEach(() => closeStations());
after(() => h.close());

describe('CSMS-initiated calls', () => {
  test("a call resolves with the station's answer and both frames are in the message log", async () => {
    const cp = await aBootedStation(h, 'OUT-1');
    const result = await h.csms.call('OUT-1', 'ClearCache', {});
    assert.deepEqual(result, { payload: { status: 'Accepted' }, violations: [] });
    await eventually(() => h.csms.repos.messageLog.query({ chargePointId: 'OUT-1', action: 'ClearCache' }).length === 2);
    void cp;
  });

  test('a CALLERROR from the station rejects with OcppCallError carrying its code', async () => {
    const cp = await aBootedStation(h, 'OUT-2');
    cp.answerOnce('Reset', () => {
      throw new OcppCallError('NotSupported', 'no reset here');
    });
    await assert.rejects(
      h.csms.call('OUT-2', 'Reset', { type: 'Soft' }),
      (err: unknown) => err instanceof OcppCallError && err.code === 'NotSupported',
    );
  });

  test('payloads that are not schema-valid are never sent (strict in what we send)', async () => {
    await aBootedStation(h, 'OUT-3');
    await assert.rejects(
      h.csms.call('OUT-3', 'Reset', { type: 'Sideways' }),
      (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_INVALID_PAYLOAD' && err.issues.length > 0,
    );
    await assert.rejects(
      h.csms.call('OUT-3', 'NoSuchAction', {}),
      (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_UNKNOWN_ACTION',
    );
    assert.equal(h.csms.repos.messageLog.query({ chargePointId: 'OUT-3', direction: 'out', action: 'Reset' }).length, 0);
  });

  test('calling a station that is not connected fails at once', async () => {
    await assert.rejects(
      h.csms.call('NOT-THERE', 'ClearCache', {}),
      (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_NOT_CONNECTED',
    );
  });

  test('at most one outstanding CALL per connection: the next is sent only after the answer; crossing calls are answered', async () => {
    const client = await RawClient.connect(h.url('RAW-1'));
    const first = h.csms.call('RAW-1', 'ClearCache', {}, { timeoutMs: 5_000 });
    const second = h.csms.call('RAW-1', 'GetLocalListVersion', {}, { timeoutMs: 5_000 });
    await eventually(() => client.frames.length >= 1, 2_000, 'first CALL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const calls = () => client.frames.filter((f) => Array.isArray(f) && f[0] === 2) as unknown[][];
    assert.equal(calls().length, 1, 'second CALL held back while the first is outstanding');
    // The station's own CALL crosses ours and is answered meanwhile (TC_054 needs this).
    const heartbeat = await client.call('cross-1', 'Heartbeat', {});
    assert.equal(heartbeat[0], 3);
    const [firstCall] = calls();
    client.send(JSON.stringify([3, firstCall![1], { status: 'Accepted' }]));
    assert.deepEqual((await first).payload, { status: 'Accepted' });
    await eventually(() => calls().length === 2, 2_000, 'second CALL');
    const secondCall = calls()[1]!;
    assert.equal(secondCall[2], 'GetLocalListVersion');
    assert.notEqual(secondCall[1], firstCall![1], 'unique message ids');
    client.send(JSON.stringify([3, secondCall[1], { listVersion: 3 }]));
    assert.deepEqual((await second).payload, { listVersion: 3 });
    await client.close();
  });

  test('a CALL asked for while a station CALL is being answered goes out after that reply (a TxProfile after its StartTransaction.conf)', async () => {
    const client = await RawClient.connect(h.url('RAW-ORDER'));
    // The moment the central system knows of the transaction, before its reply has been committed and sent.
    const asked = new Promise<{ call: Promise<CallResult> }>((resolve) => {
      const off = h.csms.events.on('transaction.started', ({ chargePointId }) => {
        if (chargePointId !== 'RAW-ORDER') return;
        off();
        resolve({ call: h.csms.call('RAW-ORDER', 'ClearCache', {}, { timeoutMs: 5_000 }) });
      });
    });
    const start = { connectorId: 1, idTag: 'ORDER-TAG', meterStart: 0, timestamp: new Date().toISOString() };
    client.send(JSON.stringify([2, 'start-1', 'StartTransaction', start]));
    const { call } = await asked;
    await eventually(() => client.frames.some((f) => Array.isArray(f) && f[0] === 2), 2_000, 'our CALL');
    const kinds = client.frames.map((f) => (Array.isArray(f) ? `${f[0]}:${f[1] === 'start-1' ? 'start' : f[2]}` : '?'));
    assert.deepEqual(kinds, ['3:start', '2:ClearCache'], 'the StartTransaction.conf first, then our CALL');
    const ours = client.frames.find((f) => Array.isArray(f) && f[0] === 2) as unknown[];
    client.send(JSON.stringify([3, ours[1], { status: 'Accepted' }]));
    assert.deepEqual((await call).payload, { status: 'Accepted' });
    await client.close();
  });

  test('no answer within the response timeout → CSMS_ERR_CALL_TIMEOUT, and the queue moves on', async () => {
    const client = await RawClient.connect(h.url('RAW-1'));
    await assert.rejects(
      h.csms.call('RAW-1', 'ClearCache', {}),
      (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_CALL_TIMEOUT',
    );
    const next = h.csms.call('RAW-1', 'ClearCache', {}, { timeoutMs: 5_000 });
    await eventually(() => client.frames.filter((f) => Array.isArray(f) && f[0] === 2).length === 2);
    const last = client.frames.at(-1) as unknown[];
    client.send(JSON.stringify([3, last[1], { status: 'Rejected' }]));
    assert.deepEqual((await next).payload, { status: 'Rejected' });
    await client.close();
  });

  test('when the station disconnects, the outstanding and queued calls fail at once', async () => {
    const client = await RawClient.connect(h.url('RAW-1'));
    const started = Date.now();
    const outstanding = h.csms.call('RAW-1', 'ClearCache', {}, { timeoutMs: 30_000 });
    const queued = h.csms.call('RAW-1', 'ClearCache', {}, { timeoutMs: 30_000 });
    await eventually(() => client.frames.length === 1);
    client.ws.terminate();
    const isDisconnected = (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_DISCONNECTED';
    await assert.rejects(outstanding, isDisconnected);
    await assert.rejects(queued, isDisconnected);
    assert.ok(Date.now() - started < 5_000, 'failed without waiting for the 30 s timeout');
  });

  test('an answer that does not match its schema is returned with its violations, not dropped', async () => {
    const client = await RawClient.connect(h.url('RAW-1'));
    const pending = h.csms.call('RAW-1', 'ClearCache', {}, { timeoutMs: 5_000 });
    await eventually(() => client.frames.length === 1);
    const call = client.frames[0] as unknown[];
    client.send(JSON.stringify([3, call[1], { status: 'Maybe' }]));
    const result = await pending;
    assert.deepEqual(result.payload, { status: 'Maybe' });
    assert.ok(result.violations.length > 0);
    await client.close();
  });

  test('the AuthorizationKey value never reaches the message log', async () => {
    await aBootedStation(h, 'OUT-4');
    await h.csms.call('OUT-4', 'ChangeConfiguration', { key: 'AuthorizationKey', value: '0011223344556677889900aabbccddeeff001122' });
    await eventually(() => h.csms.repos.messageLog.query({ chargePointId: 'OUT-4', action: 'ChangeConfiguration' }).length === 2);
    const rows = h.csms.repos.messageLog.query({ chargePointId: 'OUT-4' });
    assert.ok(rows.every((r) => !r.frame.includes('0011223344556677889900aabbccddeeff001122')));
    assert.ok(rows.some((r) => r.frame.includes('***redacted***')));
  });
});
