/** Injectable time source: tests and the deterministic test mode replace it; everything else uses `systemClock`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Storage format for times we record: ISO 8601 UTC with milliseconds. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
