import type { ApiClient } from '../../../shared/api/client.js';
import { ApiRequestError } from '../../../shared/api/errors.js';
import { MAX_STATION_IDS_PER_LIST, type ChargePointDto } from '../../../shared/api/types.js';

/** Above this many changed stations in one flush, list requests are cheaper than one request each. */
export const FULL_RELOAD_THRESHOLD = 20;
/**
 * A full list is ~1 KB per station: with a thousand busy stations, reloading it on every 300 ms flush made the
 * overview spend most of its frames parsing and re-rendering (bench-results/console-latest.md). At that scale the
 * stations are refreshed at most this often.
 */
export const FULL_RELOAD_MIN_INTERVAL_MS = 2000;

/** A station's answer: the station, or null when it is gone. */
export type StationAnswer = readonly [id: string, station: ChargePointDto | null];

/**
 * How the stations changed since the last flush are fetched: a few, one request each (`each`); more, at most every
 * FULL_RELOAD_MIN_INTERVAL_MS (`wait` until then), only those in lists (`some`), or the whole list when most
 * stations changed or none are known yet (`all`; at 5,000 stations the whole list is 6 MB, README "Performance").
 */
export function planFetch(s: {
  changed: number;
  known: number;
  loaded: boolean;
  msSinceList: number;
}): { kind: 'each' | 'some' | 'all' } | { kind: 'wait'; waitMs: number } {
  if (s.changed <= FULL_RELOAD_THRESHOLD) return { kind: 'each' };
  if (s.msSinceList < FULL_RELOAD_MIN_INTERVAL_MS) return { kind: 'wait', waitMs: FULL_RELOAD_MIN_INTERVAL_MS - s.msSinceList };
  return !s.loaded || s.changed * 2 > s.known ? { kind: 'all' } : { kind: 'some' };
}

type StationReads = Pick<ApiClient, 'getChargePoint' | 'listChargePoints'>;

/** Each station on its own: the answer, or null when it is gone (404); a failed request says nothing of it. */
export async function fetchEach(api: StationReads, ids: readonly string[]): Promise<StationAnswer[]> {
  const results = await Promise.allSettled(ids.map((id) => api.getChargePoint(id)));
  return results.flatMap((result, i): StationAnswer[] => {
    if (result.status === 'fulfilled') return [[ids[i]!, result.value]];
    const gone = result.reason instanceof ApiRequestError && result.reason.status === 404;
    return gone ? [[ids[i]!, null]] : [];
  });
}

/** The stations in lists of MAX_STATION_IDS_PER_LIST: an id its list leaves out is gone; a failed list says nothing. */
export async function fetchSome(api: StationReads, ids: readonly string[]): Promise<StationAnswer[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_STATION_IDS_PER_LIST) chunks.push(ids.slice(i, i + MAX_STATION_IDS_PER_LIST));
  const results = await Promise.allSettled(chunks.map((chunk) => api.listChargePoints(chunk)));
  return results.flatMap((result, i): StationAnswer[] => {
    if (result.status === 'rejected') return [];
    const found = new Map(result.value.items.map((station) => [station.id, station]));
    return chunks[i]!.map((id): StationAnswer => [id, found.get(id) ?? null]);
  });
}
