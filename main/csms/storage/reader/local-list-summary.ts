/**
 * `GET /api/local-lists`: each station's local list without its entries, with how many it holds and how far they
 * are from every id tag (shared/local-lists/diff.ts, the difference the console's station panel and the sync route
 * count). Built by the reader worker (read-queries.ts): at 5,000 stations × 200 entries the entries were a million
 * objects and a second to send, most of the console's time to draw the table went into diffing them again.
 */
import type { ListResponse, LocalListSummaryDto } from '../../../../shared/api/types.js';
import { diffLists, entryForTag } from '../../../../shared/local-lists/diff.js';
import type { IdTagRow } from '../repositories/id-tags.js';
import { storedEntries, type StoredLocalList } from '../repositories/station-operations.js';

type Counts = Pick<LocalListSummaryDto, 'entryCount' | 'difference'>;

export function localListSummaries(lists: readonly StoredLocalList[], tags: readonly IdTagRow[]): ListResponse<LocalListSummaryDto> {
  const desired = tags.map((t) => entryForTag({ idTag: t.id_tag, status: t.status, expiryDate: t.expiry_date, parentIdTag: t.parent_id_tag }));
  // Stations kept in step hold the same list, stored as the same text: each distinct text is parsed and compared once.
  const countsOf = new Map<string, Counts>();
  const items = lists.map(({ entriesJson, ...state }): LocalListSummaryDto => {
    if (entriesJson === null) return { ...state, entryCount: null, difference: null };
    let counts = countsOf.get(entriesJson);
    if (!counts) {
      const entries = storedEntries(entriesJson)!;
      const diff = diffLists(entries, desired)!;
      counts = { entryCount: entries.length, difference: { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length } };
      countsOf.set(entriesJson, counts);
    }
    return { ...state, ...counts };
  });
  return { items };
}
