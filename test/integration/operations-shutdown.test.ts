import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { startServices } from '../../main/services/start-services.js';

const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

/** Everything on free ports (FTP off) in a temporary data folder. */
const startup = (dataDir: string) => ({
  dataDir,
  ocppHost: '127.0.0.1',
  ocppPort: 0,
  apiHost: '127.0.0.1',
  apiPort: 0,
  filePort: 0,
  ftpPort: null,
  syncMode: 'NORMAL' as const,
});

describe('operator operations at shutdown', () => {
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'csms-ops-stop-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('stopping the services stops the reservation expiry sweep and the TxProfile subscription', async () => {
    const services = await startServices({ startup: startup(newDataDir()), overrides: {}, logger: quietLogger });
    // Operations nobody stops: they show what a subscription left behind does once the database is closed.
    const forgotten = createOperatorOperations(services.csms);
    assert.equal(services.operations.stores.reservations.expirySweepRunning, true, 'the sweep runs while the services run');

    await services.stop();

    assert.equal(services.operations.stores.reservations.expirySweepRunning, false, 'stopped with the services');
    const stopped = { chargePointId: 'CP-1', transactionId: 1, reason: 'Local' };
    assert.throws(() => services.csms.events.emit('transaction.stopped', stopped), /not open/, 'a listener left behind reads a closed database');
    forgotten.stop();
    assert.equal(forgotten.stores.reservations.expirySweepRunning, false);
    assert.doesNotThrow(() => services.csms.events.emit('transaction.stopped', stopped), 'no follow-up listens after stop()');
  });

  test('after stop() nothing keeps the process alive: a process that starts and stops the services exits by itself', async () => {
    const dataDir = newDataDir();
    const script = `
      import { startServices } from './main/services/start-services.js';
      const services = await startServices({ startup: ${JSON.stringify(startup(dataDir))}, overrides: {}, logger: { info() {}, warn() {}, error: console.error } });
      await services.stop();
      console.log('stopped');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Generous: a loaded machine starts TypeScript slowly. A timer or socket left open would keep it alive forever.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(killer);
    assert.equal(signal, null, `the process had to be killed: something kept it alive after stop()\n${output}`);
    assert.equal(code, 0, output);
    assert.match(output, /stopped/);
  });
});
