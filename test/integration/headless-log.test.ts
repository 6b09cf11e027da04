/**
 * The headless log as an operator reads it (README "The log"): the server in its own process, stations over real
 * sockets, operator calls over the HTTP API; one JSON line per connect, boot, refusal, operator call and
 * disconnect, and nothing while stations just send heartbeats and meter values.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { OcppCallError } from '../../shared/ocpp/rpc-frames.js';
import { SimulatedChargePoint } from '../../main/simulator/index.js';

const WAIT_MS = 30_000;

interface LogLine {
  level: string;
  time: string;
  pid: number;
  msg: string;
  event?: string;
  [field: string]: unknown;
}

test('the headless log tells the story: connect, boot, refusal, operator calls, disconnects, one JSON line each, silent at steady state', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-log-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/serve.ts',
      '--data-dir',
      dataDir,
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      '0',
      '--api-port',
      '0',
      '--file-port',
      '0',
      '--ftp-port',
      'off',
      '--registration-policy',
      'accept',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const lines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  const waitFor = async (what: string, match: (line: LogLine) => boolean): Promise<LogLine> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = lines().find(match);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) assert.fail(`no log line for ${what}:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stations: SimulatedChargePoint[] = [];
  try {
    const started = await waitFor('the start', (l) => l.event === 'start');
    const ocppUrl = `ws://127.0.0.1:${started.ocppPort as number}/ocpp`;
    const apiUrl = `http://127.0.0.1:${started.apiPort as number}`;

    // The banner's token hint names the data folder given, so the command it suggests prints this server's token.
    const escaped = dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(stdout, new RegExp(`token: not printed: see Settings in the console, or \`npm run serve -- --data-dir ${escaped} --show-token\``));
    const token = spawnSync(process.execPath, ['--import', 'tsx', 'main/headless/serve.ts', '--data-dir', dataDir, '--show-token'], {
      encoding: 'utf8',
    }).stdout.trim();
    const api = (path: string, body: unknown) =>
      fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Connect and boot.
    const cp = new SimulatedChargePoint({
      url: ocppUrl,
      identity: 'LOG-1',
      connectorCount: 1,
      autoMeterValues: false,
      vendor: 'Acme',
      model: 'Wallbox 22',
    });
    stations.push(cp);
    await cp.connect();
    const connect = await waitFor('the connect', (l) => l.event === 'connect' && l.chargePointId === 'LOG-1');
    assert.equal(connect.level, 'info');
    assert.equal(connect.remoteAddress, '127.0.0.1');
    assert.equal((await cp.boot()).status, 'Accepted');
    const boot = await waitFor('the boot', (l) => l.event === 'boot' && l.chargePointId === 'LOG-1');
    assert.deepEqual([boot.level, boot.status, boot.vendor, boot.model], ['info', 'Accepted', 'Acme', 'Wallbox 22']);

    // A refused handshake: no ocpp1.6 subprotocol offered.
    const refusedSocket = new WebSocket(`${ocppUrl}/LOG-2`);
    await new Promise<void>((resolve) => refusedSocket.once('error', () => resolve()));
    const refused = await waitFor('the refusal', (l) => l.event === 'refused');
    assert.deepEqual([refused.level, refused.chargePointId, refused.reason, refused.httpStatus], ['warn', 'LOG-2', 'subprotocol-missing', 400]);

    // Steady state: heartbeats, status notifications and meter values write nothing.
    const before = lines().length;
    for (let i = 0; i < 5; i++) {
      await cp.heartbeat();
      await cp.meterValues(1, undefined, [{ value: String(1000 + i), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    }
    await cp.statusNotification(1, 'Available');
    assert.equal(
      lines().length,
      before,
      `lines at steady state:\n${lines()
        .slice(before)
        .map((l) => JSON.stringify(l))
        .join('\n')}`,
    );

    // Operator calls: an answer with its status, a CALLERROR, and a call that cannot go out.
    assert.equal((await api('/api/charge-points/LOG-1/calls/ChangeAvailability', { connectorId: 0, type: 'Inoperative' })).status, 200);
    const accepted = await waitFor('the answered call', (l) => l.event === 'call' && l.action === 'ChangeAvailability');
    assert.deepEqual([accepted.level, accepted.chargePointId, accepted.outcome, accepted.status], ['info', 'LOG-1', 'result', 'Accepted']);
    cp.answerOnce('GetConfiguration', () => {
      throw new OcppCallError('InternalError', 'configuration store unavailable');
    });
    await api('/api/charge-points/LOG-1/calls/GetConfiguration', {});
    const callError = await waitFor('the CALLERROR', (l) => l.event === 'call' && l.action === 'GetConfiguration');
    assert.deepEqual(
      [callError.level, callError.outcome, callError.errorCode, callError.description],
      ['warn', 'error', 'InternalError', 'configuration store unavailable'],
    );

    // Disconnects with their close code: an orderly one (info), a dropped one (warn).
    await cp.close(1000, 'bye');
    const orderly = await waitFor('the orderly disconnect', (l) => l.event === 'disconnect' && l.chargePointId === 'LOG-1');
    assert.deepEqual([orderly.level, orderly.code, orderly.reason], ['info', 1000, 'bye']);
    const dropped = new SimulatedChargePoint({ url: ocppUrl, identity: 'LOG-3', connectorCount: 1, autoMeterValues: false });
    stations.push(dropped);
    await dropped.connect();
    await waitFor('the second connect', (l) => l.event === 'connect' && l.chargePointId === 'LOG-3');
    dropped.terminate();
    const abnormal = await waitFor('the dropped disconnect', (l) => l.event === 'disconnect' && l.chargePointId === 'LOG-3');
    assert.deepEqual([abnormal.level, abnormal.code], ['warn', 1006]);

    // Every line is one JSON object with level, ISO time, pid and message.
    for (const line of lines()) {
      assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(line.pid, child.pid);
      assert.ok(line.msg.length > 0);
    }
    assert.ok(!stdout.includes(token), 'the token is not in the log');
  } finally {
    for (const s of stations) s.terminate();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.ok(lines().some((l) => l.event === 'stop' && l.signal === 'SIGTERM'));
});
