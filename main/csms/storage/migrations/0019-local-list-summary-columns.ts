/**
 * `GET /api/local-lists` sums up every station's list without sending its entries (storage/reader/
 * local-list-summary.ts). At a large depot (5,000 stations × 200 entries, ~10 KB of JSON each) reading those texts
 * was most of its time, and even the state columns stored after them cost a walk through each row's overflow
 * pages. The table is rebuilt with the entries last, after two columns that let the summary go without them:
 * - `entry_count`: how many entries the text holds (NULL with the text: unknown);
 * - `entries_digest`: the SHA-256 of the text (base64): stations kept in step hold the same list, and the summary
 *   reads and compares one text per digest.
 * Both are filled here from the stored text, as the repository fills them on every write
 * (repositories/local-list-columns.ts).
 */
import type Database from 'better-sqlite3';
import { storedListColumns } from '../repositories/local-list-columns.js';

export const name = '0019-local-list-summary-columns';

export const sql = `
CREATE TABLE local_lists_new (
  charge_point_id   TEXT PRIMARY KEY,
  confirmed_version INTEGER,                              -- version of 'entries' the station confirmed; NULL = unknown
  reported_version  INTEGER,                              -- last GetLocalListVersion answer (-1 = not supported, 0 = empty)
  reported_at       TEXT,
  last_update_type  TEXT,                                 -- Full | Differential of the last SendLocalList
  last_status       TEXT,                                 -- its answer (Accepted, Failed, NotSupported, VersionMismatch, or an error)
  updated_at        TEXT NOT NULL,
  entry_count       INTEGER,                              -- entries in 'entries'; NULL with it
  entries_digest    TEXT,                                 -- SHA-256 (base64) of 'entries'; NULL with it
  entries           TEXT                                  -- JSON [{idTag, idTagInfo}] the station holds; NULL = unknown. Last: see above
);
INSERT INTO local_lists_new (charge_point_id, confirmed_version, reported_version, reported_at, last_update_type, last_status, updated_at, entries)
SELECT charge_point_id, confirmed_version, reported_version, reported_at, last_update_type, last_status, updated_at, entries
FROM local_lists ORDER BY rowid;
DROP TABLE local_lists;
ALTER TABLE local_lists_new RENAME TO local_lists;
`;

export function run(db: Database.Database): void {
  const rows = db
    .prepare<[], { charge_point_id: string; entries: string }>('SELECT charge_point_id, entries FROM local_lists WHERE entries IS NOT NULL')
    .all();
  const fill = db.prepare('UPDATE local_lists SET entry_count = @entryCount, entries_digest = @entriesDigest WHERE charge_point_id = @id');
  for (const row of rows) fill.run({ id: row.charge_point_id, ...storedListColumns(row.entries) });
}
