/**
 * The open transactions held in memory (storage/repositories/open-transactions.ts) never disagree with the database:
 * a seeded random run of starts, stops, meter updates and operator closes, some of them undone, compares every read
 * the repositories answer from memory with the same read in SQL, after each write.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { foldIdTag } from '../../main/csms/storage/repositories/nocase.js';
import { OpenTransactions } from '../../main/csms/storage/repositories/open-transactions.js';
import { TransactionQueries } from '../../main/csms/storage/repositories/transaction-queries.js';
import type { TransactionRow } from '../../main/csms/storage/repositories/transactions.js';
import { invalidateCachedRows } from '../../main/csms/storage/write-caches.js';

const STATIONS = ['CP-1', 'CP-2', 'cp-1'];
const CONNECTORS = [0, 1, 2];
// SQLite's NOCASE folds ASCII letters only: 'Ädam' and 'äDAM' are different tags, 'TagA' and 'taga' the same.
const TAGS = ['TagA', 'taga', 'TAGB', 'tagc', 'Ädam', 'äDAM'];
const STATUSES = ['Accepted', 'Accepted', 'Accepted', 'Invalid', 'ConcurrentTx'];

/** A small seeded generator (mulberry32), so a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sqlRows(db: Db, sql: string, ...params: unknown[]): TransactionRow[] {
  return db.prepare(sql).all(...params) as TransactionRow[];
}

/** Every read answered from memory, against the same read in SQL on the same connection (so inside a batch too). */
function assertInStep(db: Db, repos: ReturnType<typeof createRepositories>, where: string): void {
  const open = 'SELECT * FROM transactions WHERE stop_received_at IS NULL';
  assert.deepEqual(OpenTransactions.of(db).all(), sqlRows(db, `${open} ORDER BY id`), `${where}: all open`);
  for (const station of STATIONS) {
    assert.deepEqual(
      repos.transactions.openForChargePoint(station),
      sqlRows(db, `${open} AND charge_point_id = ? ORDER BY connector_id, id`, station),
      `${where}: open of ${station}`,
    );
    for (const connector of CONNECTORS)
      assert.deepEqual(
        repos.transactions.openOnConnector(station, connector),
        sqlRows(db, `${open} AND charge_point_id = ? AND connector_id = ? ORDER BY id`, station, connector),
        `${where}: open on ${station}/${connector}`,
      );
  }
  for (const tag of TAGS)
    assert.deepEqual(
      repos.transactions.openForTag(tag),
      sqlRows(db, `${open} AND id_tag = ? AND start_status = 'Accepted' ORDER BY id`, tag),
      `${where}: open for ${tag}`,
    );
  const maxId = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM transactions').get() as { n: number }).n;
  for (let id = 1; id <= maxId + 1; id++)
    assert.deepEqual(repos.transactions.get(id), sqlRows(db, 'SELECT * FROM transactions WHERE id = ?', id)[0], `${where}: get(${id})`);
}

