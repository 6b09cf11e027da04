/**
 * Receive times are stored as milliseconds since 1970 where rows are written for most messages (meter readings:
 * migration 0012, status changes: migration 0018): 6 bytes instead of 24 characters. Views show them as ISO text again.
 */

/** Our ISO receive time as milliseconds; anything else is kept as the text it is. */
export function storedTime(iso: string): number | string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

/** A period's bound as the stored receive times compare (ms); text that is no time is compared as it is. */
export function periodMs(iso: string): number | string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : iso;
}

/** SQL that shows a stored receive time `column` as ISO text, as the views do. */
export const isoTimeSql = (column: string) =>
  `CASE WHEN typeof(${column}) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch') ELSE ${column} END`;

/**
 * When a station was last heard: the later of the time held in memory (ms since 1970; undefined when not heard since
 * the start) and the stored `last_seen_at`, which is written only every few seconds (domain/last-heard.ts).
 */
export function laterHeard(heardMs: number | undefined, stored: string | null): string | null {
  if (heardMs === undefined) return stored;
  if (!stored || heardMs > Date.parse(stored)) return new Date(heardMs).toISOString();
  return stored;
}
