import { create } from 'zustand';
import type { ChargePointDto } from '../../../shared/api/types.js';
import type { ApiEventBatch } from '../../../shared/api/events.js';
import { errorMessage } from '../components/error-message.js';
import { currentApi } from './connection.js';
import { applyStations, mergeStations, sortIds, type FetchedBy } from './station-merge.js';
import { fetchEach, fetchSome, planFetch } from './station-fetch.js';
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
  lastListMs: number;
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
const FLUSH_MS = 300;

/**
 * Every charge point with its connectors: the console's most shown data, kept live from the event stream. Changes
 * are collected and applied every 300 ms, one request per changed station (or one list request when many
 * changed), so a thousand stations reporting at once cost a handful of requests and one render.
 */
const EMPTY = { byId: {}, ids: [], loaded: false, error: null, dirty: new Set<string>(), flushTimer: undefined, lastListMs: 0, fetchedBy: {} };

/** Numbers the list and station requests in the order they are sent (station-merge.ts `FetchedBy`). */
let requestsSent = 0;

export const useStations = create<StationsState>((set, get) => ({
  ...EMPTY,
  async reloadAll() {
    try {
      set({ lastListMs: Date.now() });
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

/** Applies the changes collected since the last flush, fetched as `planFetch` (station-fetch.ts) says. */
async function flush(): Promise<void> {
  const { dirty, lastListMs, loaded, byId: known } = useStations.getState();
  useStations.setState({ flushTimer: undefined });
  if (dirty.size === 0) return;
  const plan = planFetch({ changed: dirty.size, known: Object.keys(known).length, loaded, msSinceList: Date.now() - lastListMs });
  if (plan.kind === 'wait') return scheduleFlush(plan.waitMs);
  const ids = [...dirty];
  useStations.setState({ dirty: new Set() });
  if (plan.kind === 'all') return useStations.getState().reloadAll();
  if (plan.kind === 'some') useStations.setState({ lastListMs: Date.now() });
  const request = ++requestsSent;
  const answers = plan.kind === 'some' ? await fetchSome(currentApi(), ids) : await fetchEach(currentApi(), ids);
  const state = useStations.getState();
  const applied = applyStations(state.byId, answers, { request, fetchedBy: state.fetchedBy });
  useStations.setState(
    applied.changed ? { byId: applied.byId, ids: sortIds(applied.byId), fetchedBy: applied.fetchedBy } : { fetchedBy: applied.fetchedBy },
  );
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
