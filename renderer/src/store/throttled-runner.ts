/** The timers a runner uses; Node's and the browser's both fit, and a test can pass its own. */
export interface RunnerClock {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const systemClock: RunnerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ThrottledRunner {
  /** Runs the task now, or once more right after the running one ends. */
  run: () => void;
  /** Runs the task at the earliest `minIntervalMs` after the last start (many calls, one run). */
  schedule: () => void;
  /** No run after this one; a pending timer is cancelled. */
  stop: () => void;
}

/**
 * Re-fetching live data at a bounded pace: however many change events arrive, the task runs at most once per
 * `minIntervalMs` and never twice at once; a call during a run makes one more run after it, so the last change is
 * always fetched. The task reports its own failures: a rejection here only ends the run.
 */
export function createThrottledRunner(task: () => Promise<void>, minIntervalMs: number, clock: RunnerClock = systemClock): ThrottledRunner {
  let inFlight = false;
  let again = false;
  let stopped = false;
  let lastStartMs = Number.NEGATIVE_INFINITY;
  let timer: unknown;

  const run = () => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    lastStartMs = clock.now();
    task()
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (timer !== undefined || stopped) return;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        run();
      },
      Math.max(0, lastStartMs + minIntervalMs - clock.now()),
    );
  };
  return {
    run,
    schedule,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
