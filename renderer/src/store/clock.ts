import { useEffect } from 'react';
import { create } from 'zustand';

interface ClockState {
  nowMs: number;
  /** Components showing a live time; the timer runs only while there is one. */
  users: number;
  timer: ReturnType<typeof setInterval> | undefined;
  /** A component starts showing live times: the timer starts with the first. */
  acquire: () => void;
  /** ... and stops with the last. */
  release: () => void;
  /** Back to the start (no timer, no user): for tests. */
  reset: () => void;
}

/** One ticking clock for every "12 s ago" and countdown on screen (one timer, not one per cell). */
export const useClock = create<ClockState>((set, get) => ({
  nowMs: Date.now(),
  users: 0,
  timer: undefined,
  acquire: () => {
    const { users, timer } = get();
    set({ users: users + 1, timer: timer ?? setInterval(() => set({ nowMs: Date.now() }), 1000) });
  },
  release: () => {
    const { users, timer } = get();
    const left = Math.max(0, users - 1);
    if (left === 0 && timer) clearInterval(timer);
    set({ users: left, timer: left === 0 ? undefined : timer });
  },
  reset: () => {
    const { timer } = get();
    if (timer) clearInterval(timer);
    set({ nowMs: Date.now(), users: 0, timer: undefined });
  },
}));

export function useNowMs(): number {
  useEffect(() => {
    useClock.getState().acquire();
    return () => useClock.getState().release();
  }, []);
  return useClock((s) => s.nowMs);
}
