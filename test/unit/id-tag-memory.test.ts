/**
 * The id tags held in memory (storage/repositories/id-tags.ts, KnownIdTags) never disagree with the database: a
 * seeded random run of creates, changes and deletes, in mixed letter case and some of them undone, compares the
 * tag memory answers with the same lookup in SQL (the column's NOCASE collation) after every write.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { KnownIdTags, type IdTagInput } from '../../main/csms/storage/repositories/id-tags.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import { SeededRandom } from '../support/seeded-random.js';

// NOCASE folds ASCII letters only: 'Fleet-A' and 'FLEET-a' are one tag, 'Ädam' and 'äDAM' are two.
const TAGS = ['Fleet-A', 'FLEET-a', 'fleet-b', 'Ädam', 'äDAM', 'card-1', 'CARD-1', 'card-2', 'never-stored'];
const STATUSES: IdTagInput['status'][] = ['Accepted', 'Accepted', 'Blocked', 'Expired', 'Invalid'];

function assertInStep(db: Db, repos: ReturnType<typeof createRepositories>, where: string): void {
  const lookup = db.prepare('SELECT * FROM id_tags WHERE id_tag = ?');
  for (const tag of TAGS) assert.deepEqual(repos.idTags.get(tag), lookup.get(tag), `${where}: ${tag}`);
}

describe('id tags in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`stay in step with the database through a random run with undone units (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      let second = 0;
      const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();
      const change = (): void =>
        void repos.idTags.upsert(
          {
            idTag: rnd.pick(TAGS),
            status: rnd.pick(STATUSES),
            expiryDate: rnd.chance(0.3) ? now() : null,
            parentIdTag: rnd.chance(0.4) ? rnd.pick(TAGS) : null,
            description: rnd.chance(0.5) ? 'van 4' : undefined,
            allowConcurrentTx: [undefined, null, true, false][rnd.below(4)],
          },
          now(),
        );
      const remove = (): void => void repos.idTags.delete(rnd.pick(TAGS));
      let undone = 0;

      assertInStep(db, repos, 'empty');
      const unit = new Savepoint(db, 'unit');
      db.exec('BEGIN');
      for (let step = 0; step < 150; step++) {
        const write = rnd.chance(0.75) ? change : remove;
        if (rnd.chance(0.15)) {
          // A unit that fails after its writes: SQLite undoes them, memory must follow.
          unit.begin();
          write();
          assertInStep(db, repos, `step ${step}, inside the undone unit`);
          unit.rollback();
          undone++;
        } else write();
        assertInStep(db, repos, `step ${step}`);
        if (step % 40 === 39) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      assert.ok(undone > 5, `the run undid units (${undone})`);
      assert.ok(KnownIdTags.of(db).loads > undone / 2, 'a rollback loads the tags again');
      db.close();
    });
  }

  test('rows are frozen, and repositories on one connection share them', () => {
    const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
    const repos = createRepositories(db);
    repos.idTags.upsert({ idTag: 'Fleet-A', status: 'Accepted' }, '2026-01-01T00:00:00.000Z');
    const row = repos.idTags.get('fleet-a')!;
    assert.throws(() => ((row as { status: string }).status = 'Blocked'), TypeError);
    createRepositories(db).idTags.upsert({ idTag: 'FLEET-A', status: 'Blocked' }, '2026-01-01T00:00:01.000Z');
    assert.equal(repos.idTags.get('Fleet-a')?.status, 'Blocked');
    assert.equal(repos.idTags.get('Fleet-a')?.id_tag, 'Fleet-A', 'the stored spelling stays');
    assert.equal(KnownIdTags.of(db).loads, 1, 'loaded once, then kept in step');
    db.close();
  });
});
