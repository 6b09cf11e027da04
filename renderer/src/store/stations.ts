import { create } from 'zustand';
import type { ChargePointDto } from '../../../shared/api/types.js';
import { ApiRequestError } from '../../../shared/api/errors.js';
import type { ApiEventBatch } from '../../../shared/api/events.js';
import { errorMessage } from '../components/error-message.js';
import { currentApi } from './connection.js';
import { applyStation, mergeStations, sortIds, type FetchedBy } from './station-merge.js';
import { onEventBatch } from './event-bus.js';

interface StationsState {
  byId: Record<string, ChargePointDto>;
  /** Ids in display order (by id). */
  ids: string[];
  loaded: boolean;
  error: string | null;
  /** Stations named by change events since the last flush. */
  dirty: ReadonlySet<string>;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  lastFullReloadMs: number;
  /** Which request last set each station (station-merge.ts): a late answer never undoes a newer one. */
  fetchedBy: FetchedBy;
  reloadAll: () => Promise<void>;
  /** Empty again, no flush pending (for tests, and a console that signs out). */
  reset: () => void;
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
 * Every charge point with its connectors: the console's most shown data, kept live from the event stream. Changes
 * are collected and applied every 300 ms, one request per changed station (or one list request when many
 * changed), so a thousand stations reporting at once cost a handful of requests and one render.
 */
const EMPTY = { byId: {}, ids: [], loaded: false, error: null, dirty: new Set<string>(), flushTimer: undefined, lastFullReloadMs: 0, fetchedBy: {} };

/** Numbers the list and station requests in the order they are sent (station-merge.ts `FetchedBy`). */
let requestsSent = 0;

export const useStations = create<StationsState>((set, get) => ({
  ...EMPTY,
  async reloadAll() {
    try {
      set({ lastFullReloadMs: Date.now() });
      const request = ++requestsSent;
      const list = await currentApi().listChargePoints();
      const { byId, changed, fetchedBy } = mergeStations(get().byId, list.items, { request, fetchedBy: get().fetchedBy });
      if (changed || !get().loaded) set({ byId, ids: sortIds(byId), loaded: true, error: null, fetchedBy });
      else set({ fetchedBy });
    } catch (err) {
      set({ error: errorMessage(err), loaded: true });
    }
  },
  reset() {
    const { flushTimer } = get();
    if (flushTimer) clearTimeout(flushTimer);
    set({ ...EMPTY, dirty: new Set() });
  },
}));

function scheduleFlush(waitMs: number): void {
  useStations.setState({ flushTimer: setTimeout(() => void flush(), waitMs) });
}

/** Applies the changes collected since the last flush: one request per changed station, or one list request. */
async function flush(): Promise<void> {
  const { dirty, lastFullReloadMs } = useStations.getState();
  useStations.setState({ flushTimer: undefined });
  if (dirty.size === 0) return;
  if (dirty.size > FULL_RELOAD_THRESHOLD) {
    const waitMs = lastFullReloadMs + FULL_RELOAD_MIN_INTERVAL_MS - Date.now();
    if (waitMs > 0) {
      scheduleFlush(waitMs);
      return;
    }
    useStations.setState({ dirty: new Set() });
    return useStations.getState().reloadAll();
  }
  const ids = [...dirty];
  useStations.setState({ dirty: new Set() });
  const api = currentApi();
  const request = ++requestsSent;
  const results = await Promise.allSettled(ids.map((id) => api.getChargePoint(id)));
  const state = useStations.getState();
  let byId = state.byId;
  let fetchedBy = state.fetchedBy;
  let changed = false;
  results.forEach((result, i) => {
    const id = ids[i]!;
    const found = result.status === 'fulfilled' ? result.value : null;
    // A failed request other than 404 says nothing about the station: it stays as it is.
    if (!found && !(result.status === 'rejected' && result.reason instanceof ApiRequestError && result.reason.status === 404)) return;
    const applied = applyStation(byId, id, found, { request, fetchedBy });
    byId = applied.byId;
    fetchedBy = applied.fetchedBy;
    changed ||= applied.changed;
  });
  useStations.setState(changed ? { byId, ids: sortIds(byId), fetchedBy } : { fetchedBy });
}

/** Notes the stations a batch of events changed; they are fetched at the next flush (at most every FLUSH_MS). */
function noteStationEvents(batch: ApiEventBatch): void {
  const names = batch.filter((event) => STATION_EVENTS.has(event.type)).map((event) => (event.data as { chargePointId: string }).chargePointId);
  if (names.length === 0) return;
  const { dirty, flushTimer } = useStations.getState();
  useStations.setState({ dirty: new Set([...dirty, ...names]) });
  if (!flushTimer) scheduleFlush(FLUSH_MS);
}

/** Starts following the event stream; returns the stop function. */
export function followStations(): () => void {
  void useStations.getState().reloadAll();
  return onEventBatch(noteStationEvents);
}
