import type { EnergyGroupBy, EnergyPeriod, EnergyReportExclusion, EnergyReportItem, EnergyReportKey } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { LocalPeriods } from './local-periods.js';
import { ACCEPTED, transactionEnergyWh, type TransactionRow } from './transactions.js';

/**
 * More than any one session can take: the largest vehicle batteries (trucks, buses) hold well under 1 MWh. A larger
 * difference is a meter that was reset or replaced between start and stop, or a value in the wrong unit.
 */
export const IMPLAUSIBLE_SESSION_WH = 1_000_000;
/** Exclusions listed by name in one answer; the rest are counted. */
const MAX_LISTED_EXCLUSIONS = 1000;

export interface EnergyReportRowsQuery {
  groupBy: EnergyGroupBy;
  period: EnergyPeriod;
  /** ISO 8601 UTC: sessions whose start we received in [from, to). */
  from: string;
  to: string;
  chargePointId?: string;
  /** IANA time zone of the days and months. */
  timeZone: string;
}

export interface EnergyReportRows {
  items: EnergyReportItem[];
  totalWh: number;
  sessions: number;
  excluded: EnergyReportExclusion[];
  excludedCount: number;
}

type ReportRow = Pick<
  TransactionRow,
  'id' | 'charge_point_id' | 'connector_id' | 'id_tag' | 'start_received_at' | 'meter_start_wh' | 'meter_stop_wh' | 'last_meter_wh'
> & { parent_id_tag: string | null; site_id: string | null };

/**
 * Energy per period and station, connector, id tag or parent tag. Each Accepted session counts once, whole, in the
 * period its start was received in (docs/api.md "Reports"): the start time is indexed (`transactions_started`), so
 * a report reads only the sessions of its window, and the sum over periods always equals the sum of the sessions.
 * The rows are added up here, in the reader worker, and only the sums cross back.
 */
export class EnergyReportQueries {
  private readonly stmt;
  private readonly stationStmt;

  constructor(db: Db) {
    // The tag's spelling and parent as the id-tag list has them now (tags are case-insensitive, OCPP 1.6 §7.28).
    const select = `SELECT t.id, t.charge_point_id, t.connector_id, COALESCE(g.id_tag, t.id_tag) AS id_tag, g.parent_id_tag, ss.site_id,
         t.start_received_at, t.meter_start_wh, t.meter_stop_wh, t.last_meter_wh
       FROM transactions t LEFT JOIN id_tags g ON g.id_tag = t.id_tag LEFT JOIN site_stations ss ON ss.charge_point_id = t.charge_point_id
       WHERE t.start_received_at >= @from AND t.start_received_at < @to AND t.start_status = '${ACCEPTED}'`;
    this.stmt = db.prepare<Record<string, unknown>, ReportRow>(`${select} ORDER BY t.start_received_at`);
    // `+` keeps the station's index (all its years) out: the window of the start-time index is the narrow read.
    this.stationStmt = db.prepare<Record<string, unknown>, ReportRow>(
      `${select} AND +t.charge_point_id = @chargePointId ORDER BY t.start_received_at`,
    );
  }

  /** Throws a RangeError for a time zone the runtime does not know. */
  report(q: EnergyReportRowsQuery): EnergyReportRows {
    const periods = new LocalPeriods(q.timeZone, q.period);
    const groups = new Map<string, EnergyReportItem>();
    const excluded: EnergyReportExclusion[] = [];
    let excludedCount = 0;
    let totalWh = 0;
    let sessions = 0;
    const rows =
      q.chargePointId === undefined
        ? this.stmt.iterate({ from: q.from, to: q.to })
        : this.stationStmt.iterate({ from: q.from, to: q.to, chargePointId: q.chargePointId });
    for (const row of rows) {
      // A running session without a reading yet has taken nothing that we know of: it counts, with 0 Wh.
      const energyWh = transactionEnergyWh(row) ?? 0;
      const reason = energyWh < 0 ? 'meter-below-start' : energyWh > IMPLAUSIBLE_SESSION_WH ? 'implausible' : null;
      if (reason) {
        excludedCount++;
        if (excluded.length < MAX_LISTED_EXCLUSIONS)
          excluded.push({
            transactionId: row.id,
            chargePointId: row.charge_point_id,
            connectorId: row.connector_id,
            idTag: row.id_tag,
            startReceivedAt: row.start_received_at,
            energyWh,
            reason,
          });
        continue;
      }
      const period = periods.of(row.start_received_at);
      const key = keyOf(q.groupBy, row);
      const id = `${period}\u0000${groupId(key)}`;
      let item = groups.get(id);
      if (!item) {
        item = { period, key, energyWh: 0, sessions: 0 };
        groups.set(id, item);
      }
      item.energyWh += energyWh;
      item.sessions++;
      totalWh += energyWh;
      sessions++;
    }
    const items = [...groups.values()].sort((a, b) => compare(a.period, b.period) || compareKeys(a.key, b.key));
    return { items, totalWh, sessions, excluded, excludedCount };
  }
}

function keyOf(groupBy: EnergyGroupBy, row: ReportRow): EnergyReportKey {
  switch (groupBy) {
    case 'site':
      return { siteId: row.site_id };
    case 'station':
      return { chargePointId: row.charge_point_id };
    case 'connector':
      return { chargePointId: row.charge_point_id, connectorId: row.connector_id };
    case 'idTag':
      return { idTag: row.id_tag };
    case 'parentIdTag':
      return { parentIdTag: row.parent_id_tag };
  }
}

/** Id tags compare without case (a tag unknown to the list may arrive in more than one spelling). */
function groupId(key: EnergyReportKey): string {
  return JSON.stringify([
    key.siteId,
    key.chargePointId,
    key.connectorId,
    key.idTag?.toUpperCase(),
    key.parentIdTag?.toUpperCase() ?? key.parentIdTag,
  ]);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: EnergyReportKey, b: EnergyReportKey): number {
  return (
    // Sessions of stations in no site come last.
    compare(a.siteId ?? '\uffff', b.siteId ?? '\uffff') ||
    compare(a.chargePointId ?? '', b.chargePointId ?? '') ||
    (a.connectorId ?? 0) - (b.connectorId ?? 0) ||
    compare(a.idTag ?? '', b.idTag ?? '') ||
    // Sessions of tags without a parent come last.
    compare(a.parentIdTag ?? '\uffff', b.parentIdTag ?? '\uffff')
  );
}
