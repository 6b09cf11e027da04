import type { ConfigurationSnapshotDto } from '../../../../../shared/api/types.js';

/**
 * The central system keeps only the latest configuration of a station (GET /api/charge-points/{id}/configuration,
 * updated in place by accepted ChangeConfiguration). To show what changed since the previous GetConfiguration, the
 * console remembers, per station, the values of the last two GetConfiguration answers it saw (told apart by
 * `takenAt`), in this browser's localStorage.
 */
export interface RecordedSnapshot {
  takenAt: string;
  /** key → value as first seen for this takenAt (null: no value, e.g. a secret). */
  values: Record<string, string | null>;
}

export interface SnapshotHistory {
  current: RecordedSnapshot | null;
  previous: RecordedSnapshot | null;
}

const STORAGE_PREFIX = 'ocpp-console.config-history.';

function valuesOf(snapshot: ConfigurationSnapshotDto): Record<string, string | null> {
  return Object.fromEntries(snapshot.entries.map((e) => [e.key, e.value ?? null]));
}

export function loadHistory(chargePointId: string): SnapshotHistory {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + chargePointId);
    if (raw) return JSON.parse(raw) as SnapshotHistory;
  } catch {
    // Unreadable or unavailable storage: start without history.
  }
  return { current: null, previous: null };
}

/**
 * Record a snapshot seen from the API. A new `takenAt` (a new GetConfiguration answer) shifts the current record to
 * `previous`; the same `takenAt` again (updated by a ChangeConfiguration) leaves the records as they are.
 */
export function recordSnapshot(chargePointId: string, history: SnapshotHistory, snapshot: ConfigurationSnapshotDto): SnapshotHistory {
  if (!snapshot.takenAt || history.current?.takenAt === snapshot.takenAt) return history;
  // A partial GetConfiguration (some keys) keeps the values of the others from the last full one.
  const values = snapshot.requestedKeys && history.current ? { ...history.current.values, ...valuesOf(snapshot) } : valuesOf(snapshot);
  const next: SnapshotHistory = { current: { takenAt: snapshot.takenAt, values }, previous: history.current };
  try {
    localStorage.setItem(STORAGE_PREFIX + chargePointId, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the diff only lasts for this page.
  }
  return next;
}

export type KeyChange =
  | { kind: 'none' }
  /** Not in the previous GetConfiguration answer. */
  | { kind: 'added' }
  /** Differs from the previous GetConfiguration answer. */
  | { kind: 'changed'; before: string | null }
  /** Changed by ChangeConfiguration since the last GetConfiguration answer. */
  | { kind: 'edited'; before: string | null };

export function changeOf(history: SnapshotHistory, key: string, value: string | null): KeyChange {
  const current = history.current?.values;
  if (current && (!(key in current) || current[key] !== value)) return { kind: 'edited', before: current[key] ?? null };
  const previous = history.previous?.values;
  if (!previous) return { kind: 'none' };
  if (!(key in previous)) return { kind: 'added' };
  if (previous[key] !== value) return { kind: 'changed', before: previous[key] ?? null };
  return { kind: 'none' };
}

/** Keys the previous answer had and the current one has not. */
export function removedKeys(history: SnapshotHistory, keys: Set<string>): string[] {
  return Object.keys(history.previous?.values ?? {}).filter((k) => !keys.has(k));
}
