import type { EnergyPeriod } from '../../../../shared/api/types.js';

/**
 * The day (`2026-12-05`) or month (`2026-12`) a UTC instant falls in, in an IANA time zone. A report maps one
 * instant per session, so the answers are kept per quarter hour of UTC: every time zone in use today is offset
 * from UTC by a whole number of quarter hours (the odd ones: +05:45, +08:45, +12:45), so all instants of one
 * quarter hour share their local day.
 */
export class LocalPeriods {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, string>();

  /** Throws a RangeError for a time zone the runtime does not know. */
  constructor(
    readonly timeZone: string,
    private readonly period: EnergyPeriod,
  ) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
  }

  of(isoUtc: string): string {
    const ms = Date.parse(isoUtc);
    const quarter = Math.floor(ms / 900_000);
    let day = this.cache.get(quarter);
    if (day === undefined) {
      const parts = Object.fromEntries(this.format.formatToParts(new Date(quarter * 900_000)).map((p) => [p.type, p.value]));
      day = `${parts.year}-${parts.month}-${parts.day}`;
      this.cache.set(quarter, day);
    }
    return this.period === 'day' ? day : day.slice(0, 7);
  }
}
