/**
 * Nothing acknowledged is lost (README "What the central system does"): under load from simulated stations running full sessions, the server
 * process is killed hard (SIGKILL) at random moments and restarted. Afterwards every StartTransaction,
 * StopTransaction and MeterValues that received a reply is in the database, and stations carry on.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { registerSqlFunctions } from '../../main/csms/storage/sql-functions.js';
import { SimulatedChargePoint } from '../../main/simulator/index.js';

const STATIONS = 8;
/** Five kills in `npm test`; `npm run crash -- --kills 20` (scripts/crash.mjs) sets CRASH_KILLS for a longer run. */
const KILLS = Number(process.env.CRASH_KILLS ?? 5);
if (!Number.isInteger(KILLS) || KILLS < 1) throw new Error(`CRASH_KILLS must be a whole number of kills, 1 or more: ${process.env.CRASH_KILLS}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/serve.ts',
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      String(port),
      '--api-port',
      '0',
      '--data-dir',
      dataDir,
      '--registration-policy',
      'accept',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('/ocpp/<chargePointId>')) {
        child.stdout.off('data', onData);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

interface Acked {
  starts: Map<number, { identity: string; connectorId: number; meterStart: number; timestamp: string }>;
  stops: Map<number, number>;
  samples: Map<number, number>;
}

/** One station: sessions in a loop over whatever connection it can get, recording only what was answered. */
async function runStation(identity: string, port: number, acked: Acked, until: () => boolean): Promise<void> {
  let meter = 0;
  let seq = 0;
  while (!until()) {
    const cp = new SimulatedChargePoint({
      url: `ws://127.0.0.1:${port}/ocpp`,
      identity,
      connectorCount: 1,
      autoMeterValues: false,
      callTimeoutMs: 3_000,
    });
    try {
      await cp.connect();
      await cp.boot();
      while (!until()) {
        const timestamp = new Date(Date.now() + seq++).toISOString();
        const start = await cp.call('StartTransaction', { connectorId: 1, idTag: `TAG-${identity}`, meterStart: meter, timestamp });
        const txId = start.transactionId;
        acked.starts.set(txId, { identity, connectorId: 1, meterStart: meter, timestamp });
        for (let i = 0; i < 3; i++) {
          meter += 10;
          await cp.call('MeterValues', {
            connectorId: 1,
            transactionId: txId,
            meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(meter) }] }],
          });
          acked.samples.set(txId, (acked.samples.get(txId) ?? 0) + 1);
        }
        await cp.call('StopTransaction', { transactionId: txId, meterStop: meter, timestamp: new Date().toISOString(), reason: 'Local' });
        acked.stops.set(txId, meter);
      }
    } catch {
      // The server died under us: whatever was not answered does not count. Reconnect and carry on.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await cp.close().catch(() => {});
    }
  }
}

test(`SIGKILL at ${KILLS} random moments loses nothing that was acknowledged`, { timeout: 60_000 + KILLS * 15_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-crash-'));
  const port = await freePort();
  const acked: Acked = { starts: new Map(), stops: new Map(), samples: new Map() };
  let done = false;
  let server = await startServer(dataDir, port);
  const stations = Array.from({ length: STATIONS }, (_, i) => runStation(`CRASH-${i}`, port, acked, () => done));
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      const before = acked.stops.size + acked.samples.size;
      // Let load build up (some sessions complete), then kill without warning.
      const deadline = Date.now() + 10_000;
      while (acked.stops.size + acked.samples.size < before + 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
      server = await startServer(dataDir, port);
    }
    // Stations carry on after the last restart.
    const progress = acked.stops.size;
    const deadline = Date.now() + 10_000;
    while (acked.stops.size < progress + STATIONS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(acked.stops.size >= progress + STATIONS, 'sessions continue after the last restart');
  } finally {
    done = true;
    await Promise.all(stations);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }

  const db = new Database(join(dataDir, 'csms.sqlite'), { readonly: true });
  // The meter_values view reads compressed readings through this function (migration 0012).
  registerSqlFunctions(db);
  try {
    const getTx = db.prepare('SELECT * FROM transactions WHERE id = ?');
    const countSamples = db.prepare("SELECT COUNT(*) AS n FROM meter_values WHERE transaction_id = ? AND source = 'MeterValues'");
    assert.ok(acked.starts.size > 20, `enough load (${acked.starts.size} sessions)`);
    for (const [txId, start] of acked.starts) {
      const tx = getTx.get(txId) as
        | { charge_point_id: string; meter_start_wh: number; started_cp_at: string; stop_received_at: string | null; meter_stop_wh: number | null }
        | undefined;
      assert.ok(tx, `acknowledged transaction ${txId} is stored`);
      assert.deepEqual([tx.charge_point_id, tx.meter_start_wh, tx.started_cp_at], [start.identity, start.meterStart, start.timestamp]);
      if (acked.stops.has(txId)) {
        assert.ok(tx.stop_received_at, `acknowledged stop of ${txId} is stored`);
        assert.equal(tx.meter_stop_wh, acked.stops.get(txId));
      }
      const samples = (countSamples.get(txId) as { n: number }).n;
      assert.ok(samples >= (acked.samples.get(txId) ?? 0), `acknowledged meter values of ${txId} are stored`);
    }
    // Consistency: a stored transaction has one start and, if stopped, a stop not before its start.
    const broken = db.prepare('SELECT COUNT(*) AS n FROM transactions WHERE meter_stop_wh IS NOT NULL AND meter_stop_wh < meter_start_wh').get() as {
      n: number;
    };
    assert.equal(broken.n, 0);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const samplesAcked = [...acked.samples.values()].reduce((sum, n) => sum + n, 0);
    console.log(`# ${KILLS} kills: ${acked.starts.size} starts, ${acked.stops.size} stops, ${samplesAcked} meter values acknowledged, none lost`);
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