describe('open transactions in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`stay in step with the database through a random run with undone units (seed ${seed})`, async () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const queries = new TransactionQueries(db);
      const groupCommit = new GroupCommit(db);
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const anyId = () => 1 + Math.floor(next() * ((db.prepare('SELECT COUNT(*) AS n FROM transactions').get() as { n: number }).n + 2));
      let clock = Date.parse('2026-01-01T00:00:00.000Z');
      const now = () => new Date((clock += 1000)).toISOString();
      let undone = 0;

      const operations: Array<[string, () => void]> = [
        [
          'start',
          () =>
            void repos.transactions.insert({
              chargePointId: pick(STATIONS),
              connectorId: pick(CONNECTORS),
              idTag: pick(TAGS),
              startStatus: pick(STATUSES),
              reservationId: next() < 0.2 ? 7 : null,
              meterStartWh: Math.floor(next() * 1000),
              startedCpAt: now(),
              receivedAt: now(),
              startNote: next() < 0.3 ? 'note' : null,
            }),
        ],
        [
          'stop',
          () =>
            void repos.transactions.stop({
              id: anyId(),
              meterStopWh: next() < 0.8 ? 5000 : null,
              stoppedCpAt: now(),
              reason: 'Local',
              idTag: next() < 0.5 ? pick(TAGS) : null,
              endedBy: pick(['station', 'superseded', 'stale'] as const),
              note: null,
              receivedAt: now(),
            }),
        ],
        [
          'meter',
          () => repos.transactions.recordMeter(anyId(), next() < 0.7 ? Math.floor(next() * 9000) : null, next() < 0.5 ? 7400.5 : null, now()),
        ],
        ['meter', () => repos.transactions.recordMeter(anyId(), next() < 0.7 ? Math.floor(next() * 9000) : null, null, now())],
        ['operator close', () => void queries.closeByOperator(anyId(), 'stuck', now())],
        ['late station stop', () => void repos.transactions.replaceClosure(anyId(), 6000, now(), 'Local', null, now())],
        ['late superseded stop', () => void repos.transactions.completeSuperseded(anyId(), 6000, now(), 'Local', null, now())],
      ];
      const weights = [4, 2, 3, 3, 1, 1, 1];
      const weighted = operations.flatMap((op, i) => Array<[string, () => void]>(weights[i]!).fill(op));

      for (let unit = 0; unit < 120; unit++) {
        const steps = 1 + Math.floor(next() * 4);
        const fails = next() < 0.15;
        const done = groupCommit.run(() => {
          for (let step = 0; step < steps; step++) {
            const [name, run] = pick(weighted);
            run();
            assertInStep(db, repos, `unit ${unit} step ${step} (${name})`);
          }
          if (fails) throw new Error('handler failed');
        });
        if (fails) {
          await assert.rejects(done, /handler failed/);
          undone++;
        } else await done;
        assertInStep(db, repos, `after unit ${unit}${fails ? ' (undone)' : ''}`);
      }
      assert.ok(undone > 5, `the run undid units (${undone})`);
      assert.ok(sqlRows(db, 'SELECT * FROM transactions WHERE stop_received_at IS NULL').length > 0, 'some stay open');
      assert.ok(sqlRows(db, 'SELECT * FROM transactions WHERE stop_received_at IS NOT NULL').length > 0, 'some were closed');
      db.close();
    });
  }

  test('a row from memory cannot be changed by a caller; a write made elsewhere is seen after a reload', () => {
    const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
    const repos = createRepositories(db);
    const id = repos.transactions.insert({
      chargePointId: 'CP-1',
      connectorId: 1,
      idTag: 'TAG',
      startStatus: 'Accepted',
      reservationId: null,
      meterStartWh: 0,
      startedCpAt: '2026-01-01T00:00:00Z',
      receivedAt: '2026-01-01T00:00:01.000Z',
      startNote: null,
    });
    const row = repos.transactions.get(id)!;
    assert.throws(() => ((row as { last_meter_wh: number | null }).last_meter_wh = 5), TypeError);
    const open = OpenTransactions.of(db);
    const loads = open.loads;
    db.prepare('UPDATE transactions SET stop_received_at = ? WHERE id = ?').run('2026-01-01T01:00:00.000Z', id);
    assert.equal(repos.transactions.openOnConnector('CP-1', 1).length, 1, 'memory is the answer: writes must go through the repositories');
    // Rolled back or pruned rows empty every cache of the connection (write-caches.ts): then memory is read anew.
    invalidateCachedRows(db);
    assert.deepEqual(repos.transactions.openOnConnector('CP-1', 1), []);
    assert.equal(open.loads, loads + 1);
    db.close();
  });

  test('tags fold like SQLite NOCASE: ASCII letters only', () => {
    assert.equal(foldIdTag('TagA'), 'taga');
    assert.equal(foldIdTag('ÄDAM'), 'Ädam');
    assert.equal(foldIdTag('plain-1'), 'plain-1');
  });
});
