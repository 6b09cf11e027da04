/**
 * The database protects itself (README "Backups and restore"): each promise with a test that tries to break it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { backupDir, listBackups, setAsideDir } from '../../main/csms/storage/backup-files.js';
import { BackupService } from '../../main/csms/storage/backup.js';
import { applyMigrations, openDatabase } from '../../main/csms/storage/database.js';
import { StorageError } from '../../main/csms/storage/storage-error.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { applyRestoreIfRequested, readPendingRestore, stageRestore } from '../../main/csms/storage/restore.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'csms-backup-'));
  dirs.push(dir);
  return dir;
}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A database built by the app, with `rows` message-log rows of ~1 KB, closed cleanly (WAL checkpointed). */
function buildDatabase(dataDir: string, rows: number): string {
  const file = join(dataDir, 'csms.sqlite');
  const db = openDatabase({ file, syncMode: 'NORMAL' });
  const insert = db.prepare(
    // Stored as they are (dictionary 0), so each row keeps its ~1 KB (migration 0011's layout).
    'INSERT INTO message_log (at, station, outbound, message_type, dictionary, frames) VALUES (?, ?, 0, 2, 0, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(1.7e12 + i * 1000, i % 50, Buffer.from(`[2,"m${i}","Heartbeat",{}]`.padEnd(1000, ' ')));
  })();
  db.close();
  return file;
}
const countRows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM message_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('integrity check at start', () => {
  test('garbage written over pages in the middle: typed error naming the file and the backups, bytes unchanged', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 3000);
    const service = new BackupService({ file, dataDir, settings: () => ({ backupIntervalHours: 0, backupKeepCount: 3 }), logger: quiet });
    const backup = await service.create('manual');
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = sha256(file);
    assert.throws(
      () => openDatabase({ file, syncMode: 'FULL' }),
      (err: unknown) => {
        assert.ok(err instanceof StorageError);
        assert.equal(err.kind, 'corrupt');
        assert.match(err.message, new RegExp(`database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupt`));
        assert.match(err.message, /not changed/);
        assert.ok(err.message.includes(backup.name), err.message);
        assert.match(err.message, /--restore-backup/);
        return true;
      },
    );
    assert.equal(sha256(file), before, 'the corrupt file must not be modified');
    assert.equal(statSync(file).size, size);
  });
});

describe('backup before a migration', () => {
  test('an older database holding data is copied (and the copy verified) before its schema changes', () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, 'csms.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    applyMigrations(old, MIGRATIONS.slice(0, -1));
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', '\"v-old\"')").run();
    old.close();
    openDatabase({ file, syncMode: 'NORMAL' }).close();
    const made = listBackups(backupDir(dataDir));
    assert.equal(made.length, 1);
    assert.equal(made[0]!.reason, 'pre-migration');
    assert.equal(made[0]!.schemaVersion, MIGRATIONS.length - 1);
    const copy = new Database(made[0]!.path, { readonly: true });
    assert.equal((copy.prepare('SELECT COUNT(*) AS n FROM _migrations').get() as { n: number }).n, MIGRATIONS.length - 1);
    assert.equal((copy.prepare("SELECT value FROM settings WHERE key = 'marker'").get() as { value: string }).value, '"v-old"');
    copy.close();
    // A new database has nothing to lose: no backup.
    const fresh = tempDataDir();
    openDatabase({ file: join(fresh, 'csms.sqlite'), syncMode: 'NORMAL' }).close();
    assert.deepEqual(listBackups(backupDir(fresh)), []);
  });

  test('when the backup cannot be written, the migration does not run and the database is unchanged', () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, 'csms.sqlite');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, -1));
    old.close();
    writeFileSync(backupDir(dataDir), 'a file where the backups folder should be');
    assert.throws(
      () => openDatabase({ file, syncMode: 'NORMAL' }),
      (err: unknown) => err instanceof StorageError && /before upgrading its schema/.test(err.message),
    );
    const db = new Database(file, { readonly: true });
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM _migrations').get() as { n: number }).n, MIGRATIONS.length - 1);
    db.close();
  });
});

