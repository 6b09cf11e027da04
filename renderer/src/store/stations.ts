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

const STATION_EVENTS = new Set(['chargePoint.connected', 'chargePoint.disconnected', 'chargePoint.changed', 'chargePoint.booted', 'connector.status']);
/** Above this many changed stations in one flush, one list request is cheaper than one request each. */
const FULL_RELOAD_THRESHOLD = 20;
const FLUSH_MS = 300;

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
      const list = await currentApi().listChargePoints();
      const byId = Object.fromEntries(list.items.map((cp) => [cp.id, cp]));
      set({ byId, ids: sortIds(byId), loaded: true, error: null });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err), loaded: true });
    }
  },
}));

let dirty = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

async function flush(): Promise<void> {
  flushTimer = undefined;
  const ids = [...dirty];
  dirty = new Set();
  if (ids.length === 0) return;
  if (ids.length > FULL_RELOAD_THRESHOLD) return useStations.getState().reloadAll();
  const api = currentApi();
  const results = await Promise.allSettled(ids.map((id) => api.getChargePoint(id)));
  const byId = { ...useStations.getState().byId };
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') byId[result.value.id] = result.value;
    else if ((result.reason as { status?: number })?.status === 404) delete byId[ids[i]!];
  });
  useStations.setState({ byId, ids: sortIds(byId) });
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
