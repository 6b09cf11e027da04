import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RawClient, eventually, startCsms, type Harness } from '../support/csms-harness.js';

function basic(user: string, password: string | Buffer): Record<string, string> {
  const bytes = Buffer.concat([Buffer.from(`${user}:`), typeof password === 'string' ? Buffer.from(password) : password]);
  return { Authorization: `Basic ${bytes.toString('base64')}` };
}

async function refusedStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    return (err as { statusCode?: number }).statusCode ?? -1;
  }
  throw new Error('connection was not refused');
}

describe('WebSocket handshake (OCPP-J §3, white paper §2.3)', () => {
  let h: Harness;
  before(async () => {
    h = await startCsms({ overrides: { registrationPolicy: 'reject' } });
    await h.csms.services.stations.upsert({ id: 'OPEN-1', registrationStatus: 'Accepted' });
    await h.csms.services.stations.upsert({ id: 'AUTH-1', registrationStatus: 'Accepted', password: 'correct horse battery' });
    await h.csms.services.stations.upsert({ id: 'CP/with space', registrationStatus: 'Accepted' });
  });
  after(() => h.close());

  test('TC_088_CSMS: no upgrade without ocpp1.6; with ocpp0.1,ocpp1.6 the answer is exactly ocpp1.6', async () => {
    assert.equal(await refusedStatus(RawClient.connect(h.url('OPEN-1'), { protocols: ['ocpp0.1'] })), 400);
    const client = await RawClient.connect(h.url('OPEN-1'), { protocols: ['ocpp0.1', 'ocpp1.6'] });
    assert.equal(client.ws.protocol, 'ocpp1.6');
    await client.close();
    const refused = h.csms.repos.connectionEvents.recentRefused(10);
    assert.ok(refused.some((r) => r.reason === 'subprotocol-missing' && r.identity === 'OPEN-1' && r.offered_protocols === 'ocpp0.1'));
  });

  test('the identity is the last path segment, percent-decoded, under any prefix', async () => {
    const port = h.csms.ocppAddress.port;
    const client = await RawClient.connect(`ws://127.0.0.1:${port}/some/other/prefix/${encodeURIComponent('CP/with space')}`);
    const reply = await client.call('h1', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    await client.close();
    const logged = h.csms.repos.messageLog.query({ chargePointId: 'CP/with space' });
    assert.ok(logged.length >= 2);
  });

  test('unknown identity under the reject policy → HTTP 404, recorded with its reason', async () => {
    assert.equal(await refusedStatus(RawClient.connect(h.url('NOBODY'))), 404);
    await eventually(() =>
      h.csms.repos.connectionEvents
        .recentRefused(10)
        .some((r) => r.identity === 'NOBODY' && r.reason === 'unknown-identity' && r.http_status === 404),
    );
  });

  test('a path without identity → 404 with reason missing-identity', async () => {
    assert.equal(await refusedStatus(RawClient.connect(`ws://127.0.0.1:${h.csms.ocppAddress.port}/`)), 404);
    await eventually(() => h.csms.repos.connectionEvents.recentRefused(10).some((r) => r.reason === 'missing-identity'));
  });

  test('TC_085_CSMS: Basic auth — missing → 401, wrong → 401, other username → 401, right → upgrade', async () => {
    assert.equal(await refusedStatus(RawClient.connect(h.url('AUTH-1'))), 401);
    assert.equal(await refusedStatus(RawClient.connect(h.url('AUTH-1'), { headers: basic('AUTH-1', 'wrong') })), 401);
    assert.equal(await refusedStatus(RawClient.connect(h.url('AUTH-1'), { headers: basic('OPEN-1', 'correct horse battery') })), 401);
    const client = await RawClient.connect(h.url('AUTH-1'), { headers: basic('AUTH-1', 'correct horse battery') });
    const boot = await client.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal((boot[2] as { status: string }).status, 'Accepted');
    await client.close();
    const reasons = h.csms.repos.connectionEvents
      .recentRefused(20)
      .filter((r) => r.identity === 'AUTH-1')
      .map((r) => r.reason);
    for (const reason of ['auth-missing', 'auth-invalid', 'auth-username-mismatch']) assert.ok(reasons.includes(reason), `${reason} recorded`);
  });

  test('passwords are compared as bytes (non-printable bytes and ":" included) and never stored in clear', async () => {
    const password = Buffer.from([0x00, 0x3a, 0xff, 0x10, 0x41, 0x3a, 0x7f, 0x80, 1, 2, 3, 4, 5, 6, 7, 8]);
    await h.csms.services.stations.upsert({ id: 'BIN-1', registrationStatus: 'Accepted', password });
    const client = await RawClient.connect(h.url('BIN-1'), { headers: basic('BIN-1', password) });
    await client.close();
    const almost = Buffer.from(password);
    almost[15] = 9;
    assert.equal(await refusedStatus(RawClient.connect(h.url('BIN-1'), { headers: basic('BIN-1', almost) })), 401);
    const stored = h.csms.repos.chargePoints.get('BIN-1')!;
    assert.equal(stored.security_profile, 1);
    assert.ok(!stored.auth_secrets.includes(password.toString('base64')));
  });

  test('a new connection with the same identity replaces the old one cleanly', async () => {
    const first = await RawClient.connect(h.url('OPEN-1'));
    const firstClosed = new Promise<number>((resolve) => first.ws.once('close', (code) => resolve(code)));
    const second = await RawClient.connect(h.url('OPEN-1'));
    assert.equal(await firstClosed, 1000);
    const reply = await second.call('r1', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    assert.equal(h.csms.connection('OPEN-1')?.isOpen, true);
    await second.close();
    await eventually(() => h.csms.connection('OPEN-1') === undefined, 2000, 'connection removed');
    const events = h.csms.repos.connectionEvents.eventsFor('OPEN-1', 20).map((e) => e.event);
    assert.ok(events.includes('replaced'));
  });

  test('a plain HTTP request to the OCPP port explains the URL form', async () => {
    const response = await fetch(`http://127.0.0.1:${h.csms.ocppAddress.port}/`);
    assert.equal(response.status, 426);
    assert.match(await response.text(), /ws:\/\/<host>:<port>\/ocpp\/<chargePointId>/);
  });
});

describe('registration policies', () => {
  test('accept: an unknown identity is registered as Accepted and its boot is Accepted', async () => {
    const h = await startCsms({ overrides: { registrationPolicy: 'accept' } });
    try {
      const client = await RawClient.connect(h.url('AUTO-1'));
      const boot = await client.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      assert.equal((boot[2] as { status: string }).status, 'Accepted');
      await client.close();
      assert.equal(h.csms.repos.chargePoints.get('AUTO-1')?.registration_status, 'Accepted');
    } finally {
      await h.close();
    }
  });

  test('a Rejected station gets Rejected with the retry interval and may send nothing else', async () => {
    const h = await startCsms({ overrides: { bootRetryIntervalSec: 77 } });
    try {
      await h.csms.services.stations.upsert({ id: 'REJ-1', registrationStatus: 'Rejected' });
      const client = await RawClient.connect(h.url('REJ-1'));
      const boot = await client.call('b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      assert.deepEqual([(boot[2] as { status: string }).status, (boot[2] as { interval: number }).interval], ['Rejected', 77]);
      const hb = await client.call('h', 'Heartbeat', {});
      assert.equal(hb[2], 'SecurityError');
      await client.close();
    } finally {
      await h.close();
    }
  });
});
