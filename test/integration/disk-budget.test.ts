/**
 * The disk budget end to end (README "Disk budget"): a real central system, real stations over WebSockets, a real
 * SQLite data folder. Pruning goes in the documented order (oldest message-log rows, then, only when allowed, the
 * meter readings of long-ended transactions), never touches what open transactions need, the alerts fire at their
 * thresholds, and with a tiny budget (or a full database) the server keeps answering and loses nothing it
 * acknowledged.
 */
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CentralSystem } from '../../main/csms/central-system.js';
import type { RuntimeSettings } from '../../main/csms/config/settings.js';
import { BUDGET_ALERT_FRACTION, defaultBudgetMiB, DISK_FREE_ALERT_BYTES, DISK_FREE_CRITICAL_BYTES } from '../../main/csms/storage/disk-budget.js';
import type { DiskSpace } from '../../main/csms/storage/data-folder-usage.js';
import { startApi } from '../support/api-harness.js';
import { RawClient, type Harness } from '../support/csms-harness.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A clock the test moves: transactions can end "months ago" without waiting. */
class TestClock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

async function start(
  options: { dataDir?: string; overrides?: Partial<RuntimeSettings>; clock?: TestClock; diskSpace?: (dir: string) => DiskSpace } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'csms-budget-'));
  if (!options.dataDir) dirs.push(dataDir);
  const csms = await CentralSystem.start({
    startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' },
    overrides: { pingIntervalSec: 0, messageLogRetentionDays: 0, ...options.overrides },
    clock: options.clock,
    logger: quiet,
    diskSpace: options.diskSpace,
  });
  const endpoint = `ws://127.0.0.1:${csms.ocppAddress.port}/ocpp`;
  return { csms, dataDir, endpoint, url: (id) => `${endpoint}/${encodeURIComponent(id)}`, close: () => csms.stop() };
}

let seq = 0;
const id = () => `m${++seq}`;

async function station(h: Harness, chargePointId: string): Promise<RawClient> {
  await h.csms.services.stations.upsert({ id: chargePointId, registrationStatus: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'TAG1', status: 'Accepted', allowConcurrentTx: true } as never);
  const cp = await RawClient.connect(h.url(chargePointId));
  const boot = await cp.call(id(), 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
  assert.equal((boot[2] as { status: string }).status, 'Accepted');
  return cp;
}

/** A CALL that must be acknowledged (CALLRESULT); returns its payload. */
async function ok(cp: RawClient, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const answer = await cp.call(id(), action, payload);
  assert.equal(answer[0], 3, `${action} got ${JSON.stringify(answer).slice(0, 200)}`);
  return answer[2] as Record<string, unknown>;
}

const meterValues = (h: Harness, transactionId: number, wh: number) => ({
  connectorId: 1,
  transactionId,
  meterValue: [
    { timestamp: h.csms.clock.now().toISOString(), sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] },
  ],
});

async function session(h: Harness, cp: RawClient, readings: number, stop = true): Promise<number> {
  const started = await ok(cp, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 1000, timestamp: h.csms.clock.now().toISOString() });
  const transactionId = started.transactionId as number;
  for (let i = 1; i <= readings; i++) await ok(cp, 'MeterValues', meterValues(h, transactionId, 1000 + i * 100));
  if (stop) await ok(cp, 'StopTransaction', { transactionId, meterStop: 1000 + readings * 100, timestamp: h.csms.clock.now().toISOString() });
  return transactionId;
}

/**
 * Message-log filler that a real station sends: DataTransfer with a 4 KB payload (answered UnknownVendorId). Random,
 * so the log's compression (README "Bytes stored") cannot shrink it away: each call stores ~3 KB.
 */
async function fill(cp: RawClient, calls: number): Promise<void> {
  for (let i = 0; i < calls; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, calls - i) }, () =>
        ok(cp, 'DataTransfer', { vendorId: 'com.example.filler', data: randomBytes(3000).toString('base64') }),
      ),
    );
  }
}

/**
 * Let the checkpoint worker's copying settle before a size is read: it copies WAL frames into the database file
 * while the WAL file keeps its size, so the folder grows for a moment after the writes. A TRUNCATE checkpoint does
 * the copying now and empties the WAL (retried while the worker holds the checkpoint lock).
 */
async function settle(h: Harness): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    // A checkpoint on a connection inside a transaction fails with SQLITE_LOCKED, and a batch may be open (a
    // detached write, a paced commit): commit it first, in the same turn, so none is open when the pragma runs.
    h.csms.groupCommit.flush();
    const [result] = h.csms.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the WAL could not be checkpointed');
}

