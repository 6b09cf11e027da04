import { useCallback, useEffect, useRef } from 'react';
import { create } from 'zustand';
import { errorMessage } from '../components/error-message.js';
import { useLatest } from '../components/use-latest.js';
import { onEventBatch, type EventMatcher } from './event-bus.js';
import { createThrottledRunner, type ThrottledRunner } from './throttled-runner.js';

interface CacheEntry {
  data: unknown;
  error: string | null;
  loading: boolean;
  updatedAtMs: number;
}

interface LiveCache {
  entries: Record<string, CacheEntry>;
  put: (key: string, patch: Partial<CacheEntry>) => void;
  /** Forgets every answer (for tests). */
  reset: () => void;
}

/** Last answers by query key, so a view shown again renders at once and then refreshes. */
export const useLiveCache = create<LiveCache>((set) => ({
  entries: {},
  reset: () => set({ entries: {} }),
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
  refresh: () => void;
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
  const { events, throttleMs = 500, pollMs, enabled = true } = options;
  // The subscription below is made once per key: it calls the fetcher and matcher of the latest render.
  const latest = useLatest({ fetcher, events });
  // The runner of the current subscription: `refresh` runs it.
  const runnerRef = useRef<ThrottledRunner | null>(null);

  useEffect(() => {
    if (!enabled) return;
    // One runner per subscription: when the key changes while a fetch of the old key is in flight, that fetch's
    // completion must not schedule the old key again and leave the new one unfetched ("Loading…" forever).
    const runner = createThrottledRunner(async () => {
      put(key, { loading: true });
      await latest.current.fetcher().then(
        (data) => put(key, { data, error: null, loading: false, updatedAtMs: Date.now() }),
        (err: unknown) => put(key, { error: errorMessage(err), loading: false }),
      );
    }, throttleMs);
    runnerRef.current = runner;
    runner.run();
    const off = onEventBatch((batch) => {
      const matcher = latest.current.events;
      if (matcher && batch.some(matcher)) runner.schedule();
    });
    const poll = pollMs ? setInterval(runner.schedule, pollMs) : undefined;
    return () => {
      runner.stop();
      off();
      if (poll) clearInterval(poll);
    };
  }, [key, enabled, pollMs, throttleMs, put, latest]);

  const refresh = useCallback(() => runnerRef.current?.run(), []);
  return { data: entry?.data as T | undefined, error: entry?.error ?? null, loading: entry?.loading ?? true, refresh };
}
