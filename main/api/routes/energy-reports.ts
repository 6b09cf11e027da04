import type { EnergyGroupBy, EnergyPeriod, EnergyReport, EnergyReportQuery } from '../../../shared/api/types.js';
import { csvLine, type CsvValue } from '../../../shared/api/csv-line.js';
import { streamExport } from '../export-stream.js';
import { isTimeZone } from '../../csms/services/energy-reports.js';
import { stringParam, validationFailed } from '../http.js';
import { HANDLED, type Router } from '../router.js';

const GROUP_BY: readonly EnergyGroupBy[] = ['site', 'station', 'connector', 'idTag', 'parentIdTag'];
const PERIODS: readonly EnergyPeriod[] = ['day', 'month'];
/** A date-time with its offset: a day boundary means nothing without one (which midnight?). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The report's query, every problem answered at once as 422 (docs/api.md "Reports"). */
function reportQuery(query: URLSearchParams): EnergyReportQuery {
  const problems: Record<string, string> = {};
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = stringParam(query, name) ?? fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems[name] = `must be one of ${allowed.join(', ')}`;
    return fallback;
  };
  const dateTime = (name: string): string => {
    const raw = stringParam(query, name);
    if (raw === undefined) problems[name] = 'is required (an ISO 8601 date-time with its offset, e.g. 2026-12-01T00:00:00+01:00)';
    else if (!DATE_TIME.test(raw) || Number.isNaN(Date.parse(raw)))
      problems[name] = 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-01T00:00:00+01:00';
    else return new Date(Date.parse(raw)).toISOString();
    return '';
  };
  const groupBy = oneOf('groupBy', GROUP_BY, 'station');
  const period = oneOf('period', PERIODS, 'day');
  const from = dateTime('from');
  const to = dateTime('to');
  if (from && to && from >= to) problems.to = 'must be later than from';
  const tz = stringParam(query, 'tz');
  if (tz !== undefined && !isTimeZone(tz)) problems.tz = 'must be an IANA time zone (e.g. Europe/Berlin)';
  if (Object.keys(problems).length) throw validationFailed(problems);
  return { groupBy, period, from, to, chargePointId: stringParam(query, 'chargePointId'), tz };
}

/** The columns of the report's key, by what it is grouped by. */
const KEY_COLUMNS: Record<EnergyGroupBy, readonly ('siteId' | 'chargePointId' | 'connectorId' | 'idTag' | 'parentIdTag')[]> = {
  site: ['siteId'],
  station: ['chargePointId'],
  connector: ['chargePointId', 'connectorId'],
  idTag: ['idTag'],
  parentIdTag: ['parentIdTag'],
};
/** CSV lines written per chunk of the stream. */
const CSV_CHUNK_ROWS = 1000;

/** A chunk of lines at a time: `streamExport` writes each at the client's pace. */
function* csvLines(report: EnergyReport): Generator<string> {
  const keys = KEY_COLUMNS[report.groupBy];
  yield csvLine(['period', ...keys, 'energyWh', 'sessions']);
  for (let i = 0; i < report.items.length; i += CSV_CHUNK_ROWS) {
    yield report.items
      .slice(i, i + CSV_CHUNK_ROWS)
      .map((item) => csvLine([item.period, ...keys.map((k): CsvValue => item.key[k]), item.energyWh, item.sessions]))
      .join('');
  }
}

export function energyReportRoutes(router: Router): void {
  router.get('/api/reports/energy', ({ query, ctx }): Promise<EnergyReport> => ctx.energyReports.report(reportQuery(query)));

  // The same rows as the JSON answer, one line each; the sessions left out are listed in the JSON answer only.
  router.get('/api/reports/energy.csv', async ({ res, query, ctx }) => {
    const q = reportQuery(query);
    const report = await ctx.energyReports.report(q);
    await streamExport(res, 'text/csv; charset=utf-8', `energy-${q.groupBy}-${q.period}.csv`, csvLines(report));
    return HANDLED;
  });
}
