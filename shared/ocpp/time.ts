/**
 * OCPP timestamps. OCPP-J 1.6 and OCPP 1.6 "Time notations": ISO 8601 in UTC with a `Z`; senders may drop
 * insignificant fractions of seconds to save bandwidth, receivers must accept them.
 */

/**
 * `2024-01-01T10:00:00Z`, or `2024-01-01T10:00:00.123Z` with milliseconds.
 * Throws a RangeError for an invalid Date (as Date.prototype.toISOString does).
 */
export function formatOcppDateTime(date: Date, withMilliseconds: boolean): string {
  const iso = date.toISOString();
  return withMilliseconds ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}
