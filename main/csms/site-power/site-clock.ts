/**
 * A site's time of day: its schedule is in minutes of the local day (main/csms/sites/site-limits.ts), taken as the
 * central system's local time zone (the depot's).
 */
export function minuteOfDay(at: Date): number {
  return at.getHours() * 60 + at.getMinutes();
}

/** Milliseconds until the next minute starts: schedule periods begin and end on whole minutes. */
export function msToNextMinute(at: Date): number {
  return 60_000 - (at.getSeconds() * 1000 + at.getMilliseconds());
}
