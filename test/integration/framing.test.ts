import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RawClient, startCsms, type Harness } from '../support/csms-harness.js';

/**
 * Malformed frames and bad payloads each get the right OCPP-J CALLERROR (OCPP-J §4.2.3), and the server stays up.
 */
describe('OCPP-J framing and CALLERROR codes', () => {
  let h: Harness;
  let client: RawClient;

  before(async () => {
    h = await startCsms();
    await h.csms.services.stations.upsert({ id: 'FRAME-1', registrationStatus: 'Accepted' });
    client = await RawClient.connect(h.url('FRAME-1'));
  });
  after(async () => {
    await client.close();
    await h.close();
  });

  test('a valid CALL gets a CALLRESULT with the same id', async () => {
    const reply = await client.call('ok-1', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    assert.equal(reply[1], 'ok-1');
    assert.match((reply[2] as { currentTime: string }).currentTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('numeric-string message ids and whitespace inside the array are accepted (interop)', async () => {
    client.send('[ 2 , "12345" , "Heartbeat" , { } ]');
    const reply = await client.reply('12345');
    assert.equal(reply[0], 3);
  });

  test('unknown action → NotImplemented', async () => {
    const reply = await client.call('e-1', 'CustomOperation', {});
    assert.deepEqual(reply.slice(0, 3), [4, 'e-1', 'NotImplemented']);
    assert.equal(typeof reply[3], 'string');
    assert.deepEqual(reply[4], {});
  });

  test('a central-system action sent by a station → NotSupported', async () => {
    const reply = await client.call('e-2', 'RemoteStartTransaction', { idTag: 'X' });
    assert.deepEqual(reply.slice(0, 3), [4, 'e-2', 'NotSupported']);
  });

  test('missing required field → OccurenceConstraintViolation (the normative spelling)', async () => {
    const reply = await client.call('e-3', 'Authorize', {});
    assert.deepEqual(reply.slice(0, 3), [4, 'e-3', 'OccurenceConstraintViolation']);
  });

  test('wrong type → TypeConstraintViolation', async () => {
    const reply = await client.call('e-4', 'StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' });
    assert.deepEqual(reply.slice(0, 3), [4, 'e-4', 'TypeConstraintViolation']);
  });

  test('value out of its constraints → PropertyConstraintViolation', async () => {
    const tooLong = await client.call('e-5', 'Authorize', { idTag: 'X'.repeat(21) });
    assert.deepEqual(tooLong.slice(0, 3), [4, 'e-5', 'PropertyConstraintViolation']);
    const badEnum = await client.call('e-6', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' });
    assert.deepEqual(badEnum.slice(0, 3), [4, 'e-6', 'PropertyConstraintViolation']);
  });

  test('a field the PDU does not have → FormationViolation', async () => {
    const reply = await client.call('e-7', 'Heartbeat', { extra: true });
    assert.deepEqual(reply.slice(0, 3), [4, 'e-7', 'FormationViolation']);
  });

  test('payload that is not an object → FormationViolation', async () => {
    client.send('[2,"e-8","Heartbeat",null]');
    const reply = await client.reply('e-8');
    assert.deepEqual(reply.slice(0, 3), [4, 'e-8', 'FormationViolation']);
  });

  test('invalid JSON with a recognisable CALL id → FormationViolation to that id', async () => {
    client.send('[2,"e-9","Heartbeat",{]');
    const reply = await client.reply('e-9');
    assert.deepEqual(reply.slice(0, 3), [4, 'e-9', 'FormationViolation']);
  });

  test('CALL with a message id longer than 36 characters → FormationViolation', async () => {
    const id = 'x'.repeat(37);
    client.send(JSON.stringify([2, id, 'Heartbeat', {}]));
    const reply = await client.reply(id);
    assert.equal(reply[2], 'FormationViolation');
  });

  test('unknown message type and results for unknown ids are ignored, garbage is answered on "-1", and the connection stays usable', async () => {
    client.send('[7,"u-1","Whatever",{}]');
    client.send('[3,"never-sent",{}]');
    client.send('[4,"never-sent","GenericError","",{}]');
    client.send('not json at all');
    client.send('');
    const reply = await client.call('after-garbage', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    const stray = client.frames.filter((f) => Array.isArray(f) && ['u-1', 'never-sent'].includes(f[1] as string));
    assert.deepEqual(stray, []);
    assert.deepEqual((await client.reply('-1')).slice(0, 3), [4, '-1', 'FormationViolation']);
  });

  test('every frame in and out is in the message log', async () => {
    await client.call('logged-1', 'Heartbeat', {});
    const rows = h.csms.repos.messageLog.query({ chargePointId: 'FRAME-1', limit: 1000 });
    const forId = rows.filter((r) => r.message_id === 'logged-1');
    assert.deepEqual(forId.map((r) => r.direction).sort(), ['in', 'out']);
    const errors = h.csms.repos.messageLog.query({ chargePointId: 'FRAME-1', errorsOnly: true, limit: 1000 });
    assert.ok(errors.some((r) => r.error_code === 'OccurenceConstraintViolation'));
    assert.ok(errors.some((r) => r.error_code === 'UnknownMessageType'));
  });
});

describe('registration gating', () => {
  let h: Harness;
  before(async () => {
    h = await startCsms({ overrides: { registrationPolicy: 'pending', bootRetryIntervalSec: 42 } });
  });
  after(() => h.close());

  test('an unknown identity is admitted as Pending, answered Pending, and refused transaction messages with SecurityError', async () => {
    const client = await RawClient.connect(h.url('NEW-STATION'));
    const boot = await client.call('b1', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal((boot[2] as { status: string }).status, 'Pending');
    assert.equal((boot[2] as { interval: number }).interval, 42);
    const start = await client.call('s1', 'StartTransaction', { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: new Date().toISOString() });
    assert.deepEqual(start.slice(0, 3), [4, 's1', 'SecurityError']);
    const status = await client.call('n1', 'StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
    assert.equal(status[0], 3);
    assert.equal(h.csms.repos.chargePoints.get('NEW-STATION')?.registration_status, 'Pending');
    await client.close();
  });

  test('once the operator accepts it, the next boot is Accepted with the heartbeat interval', async () => {
    await h.csms.services.stations.upsert({ id: 'NEW-STATION', registrationStatus: 'Accepted' });
    const client = await RawClient.connect(h.url('NEW-STATION'));
    const boot = await client.call('b2', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    assert.equal((boot[2] as { status: string }).status, 'Accepted');
    assert.equal((boot[2] as { interval: number }).interval, h.csms.settings().heartbeatIntervalSec);
    await client.close();
  });
});

describe('lenient validation (per station or global)', () => {
  test('a schema-invalid CALL from a lenient station is processed and the violation stays visible in the message log', async () => {
    const h = await startCsms();
    try {
      await h.csms.services.stations.upsert({ id: 'LENIENT-1', registrationStatus: 'Accepted' });
      await h.csms.groupCommit.run(() => h.csms.repos.chargePoints.update('LENIENT-1', { validationMode: 'lenient' }, new Date().toISOString()));
      await h.csms.services.stations.upsert({ id: 'STRICT-1', registrationStatus: 'Accepted' });
      // A MeterValues whose value is a number (seen from real chargers, interop notes).
      const payload = { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: 1234 }] }] };
      const lenient = await RawClient.connect(h.url('LENIENT-1'));
      const reply = await lenient.call('m1', 'MeterValues', payload);
      assert.deepEqual(reply, [3, 'm1', {}]);
      const stored = h.csms.db.prepare("SELECT value FROM meter_values WHERE charge_point_id = 'LENIENT-1'").all();
      assert.deepEqual(stored, [{ value: '1234' }]);
      const logged = h.csms.repos.messageLog.query({ chargePointId: 'LENIENT-1', direction: 'in' });
      assert.equal(logged[0]!.error_code, 'lenient:TypeConstraintViolation');
      const strict = await RawClient.connect(h.url('STRICT-1'));
      const refused = await strict.call('m2', 'MeterValues', payload);
      assert.deepEqual(refused.slice(0, 3), [4, 'm2', 'TypeConstraintViolation']);
      await lenient.close();
      await strict.close();
    } finally {
      await h.close();
    }
  });
});
