import type { ApiEvent } from '../../../../shared/api/events.js';
import type { SiteEvent } from '../../../../shared/api/types.js';

/** Event pages put together: each event once, newest first (ids grow with time, docs/api.md "Sites"). */
export function mergeEvents(shown: readonly SiteEvent[], incoming: readonly SiteEvent[]): SiteEvent[] {
  const byId = new Map<number, SiteEvent>();
  for (const event of [...shown, ...incoming]) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** Why a session has the limit it has, in words (SiteAllocationReason, main/csms/sites/allocate.ts). */
export const REASON_WORDS: Record<string, string> = {
  share: 'Its share of the budget',
  'capped-by-max': 'Capped at what it can take',
  'gives-back': 'Draws less than its share; the rest goes to others',
  'paused-no-room': 'Paused: no room for its minimum',
  'held-offline': 'Station offline: counted at its last limit',
  'held-refused': 'Station refused the limit: counted at its maximum',
  'not-charging': 'Not charging',
};

/** The last limit sent and the station's answer, in words. */
export const OUTCOME_WORDS: Record<string, string> = {
  pending: 'waiting for the answer',
  accepted: 'accepted',
  rejected: 'rejected',
  'no-answer': 'no answer',
};

/**
 * Whether an event says this site's allocation changed. `site.allocation` (payload `{ siteId }`) is announced by a
 * central system that shares site limits; one that does not never sends it, and polling alone keeps the panel live.
 */
export function isAllocationEvent(event: ApiEvent, siteId: string): boolean {
  const { type, data } = event as { type: string; data: { siteId?: unknown } };
  return type === 'site.allocation' && data.siteId === siteId;
}
