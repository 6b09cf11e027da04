import { useCallback, useEffect, useRef } from 'react';
import { create } from 'zustand';
import { onEventBatch, type EventMatcher } from './event-bus.js';

interface CacheEntry {
  data: unknown;
  error: string | null;
  loading: boolean;
  updatedAtMs: number;
}

interface LiveCache {
  entries: Record<string, CacheEntry>;
  put(key: string, patch: Partial<CacheEntry>): void;
}

/** Last answers by query key, so a view shown again renders at once and then refreshes. */
export const useLiveCache = create<LiveCache>((set) => ({
  entries: {},
  put: (key, patch) =>
    set((state) => ({
      entries: { ...state.entries, [key]: { ...(state.entries[key] ?? { data: undefined, error: null, loading: false, updatedAtMs: 0 }), ...patch } },
    })),
}));

export interface LiveQuery<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Fetch again now. */
  refresh(): void;
}

export interface LiveQueryOptions {
  /** Events that make the data stale. */
  events?: EventMatcher;
  /** At most one re-query per this many ms, however many events arrive (a thousand stations stay smooth). */
  throttleMs?: number;
  /** Also re-query on a timer (e.g. durations, ages). */
  pollMs?: number;
  enabled?: boolean;
}

/**
 * Data shown live: fetched once, then re-fetched when a matching change event arrives, never more often than
 * `throttleMs`, never two fetches at once. `key` must change when `fetcher`'s inputs change.
 */
export function useLiveQuery<T>(key: string, fetcher: () => Promise<T>, options: LiveQueryOptions = {}): LiveQuery<T> {
  const entry = useLiveCache((s) => s.entries[key]);
  const put = useLiveCache((s) => s.put);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const { events, throttleMs = 500, pollMs, enabled = true } = options;
  const eventsRef = useRef(events);
  eventsRef.current = events;
  // The run of the current subscription (one per key): `refresh` calls it.
  const runRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!enabled) return;
    // State per subscription: when the key changes while a fetch of the old key is in flight, that fetch's
    // completion must not schedule the old key again and leave the new one unfetched ("Loading…" forever).
    const c = { inFlight: false, again: false, lastStartMs: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, alive: true };
    const run = () => {
      if (!c.alive) return;
      if (c.inFlight) {
        c.again = true;
        return;
      }
      c.inFlight = true;
      c.lastStartMs = Date.now();
      put(key, { loading: true });
      fetcherRef
        .current()
        .then(
          (data) => put(key, { data, error: null, loading: false, updatedAtMs: Date.now() }),
          (err: unknown) => put(key, { error: err instanceof Error ? err.message : String(err), loading: false }),
        )
        .finally(() => {
          c.inFlight = false;
          if (c.again) {
            c.again = false;
            schedule();
          }
        });
    };
    const schedule = () => {
      if (c.timer || !c.alive) return;
      const waitMs = Math.max(0, c.lastStartMs + throttleMs - Date.now());
      c.timer = setTimeout(() => {
        c.timer = undefined;
        run();
      }, waitMs);
    };
    runRef.current = run;
    run();
    const off = onEventBatch((batch) => {
      const matcher = eventsRef.current;
      if (matcher && batch.some(matcher)) schedule();
    });
    const poll = pollMs ? setInterval(schedule, pollMs) : undefined;
    return () => {
      c.alive = false;
      off();
      if (poll) clearInterval(poll);
      if (c.timer) clearTimeout(c.timer);
      c.timer = undefined;
    };
  }, [key, enabled, pollMs, throttleMs, put]);

  const refresh = useCallback(() => runRef.current(), []);
  return { data: entry?.data as T | undefined, error: entry?.error ?? null, loading: entry?.loading ?? true, refresh };
}
