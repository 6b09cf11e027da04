/**
 * Waiting for the next event that matches, for tests that script a station step by step. Every wait has a
 * timeout, and closing the station cancels the waits still open.
 */

/** Listen to an event; returns the function that stops listening. */
export type Subscribe<T> = (listener: (value: T) => void) => () => void;

export class EventWaiters {
  private readonly cancels = new Set<(error: Error) => void>();

  /** The next value for which `predicate` holds. */
  next<T>(subscribe: Subscribe<T>, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const cancel = (error: Error) => {
        done();
        reject(error);
      };
      const unsubscribe = subscribe((value) => {
        let matches: boolean;
        try {
          matches = predicate(value);
        } catch (err) {
          cancel(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (!matches) return;
        done();
        resolve(value);
      });
      const timer = setTimeout(() => cancel(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.cancels.delete(cancel);
      };
      this.cancels.add(cancel);
    });
  }

  /** Reject every open wait. */
  cancelAll(error: Error): void {
    for (const cancel of [...this.cancels]) cancel(error);
  }
}
