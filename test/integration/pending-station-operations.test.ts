import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

/**
 * OCPP 1.6 §4.2: while a station is Pending the central system may read and change its configuration, but not start
 * or stop transactions; a Rejected station answers nothing. Calls it may not take are refused at once (409 with the
 * reason) and never reach the station, instead of waiting for the call timeout.
 */
describe('operations on a station that is not Accepted', () => {
  let h: Harness;
  let api: ApiHarness;
  let station: RawClient;

  before(async () => {
    // A long call timeout: a refusal that came from a timeout would make the test slow and fail its time check.
    h = await startCsms({ overrides: { registrationPolicy: 'pending', callTimeoutMs: 30_000 } });
    api = await startApi(h);
    station = await RawClient.connect(h.url('WAITING-1'));
    const boot = await station.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal((boot[2] as { status: string }).status, 'Pending');
  });
  after(async () => {
    await station.close();
    await api.api.close();
    await h.close();
  });

  const post = (action: string, body: object) =>
    api.fetch(`/api/charge-points/WAITING-1/calls/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const callsReceived = (action: string) => station.frames.filter((f) => Array.isArray(f) && f[0] === 2 && f[2] === action);

  /** Answer the station's copy of `action` once it arrives. */
  async function answer(action: string, payload: object): Promise<void> {
    await eventually(() => callsReceived(action).length > 0, 5000, `${action} at the station`);
    const call = callsReceived(action).at(-1) as unknown[];
    station.send(JSON.stringify([3, call[1], payload]));
  }

  test('a Pending station is refused RemoteStart, RemoteStop and ReserveNow at once, with the reason, and receives none of them', async () => {
    const attempts: Array<[string, object]> = [
      ['RemoteStartTransaction', { connectorId: 1, idTag: 'TAG-1' }],
      ['RemoteStopTransaction', { transactionId: 1 }],
      ['ReserveNow', { connectorId: 1, idTag: 'TAG-1', expiryDate: new Date(Date.now() + 3_600_000).toISOString(), reservationId: 77 }],
      ['UnlockConnector', { connectorId: 1 }],
    ];
    for (const [action, body] of attempts) {
      const started = Date.now();
      const response = await post(action, body);
      const elapsedMs = Date.now() - started;
      assert.equal(response.status, 409, action);
      const error = ((await response.json()) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'API_ERR_NOT_ALLOWED', action);
      assert.match(error.message, /WAITING-1 is Pending/);
      assert.match(error.message, new RegExp(action));
      assert.match(error.message, /§4\.2/);
      assert.ok(elapsedMs < 10_000, `${action} refused after ${elapsedMs} ms: not the 30 s call timeout`);
    }
    // Nothing went out, and the refused reservation left nothing behind.
    await station.call('after', 'Heartbeat', {});
    for (const [action] of attempts) assert.deepEqual(callsReceived(action), [], `${action} never sent`);
    assert.equal(h.csms.repos.reservations.get(77), undefined);
  });

  test('a Pending station is asked for and given its configuration, and can be triggered', async () => {
    const read = post('GetConfiguration', { key: ['HeartbeatInterval'] });
    await answer('GetConfiguration', { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] });
    const readResponse = await read;
    assert.equal(readResponse.status, 200);
    assert.deepEqual(((await readResponse.json()) as { result: unknown }).result, {
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
    });

    const change = post('ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' });
    await answer('ChangeConfiguration', { status: 'Accepted' });
    assert.equal((await change).status, 200);

    const trigger = post('TriggerMessage', { requestedMessage: 'StatusNotification' });
    await answer('TriggerMessage', { status: 'Accepted' });
    assert.deepEqual(((await (await trigger).json()) as { result: unknown }).result, { status: 'Accepted' });
  });

  test('a Rejected station is sent nothing at all, not even a configuration read', async () => {
    await h.csms.services.stations.upsert({ id: 'WAITING-1', registrationStatus: 'Rejected' });
    const before = callsReceived('GetConfiguration').length;
    const response = await post('GetConfiguration', {});
    assert.equal(response.status, 409);
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'API_ERR_NOT_ALLOWED');
    assert.match(error.message, /WAITING-1 is Rejected/);
    await station.call('after-rejected', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal(callsReceived('GetConfiguration').length, before);
  });

  test('once Accepted, the same remote start is sent and answered', async () => {
    await h.csms.services.stations.upsert({ id: 'WAITING-1', registrationStatus: 'Accepted' });
    const start = post('RemoteStartTransaction', { connectorId: 1, idTag: 'TAG-1' });
    await answer('RemoteStartTransaction', { status: 'Accepted' });
    const response = await start;
    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as { result: unknown }).result, { status: 'Accepted' });
  });
});
