import { create } from 'zustand';
import type { ApiEventBatch } from '../../../../shared/api/events.js';
import { onEventBatch } from '../../store/event-bus.js';

/**
 * Applied at most once a second: silence is judged in heartbeat intervals (minutes), and every update re-renders
 * the tiles whose entry moved; with a thousand stations the stream brings ~10 batches a second.
 */
const FLUSH_MS = 1000;

interface HeardState {
  /** Epoch ms of the last frame each station sent, as the stream told it. */
  lastInMs: Record<string, number>;
  /** Frames seen since the last flush, by station; null when no flush is due. */
  pending: Record<string, number> | null;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  reset: () => void;
}

/**
 * When each station was last heard from, as the event stream tells it: a Heartbeat changes nothing but the station's
 * lastSeenAt, and the central system sends no change event for it (one per heartbeat of a thousand stations would be
 * noise), but every frame is announced as `message.logged`. So silence alarms follow frames as they come, without
 * re-querying anything.
 */
export const useHeard = create<HeardState>((set, get) => ({
  lastInMs: {},
  pending: null,
  flushTimer: undefined,
  reset: () => {
    const { flushTimer } = get();
    if (flushTimer) clearTimeout(flushTimer);
    set({ lastInMs: {}, pending: null, flushTimer: undefined });
  },
}));

function flushHeard(): void {
  const { pending, lastInMs } = useHeard.getState();
  useHeard.setState({ pending: null, flushTimer: undefined, lastInMs: pending ? { ...lastInMs, ...pending } : lastInMs });
}

/** Notes the stations a batch heard from (`message.logged` of a frame in); applied at the next flush. */
export function noteHeard(batch: ApiEventBatch, nowMs = Date.now()): void {
  const heard: Record<string, number> = {};
  for (const event of batch) {
    if (event.type === 'message.logged' && event.data.direction === 'in') heard[event.data.chargePointId] = nowMs;
  }
  if (Object.keys(heard).length === 0) return;
  const { pending, flushTimer } = useHeard.getState();
  useHeard.setState({ pending: { ...pending, ...heard }, flushTimer: flushTimer ?? setTimeout(flushHeard, FLUSH_MS) });
}

/** Starts following the frames stations send; returns the stop function. */
export function followHeard(): () => void {
  return onEventBatch((batch) => noteHeard(batch));
}

/** The later of the stored lastSeenAt and the last frame seen on the stream, in epoch ms (null: never heard). */
export function lastHeardMs(lastSeenAt: string | null, streamMs: number | undefined): number | null {
  const storedMs = lastSeenAt ? Date.parse(lastSeenAt) : null;
  if (storedMs === null) return streamMs ?? null;
  return streamMs === undefined ? storedMs : Math.max(storedMs, streamMs);
}

/** The same, as an ISO time for <Age> (null: never heard). */
export function lastHeardIso(lastSeenAt: string | null, streamMs: number | undefined): string | null {
  const ms = lastHeardMs(lastSeenAt, streamMs);
  return ms === null ? null : new Date(ms).toISOString();
}
