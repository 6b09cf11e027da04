/**
 * A crash leaves no gap in the connection history: a real server process is killed (SIGKILL) with stations
 * connected and started again on the same data folder. At start it records, for each connection left open, the
 * disconnect the crash implied (code 1006, reason "central system stopped unexpectedly", at the last frame heard),
 * so the Connection doctor never shows two connects in a row; a clean stop (SIGTERM) leaves nothing to record.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApiClient, type ApiClient } from '../../shared/api/index.js';
import type { ConnectionEventDto } from '../../shared/api/types.js';
import { readStoredApiToken } from '../../main/headless/show-token.js';
import { CRASH_DISCONNECT_REASON } from '../../main/csms/storage/repositories/connection-events.js';
import { SimulatedChargePoint } from '../../main/simulator/index.js';
import { freeServerPorts, startServerProcess, type ServerProcess } from '../support/server-process.js';

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Oldest first, as a technician reads a history. */
async function history(client: ApiClient, id: string): Promise<ConnectionEventDto[]> {
  return (await client.connectionEvents(id, 1000)).items.reverse();
}

const crashCloses = (events: ConnectionEventDto[]) => events.filter((e) => e.event === 'disconnected' && e.reason === CRASH_DISCONNECT_REASON);

test('after a SIGKILL the restart records the implied disconnects; after a SIGTERM there are none', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-crash-history-'));
  const ports = await freeServerPorts();
  const url = `ws://127.0.0.1:${ports.ocppPort}/ocpp`;
  const stations: SimulatedChargePoint[] = [];
  const station = async (identity: string) => {
    const cp = new SimulatedChargePoint({ url, identity, connectorCount: 1, autoMeterValues: false, callTimeoutMs: 10_000 });
    stations.push(cp);
    await cp.connect();
    await cp.boot();
    return cp;
  };
  let server: ServerProcess | undefined = await startServerProcess({ dataDir, ports });
  try {
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${ports.apiPort}`, token: readStoredApiToken(dataDir)! });

    // Left connected and busy: its last frame (answered, so stored) is what the implied disconnect is timed at.
    const busy = await station('HIST-BUSY');
    await busy.heartbeat();
    const lastCallSentAt = new Date().toISOString();
    await busy.authorize('HIST-TAG');
    const lastReplyAt = new Date().toISOString();

    // Replaced by a second connection with the same identity: the replaced connection's close is recorded after the
    // new connect, and the new one is still open at the crash.
    const first = await station('HIST-REPLACED');
    const firstClosed = new Promise((resolve) => first.once('close', resolve));
    await station('HIST-REPLACED');
    await firstClosed;

    // Disconnected cleanly before the crash: nothing to add.
    const gone = await station('HIST-GONE');
    await gone.close();
    await until('the clean close to be stored', async () => (await history(client, 'HIST-GONE')).at(-1)?.event === 'disconnected');
    await until(
      'the replaced close to be stored',
      async () => (await history(client, 'HIST-REPLACED')).filter((e) => e.event === 'disconnected').length === 1,
    );

    await server.kill();
    for (const cp of stations.splice(0)) cp.terminate();
    server = await startServerProcess({ dataDir, ports });

    const busyHistory = await history(client, 'HIST-BUSY');
    assert.deepEqual(
      busyHistory.map((e) => e.event),
      ['connected', 'disconnected'],
    );
    const implied = busyHistory[1]!;
    assert.equal(implied.reason, CRASH_DISCONNECT_REASON);
    assert.equal(implied.code, 1006);
    const lastHeard = (await client.messageLog({ chargePointId: 'HIST-BUSY', direction: 'in', limit: 1 })).items[0]!;
    assert.equal(lastHeard.action, 'Authorize');
    assert.equal(implied.at, lastHeard.at, 'timed at the last frame heard from the station');
    assert.ok(implied.at >= lastCallSentAt && implied.at <= lastReplyAt, `${implied.at} within [${lastCallSentAt}, ${lastReplyAt}]`);

    const replacedHistory = await history(client, 'HIST-REPLACED');
    assert.deepEqual(
      replacedHistory.map((e) => e.event),
      ['connected', 'replaced', 'connected', 'disconnected', 'disconnected'],
    );
    assert.equal(crashCloses(replacedHistory).length, 1);
    assert.equal(replacedHistory.at(-1)!.reason, CRASH_DISCONNECT_REASON);

    const goneHistory = await history(client, 'HIST-GONE');
    assert.deepEqual(
      goneHistory.map((e) => e.event),
      ['connected', 'disconnected'],
    );
    assert.equal(crashCloses(goneHistory).length, 0);

    const overview = await client.getChargePoint('HIST-BUSY');
    assert.equal(overview.connected, false);
    assert.equal(overview.lastDisconnectedAt, implied.at);

    // Reconnect, then a clean stop and start: the stop records its own closes, the start adds nothing.
    const back = await station('HIST-BUSY');
    await back.heartbeat();
    await server.stop();
    for (const cp of stations.splice(0)) cp.terminate();
    server = await startServerProcess({ dataDir, ports });
    const afterCleanStop = await history(client, 'HIST-BUSY');
    assert.deepEqual(
      afterCleanStop.map((e) => e.event),
      ['connected', 'disconnected', 'connected', 'disconnected'],
    );
    assert.equal(crashCloses(afterCleanStop).length, 1, 'only the crash has an implied disconnect');
    assert.equal(crashCloses(await history(client, 'HIST-REPLACED')).length, 1, 'a start after a clean stop adds none');
  } finally {
    for (const cp of stations) cp.terminate();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
