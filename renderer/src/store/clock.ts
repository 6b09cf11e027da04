import { useEffect } from 'react';
import { create } from 'zustand';

/** One ticking clock for every "12 s ago" and countdown on screen (one timer, not one per cell). */
export const useClock = create<{ nowMs: number }>(() => ({ nowMs: Date.now() }));

let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function useNowMs(): number {
  useEffect(() => {
    users += 1;
    timer ??= setInterval(() => useClock.setState({ nowMs: Date.now() }), 1000);
    return () => {
      users -= 1;
      if (users === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return useClock((s) => s.nowMs);
}
