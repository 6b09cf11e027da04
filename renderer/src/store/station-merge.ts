import type { ChargePointDto } from '../../../shared/api/types.js';

/**
 * Equal apart from lastSeenAt/updatedAt, which change with every frame a station sends: views that show "last
 * heard" follow the event stream for it (views/overview/heard.ts), so such a change must not re-render a tile.
 */
export function sameStation(a: ChargePointDto, b: ChargePointDto): boolean {
  return JSON.stringify({ ...a, lastSeenAt: null, updatedAt: null }) === JSON.stringify({ ...b, lastSeenAt: null, updatedAt: null });
}

/** The new list, keeping the previous object of every station that did not change (so memoised views skip it). */
export function mergeStations(
  previous: Record<string, ChargePointDto>,
  incoming: ChargePointDto[],
): { byId: Record<string, ChargePointDto>; changed: boolean } {
  let changed = incoming.length !== Object.keys(previous).length;
  const byId: Record<string, ChargePointDto> = {};
  for (const cp of incoming) {
    const old = previous[cp.id];
    if (old && sameStation(old, cp)) byId[cp.id] = old;
    else {
      byId[cp.id] = cp;
      changed = true;
    }
  }
  return { byId, changed };
}

export function sortIds(byId: Record<string, ChargePointDto>): string[] {
  return Object.keys(byId).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
