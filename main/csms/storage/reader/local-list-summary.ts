/**
 * `GET /api/local-lists`: each station's local list without its entries, with how many it holds and how far they
 * are from every id tag (shared/local-lists/diff.ts, the difference the console's station panel and the sync route
 * count). Built by the reader worker (read-queries.ts). At 5,000 stations × 200 entries the entries were a million
 * objects in one answer, and the console diffed them all again to draw its table. Now each distinct list is read
 * and counted once (stations kept in step hold the same list: the same digest, repositories/local-list-columns.ts),
 * in time that grows with its entries, not with them times the tags (`diffCounts`).
 */
import type { ListResponse, LocalListSummaryDto } from '../../../../shared/api/types.js';
import { diffCounts, entryForTag, indexDesired } from '../../../../shared/local-lists/diff.js';
import type { IdTagRow } from '../repositories/id-tags.js';
import { idTagDto } from './id-tag-list.js';
import { storedEntries } from '../repositories/local-list-columns.js';
import type { StoredLocalList } from '../repositories/station-operations.js';

type Difference = LocalListSummaryDto['difference'];

/**
 * `lists` in station order; `entriesByDigest` the text of each distinct list, read in the same snapshot as
 * `lists` (LocalListRepository.entriesByDigest); `tags` every id tag, which every station should hold.
 */
export function localListSummaries(
  lists: readonly StoredLocalList[],
  entriesByDigest: ReadonlyMap<string, string>,
  tags: readonly IdTagRow[],
): ListResponse<LocalListSummaryDto> {
  const wanted = indexDesired(tags.map((t) => entryForTag(idTagDto(t))));
  const differenceOf = new Map<string, Difference>();
  const difference = (digest: string): Difference => {
    let counted = differenceOf.get(digest);
    if (counted === undefined) {
      const text = entriesByDigest.get(digest);
      if (text === undefined) throw new Error(`local lists: no stored text for digest ${digest} (the two reads must share one snapshot)`);
      counted = diffCounts(storedEntries(text), wanted)!;
      differenceOf.set(digest, counted);
    }
    return counted;
  };
  const items = lists.map(({ entriesDigest, ...state }): LocalListSummaryDto => ({
    ...state,
    difference: entriesDigest === null ? null : difference(entriesDigest),
  }));
  return { items };
}
