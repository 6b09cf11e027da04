/**
 * An id tag as the API shows it, a page of the tag list and the CSV export. Here, beside the reader worker's queries,
 * because the worker builds and serialises both (read-queries.ts `idTagPage`, `idTagsCsv`): a page is chosen from
 * every tag in natural order, and sorting a depot's thousands of cards (~10–20 ms at 5,000), or reading them all and
 * writing their CSV (~17 ms), is not for the thread that answers stations.
 */
import { csvLine } from '../../../../shared/api/csv-line.js';
import { ID_TAG_CSV_HEADER, type IdTagDto, type ListResponse } from '../../../../shared/api/types.js';
import type { IdTagRow } from '../repositories/id-tags.js';

export function idTagDto(row: IdTagRow): IdTagDto {
  return {
    idTag: row.id_tag,
    status: row.status,
    expiryDate: row.expiry_date,
    parentIdTag: row.parent_id_tag,
    description: row.description,
    allowConcurrentTx: row.allow_concurrent_tx === null || row.allow_concurrent_tx === undefined ? null : row.allow_concurrent_tx === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What `GET /api/id-tags` asks for: `search` looks through every tag (id, parent, description), case-insensitive. */
export interface IdTagPageQuery {
  search: string;
  offset: number;
  limit: number;
}

/** People read identities with their numbers as numbers; ids are CiString, so case does not order them either. */
const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** Tags whose id, parent or description contains `search` (case-insensitive); all of them for an empty search. */
function matchingTags(rows: IdTagRow[], search: string): IdTagRow[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return rows.slice();
  return rows.filter(
    (r) =>
      r.id_tag.toLowerCase().includes(needle) ||
      (r.parent_id_tag ?? '').toLowerCase().includes(needle) ||
      r.description.toLowerCase().includes(needle),
  );
}

/** How many tags name each tag as their parent (keys lower-cased: idTag is compared case-insensitively). */
function memberCounts(rows: IdTagRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.parent_id_tag) counts.set(r.parent_id_tag.toLowerCase(), (counts.get(r.parent_id_tag.toLowerCase()) ?? 0) + 1);
  return counts;
}

/** One page of the tags matching the search, in natural order, with `total` counting every match. */
export function idTagPageBody(rows: IdTagRow[], q: IdTagPageQuery): ListResponse<IdTagDto> {
  const matching = matchingTags(rows, q.search).sort((a, b) => naturalOrder(a.id_tag, b.id_tag));
  const members = memberCounts(rows);
  return {
    items: matching.slice(q.offset, q.offset + q.limit).map((row) => ({ ...idTagDto(row), memberCount: members.get(row.id_tag.toLowerCase()) ?? 0 })),
    total: matching.length,
  };
}

/** The CSV text of the several-sessions setting: `true`, `false`, or empty for the default (docs/api.md "Id tags"). */
const concurrentText = (value: 0 | 1 | null): string => (value === null ? '' : value === 1 ? 'true' : 'false');

/** `GET /api/id-tags.csv`: every tag as `rows` gives them, one line each after the header (the import's columns). */
export function idTagsCsv(rows: readonly IdTagRow[]): string {
  let csv = csvLine([...ID_TAG_CSV_HEADER]);
  for (const row of rows)
    csv += csvLine([row.id_tag, row.status, row.expiry_date, row.parent_id_tag, row.description, concurrentText(row.allow_concurrent_tx)]);
  return csv;
}
