/**
 * The database protects itself, end to end: a full, read-only or corrupt database gives a clear, typed error (headless: a message and exit
 * code 3; running: InternalError CALLERRORs, never a false success), nothing stored is lost, and backups are made,
 * downloaded and restored through the operator API.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { CentralSystem } from '../../main/csms/central-system.js';
import { databaseFile } from '../../main/csms/config/app-paths.js';
import { startApi } from '../support/api-harness.js';
import { RawClient, startCsms, type Harness } from '../support/csms-harness.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'csms-protect-'));
  chmodSync(dir, 0o777); // the read-only test runs the server as another user
  dirs.push(dir);
  return dir;
}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const startup = (dataDir: string) => ({ dataDir, ocppHost: '127.0.0.1', ocppPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' as const });

async function bootedStation(h: Harness, id: string): Promise<RawClient> {
  await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'TAG1', status: 'Accepted' } as never);
  const cp = await RawClient.connect(h.url(id));
  const boot = await cp.call('b1', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
  assert.equal((boot[2] as { status: string }).status, 'Accepted');
  return cp;
}

function runServe(dataDir: string, asUser?: number): Promise<{ code: number | null; stderr: string }> {
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
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(asUser !== undefined ? { uid: asUser, gid: asUser, env: { ...process.env, HOME: dataDir } } : {}) },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => (clearTimeout(timer), resolve({ code, stderr })));
  });
}

describe('while running', () => {
  test('a full disk: the CALLs that cannot be stored get InternalError, what was stored stays, service resumes', async () => {
    const h = await startCsms();
    try {
      const cp = await bootedStation(h, 'FULL-1');
      const start = await cp.call('s1', 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: new Date().toISOString() });
      const transactionId = (start[2] as { transactionId: number }).transactionId;
      assert.equal(start[0], 3);
      const pages = h.csms.db.pragma('page_count', { simple: true }) as number;
      h.csms.db.pragma(`max_page_count = ${pages}`);
      // Random values: readings and frames are stored compressed (README "Bytes stored"), these stay ~8 KB a CALL.
      const big = Array.from({ length: 40 }, () => ({
        timestamp: new Date().toISOString(),
        sampledValue: [{ value: randomBytes(150).toString('base64') }],
      }));
      const answers = await Promise.all([1, 2, 3].map((n) => cp.call(`mv${n}`, 'MeterValues', { connectorId: 1, transactionId, meterValue: big })));
      for (const answer of answers) {
        assert.equal(answer[0], 4, `expected a CALLERROR, got ${JSON.stringify(answer).slice(0, 200)}`);
        assert.equal(answer[2], 'InternalError');
      }
      h.csms.db.pragma('max_page_count = 1073741823');
      const stop = await cp.call('st1', 'StopTransaction', { transactionId, meterStop: 500, timestamp: new Date().toISOString() });
      assert.equal(stop[0], 3);
      const row = h.csms.db.prepare('SELECT meter_start_wh, meter_stop_wh FROM transactions WHERE id = ?').get(transactionId);
      assert.deepEqual(row, { meter_start_wh: 0, meter_stop_wh: 500 });
      await cp.close();
    } finally {
      await h.close();
    }
  });

  test('a database that became read-only: InternalError, no false success, the station stays connected', async () => {
    const h = await startCsms();
    try {
      const cp = await bootedStation(h, 'RO-1');
      // query_only makes every write fail with SQLITE_READONLY, as a file system remounted read-only does.
      h.csms.db.pragma('query_only = ON');
      const answer = await cp.call('a1', 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: new Date().toISOString() });
      assert.equal(answer[0], 4);
      assert.equal(answer[2], 'InternalError');
      h.csms.db.pragma('query_only = OFF');
      const again = await cp.call('a2', 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: new Date().toISOString() });
      assert.equal(again[0], 3);
      assert.equal((h.csms.db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE charge_point_id = 'RO-1'").get() as { n: number }).n, 1);
      await cp.close();
    } finally {
      await h.close();
    }
  });
});

describe('at start (headless)', () => {
  test('a corrupt database: exit code 3, a message naming the file and the backups, the file unchanged', async () => {
    const dataDir = tempDir();
    const csms = await CentralSystem.start({ startup: startup(dataDir), logger: quiet });
    await csms.services.stations.upsert({ id: 'CORRUPT-1' });
    const backup = await csms.backups.create('manual');
    const fill = csms.db.prepare('INSERT INTO message_log (at, station, outbound, dictionary, frames) VALUES (0, 1, 0, 0, ?)');
    csms.db.transaction(() => {
      for (let i = 0; i < 2000; i++) fill.run(Buffer.alloc(1000, 'y'));
    })();
    await csms.stop();
    const file = databaseFile(dataDir);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(statSync(file).size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = sha256(file);
    const { code, stderr } = await runServe(dataDir);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /Cannot open the database \(corrupt\)/);
    assert.ok(stderr.includes(file), stderr);
    assert.ok(stderr.includes(backup.name), stderr);
    assert.match(stderr, /--restore-backup/);
    assert.equal(sha256(file), before);
  });

  test('a read-only data folder and file: exit code 3 and a message saying what to make writable', async () => {
    const dataDir = tempDir();
    const csms = await CentralSystem.start({ startup: startup(dataDir), logger: quiet });
    await csms.stop();
    const file = databaseFile(dataDir);
    const before = sha256(file);
    chmodSync(file, 0o444);
    chmodSync(dataDir, 0o555);
    try {
      // Root ignores file modes: run the server as "nobody" then.
      const { code, stderr } = await runServe(dataDir, process.getuid?.() === 0 ? 65534 : undefined);
      assert.equal(code, 3, stderr);
      assert.match(stderr, /\(read-only\)/);
      assert.ok(stderr.includes(file), stderr);
      assert.match(stderr, /writable/);
    } finally {
      chmodSync(dataDir, 0o777);
      chmodSync(file, 0o644);
    }
    assert.equal(sha256(file), before);
  });
});

describe('backups through the operator API', () => {
  test('create, list, download, stage a restore; the restart restores it and keeps the replaced database', async () => {
    const dataDir = tempDir();
    let csms = await CentralSystem.start({ startup: startup(dataDir), logger: quiet });
    await csms.services.stations.upsert({ id: 'BEFORE-BACKUP' });
    const api = await startApi({ csms, dataDir, endpoint: '', url: () => '', close: async () => {} });
    const made = await api.client.createBackup();
    assert.equal(made.reason, 'manual');
    await csms.services.stations.upsert({ id: 'AFTER-BACKUP' });
    const list = await api.client.listBackups();
    assert.deepEqual(
      list.backups.map((b) => b.name),
      [made.name],
    );
    assert.equal(list.currentSchemaVersion, made.schemaVersion);
    assert.equal(list.pendingRestore, null);
    const bytes = await api.client.downloadBackup(made.name);
    assert.equal(bytes.byteLength, made.sizeBytes);
    assert.equal(Buffer.from(bytes.subarray(0, 16)).toString('latin1'), 'SQLite format 3\0');
    assert.equal((await api.fetch('/api/backups/..%2Fcsms.sqlite')).status, 404);
    assert.equal((await api.fetch('/api/backups/nope.sqlite/restore', { method: 'POST' })).status, 404);

    const staged = await api.client.restoreBackup(made.name);
    assert.equal(staged.staged, true);
    assert.match(staged.message, /Restart/);
    assert.equal((await api.client.listBackups()).pendingRestore?.backup, made.name);
    await api.api.close();
    await csms.stop();

    csms = await CentralSystem.start({ startup: startup(dataDir), logger: quiet });
    try {
      assert.equal(csms.restored?.origin, 'staged');
      assert.ok(csms.repos.chargePoints.get('BEFORE-BACKUP'));
      assert.equal(csms.repos.chargePoints.get('AFTER-BACKUP'), undefined);
      const aside = new Database(csms.restored.setAsidePath!, { readonly: true });
      assert.ok(
        aside.prepare("SELECT 1 FROM charge_points WHERE id = 'AFTER-BACKUP'").get(),
        'the replaced database keeps what came after the backup',
      );
      aside.close();
    } finally {
      await csms.stop();
    }
    // The command-line restore: the same path, asked for by --restore-backup (startup.restoreBackup).
    csms = await CentralSystem.start({ startup: { ...startup(dataDir), restoreBackup: made.name }, logger: quiet });
    try {
      assert.equal(csms.restored?.origin, 'command-line');
      assert.equal(readdirSync(join(dataDir, 'set-aside')).filter((n) => n.endsWith('.sqlite')).length, 2);
      assert.ok(!existsSync(join(dataDir, 'backups', 'restore-pending.json')));
    } finally {
      await csms.stop();
    }
  });
});
