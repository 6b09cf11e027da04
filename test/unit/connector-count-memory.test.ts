/**
 * Each station's NumberOfConnectors, which every StartTransaction is checked against, is read from memory
 * (storage/repositories/station-operations.ts, ConfigurationSnapshotRepository.numberOfConnectors): it must be what
 * the stored snapshot says, through new snapshots, snapshots without the key, with it twice or with a value that is
 * no whole number, and undone units (after which all stations' counts are read again, in SQL).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import { SeededRandom } from '../support/seeded-random.js';

const STATIONS = ['CP-1', 'CP-2', 'cp-1'];
const VALUES = ['1', '2', ' 3 ', '10', 'two', '', '-1', '2.5', undefined];

/** What the stored snapshot says, read and parsed in SQL's terms: a whole number, or undefined. */
function countInSql(db: Db, chargePointId: string): number | undefined {
  const row = db.prepare<[string], { entries: string }>('SELECT entries FROM configuration_snapshots WHERE charge_point_id = ?').get(chargePointId);
  if (!row) return undefined;
  const entry = (JSON.parse(row.entries) as { key: string; value?: string }[]).find((e) => e.key === 'NumberOfConnectors');
  return entry?.value !== undefined && /^\d+$/.test(entry.value.trim()) ? Number(entry.value) : undefined;
}

describe('NumberOfConnectors in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`every read is what the stored snapshot says, through new snapshots and undone units (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      const unit = new Savepoint(db, 'unit');
      const counts = { saves: 0, undone: 0, numbers: 0 };

      db.exec('BEGIN');
      for (let step = 0; step < 200; step++) {
        const chargePointId = rnd.pick(STATIONS);
        const undo = rnd.chance(0.2);
        if (undo) unit.begin();
        const value = VALUES[rnd.below(VALUES.length)];
        const entries = [
          { key: 'HeartbeatInterval', readonly: false, value: '300' },
          // Some stations leave the key out, or give it without a value.
          ...(rnd.chance(0.8) ? [{ key: 'NumberOfConnectors', readonly: true, ...(value === undefined ? {} : { value }) }] : []),
          // A station that lists the key twice: the first one counts.
          ...(rnd.chance(0.2) ? [{ key: 'NumberOfConnectors', readonly: true, value: String(rnd.below(5)) }] : []),
        ];
        repos.configurationSnapshots.save(
          { chargePointId, entries, unknownKeys: [], requestedKeys: null, takenAt: null },
          '2026-01-01T00:00:00.000Z',
        );
        counts.saves++;
        if (undo) {
          unit.rollback();
          counts.undone++;
        }
        for (const station of STATIONS) {
          const read = repos.configurationSnapshots.numberOfConnectors(station);
          assert.equal(read, countInSql(db, station), `seed ${seed}, step ${step}: ${station}`);
          if (read !== undefined) counts.numbers++;
        }
        if (step % 50 === 49) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      assert.ok(counts.undone > 20 && counts.numbers > 100, JSON.stringify(counts));
      db.close();
    });
  }
});
