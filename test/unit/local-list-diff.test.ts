/**
 * The local-list difference (shared/local-lists/diff.ts), shared by the console's station panel, the sync route and
 * the summary of every station's list that `GET /api/local-lists` sends (storage/reader/local-list-summary.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LocalListEntryDto } from '../../shared/api/types.js';
import { diffCounts, diffLists, diffSize, entryForTag, indexDesired, nextListVersion } from '../../shared/local-lists/diff.js';
import type { IdTagRow } from '../../main/csms/storage/repositories/id-tags.js';
import type { StoredLocalList } from '../../main/csms/storage/repositories/station-operations.js';
import { storedEntries, storedListColumns } from '../../main/csms/storage/repositories/local-list-columns.js';
import { localListSummaries } from '../../main/csms/storage/reader/local-list-summary.js';

const tag = (idTag: string, status = 'Accepted', parentIdTag: string | null = null) => ({
  idTag,
  status,
  expiryDate: null as string | null,
  parentIdTag,
});

describe('local list diff', () => {
  test('what a Differential update carries: added, changed, removed (case-insensitive ids, §7.28)', () => {
    const held: LocalListEntryDto[] = [
      { idTag: 'keep', idTagInfo: { status: 'Accepted' } },
      { idTag: 'BLOCK-ME', idTagInfo: { status: 'Accepted' } },
      { idTag: 'gone', idTagInfo: { status: 'Accepted' } },
    ];
    const diff = diffLists(held, [tag('KEEP'), tag('block-me', 'Blocked'), tag('new')].map(entryForTag));
    assert.ok(diff);
    assert.deepEqual(
      diff.added.map((e) => e.idTag),
      ['new'],
    );
    assert.deepEqual(
      diff.changed.map((e) => e.idTag),
      ['block-me'],
    );
    assert.deepEqual(diff.removed, [{ idTag: 'gone' }]);
    assert.equal(diffSize(diff), 3);
    assert.equal(diffSize({ added: 1, changed: 0, removed: 2 }), 3, 'counts add up like lists');
    assert.equal(diffLists(null, []), null, 'unknown holdings: only Full can follow');
  });

  test('the same idTagInfo whatever the order of its keys; a missing field is no field', () => {
    const held: LocalListEntryDto[] = [
      { idTag: 'A', idTagInfo: { parentIdTag: 'G', status: 'Accepted' } },
      { idTag: 'B', idTagInfo: { status: 'Accepted', expiryDate: undefined } },
      { idTag: 'C', idTagInfo: { status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z' } },
    ];
    const desired = [tag('A', 'Accepted', 'G'), tag('B'), tag('C')].map(entryForTag);
    assert.deepEqual(
      diffLists(held, desired)?.changed.map((e) => e.idTag),
      ['C'],
    );
  });

  test('the counts, in time that grows with the held list only, are those of the whole difference', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const statuses = ['Accepted', 'Blocked', 'Expired'];
    const entry = (id: string) => entryForTag(tag(random(2) ? id : id.toLowerCase(), statuses[random(3)], random(4) ? null : 'G'));
    for (let round = 0; round < 50; round++) {
      const ids = Array.from({ length: 40 }, (_, i) => `T-${i}`);
      const held = ids.filter(() => random(2)).map(entry);
      // A station's list may hold an id twice (in different case): the later one is what it holds.
      if (held.length) held.push({ ...held[0]!, idTag: held[0]!.idTag.toLowerCase() });
      const desired = ids.filter(() => random(3)).map(entry);
      const diff = diffLists(held, desired)!;
      assert.deepEqual(diffCounts(held, indexDesired(desired)), {
        added: diff.added.length,
        changed: diff.changed.length,
        removed: diff.removed.length,
      });
    }
    assert.equal(diffCounts(null, indexDesired([])), null);
  });

  test('a desired entry without idTagInfo cannot be held, so it is not wanted', () => {
    const diff = diffLists([{ idTag: 'A', idTagInfo: { status: 'Accepted' } }], [{ idTag: 'A' }]);
    assert.deepEqual(diff, { added: [], changed: [], removed: [{ idTag: 'A' }] });
  });

  test('the entry for a tag: status, expiry and parent as stored, in a fixed key order', () => {
    assert.equal(
      JSON.stringify(entryForTag({ idTag: 'T', status: 'Blocked', expiryDate: '2027-01-01T00:00:00.000Z', parentIdTag: 'G' })),
      '{"idTag":"T","idTagInfo":{"status":"Blocked","expiryDate":"2027-01-01T00:00:00.000Z","parentIdTag":"G"}}',
    );
    assert.deepEqual(entryForTag(tag('T')), { idTag: 'T', idTagInfo: { status: 'Accepted' } });
  });

  test('the next list version is above anything confirmed or reported, never below 1', () => {
    assert.equal(nextListVersion(undefined), 1);
    assert.equal(nextListVersion({ confirmedVersion: 4, reportedVersion: 7 }), 8);
    assert.equal(nextListVersion({ confirmedVersion: -1, reportedVersion: null }), 1);
  });
});

describe('every station summed up against the id tags', () => {
  const row = (id_tag: string, status: IdTagRow['status'] = 'Accepted'): IdTagRow => ({
    id_tag,
    status,
    expiry_date: null,
    parent_id_tag: null,
    description: '',
    allow_concurrent_tx: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  /** A station's stored list as the repository reads it, its text put in `texts` under its digest. */
  const texts = new Map<string, string>();
  const stored = (chargePointId: string, entries: LocalListEntryDto[] | null | string): StoredLocalList => {
    const text = entries === null ? null : typeof entries === 'string' ? entries : JSON.stringify(entries);
    const columns = text === null ? { entryCount: null, entriesDigest: null } : storedListColumns(text);
    if (columns.entriesDigest !== null) texts.set(columns.entriesDigest, text!);
    return {
      chargePointId,
      confirmedVersion: entries === null ? null : 3,
      reportedVersion: null,
      reportedAt: null,
      lastUpdateType: 'Full',
      lastStatus: 'Accepted',
      updatedAt: '2026-01-02T00:00:00.000Z',
      ...columns,
    };
  };

  test('entries held and the difference per station, without the entries; unknown holdings stay unknown', () => {
    const tags = [row('A'), row('B', 'Blocked'), row('C')];
    const inSync = [tag('A'), tag('B', 'Blocked'), tag('C')].map(entryForTag);
    const behind = [tag('a'), tag('B'), tag('OLD')].map(entryForTag);
    const { items } = localListSummaries([stored('CP-1', inSync), stored('CP-2', behind), stored('CP-3', null), stored('CP-4', inSync)], texts, tags);
    assert.deepEqual(
      items.map((s) => [s.chargePointId, s.entryCount, s.difference]),
      [
        ['CP-1', 3, { added: 0, changed: 0, removed: 0 }],
        ['CP-2', 3, { added: 1, changed: 1, removed: 1 }],
        ['CP-3', null, null],
        ['CP-4', 3, { added: 0, changed: 0, removed: 0 }],
      ],
    );
    assert.ok(
      items.every((s) => !('entries' in s) && !('entriesJson' in s)),
      'no entries are sent',
    );
    assert.equal(items[1]!.confirmedVersion, 3);
    assert.equal(items[1]!.updatedAt, '2026-01-02T00:00:00.000Z');
  });

  test('the same counts as the station panel finds with the whole list, for random lists', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const ids = Array.from({ length: 30 }, (_, i) => `T-${i}`);
    const statuses = ['Accepted', 'Blocked', 'Expired'] as const;
    const tags = ids.filter(() => random(3) > 0).map((id) => row(id, statuses[random(3)]));
    const lists = Array.from({ length: 40 }, (_, i) => {
      const entries = ids.filter(() => random(2) === 0).map((id) => entryForTag(tag(random(2) ? id : id.toLowerCase(), statuses[random(3)])));
      return stored(`CP-${i}`, i % 4 === 3 ? null : entries);
    });
    // Every fourth station holds the list of the station two before it: the same text, counted once.
    for (let i = 4; i < lists.length; i += 4) lists[i] = { ...lists[i - 2]!, chargePointId: `CP-${i}` };
    const desired = tags.map((t) => entryForTag({ idTag: t.id_tag, status: t.status, expiryDate: null, parentIdTag: null }));
    const { items } = localListSummaries(lists, texts, tags);
    for (const [i, s] of items.entries()) {
      const digest = lists[i]!.entriesDigest;
      const entries = digest === null ? null : (JSON.parse(texts.get(digest)!) as LocalListEntryDto[]);
      const diff = diffLists(entries, desired);
      assert.equal(s.entryCount, entries ? entries.length : null, s.chargePointId);
      assert.deepEqual(
        s.difference,
        diff && { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length },
        s.chargePointId,
      );
    }
  });

  test('unreadable stored entries read as an empty list, as the station panel reads them', () => {
    const { items } = localListSummaries([stored('CP-1', '{not json'), stored('CP-2', '{"not":"a list"}')], texts, [row('A')]);
    assert.deepEqual(
      items.map((s) => [s.entryCount, s.difference]),
      [
        [0, { added: 1, changed: 0, removed: 0 }],
        [0, { added: 1, changed: 0, removed: 0 }],
      ],
    );
    assert.deepEqual(storedEntries('{"not":"a list"}'), []);
  });

  test('a digest without its text is an error, never a made-up difference', () => {
    const list = stored('CP-1', []);
    assert.throws(() => localListSummaries([list], new Map(), [row('A')]), /no stored text for digest/);
  });
});
