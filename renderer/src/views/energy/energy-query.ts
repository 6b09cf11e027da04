import type { EnergyGroupBy, EnergyPeriod, EnergyReportKey, EnergyReportQuery } from '../../../../shared/api/types.js';

/** The report form as typed: whole days in the chosen time zone, the last one included. */
export interface EnergyForm {
  groupBy: EnergyGroupBy;
  period: EnergyPeriod;
  /** `YYYY-MM-DD`: the first day counted. */
  fromDate: string;
  /** `YYYY-MM-DD`: the last day counted (included). */
  throughDate: string;
  /** IANA time zone of the days and months. */
  tz: string;
  /** '' = every station. */
  chargePointId: string;
}

export type EnergyFormErrors = Partial<Record<keyof EnergyForm, string>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The browser's own time zone, the form's default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether this browser knows the IANA time zone. */
export function knownTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The date of a moment in a time zone, `YYYY-MM-DD`. */
export function dateIn(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** This month so far, in the time zone: the default report. */
export function defaultEnergyForm(nowMs: number, tz = browserTimeZone()): EnergyForm {
  const today = dateIn(nowMs, tz);
  return { groupBy: 'station', period: 'day', fromDate: `${today.slice(0, 8)}01`, throughDate: today, tz, chargePointId: '' };
}

/** How far the zone's wall clock is ahead of UTC at this moment, in ms (Europe/Berlin in winter: 3,600,000). */
export function zoneOffsetMs(tz: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utcMs);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallMs = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wallMs - Math.floor(utcMs / 1000) * 1000;
}

function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The start of a day in a time zone as ISO 8601 with its offset (`2026-12-01T00:00:00+01:00`): the API takes a
 * date-time only with its offset (docs/api.md "Reports"), so the zone's offset of that midnight is written out.
 */
export function midnightIso(date: string, tz: string): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  const wallMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The offset at the guessed instant, then at the instant it gives: they differ only across a change of offset.
  const first = zoneOffsetMs(tz, wallMs);
  const offset = zoneOffsetMs(tz, wallMs - first);
  return `${date}T00:00:00${offsetText(offset)}`;
}

/** The day after, `YYYY-MM-DD`. */
export function nextDate(date: string): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)).toISOString().slice(0, 10);
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The query the form describes (`to` = the midnight after the last day), or its problems by field. */
export function buildEnergyQuery(form: EnergyForm): { query?: EnergyReportQuery; errors: EnergyFormErrors } {
  const errors: EnergyFormErrors = {};
  if (!validDate(form.fromDate)) errors.fromDate = 'A date (YYYY-MM-DD).';
  if (!validDate(form.throughDate)) errors.throughDate = 'A date (YYYY-MM-DD).';
  else if (!errors.fromDate && form.throughDate < form.fromDate) errors.throughDate = 'Must be on or after the first day.';
  if (!knownTimeZone(form.tz)) errors.tz = 'An IANA time zone, e.g. Europe/Berlin or UTC.';
  if (Object.keys(errors).length) return { errors };
  const query: EnergyReportQuery = {
    groupBy: form.groupBy,
    period: form.period,
    from: midnightIso(form.fromDate, form.tz),
    to: midnightIso(nextDate(form.throughDate), form.tz),
    tz: form.tz,
    ...(form.chargePointId ? { chargePointId: form.chargePointId } : {}),
  };
  return { query, errors };
}

/** The form field of a server problem (422 `details.fields` of GET /api/reports/energy). */
export function energyFieldOf(path: string): keyof EnergyForm | null {
  const fields: Record<string, keyof EnergyForm> = {
    from: 'fromDate',
    to: 'throughDate',
    tz: 'tz',
    groupBy: 'groupBy',
    period: 'period',
    chargePointId: 'chargePointId',
  };
  return fields[path] ?? null;
}

/** What a report row is about, in words. */
export function keyLabel(key: EnergyReportKey, groupBy: EnergyGroupBy): string {
  switch (groupBy) {
    case 'site':
      return key.siteId ?? 'no site';
    case 'station':
      return key.chargePointId ?? '';
    case 'connector':
      return `${key.chargePointId ?? ''} #${key.connectorId ?? ''}`;
    case 'idTag':
      return key.idTag ?? '';
    case 'parentIdTag':
      return key.parentIdTag ?? 'no parent tag';
  }
}

const kwh = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** 12345 Wh → `12.345`: kWh to the watt-hour. */
export function formatKwh(wh: number): string {
  return kwh.format(wh / 1000);
}
