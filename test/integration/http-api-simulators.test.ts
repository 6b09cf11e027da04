/**
 * Simulated stations over the operator API (docs/api.md "Simulated stations"): the fleet starts real simulated
 * charge points that connect to the central system's own OCPP port, are registered even under the `reject`
 * policy, never take an existing station's id, and do what the console asks (plug in, sessions, faults,
 * disconnects); stopping the fleet closes every one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiRequestError, createApiClient, type ApiClient } from '../../shared/api/index.js';
import { startApiServer, type ApiServer } from '../../main/api/index.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { SimulatorFleet } from '../../main/services/simulator-fleet.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

let h: Harness;
let api: ApiServer;
let client: ApiClient;
let fleet: SimulatorFleet;

before(async () => {
  // `reject`: unknown identities are refused, so the simulators only connect because the fleet registers them.
  h = await startCsms({ overrides: { callTimeoutMs: 5_000, registrationPolicy: 'reject' } });
  fleet = new SimulatorFleet(h.csms);
  const token = 'test-token-simulators-0123456789abcdefghij';
  api = await startApiServer({
    csms: h.csms,
    operations: createOperatorOperations(h.csms),
    host: '127.0.0.1',
    port: 0,
    token,
    simulators: fleet,
    consoleDir: null,
  });
  client = createApiClient({ baseUrl: api.url, token });
});
after(async () => {
  await fleet.stopAll();
  await api.close();
  await h.close();
});

async function eventually<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (Date.now() < deadline);
  assert.fail(`${what}: still ${JSON.stringify(last)}`);
}

async function rejectsWith(promise: Promise<unknown>, status: number, code: string): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiRequestError, String(err));
    assert.equal(err.status, status, err.message);
    assert.equal(err.code, code);
    return err;
  }
  assert.fail(`expected ${status} ${code}`);
}

const connectorStatus = async (id: string, connectorId: number) =>
  (await client.getChargePoint(id)).connectors.find((c) => c.connectorId === connectorId)?.status;

describe('simulated stations', () => {
  test('start: ids are allocated, registered Accepted under the reject policy, connected and booted', async () => {
    const { items } = await client.startSimulators({
      idPrefix: 'SIM-',
      count: 2,
      connectorCount: 2,
      maxPowerW: 7400,
      meterValueSampleIntervalSec: 1,
    });
    assert.deepEqual(
      items.map((s) => s.id),
      ['SIM-1', 'SIM-2'],
    );
    for (const sim of items) {
      assert.equal(sim.connected, true);
      assert.equal(sim.registrationStatus, 'Accepted');
      assert.equal(sim.connectorCount, 2);
      assert.equal(sim.maxPowerW, 7400);
      assert.deepEqual(
        sim.connectors.map((c) => [c.connectorId, c.status, c.transactionId, c.powerW]),
        [
          [1, 'Available', null, 0],
          [2, 'Available', null, 0],
        ],
      );
    }
    const cps = await client.listChargePoints();
    for (const id of ['SIM-1', 'SIM-2']) {
      const cp = cps.items.find((c) => c.id === id);
      assert.ok(cp, id);
      assert.equal(cp.connected, true);
      assert.equal(cp.registrationStatus, 'Accepted');
      assert.equal(cp.boot.vendor, 'Simulated');
    }
    assert.deepEqual(
      (await client.listSimulators()).items.map((s) => s.id),
      ['SIM-1', 'SIM-2'],
    );
  });

  test('ids never clash with a known station or a running simulator', async () => {
    await client.putChargePoint('SIM-3', { description: 'a real charger' });
    const { items } = await client.startSimulators({ idPrefix: 'SIM-', count: 2, connectorCount: 1 });
    assert.deepEqual(
      items.map((s) => s.id),
      ['SIM-4', 'SIM-5'],
    );
    assert.equal((await client.getChargePoint('SIM-3')).description, 'a real charger');
    await client.deleteSimulator('SIM-4');
    await client.deleteSimulator('SIM-5');
  });

  test('bad start options are refused by field, nothing started', async () => {
    const err = await rejectsWith(
      client.startSimulators({ idPrefix: 'a b', count: 0, maxPowerW: 5, meterValueSampleIntervalSec: -1, ...({ color: 'red' } as object) }),
      422,
      'API_ERR_VALIDATION',
    );
    const fields = (err.details as { fields: Record<string, string> }).fields;
    assert.deepEqual(Object.keys(fields).sort(), ['color', 'count', 'idPrefix', 'maxPowerW', 'meterValueSampleIntervalSec']);
    assert.equal((await client.listSimulators()).items.length, 2);
  });

  test('plug in, start a session (the central system authorizes), power flows, stop', async () => {
    await client.putIdTag('SIM-TAG', { status: 'Accepted' });
    const plugged = await client.simulatorAction('SIM-1', 'plug-in', { connectorId: 1 });
    assert.equal(plugged.outcome.ok, true);
    assert.equal(plugged.simulator.connectors[0]!.status, 'Preparing');
    await eventually(
      () => connectorStatus('SIM-1', 1),
      (s) => s === 'Preparing',
      'central system sees Preparing',
    );

    const missingTag = await rejectsWith(client.simulatorAction('SIM-1', 'start', { connectorId: 1 }), 422, 'API_ERR_VALIDATION');
    assert.ok((missingTag.details as { fields: Record<string, string> }).fields.idTag);

    const started = await client.simulatorAction('SIM-1', 'start', { connectorId: 1, idTag: 'SIM-TAG' });
    assert.equal(started.outcome.ok, true);
    const txId = started.outcome.transactionId!;
    assert.ok(Number.isInteger(txId));
    const c1 = started.simulator.connectors[0]!;
    assert.equal(c1.status, 'Charging');
    assert.equal(c1.transactionId, txId);
    assert.equal(c1.idTag, 'SIM-TAG');
    assert.equal(c1.powerW, 7400);
    const active = await client.listTransactions({ chargePointId: 'SIM-1', active: true });
    assert.deepEqual(
      active.items.map((t) => t.id),
      [txId],
    );
    // Meter values every second reach the central system.
    await eventually(
      async () => (await client.getTransaction(txId)).meterValues.length,
      (n) => n > 0,
      'meter values stored',
    );

    await rejectsWith(client.simulatorAction('SIM-1', 'start', { connectorId: 1, idTag: 'SIM-TAG' }), 409, 'API_ERR_CONFLICT');
    const stopped = await client.simulatorAction('SIM-1', 'stop', { connectorId: 1 });
    assert.equal(stopped.outcome.transactionId, txId);
    assert.equal(stopped.simulator.connectors[0]!.status, 'Available');
    assert.equal(stopped.simulator.connectors[0]!.powerW, 0);
    assert.equal((await client.getTransaction(txId)).stopReason, 'Local');
    await rejectsWith(client.simulatorAction('SIM-1', 'stop', { connectorId: 1 }), 409, 'API_ERR_CONFLICT');
  });

  test('an unknown id tag: the session is refused and the answer says why', async () => {
    const refused = await client.simulatorAction('SIM-1', 'start', { connectorId: 2, idTag: 'NOBODY' });
    assert.equal(refused.outcome.ok, false);
    assert.equal(refused.outcome.idTagInfo?.status, 'Invalid');
    assert.equal(refused.simulator.connectors[1]!.transactionId, null);
    assert.equal(refused.simulator.connectors[1]!.status, 'Available');
  });

  test('unplug during a session ends it with EVDisconnected', async () => {
    const started = await client.simulatorAction('SIM-2', 'start', { connectorId: 2, idTag: 'SIM-TAG' });
    const unplugged = await client.simulatorAction('SIM-2', 'unplug', { connectorId: 2 });
    assert.equal(unplugged.outcome.transactionId, started.outcome.transactionId);
    const tx = await client.getTransaction(started.outcome.transactionId!);
    assert.equal(tx.stopReason, 'EVDisconnected');
  });

  test('fault and clear-fault are reported to the central system; bad connector or error code refused', async () => {
    await client.simulatorAction('SIM-2', 'fault', { connectorId: 1, errorCode: 'GroundFailure' });
    await eventually(
      async () => (await client.getChargePoint('SIM-2')).connectors.find((c) => c.connectorId === 1),
      (c) => c?.status === 'Faulted' && c.errorCode === 'GroundFailure',
      'Faulted',
    );
    await client.simulatorAction('SIM-2', 'clear-fault', { connectorId: 1 });
    await eventually(
      () => connectorStatus('SIM-2', 1),
      (s) => s === 'Available',
      'Available again',
    );
    await rejectsWith(client.simulatorAction('SIM-2', 'fault', { connectorId: 1, errorCode: 'Gremlins' }), 422, 'API_ERR_VALIDATION');
    await rejectsWith(client.simulatorAction('SIM-2', 'plug-in', { connectorId: 9 }), 422, 'API_ERR_VALIDATION');
    await rejectsWith(client.simulatorAction('SIM-2', 'clear-fault', { connectorId: 1 }), 409, 'API_ERR_CONFLICT');
  });

  test('disconnect and reconnect show in the central system and its connection events', async () => {
    const down = await client.simulatorAction('SIM-2', 'disconnect');
    assert.equal(down.simulator.connected, false);
    await eventually(
      async () => (await client.getChargePoint('SIM-2')).connected,
      (c) => c === false,
      'disconnected',
    );
    await rejectsWith(client.simulatorAction('SIM-2', 'plug-in', { connectorId: 1 }), 409, 'API_ERR_CONFLICT');
    const up = await client.simulatorAction('SIM-2', 'reconnect');
    assert.equal(up.outcome.ok, true);
    assert.equal(up.simulator.connected, true);
    await eventually(
      async () => (await client.getChargePoint('SIM-2')).connected,
      (c) => c === true,
      'connected again',
    );
    const events = await client.connectionEvents('SIM-2');
    assert.deepEqual(
      events.items.slice(0, 3).map((e) => e.event),
      ['connected', 'disconnected', 'connected'],
    );
    assert.equal(events.items[1]!.code, 1000);
  });

  test('unknown simulator or action: 404; delete closes and forgets it', async () => {
    await rejectsWith(client.simulatorAction('NOPE', 'plug-in'), 404, 'API_ERR_NOT_FOUND');
    await rejectsWith(client.request('POST', '/api/simulators/SIM-1/actions/explode', { body: {} }), 404, 'API_ERR_NOT_FOUND');
    await rejectsWith(client.deleteSimulator('NOPE'), 404, 'API_ERR_NOT_FOUND');
    await client.deleteSimulator('SIM-2');
    assert.deepEqual(
      (await client.listSimulators()).items.map((s) => s.id),
      ['SIM-1'],
    );
    await eventually(
      async () => (await client.getChargePoint('SIM-2')).connected,
      (c) => c === false,
      'SIM-2 gone',
    );
  });

  test('stopping the fleet closes every simulator', async () => {
    assert.ok(h.csms.connectedIds().includes('SIM-1'));
    await fleet.stopAll();
    await eventually(
      () => h.csms.connectedIds(),
      (ids) => ids.length === 0,
      'all disconnected',
    );
    await rejectsWith(client.startSimulators({ count: 1 }), 409, 'API_ERR_CONFLICT');
  });

  test('startup info names the bound ports and the data folder', async () => {
    const info = await client.startupInfo();
    assert.equal(info.ocppPort, h.csms.ocppAddress.port);
    assert.equal(info.apiPort, api.port);
    assert.equal(info.dataDir, h.dataDir);
    assert.match(info.databaseFile, /csms\.sqlite$/);
    assert.equal(info.fileHttpPort, null);
    assert.equal(info.flags.ocppPort, '--ocpp-port');
  });
});
