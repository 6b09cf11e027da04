import assert from 'node:assert/strict';
import { close, fdatasync, mkdtempSync, open, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../main/csms/storage/database.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import { deferWalSync, WalSync, type WalSyncFs } from '../../main/csms/storage/wal-sync.js';

function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'csms-wal-sync-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Real file calls, except that each fdatasync is held until the test releases it (or fails it). */
function heldFs(): { fs: WalSyncFs; synced: string[]; opens: () => number; pending: () => number; release: (error?: Error) => void } {
  const held: Array<(error?: Error) => void> = [];
  let opens = 0;
  const paths = new Map<number, string>();
  const synced: string[] = [];
  const fs = {
    open: ((path: string, flags: string, cb: (err: NodeJS.ErrnoException | null, fd: number) => void) =>
      open(path, flags, (err, fd) => {
        opens++;
        if (!err) paths.set(fd, path);
        cb(err, fd);
      })) as unknown as WalSyncFs['open'],
    fdatasync: ((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) =>
      held.push((error) => {
        if (error) return cb(error);
        fdatasync(fd, (err) => {
          synced.push(paths.get(fd) ?? '?');
          cb(err);
        });
      })) as unknown as WalSyncFs['fdatasync'],
    close,
  };
  return {
    fs,
    synced,
    opens: () => opens,
    pending: () => held.length,
    release: (error) => held.shift()!(error),
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits until the held file system has a sync waiting: the open before it is a trip to the thread pool, which a
 * loaded machine can make take milliseconds, so the wait is bounded by time (5 s), not by a number of turns.
 */
async function syncHeld(fs: { pending: () => number }, count = 1): Promise<void> {
  const deadline = Date.now() + 5000;
  while (fs.pending() < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  assert.equal(fs.pending(), count, 'a WAL sync is waiting');
}

/**
 * A FULL database file with a table `t`, a group commit whose WAL syncs are held (heldFs), and `insert(x)` as one
 * unit of work. `use` runs with it; the folder is removed afterwards.
 */
async function withHeldSyncs(
  use: (f: {
    file: string;
    db: ReturnType<typeof openDatabase>;
    fs: ReturnType<typeof heldFs>;
    walSync: WalSync;
    gc: GroupCommit;
    errors: Error[];
    insert: (x: number) => Promise<unknown>;
  }) => Promise<void>,
): Promise<void> {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'csms.db');
    const db = openDatabase({ file, syncMode: 'FULL' });
    db.exec('CREATE TABLE t (x INTEGER)');
    const fs = heldFs();
    const walSync = deferWalSync(db, file, fs.fs)!;
    const errors: Error[] = [];
    const gc = new GroupCommit(db, (error) => errors.push(error), walSync);
    const insert = (x: number) => gc.run(() => db.prepare('INSERT INTO t VALUES (?)').run(x));
    await use({ file, db, fs, walSync, gc, errors, insert });
    db.close();
  } finally {
    cleanup();
  }
}

describe('WAL sync off the answering thread', () => {
  test('a FULL file database commits without fsync, and the WalSync names its WAL file', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'csms.db');
      const db = openDatabase({ file, syncMode: 'FULL' });
      const walSync = deferWalSync(db, file);
      assert.ok(walSync);
      assert.equal(walSync.walFile, `${file}-wal`);
      assert.equal(db.pragma('synchronous', { simple: true }), 1, 'NORMAL: the COMMIT itself no longer syncs');
      db.close();
      const normal = openDatabase({ file, syncMode: 'NORMAL' });
      assert.equal(deferWalSync(normal, file), undefined, 'NORMAL was chosen: no sync is added');
      normal.close();
      const memory = new Database(':memory:');
      memory.pragma('synchronous = FULL');
      assert.equal(deferWalSync(memory, ':memory:'), undefined);
      assert.equal(memory.pragma('synchronous', { simple: true }), 2, 'a database in memory is left as it is');
      memory.close();
    } finally {
      cleanup();
    }
  });

  test("a batch's callers hear of their commit only once the WAL is synced", () =>
    withHeldSyncs(async ({ file, db, fs, insert }) => {
      let settled = false;
      const unit = insert(1).then(() => (settled = true));
      await syncHeld(fs);
      assert.equal(db.inTransaction, false, 'the batch is committed');
      assert.equal(settled, false, 'but not acknowledged while its WAL sync is pending');
      fs.release();
      await unit;
      assert.equal(settled, true);
      assert.deepEqual(fs.synced, [`${file}-wal`]);
    }));

  test('commits made while a sync runs wait for the next one, which covers them all, in order', () =>
    withHeldSyncs(async ({ fs, walSync, gc, insert }) => {
      const order: number[] = [];
      const first = insert(1).then(() => order.push(1));
      await syncHeld(fs);
      // Two more batches commit while the first sync is held: they must not ride on it.
      const second = insert(2).then(() => order.push(2));
      gc.flush();
      const third = insert(3).then(() => order.push(3));
      gc.flush();
      assert.equal(gc.stats.batches, 3, 'three commits');
      fs.release();
      await first;
      await turn();
      assert.deepEqual(order, [1], 'the later commits wait for a sync that started after them');
      await syncHeld(fs);
      fs.release();
      await Promise.all([second, third]);
      assert.deepEqual(order, [1, 2, 3]);
      assert.deepEqual(walSync.stats, { syncs: 2, commits: 3 });
      assert.equal(fs.opens(), 1, 'the WAL is opened once and its descriptor kept');
    }));

  test('a batch due while a sync runs commits when it ends, with the units that arrived meanwhile', () =>
    withHeldSyncs(async ({ db, fs, gc, insert }) => {
      const first = insert(1);
      await syncHeld(fs);
      const second = insert(2);
      await new Promise((resolve) => setTimeout(resolve, 20)); // well past the commit's pacing (at most 5 ms)
      assert.equal(db.inTransaction, true, 'the second batch waits for the running sync');
      const third = insert(3);
      fs.release();
      await first;
      await syncHeld(fs);
      assert.equal(db.inTransaction, false);
      const { batches, units, maxUnitsPerBatch, commitMs, slowCommits } = gc.stats;
      assert.deepEqual({ batches, units, maxUnitsPerBatch }, { batches: 2, units: 3, maxUnitsPerBatch: 2 }, 'the third unit joined the second batch');
      assert.ok(commitMs > 0 && slowCommits <= batches, `COMMIT time counted: ${commitMs} ms, ${slowCommits} slow`);
      fs.release();
      await Promise.all([second, third]);
    }));

  test('a failed sync fails the batch: nothing that might be lost is acknowledged', () =>
    withHeldSyncs(async ({ fs, errors, insert }) => {
      const unit = insert(1);
      await syncHeld(fs);
      fs.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      await assert.rejects(unit, /EIO/);
      assert.equal(errors.length, 1, 'reported like a failed commit');
    }));

  test('drain() resolves only when every commit is synced', () =>
    withHeldSyncs(async ({ db, fs, gc, insert }) => {
      void insert(1);
      let drained = false;
      const draining = gc.drain().then(() => (drained = true));
      assert.equal(db.inTransaction, false, 'drain commits the open batch at once');
      await syncHeld(fs);
      assert.equal(drained, false);
      fs.release();
      await draining;
      assert.equal(drained, true);
    }));

  test('a WAL file that SQLite removed counts as synced (it was checkpointed into the database first)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const walSync = new WalSync(join(dir, 'gone.db-wal'));
      await walSync.afterCommit();
      assert.deepEqual(walSync.stats, { syncs: 1, commits: 1 });
    } finally {
      cleanup();
    }
  });
});
