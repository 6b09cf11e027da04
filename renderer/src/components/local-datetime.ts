/**
 * `<input type="datetime-local">` speaks local time without a zone; OCPP and the API speak ISO 8601 (UTC). Every
 * form that takes a date converts through these two, so the operator types local time and stations get UTC.
 */

/** `2025-01-01T10:00` (local) → ISO 8601 UTC; undefined when empty or not a date. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** ISO 8601 (any zone) → the value of a datetime-local input, in local time to the second; '' when empty or invalid. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