describe('online backups', () => {
  test('a backup taken while writes go on is complete, verified, one file, and the event loop keeps running', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 40_000); // ≈ 45 MB
    const db = openDatabase({ file, syncMode: 'NORMAL' });
    const gc = new GroupCommit(db);
    const insert = db.prepare(
      "INSERT INTO message_log (at, station, outbound, message_type, dictionary, frames) VALUES (1735689600000, 0, 0, 2, 0, X'5b5d')",
    );
    const service = new BackupService({ file, dataDir, settings: () => ({ backupIntervalHours: 0, backupKeepCount: 3 }), logger: quiet });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let writes = 0;
    const writer = setInterval(() => void gc.run(() => insert.run()).then(() => writes++), 1);
    const startedMs = performance.now();
    const made = await service.create('manual');
    const tookMs = performance.now() - startedMs;
    clearInterval(writer);
    delay.disable();
    await new Promise((resolve) => setTimeout(resolve, 20));
    db.close();
    const maxDelayMs = delay.max / 1e6;
    console.log(
      `backup of ${(made.sizeBytes / 1_048_576).toFixed(1)} MiB: ${tookMs.toFixed(0)} ms, ${writes} commits meanwhile, max event-loop delay ${maxDelayMs.toFixed(1)} ms`,
    );
    assert.ok(writes > 10, `writes continued during the backup (${writes})`);
    assert.ok(maxDelayMs < 100, `event loop blocked ${maxDelayMs} ms`);
    assert.ok(countRows(made.path) >= 40_000);
    assert.equal(made.schemaVersion, MIGRATIONS.length);
    assert.ok(!existsSync(`${made.path}-wal`));
    const copy = new Database(made.path, { readonly: true });
    assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
    copy.close();
    assert.deepEqual(
      readdirSync(backupDir(dataDir)).filter((n) => n.endsWith('.partial')),
      [],
    );
  });

  test('rotation keeps the newest N of a kind, and a failed backup removes none', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 10);
    let clockMs = Date.parse('2025-03-01T00:00:00Z');
    const settings = { backupIntervalHours: 0, backupKeepCount: 2 };
    const service = new BackupService({ file, dataDir, settings: () => settings, logger: quiet, now: () => new Date((clockMs += 60_000)) });
    const a = await service.create('auto');
    const b = await service.create('auto');
    const c = await service.create('auto');
    const manual = await service.create('manual');
    const names = service.list().map((x) => x.name);
    assert.deepEqual(names, [manual.name, c.name, b.name]);
    assert.ok(!names.includes(a.name));

    const broken = new BackupService({
      file: join(dataDir, 'missing.sqlite'),
      dataDir,
      settings: () => settings,
      logger: quiet,
      now: () => new Date((clockMs += 60_000)),
    });
    await assert.rejects(broken.create('auto'), (err: unknown) => err instanceof StorageError);
    assert.deepEqual(
      broken.list().map((x) => x.name),
      names,
    );
    assert.match(broken.status().lastError ?? '', /Backup into .* failed/);
  });

  test('the timer makes a backup when the newest automatic one is older than the interval, not before', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 10);
    const settings = { backupIntervalHours: 1, backupKeepCount: 5 };
    const service = new BackupService({ file, dataDir, settings: () => settings, logger: quiet, startupDelayMs: 0 });
    service.start();
    const deadline = Date.now() + 10_000;
    while (service.list().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(service.list().length, 1);
    assert.equal(service.list()[0]!.reason, 'auto');
    await service.stop();
    // A fresh one exists: the next restart schedules the next one an interval later.
    const again = new BackupService({ file, dataDir, settings: () => settings, logger: quiet, startupDelayMs: 0 });
    again.start();
    const nextMs = Date.parse(again.status().nextAutomaticAt!);
    assert.ok(nextMs - Date.now() > 59 * 60_000, `next at ${again.status().nextAutomaticAt}`);
    settings.backupIntervalHours = 0;
    again.reschedule();
    assert.equal(again.status().nextAutomaticAt, null);
    await again.stop();
  });
});

