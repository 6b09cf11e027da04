import type { ChargePointDto } from '../../../shared/api/types.js';
import { naturalCompare } from '../components/natural-order.js';

/**
 * Equal apart from lastSeenAt/updatedAt, which change with every frame a station sends: views that show "last
 * heard" follow the event stream for it (views/overview/heard.ts), so such a change must not re-render a tile.
 */
export function sameStation(a: ChargePointDto, b: ChargePointDto): boolean {
  return JSON.stringify({ ...a, lastSeenAt: null, updatedAt: null }) === JSON.stringify({ ...b, lastSeenAt: null, updatedAt: null });
}

/**
 * Which request last set each station or found it gone, by the number it got when it was sent. The whole list and a
 * single station are fetched concurrently (the list is built by a worker on the server and may take 100 ms or more),
 * so their answers can arrive out of order: an answer never undoes what a request sent after it brought.
 */
export type FetchedBy = Readonly<Record<string, number>>;

/**
 * The new list, keeping the previous object of every station that did not change (so memoised views skip it). A
 * station that a later request (`fetchedBy` above `request`) set or found gone stays as that request left it.
 */
export function mergeStations(
  previous: Record<string, ChargePointDto>,
  incoming: ChargePointDto[],
  order: { request: number; fetchedBy: FetchedBy } = { request: 0, fetchedBy: {} },
): { byId: Record<string, ChargePointDto>; changed: boolean; fetchedBy: FetchedBy } {
  const newer = (id: string) => (order.fetchedBy[id] ?? 0) > order.request;
  const fetchedBy: Record<string, number> = { ...order.fetchedBy };
  const byId: Record<string, ChargePointDto> = {};
  let changed = false;
  for (const cp of incoming) {
    const old = previous[cp.id];
    if (newer(cp.id)) {
      if (old) byId[cp.id] = old;
    } else if (old && sameStation(old, cp)) {
      byId[cp.id] = old;
      fetchedBy[cp.id] = order.request;
    } else {
      byId[cp.id] = cp;
      fetchedBy[cp.id] = order.request;
      changed = true;
    }
  }
  for (const [id, old] of Object.entries(previous)) {
    if (id in byId) continue;
    if (newer(id)) byId[id] = old;
    else {
      fetchedBy[id] = order.request;
      changed = true;
    }
  }
  return { byId, changed, fetchedBy };
}

/**
 * Answers for some stations (null: that station is gone), each applied unless a later request already brought
 * something newer for it. One copy of the state for all of them: the console applies hundreds at once.
 */
export function applyStations(
  previous: Record<string, ChargePointDto>,
  answers: Iterable<readonly [id: string, station: ChargePointDto | null]>,
  order: { request: number; fetchedBy: FetchedBy },
): { byId: Record<string, ChargePointDto>; changed: boolean; fetchedBy: FetchedBy } {
  let byId: Record<string, ChargePointDto> | undefined;
  const fetchedBy: Record<string, number> = { ...order.fetchedBy };
  for (const [id, station] of answers) {
    if ((order.fetchedBy[id] ?? 0) > order.request) continue;
    fetchedBy[id] = order.request;
    const current = byId ?? previous;
    const old = current[id];
    if (station === null) {
      if (!old) continue;
      byId ??= { ...previous };
      delete byId[id];
    } else if (!old || !sameStation(old, station)) {
      byId ??= { ...previous };
      byId[id] = station;
    }
  }
  return { byId: byId ?? previous, changed: byId !== undefined, fetchedBy };
}

export function sortIds(byId: Record<string, ChargePointDto>): string[] {
  return Object.keys(byId).sort(naturalCompare);
}
