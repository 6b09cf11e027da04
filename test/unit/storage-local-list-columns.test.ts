/**
 * Migration 0019 and the local-list repository: the entries are stored last, with their count and digest beside
 * them, so every station's list is summed up without reading the texts (repositories/local-list-columns.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { applyMigrations, openDatabase } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { storedListColumns } from '../../main/csms/storage/repositories/local-list-columns.js';
import { LocalListRepository } from '../../main/csms/storage/repositories/station-operations.js';

const BEFORE_0019 = MIGRATIONS.findIndex((m) => m.name === '0019-local-list-summary-columns');
const at = '2026-01-01T00:00:00.000Z';
const entries = (...ids: string[]) => ids.map((idTag) => ({ idTag, idTagInfo: { status: 'Accepted' } }));

describe('migration 0019: local lists with their entry count and digest', () => {
  test('every row keeps its state and entries and gains the count and digest of its text', () => {
    assert.ok(BEFORE_0019 > 0);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, BEFORE_0019));
    const insert = db.prepare(
      `INSERT INTO local_lists (charge_point_id, entries, confirmed_version, reported_version, reported_at, last_update_type, last_status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const same = JSON.stringify(entries('A', 'B'));
    insert.run('CP-1', same, 4, 4, at, 'Full', 'Accepted', at);
    insert.run('CP-2', same, 4, null, null, 'Differential', 'Accepted', at);
    insert.run('CP-3', null, null, -1, at, 'Full', 'VersionMismatch', at);
    insert.run('CP-4', 'not json', 1, null, null, 'Full', 'Accepted', at);
    const before = db.prepare('SELECT * FROM local_lists ORDER BY charge_point_id').all();
    applyMigrations(db, MIGRATIONS);

    const after = db.prepare('SELECT * FROM local_lists ORDER BY charge_point_id').all() as Array<Record<string, unknown>>;
    assert.deepEqual(
      after.map(({ entry_count: _c, entries_digest: _d, ...rest }) => rest),
      before,
    );
    assert.deepEqual(
      after.map((r) => [r.entry_count, r.entries_digest]),
      [
        [2, storedListColumns(same).entriesDigest],
        [2, storedListColumns(same).entriesDigest],
        [null, null],
        [0, storedListColumns('not json').entriesDigest],
      ],
    );
    const columns = (db.prepare('PRAGMA table_info(local_lists)').all() as Array<{ name: string }>).map((c) => c.name);
    assert.equal(columns.at(-1), 'entries', 'the text is stored last, after every column the summary reads');
  });
});

describe('the local-list repository', () => {
  test('every write keeps the count and digest of what it stored; one text per distinct list', () => {
    const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
    const lists = new LocalListRepository(db);
    lists.update('CP-1', { entries: entries('A', 'B', 'C'), confirmedVersion: 1, lastUpdateType: 'Full', lastStatus: 'Accepted' }, at);
    lists.update('CP-2', { entries: entries('A', 'B', 'C'), confirmedVersion: 1 }, at);
    lists.update('CP-3', { entries: entries('A'), confirmedVersion: 2 }, at);
    lists.update('CP-4', { reportedVersion: -1, reportedAt: at }, at);

    const stored = lists.listStored();
    assert.deepEqual(
      stored.map((s) => [s.chargePointId, s.entryCount]),
      [
        ['CP-1', 3],
        ['CP-2', 3],
        ['CP-3', 1],
        ['CP-4', null],
      ],
    );
    assert.equal(stored[0]!.entriesDigest, stored[1]!.entriesDigest, 'the same list, the same digest');
    assert.notEqual(stored[0]!.entriesDigest, stored[2]!.entriesDigest);
    assert.equal(stored[3]!.entriesDigest, null);
    const texts = lists.entriesByDigest();
    assert.equal(texts.size, 2);
    assert.deepEqual(JSON.parse(texts.get(stored[2]!.entriesDigest!)!), entries('A'));

    // A change that keeps the entries keeps their columns; one that forgets them clears both.
    lists.update('CP-1', { lastStatus: 'Failed' }, at);
    assert.deepEqual(lists.listStored()[0], { ...stored[0], lastStatus: 'Failed' });
    lists.update('CP-1', { entries: null, confirmedVersion: null }, at);
    assert.deepEqual([lists.listStored()[0]!.entryCount, lists.listStored()[0]!.entriesDigest], [null, null]);
    assert.equal(lists.get('CP-1')!.entries, null);
    assert.deepEqual(lists.get('CP-3')!.entries, entries('A'));
  });
});
