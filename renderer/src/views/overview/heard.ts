import { create } from 'zustand';
import { onEventBatch } from '../../store/event-bus.js';

/**
 * When each station was last heard from, as the event stream tells it: a Heartbeat changes nothing but the station's
 * lastSeenAt, and the central system sends no change event for it (one per heartbeat of a thousand stations would be
 * noise), but every frame is announced as `message.logged`. So silence alarms follow frames as they come, without
 * re-querying anything. Starts listening when a view importing this module is first opened.
 */
export const useHeard = create<{ lastInMs: Record<string, number> }>(() => ({ lastInMs: {} }));

onEventBatch((batch) => {
  let changed: Record<string, number> | null = null;
  for (const event of batch) {
    if (event.type !== 'message.logged' || event.data.direction !== 'in') continue;
    changed ??= { ...useHeard.getState().lastInMs };
    changed[event.data.chargePointId] = Date.now();
  }
  if (changed) useHeard.setState({ lastInMs: changed });
});

/** The later of the stored lastSeenAt and the last frame seen on the stream, in epoch ms (null: never heard). */
export function lastHeardMs(lastSeenAt: string | null, streamMs: number | undefined): number | null {
  const storedMs = lastSeenAt ? Date.parse(lastSeenAt) : null;
  if (storedMs === null) return streamMs ?? null;
  return streamMs === undefined ? storedMs : Math.max(storedMs, streamMs);
}
