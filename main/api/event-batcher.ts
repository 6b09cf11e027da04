import { API_EVENT_TYPES, type ApiEvent, type ApiEventBatch } from '../../shared/api/events.js';
import type { CsmsEvents } from '../csms/domain/events.js';

export interface EventBatcherOptions {
  /** Events within this window go out as one batch; identical events in it are sent once. */
  batchMs?: number;
  /** Keep only these types (all when absent). */
  types?: ReadonlySet<string>;
}

/**
 * Subscribes to the central system's change events and hands them on in batches: one per `batchMs` window, in
 * order, identical events coalesced. Both the SSE stream and the desktop shell's IPC use it, so a thousand
 * stations sending meter values cost the console a few batches a second, not thousands of messages.
 */
export function batchEvents(events: CsmsEvents, onBatch: (batch: ApiEventBatch) => void, options: EventBatcherOptions = {}): () => void {
  const batchMs = options.batchMs ?? 100;
  const known = new Set<string>(API_EVENT_TYPES);
  let pending: ApiEvent[] = [];
  let seen = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    seen = new Set();
    onBatch(batch);
  };
  const unsubscribe = events.onAny((type, data) => {
    if (!known.has(type)) return;
    if (options.types && !options.types.has(type)) return;
    const key = `${type}\u0000${JSON.stringify(data)}`;
    if (seen.has(key)) return;
    seen.add(key);
    pending.push({ type, data } as ApiEvent);
    timer ??= setTimeout(flush, batchMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = [];
  };
}
