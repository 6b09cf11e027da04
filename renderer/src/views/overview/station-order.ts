import type { ChargePointDto } from '../../../../shared/api/types.js';

/** What a station is doing, as the Overview sorts and filters by it. */
export type StationState = 'faulted' | 'charging' | 'offline' | 'pending' | 'idle';

/** The order an operator works through a depot: what is broken, what is earning, what is gone, then the rest. */
export const STATE_ORDER: readonly StationState[] = ['faulted', 'charging', 'offline', 'pending', 'idle'];

export const STATE_LABEL: Record<StationState, string> = {
  faulted: 'Faulted',
  charging: 'Charging',
  offline: 'Offline',
  pending: 'Pending registration',
  idle: 'Online, not charging',
};

/** A session is running in Charging and in both Suspended states (OCPP 1.6 §4.9, ChargePointStatus). */
const CHARGING = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);

/**
 * One state per station. A fault wins (it needs someone even if the station dropped off since); a station that is
 * not connected is offline whatever its connectors said last, since that status is no longer current.
 */
export function stationState(cp: Pick<ChargePointDto, 'connected' | 'registrationStatus' | 'connectors'>): StationState {
  if (cp.connectors.some((c) => c.status === 'Faulted')) return 'faulted';
  if (!cp.connected) return 'offline';
  if (cp.registrationStatus === 'Pending') return 'pending';
  if (cp.connectors.some((c) => CHARGING.has(c.status))) return 'charging';
  return 'idle';
}

/** Identities as people read them: CP-2 before CP-10. */
export const naturalCompare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;

export type StationSort = 'state' | 'id';

/** Sorted copy: by state in STATE_ORDER then identity, or by identity alone. */
export function sortStations<T extends Pick<ChargePointDto, 'id' | 'connected' | 'registrationStatus' | 'connectors'>>(
  stations: readonly T[],
  sort: StationSort,
): T[] {
  const rank = (cp: T) => (sort === 'state' ? STATE_ORDER.indexOf(stationState(cp)) : 0);
  return stations
    .map((cp) => ({ cp, rank: rank(cp) }))
    .sort((a, b) => a.rank - b.rank || naturalCompare(a.cp.id, b.cp.id))
    .map((entry) => entry.cp);
}

/** How many stations are in each state. */
export function countByState(
  stations: readonly Pick<ChargePointDto, 'connected' | 'registrationStatus' | 'connectors'>[],
): Record<StationState, number> {
  const counts: Record<StationState, number> = { faulted: 0, charging: 0, offline: 0, pending: 0, idle: 0 };
  for (const cp of stations) counts[stationState(cp)] += 1;
  return counts;
}
