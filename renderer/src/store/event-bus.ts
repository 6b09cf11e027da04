import { create } from 'zustand';
import type { ApiEvent, ApiEventBatch } from '../../../shared/api/events.js';

type Listener = (batch: ApiEventBatch) => void;

/**
 * Fans the event stream's batches out to whoever shows something live. The server already batches per 100 ms and
 * coalesces duplicates; listeners mark their data dirty and re-query at their own pace (see useLiveQuery).
 */
export const useEventBus = create<{ listeners: ReadonlySet<Listener>; reset: () => void }>((set) => ({
  listeners: new Set(),
  reset: () => set({ listeners: new Set() }),
}));

export function publishBatch(batch: ApiEventBatch): void {
  for (const listener of useEventBus.getState().listeners) {
    try {
      listener(batch);
    } catch (err) {
      console.error('event listener failed', err);
    }
  }
}

export function onEventBatch(listener: Listener): () => void {
  useEventBus.setState((s) => ({ listeners: new Set([...s.listeners, listener]) }));
  return () =>
    useEventBus.setState((s) => {
      const next = new Set(s.listeners);
      next.delete(listener);
      return { listeners: next };
    });
}

export type EventMatcher = (event: ApiEvent) => boolean;

/** Matches events of the given types, optionally only for one charge point. */
export function eventsOf(types: readonly ApiEvent['type'][], chargePointId?: string): EventMatcher {
  const wanted = new Set<string>(types);
  return (event) => {
    if (!wanted.has(event.type)) return false;
    if (chargePointId === undefined) return true;
    const data = event.data as { chargePointId?: string | null };
    return data.chargePointId === undefined || data.chargePointId === chargePointId;
  };
}