describe('restore', () => {
  test('the current database and its WAL are set aside together, the backup takes its place', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 5);
    const service = new BackupService({ file, dataDir, settings: () => ({ backupIntervalHours: 0, backupKeepCount: 3 }), logger: quiet });
    const backup = await service.create('manual');
    // After the backup: more rows, left in the WAL (the connection stays open so nothing is checkpointed).
    const live = new Database(file);
    live.pragma('wal_autocheckpoint = 0');
    live.prepare("INSERT INTO message_log (at, station, outbound, dictionary, frames) VALUES (0, 0, 0, 0, X'5b5d')").run();
    assert.ok(statSync(`${file}-wal`).size > 0);
    const walCopyDir = tempDataDir();
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(join(walCopyDir, `csms.sqlite${suffix}`), readFileSync(file + suffix));
    live.close();
    // Restore on the copy with a live WAL next to it (as after a crash).
    mkdirSync(backupDir(walCopyDir));
    writeFileSync(join(backupDir(walCopyDir), backup.name), readFileSync(backup.path));
    const target = join(walCopyDir, 'csms.sqlite');
    const outcome = await applyRestoreIfRequested(target, backup.name);
    assert.ok(outcome?.setAsidePath);
    assert.equal(countRows(target), 5);
    assert.ok(!existsSync(`${target}-wal`) || statSync(`${target}-wal`).size === 0);
    // The set-aside files still hold the row that was only in the WAL.
    assert.ok(existsSync(`${outcome.setAsidePath}-wal`));
    assert.equal(countRows(outcome.setAsidePath), 6);
    assert.ok(outcome.setAsidePath.startsWith(setAsideDir(walCopyDir)));
  });

  test('a damaged or foreign backup is refused and the current database is untouched', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 5);
    const before = sha256(file);
    const garbage = join(dataDir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    await assert.rejects(
      applyRestoreIfRequested(file, garbage),
      (err: unknown) => err instanceof StorageError && err.kind === 'restore-failed' && /not changed/.test(err.message),
    );
    const foreign = join(dataDir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (x)');
    f.close();
    await assert.rejects(applyRestoreIfRequested(file, foreign), /not a database written by this central system/);
    await assert.rejects(applyRestoreIfRequested(file, 'csms-20990101T000000000Z-manual-v1.sqlite'), /no such backup/);
    assert.equal(sha256(file), before);
    assert.ok(!existsSync(setAsideDir(dataDir)));
  });

  test('a staged restore is applied once at the next start; an interrupted one is finished', async () => {
    const dataDir = tempDataDir();
    const file = buildDatabase(dataDir, 7);
    const service = new BackupService({ file, dataDir, settings: () => ({ backupIntervalHours: 0, backupKeepCount: 3 }), logger: quiet });
    const backup = await service.create('manual');
    const live = openDatabase({ file, syncMode: 'NORMAL' });
    live.prepare("INSERT INTO message_log (at, station, outbound, dictionary, frames) VALUES (0, 0, 0, 0, X'5b5d')").run();
    live.close();
    stageRestore(dataDir, backup.name);
    const outcome = await applyRestoreIfRequested(file, undefined);
    assert.equal(outcome?.origin, 'staged');
    assert.equal(countRows(file), 7);
    assert.equal(readPendingRestore(dataDir), null);
    assert.equal(await applyRestoreIfRequested(file, undefined), null);

    // Crash after the intent was written and the WAL moved, before the main file moved.
    writeFileSync(`${file}.restoring`, readFileSync(backup.path));
    const aside = join(setAsideDir(dataDir), 'csms-interrupted.sqlite');
    writeFileSync(`${file}.restore-intent.json`, JSON.stringify({ setAsidePath: aside }));
    await applyRestoreIfRequested(file, undefined);
    assert.ok(existsSync(aside));
    assert.ok(!existsSync(`${file}.restoring`));
    assert.equal(countRows(file), 7);
  });
});

describe('full disk', () => {
  test('a unit that hits SQLITE_FULL is refused with a typed error; what was committed stays; later batches work', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    const gc = new GroupCommit(db);
    await gc.run(() => db.prepare('INSERT INTO t VALUES (?)').run('kept'));
    const pageCount = db.pragma('page_count', { simple: true });
    assert.ok(typeof pageCount === 'number');
    db.pragma(`max_page_count = ${pageCount}`);
    const small = gc.run(() => db.prepare('INSERT INTO t VALUES (?)').run('small'));
    const big = gc.run(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
    const results = await Promise.allSettled([small, big]);
    assert.equal(results[1].status, 'rejected');
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t WHERE x = 'kept'").get() as { n: number }).n, 1);
    db.pragma('max_page_count = 1073741823');
    await gc.run(() => db.prepare('INSERT INTO t VALUES (?)').run('later'));
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t WHERE x = 'later'").get() as { n: number }).n, 1);
    // Whatever was answered as a success is really there (no false success).
    if (results[0].status === 'fulfilled') assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t WHERE x = 'small'").get() as { n: number }).n, 1);
    db.close();
  });
});
