import { create } from 'zustand';
import { onEventBatch } from '../../store/event-bus.js';

/**
 * When each station was last heard from, as the event stream tells it: a Heartbeat changes nothing but the station's
 * lastSeenAt, and the central system sends no change event for it (one per heartbeat of a thousand stations would be
 * noise), but every frame is announced as `message.logged`. So silence alarms follow frames as they come, without
 * re-querying anything. Starts listening when a view importing this module is first opened.
 */
export const useHeard = create<{ lastInMs: Record<string, number> }>(() => ({ lastInMs: {} }));

/**
 * Applied at most once a second: silence is judged in heartbeat intervals (minutes), and every update re-renders
 * the tiles whose entry moved; with a thousand stations the stream brings ~10 batches a second.
 */
const FLUSH_MS = 1000;
let pending: Record<string, number> | null = null;

onEventBatch((batch) => {
  for (const event of batch) {
    if (event.type !== 'message.logged' || event.data.direction !== 'in') continue;
    if (!pending) {
      pending = {};
      setTimeout(() => {
        const updates = pending!;
        pending = null;
        useHeard.setState({ lastInMs: { ...useHeard.getState().lastInMs, ...updates } });
      }, FLUSH_MS);
    }
    pending[event.data.chargePointId] = Date.now();
  }
});

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
