/**
 * The timers of one simulated station. Every timer is unref'd (thousands of stations in one process must not keep
 * it alive) and tracked, so that closing the station stops all of them and wakes every sleeping flow.
 */

/** setTimeout's largest delay (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY_MS = 2_147_483_647;

export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();

  /** A tracked, unref'd timeout. */
  set(fn: () => void, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.min(Math.max(0, delayMs), MAX_DELAY_MS),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Sleep; ends early, without error, when the timers are stopped. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake);
        this.clear(timer);
        resolve();
      };
      const timer = this.set(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Clear every timer and wake every sleeper. */
  stopAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
  }
}
