import { create } from 'zustand';
import type { ChargePointDto } from '../../../shared/api/types.js';
import { currentApi } from './connection.js';
import { onEventBatch } from './event-bus.js';

interface StationsState {
  byId: Record<string, ChargePointDto>;
  /** Ids in display order (by id). */
  ids: string[];
  loaded: boolean;
  error: string | null;
  reloadAll(): Promise<void>;
}

const STATION_EVENTS = new Set([
  'chargePoint.connected',
  'chargePoint.disconnected',
  'chargePoint.changed',
  'chargePoint.booted',
  'connector.status',
]);
/** Above this many changed stations in one flush, one list request is cheaper than one request each. */
const FULL_RELOAD_THRESHOLD = 20;
const FLUSH_MS = 300;
/**
 * A full list is ~1 KB per station: with a thousand busy stations, reloading it on every 300 ms flush made the
 * overview spend most of its frames parsing and re-rendering (bench-results/console-latest.md). At that scale the
 * list is refreshed at most this often.
 */
const FULL_RELOAD_MIN_INTERVAL_MS = 2000;

/**
 * Equal apart from lastSeenAt/updatedAt, which change with every frame a station sends: views that show "last
 * heard" follow the event stream for it (views/overview/heard.ts), so such a change must not re-render a tile.
 */
function sameStation(a: ChargePointDto, b: ChargePointDto): boolean {
  return JSON.stringify({ ...a, lastSeenAt: null, updatedAt: null }) === JSON.stringify({ ...b, lastSeenAt: null, updatedAt: null });
}

/** The new list, keeping the previous object of every station that did not change (so memoised views skip it). */
function mergeStations(
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

function sortIds(byId: Record<string, ChargePointDto>): string[] {
  return Object.keys(byId).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * Every charge point with its connectors: the console's most shown data, kept live from the event stream. Changes
 * are collected and applied every 300 ms, one request per changed station (or one list request when many
 * changed), so a thousand stations reporting at once cost a handful of requests and one render.
 */
export const useStations = create<StationsState>((set) => ({
  byId: {},
  ids: [],
  loaded: false,
  error: null,
  async reloadAll() {
    try {
      lastFullReloadMs = Date.now();
      const list = await currentApi().listChargePoints();
      const { byId, changed } = mergeStations(useStations.getState().byId, list.items);
      if (changed || !useStations.getState().loaded) set({ byId, ids: sortIds(byId), loaded: true, error: null });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err), loaded: true });
    }
  },
}));

let dirty = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastFullReloadMs = 0;

async function flush(): Promise<void> {
  flushTimer = undefined;
  if (dirty.size === 0) return;
  if (dirty.size > FULL_RELOAD_THRESHOLD) {
    const waitMs = lastFullReloadMs + FULL_RELOAD_MIN_INTERVAL_MS - Date.now();
    if (waitMs > 0) {
      flushTimer = setTimeout(() => void flush(), waitMs);
      return;
    }
    dirty = new Set();
    return useStations.getState().reloadAll();
  }
  const ids = [...dirty];
  dirty = new Set();
  const api = currentApi();
  const results = await Promise.allSettled(ids.map((id) => api.getChargePoint(id)));
  const previous = useStations.getState().byId;
  const byId = { ...previous };
  let changed = false;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      const old = previous[result.value.id];
      if (old && sameStation(old, result.value)) return;
      byId[result.value.id] = result.value;
      changed = true;
    } else if ((result.reason as { status?: number })?.status === 404) {
      delete byId[ids[i]!];
      changed = true;
    }
  });
  if (changed) useStations.setState({ byId, ids: sortIds(byId) });
}

/** Starts following the event stream; returns the stop function. */
export function followStations(): () => void {
  void useStations.getState().reloadAll();
  return onEventBatch((batch) => {
    for (const event of batch) {
      if (!STATION_EVENTS.has(event.type)) continue;
      dirty.add((event.data as { chargePointId: string }).chargePointId);
    }
    if (dirty.size && !flushTimer) flushTimer = setTimeout(() => void flush(), FLUSH_MS);
  });
}
