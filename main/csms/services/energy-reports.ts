import type { EnergyReport, EnergyReportQuery } from '../../../shared/api/types.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';

/** The time zone this process runs in (the TZ environment variable, else the system's): the reports' default. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when the runtime knows the IANA time zone `timeZone`. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The operator's energy reports: energy charged per day or month and per station, connector, id tag or parent tag
 * (docs/api.md "Reports"). Read and added up off the thread that answers stations (storage/reader/).
 */
export class EnergyReports {
  constructor(private readonly reader: DatabaseReader) {}

  /** `q` is checked by the caller: `from`/`to` ISO 8601 UTC, `tz` a known time zone. */
  async report(q: EnergyReportQuery): Promise<EnergyReport> {
    const timeZone = q.tz ?? serverTimeZone();
    const rows = await this.reader.run('energyReport', {
      groupBy: q.groupBy,
      period: q.period,
      from: q.from,
      to: q.to,
      chargePointId: q.chargePointId,
      timeZone,
    });
    return { ...rows, from: q.from, to: q.to, timeZone, groupBy: q.groupBy, period: q.period };
  }
}
