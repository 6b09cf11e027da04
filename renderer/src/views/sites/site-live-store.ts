import { create } from 'zustand';
import type { SiteAllocation } from '../../../../shared/api/types.js';

/** How far back the live chart reaches. */
export const LIVE_WINDOW_MS = 10 * 60_000;

/** One answer of GET /api/sites/{siteId}/allocation, as the chart needs it (all currents in A per phase). */
export interface AllocationSample {
  atMs: number;
  limitA: number;
  budgetA: number;
  measuredA: number | null;
  /** Each session's allocation by its label (`CP-1 #1`). */
  sessions: Record<string, number>;
}

/** How a session is named on the chart and in the window: its station and connector. */
export function sessionLabel(session: { chargePointId: string; connectorId: number }): string {
  return `${session.chargePointId} #${session.connectorId}`;
}

export function sampleOf(allocation: SiteAllocation): AllocationSample {
  return {
    atMs: Date.parse(allocation.at),
    limitA: allocation.limitA,
    budgetA: allocation.budgetA,
    measuredA: allocation.measuredA,
    sessions: Object.fromEntries(allocation.sessions.map((s) => [sessionLabel(s), s.allocatedA])),
  };
}

/**
 * The window with the sample added: in time order, the same moment once (a poll and an event may fetch the same
 * answer), nothing older than `windowMs` before the newest. The same array when nothing changed.
 */
export function appendSample(window: readonly AllocationSample[], sample: AllocationSample, windowMs = LIVE_WINDOW_MS): readonly AllocationSample[] {
  if (!Number.isFinite(sample.atMs)) return window;
  const last = window.at(-1);
  if (last && sample.atMs <= last.atMs) {
    // An older or equal moment: a late answer, already covered by a newer one.
    return window;
  }
  const oldestMs = sample.atMs - windowMs;
  const kept = window.filter((s) => s.atMs >= oldestMs);
  return [...kept, sample];
}

interface SiteLiveState {
  /** Rolling windows by site id. */
  windows: Record<string, readonly AllocationSample[]>;
  /** The newest answer by site id (sessions table, alerts). */
  latest: Record<string, SiteAllocation>;
  add: (allocation: SiteAllocation) => void;
  /** Forgets everything (for tests). */
  reset: () => void;
}

/** The live panel's data: kept while the view is closed, so opening a site again shows its last minutes at once. */
export const useSiteLive = create<SiteLiveState>((set) => ({
  windows: {},
  latest: {},
  add: (allocation) =>
    set((state) => {
      const window = state.windows[allocation.siteId] ?? [];
      const next = appendSample(window, sampleOf(allocation));
      if (next === window) return state;
      return { windows: { ...state.windows, [allocation.siteId]: next }, latest: { ...state.latest, [allocation.siteId]: allocation } };
    }),
  reset: () => set({ windows: {}, latest: {} }),
}));
