/**
 * The operations read a station's answer only when it fits the action's schema (after a lenient station's
 * normalising): an answer that breaks it is shown to the operator with its violations, and the domain state treats
 * it as no usable answer instead of guessing what the station did (docs/api.md, "Calls to a station").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOperatorOperations, type CallOutcome, type OperatorOperations } from '../../main/csms/operations/index.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

describe('operations and answers that break the schema', () => {
  let h: Harness;
  let ops: OperatorOperations;
  const stations = new Map<string, RawClient>();

  before(async () => {
    h = await startCsms();
    ops = createOperatorOperations(h.csms);
    await h.csms.services.stations.upsert({ id: 'STRICT-1', registrationStatus: 'Accepted', validationMode: 'strict' });
    await h.csms.services.stations.upsert({ id: 'LENIENT-1', registrationStatus: 'Accepted', validationMode: 'lenient' });
    for (const id of ['STRICT-1', 'LENIENT-1']) stations.set(id, await RawClient.connect(h.url(id)));
  });
  after(async () => {
    ops.stop();
    for (const station of stations.values()) await station.close();
    await h.close();
  });

  /** Send `action` through the operations and answer it from the station with `answer` as the CALLRESULT payload. */
  async function answeredWith(id: string, action: string, payload: JsonObject, answer: object): Promise<CallOutcome> {
    const station = stations.get(id);
    assert.ok(station, id);
    const before = station.frames.length;
    const sent = ops.send(id, action, payload);
    let call: unknown;
    await eventually(() => (call = station.frames.slice(before).find((f) => Array.isArray(f) && f[0] === 2 && f[2] === action)) !== undefined);
    assert.ok(Array.isArray(call) && typeof call[1] === 'string');
    station.send(JSON.stringify([3, call[1], answer]));
    return sent;
  }

  /** A ReserveNow from `id` answered `{ status: 'accepted' }` (lowercase: outside the schema), and its stored row. */
  async function reserveAnsweredLowercase(id: string) {
    const payload = { connectorId: 1, idTag: 'TAG-1', expiryDate: new Date(Date.now() + 600_000).toISOString() };
    const outcome = await answeredWith(id, 'ReserveNow', payload, { status: 'accepted' });
    assert.ok(outcome.kind === 'result', 'a CALLRESULT');
    const reservationId = outcome.request.reservationId;
    assert.ok(typeof reservationId === 'number', 'the reservationId the call got');
    return { outcome, row: h.csms.services.operationsRecords.reservation(reservationId) };
  }

  test('ReserveNow answered "accepted" by a strict station: the operator sees the violation, the reservation is Refused', async () => {
    const { outcome, row } = await reserveAnsweredLowercase('STRICT-1');
    assert.ok(outcome.violations.length > 0, 'the violation is reported');
    assert.equal(row?.status, 'Refused');
    assert.match(row?.station_answer ?? '', /^ReserveNow answer breaks the schema: \/status /);
  });

  test('the same answer from a lenient station is normalised and read: the reservation is Active', async () => {
    const { outcome, row } = await reserveAnsweredLowercase('LENIENT-1');
    assert.equal(outcome.payload.status, 'Accepted', 'normalised');
    assert.equal(row?.status, 'Active');
  });

  test('a GetConfiguration answer without the required readonly is not stored; a valid one is', async () => {
    await answeredWith('STRICT-1', 'GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', value: '60' }] });
    assert.equal(h.csms.services.operationsRecords.configuration('STRICT-1'), undefined, 'nothing guessed from a broken answer');

    await answeredWith('STRICT-1', 'GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] });
    assert.deepEqual(h.csms.services.operationsRecords.configuration('STRICT-1')?.entries, [
      { key: 'HeartbeatInterval', readonly: false, value: '60' },
    ]);
  });
});