const count = (h: Harness, sql: string, ...args: unknown[]) => (h.csms.db.prepare(sql).get(...args) as { n: number }).n;
const readingsOf = (h: Harness, transactionId: number) =>
  count(h, 'SELECT COUNT(*) AS n FROM meter_readings WHERE transaction_id = ?', transactionId);

describe('disk budget', () => {
  test('first start records a default budget from the free space, and it does not drift', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csms-budget-'));
    dirs.push(dataDir);
    const h1 = await start({ dataDir, diskSpace: () => ({ freeBytes: 40 * GIB, totalBytes: 100 * GIB }) });
    assert.equal(h1.csms.settings().dataFolderBudgetMiB, defaultBudgetMiB(40 * GIB));
    assert.equal(h1.csms.settings().dataFolderBudgetMiB, 10 * 1024);
    await h1.close();
    // The disk filled up meanwhile: the recorded budget stays what it was.
    const h2 = await start({ dataDir, diskSpace: () => ({ freeBytes: 4 * GIB, totalBytes: 100 * GIB }) });
    try {
      assert.equal(h2.csms.settings().dataFolderBudgetMiB, 10 * 1024);
    } finally {
      await h2.close();
    }
  });

  test('prunes the oldest message-log rows first, then (when allowed) old meter detail, never what open transactions need', async () => {
    const clock = new TestClock(Date.parse('2025-01-10T08:00:00Z'));
    const h = await start({ clock, overrides: { dataFolderBudgetMiB: 0, backupIntervalHours: 0 } });
    try {
      const a = await station(h, 'BUDGET-A');
      const b = await station(h, 'BUDGET-B');
      // A session that ended long ago, then a year of other traffic.
      const oldTx = await session(h, a, 5);
      clock.ms = Date.parse('2026-01-10T08:00:00Z');
      await fill(a, 1000);
      const recentTx = await session(h, a, 5);
      // B's session stays open; what it sends from its start on is what the open transaction needs.
      const openTx = await session(h, b, 5, false);
      await fill(b, 100);
      await ok(b, 'MeterValues', meterValues(h, openTx, 2000));
      const protectedRows = count(
        h,
        "SELECT COUNT(*) AS n FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = 'BUDGET-B') AND action IN (SELECT id FROM message_log_names WHERE name IN ('StartTransaction', 'MeterValues', 'DataTransfer'))",
      );
      const idsBefore = (h.csms.db.prepare('SELECT id FROM message_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);

      // 1. A budget a little below what the folder holds, meter-detail pruning allowed: the message log alone
      //    makes the room, oldest rows first, and no reading goes.
      await settle(h);
      const used = h.csms.diskBudget.status().usage.usedBytes;
      h.csms.services.settings.update({ dataFolderBudgetMiB: Math.floor(used / MIB), meterDetailPruneAfterMonths: 6 });
      await h.csms.diskBudget.check();
      const afterFirst = h.csms.diskBudget.status();
      assert.ok(afterFirst.lastPrune && afterFirst.lastPrune.messageLogRows > 0, JSON.stringify(afterFirst.lastPrune));
      assert.equal(afterFirst.lastPrune.meterReadings, 0);
      assert.equal(afterFirst.lastPrune.stillOver, false);
      const idsAfter = new Set((h.csms.db.prepare('SELECT id FROM message_log').all() as { id: number }[]).map((r) => r.id));
      const deleted = idsBefore.filter((i) => !idsAfter.has(i));
      const kept = idsBefore.filter((i) => idsAfter.has(i));
      assert.equal(deleted.length, afterFirst.lastPrune.messageLogRows);
      assert.ok(Math.max(...deleted) < Math.min(...kept), 'the oldest rows went first');
      assert.equal(readingsOf(h, oldTx), 5);
      // What the Storage panel says may go and is kept adds up to the rows there are.
      const summary = h.csms.diskBudget.status().prunable;
      assert.equal(
        summary.messageLogProtectedRows,
        count(
          h,
          "SELECT COUNT(*) AS n FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = 'BUDGET-B') AND at >= ?",
          Date.parse('2026-01-10T07:59:00.000Z'),
        ),
      );
      assert.equal(summary.messageLogRows + summary.messageLogProtectedRows, count(h, 'SELECT COUNT(*) AS n FROM message_log'));

      // 2. A budget nothing can meet: the whole log goes except the open transaction's rows, then the readings of
      //    the transaction that ended more than 6 months ago; the recent and the open one keep theirs.
      h.csms.services.settings.update({ dataFolderBudgetMiB: 1 });
      await h.csms.diskBudget.check();
      const afterSecond = h.csms.diskBudget.status();
      assert.ok(afterSecond.lastPrune);
      assert.equal(afterSecond.lastPrune.stillOver, true);
      assert.ok(afterSecond.lastPrune.meterReadings >= 5);
      assert.equal(readingsOf(h, oldTx), 0);
      assert.equal(readingsOf(h, recentTx), 5);
      assert.equal(readingsOf(h, openTx), 6);
      assert.equal(count(h, "SELECT COUNT(*) AS n FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = 'BUDGET-A')"), 0);
      assert.equal(
        count(
          h,
          "SELECT COUNT(*) AS n FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = 'BUDGET-B') AND action IN (SELECT id FROM message_log_names WHERE name IN ('StartTransaction', 'MeterValues', 'DataTransfer'))",
        ),
        protectedRows,
      );
      // Totals of the pruned transaction stay.
      assert.deepEqual(h.csms.db.prepare('SELECT meter_start_wh, meter_stop_wh FROM transactions WHERE id = ?').get(oldTx), {
        meter_start_wh: 1000,
        meter_stop_wh: 1500,
      });
      assert.equal(afterSecond.prunable.messageLogRows, 0);
      assert.equal(afterSecond.prunable.messageLogProtectedRows, count(h, 'SELECT COUNT(*) AS n FROM message_log'));
      assert.ok(
        afterSecond.alerts.some((x) => x.kind === 'data-budget' && x.level === 'critical'),
        JSON.stringify(afterSecond.alerts),
      );

      // Not allowed (0 months): the readings are never touched.
      h.csms.services.settings.update({ meterDetailPruneAfterMonths: 0 });
      await h.csms.diskBudget.check();
      assert.equal(h.csms.diskBudget.status().lastPrune!.meterReadings, 0);
      assert.equal(readingsOf(h, recentTx), 5);
      await a.close();
      await b.close();
    } finally {
      await h.close();
    }
  });

  test('the alerts fire at their thresholds, in GET /api/status and GET /api/storage', async () => {
    let disk: DiskSpace = { freeBytes: 500 * GIB, totalBytes: 1000 * GIB };
    const h = await start({ overrides: { dataFolderBudgetMiB: 0, backupIntervalHours: 0 }, diskSpace: () => disk });
    const api = await startApi(h);
    const cp = await station(h, 'ALERT-1');
    try {
      // Budgets are whole MiB: a folder of a few MiB lets one sit between 80 % and 100 % of it.
      await fill(cp, 1000);
      await settle(h);
      const used = h.csms.diskBudget.status().usage.usedBytes;
      // Just above the 80 % line: no alert.
      h.csms.services.settings.update({ dataFolderBudgetMiB: Math.ceil(used / BUDGET_ALERT_FRACTION / MIB) + 1 });
      await h.csms.diskBudget.check();
      assert.deepEqual((await api.client.status()).alerts, []);
      // At or above 80 % of the budget (and below 100 %): a warning, nothing pruned.
      const budgetMiB = Math.floor(used / BUDGET_ALERT_FRACTION / MIB);
      assert.ok(budgetMiB * MIB >= used);
      h.csms.services.settings.update({ dataFolderBudgetMiB: budgetMiB });
      await h.csms.diskBudget.check();
      const alerts = (await api.client.status()).alerts;
      assert.deepEqual(
        alerts.map((a) => [a.kind, a.level]),
        [['data-budget', 'warning']],
      );
      assert.match(alerts[0]!.text, /above 100 % the oldest message-log rows are pruned/);
      assert.equal(h.csms.diskBudget.status().lastPrune, null);

      // The disk: a warning below 5 % free (or 2 GiB), critical below 512 MiB.
      h.csms.services.settings.update({ dataFolderBudgetMiB: 0 });
      disk = { freeBytes: DISK_FREE_ALERT_BYTES + MIB, totalBytes: 20 * GIB };
      await h.csms.diskBudget.check();
      assert.deepEqual((await api.client.status()).alerts, []);
      disk = { freeBytes: DISK_FREE_ALERT_BYTES - MIB, totalBytes: 20 * GIB };
      await h.csms.diskBudget.check();
      assert.deepEqual(
        (await api.client.status()).alerts.map((a) => [a.kind, a.level]),
        [['disk-free', 'warning']],
      );
      disk = { freeBytes: DISK_FREE_CRITICAL_BYTES - MIB, totalBytes: 20 * GIB };
      await h.csms.diskBudget.check();
      const storage = await api.client.storage();
      assert.deepEqual(
        storage.alerts.map((a) => [a.kind, a.level]),
        [['disk-free', 'critical']],
      );
      assert.equal(storage.disk?.freeBytes, DISK_FREE_CRITICAL_BYTES - MIB);
      // What takes the space adds up, and the database is most of it here.
      const b = storage.breakdown;
      assert.equal(storage.usedBytes, b.databaseBytes - b.reusableBytes + b.walBytes + b.backupsBytes + b.uploadedFilesBytes + b.otherBytes);
      assert.ok(b.databaseBytes > 0);
    } finally {
      await cp.close();
      await api.api.close();
      await h.close();
    }
  });

  test('backups count against the budget and say how large they are', async () => {
    const h = await start({ overrides: { dataFolderBudgetMiB: 0 } });
    try {
      const before = h.csms.diskBudget.status().usage;
      assert.equal(before.backupCount, 0);
      const made = await h.csms.backups.create('manual');
      await h.csms.diskBudget.check();
      const usage = h.csms.diskBudget.status().usage;
      assert.equal(usage.backupCount, 1);
      assert.equal(usage.backupsBytes, made.sizeBytes);
      assert.ok(usage.usedBytes >= before.usedBytes + made.sizeBytes - usage.reusableBytes);
    } finally {
      await h.close();
    }
  });

  test('a tiny budget: the server keeps answering and loses nothing it acknowledged; a full database recovers room', async () => {
    const h = await start({ overrides: { dataFolderBudgetMiB: 1, meterDetailPruneAfterMonths: 1 } });
    try {
      const cp = await station(h, 'TINY-1');
      const acked = { starts: 0, stops: 0, readings: 0 };
      let checking = true;
      // The budget check runs over and over while the station works.
      const checks = (async () => {
        while (checking) {
          await h.csms.diskBudget.check();
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const txIds: number[] = [];
      for (let s = 0; s < 6; s++) {
        const started = await ok(cp, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: new Date().toISOString() });
        acked.starts++;
        const tx = started.transactionId as number;
        txIds.push(tx);
        await fill(cp, 60);
        for (let i = 1; i <= 10; i++) {
          await ok(cp, 'MeterValues', meterValues(h, tx, i * 10));
          acked.readings++;
        }
        await ok(cp, 'StopTransaction', { transactionId: tx, meterStop: 100, timestamp: new Date().toISOString() });
        acked.stops++;
      }
      checking = false;
      await checks;
      // 1.4 MB of DataTransfer frames alone are over the budget: the log was pruned (a last check finishes the job).
      await h.csms.diskBudget.check();
      const exchanges = acked.starts + acked.stops + acked.readings + 6 * 60;
      assert.ok(count(h, 'SELECT COUNT(*) AS n FROM message_log') < exchanges, 'the budget pruned the log');
      assert.equal(count(h, "SELECT COUNT(*) AS n FROM transactions WHERE charge_point_id = 'TINY-1'"), acked.starts);
      assert.equal(count(h, "SELECT COUNT(*) AS n FROM transactions WHERE charge_point_id = 'TINY-1' AND meter_stop_wh = 100"), acked.stops);
      // Every reading the station was answered for is stored (the sessions ended minutes ago, not months).
      assert.equal(count(h, "SELECT COUNT(*) AS n FROM meter_values WHERE charge_point_id = 'TINY-1' AND source = 'MeterValues'"), acked.readings);

      // A full database: the CALL gets InternalError (never a false success); the budget's pruning frees pages
      // inside the file, and the next CALL is stored. Enough filler that the folder is over its 1 MiB budget again.
      // The open transaction is another station's: one of TINY-1 would keep all of TINY-1's rows of the last minute
      // (budget-pruning.ts), and with compressed storage its StartTransaction still fits in the full file.
      await fill(cp, 400);
      const other = await station(h, 'TINY-2');
      const pages = h.csms.db.pragma('page_count', { simple: true }) as number;
      h.csms.db.pragma(`max_page_count = ${pages}`);
      const open = await ok(other, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: new Date().toISOString() }).catch(
        () => null,
      );
      // Random values: readings and frames are stored compressed (README "Bytes stored").
      const big = Array.from({ length: 60 }, () => ({
        timestamp: new Date().toISOString(),
        sampledValue: [{ value: randomBytes(225).toString('base64') }],
      }));
      let refused = false;
      for (let i = 0; i < 200 && !refused; i++) {
        const answer = await cp.call(id(), 'MeterValues', { connectorId: 1, meterValue: big });
        if (answer[0] === 4) {
          assert.equal(answer[2], 'InternalError');
          refused = true;
        }
      }
      assert.ok(refused, 'the full database refused a write');
      await h.csms.diskBudget.check();
      const after = await cp.call(id(), 'MeterValues', { connectorId: 1, meterValue: big.slice(0, 5) });
      assert.equal(after[0], 3, JSON.stringify(after).slice(0, 200));
      h.csms.db.pragma('max_page_count = 1073741823');
      if (open) assert.equal(count(h, 'SELECT COUNT(*) AS n FROM transactions WHERE id = ?', open.transactionId), 1);
      await other.close();
      await cp.close();
    } finally {
      await h.close();
    }
  });
});
