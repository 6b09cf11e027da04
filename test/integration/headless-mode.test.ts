/**
 * Headless mode as a user runs it: the serve entry point in its own process prints the OCPP URL; a charge point
 * connects to that URL and charges; the data lands in the data folder given.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SimulatedChargePoint } from '../../main/simulator/index.js';

test('npm run serve: prints the URL (never the token into a log), a charge point connects and charges, data lives in --data-dir', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-headless-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/serve.ts',
      '--ocpp-port',
      '0',
      '--ocpp-host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--registration-policy',
      'accept',
      '--api-port',
      '0',
      '--file-port',
      '0',
      '--ftp-port',
      '0',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const match = /(ws:\/\/127\.0\.0\.1:\d+\/ocpp)\/<chargePointId>/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    await new Promise<void>((resolve) =>
      /Operator API: .*\n/.test(output) ? resolve() : child.stdout.on('data', () => /Operator API: .*\n/.test(output) && resolve()),
    );
    // stdout is a pipe here, as under a service manager: the API token is a secret and stays out of the log.
    const api = /Operator API: (http:\/\/127\.0\.0\.1:\d+)\/api \(token: not printed/.exec(output);
    assert.ok(api, `no Operator API line without the token:\n${output}`);
    const shown = spawnSync(process.execPath, ['--import', 'tsx', 'main/headless/serve.ts', '--data-dir', dataDir, '--show-token'], {
      encoding: 'utf8',
    });
    assert.equal(shown.status, 0, shown.stderr);
    const token = shown.stdout.trim();
    assert.match(token, /^[\w-]{32,}$/);
    assert.ok(!output.includes(token), 'the token is not in the server output');
    const status = await fetch(`${api[1]}/api/status`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(status.status, 200);
    assert.match(output, /Firmware\/diagnostics files: http:\/\/[^\s]+:\d+\/ \(FTP :\d+\)/);
    assert.match(output, new RegExp(`Data: ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const cp = new SimulatedChargePoint({ url, identity: 'HEADLESS-1', connectorCount: 1, autoMeterValues: false });
    await cp.connect();
    assert.equal((await cp.boot()).status, 'Accepted');
    const start = await cp.startTransaction({ connectorId: 1, idTag: 'ANYTAG', meterStart: 0 });
    assert.ok(start.transactionId > 0);
    await cp.meterValues(1, start.transactionId, [{ value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    await cp.stopTransaction({ transactionId: start.transactionId, meterStop: 2000, reason: 'Local' });
    await cp.close();
    assert.ok(existsSync(join(dataDir, 'csms.sqlite')));
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    if (existsSync(join(dataDir, 'csms.sqlite'))) {
      // After a clean stop the session is in the database the operator pointed at.
      const db = new Database(join(dataDir, 'csms.sqlite'), { readonly: true });
      const tx = db.prepare("SELECT meter_start_wh, meter_stop_wh, stop_reason FROM transactions WHERE charge_point_id = 'HEADLESS-1'").get();
      db.close();
      assert.deepEqual(tx, { meter_start_wh: 0, meter_stop_wh: 2000, stop_reason: 'Local' });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.match(output, /SIGTERM: stopping/);
});
