import type { SiteDto, SiteSchedulePeriodDto, SiteStationTaken, SiteUpdate } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

interface SiteRow {
  id: string;
  name: string;
  limit_a: number | null;
  limit_w: number | null;
  phases: 1 | 3;
  voltage_v: number | null;
  margin_pct: number;
  min_session_a: number | null;
  schedule: string;
  created_at: string;
  updated_at: string;
}

/** A site as the operator API shows it (one definition, shared/api): optional limits absent when not given. */
export type Site = SiteDto;
/** What a site is stored from: the operator's body, already checked (main/csms/sites validateSiteLimits). */
export type SiteInput = SiteUpdate & { id: string };

function toSite(row: SiteRow, stations: string[]): Site {
  return {
    id: row.id,
    name: row.name,
    ...(row.limit_a !== null ? { limitA: row.limit_a } : {}),
    ...(row.limit_w !== null ? { limitW: row.limit_w } : {}),
    phases: row.phases,
    ...(row.voltage_v !== null ? { voltageV: row.voltage_v } : {}),
    marginPct: row.margin_pct,
    ...(row.min_session_a !== null ? { minSessionA: row.min_session_a } : {}),
    stations,
    schedule: JSON.parse(row.schedule) as SiteSchedulePeriodDto[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Sites (groups of stations behind one grid supply) and which station belongs to which; migration 0014. */
export class SiteRepository {
  private readonly getStmt;
  private readonly listStmt;
  private readonly stationsOfStmt;
  private readonly allStationsStmt;
  private readonly siteOfStmt;
  private readonly upsertStmt;
  private readonly clearStationsStmt;
  private readonly addStationStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE id = ?');
    this.listStmt = db.prepare<[], SiteRow>('SELECT * FROM sites ORDER BY id');
    this.stationsOfStmt = db.prepare<[string], { charge_point_id: string }>(
      'SELECT charge_point_id FROM site_stations WHERE site_id = ? ORDER BY position',
    );
    this.allStationsStmt = db.prepare<[], { site_id: string; charge_point_id: string }>(
      'SELECT site_id, charge_point_id FROM site_stations ORDER BY site_id, position',
    );
    this.siteOfStmt = db.prepare<[string], { site_id: string }>('SELECT site_id FROM site_stations WHERE charge_point_id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO sites (id, name, limit_a, limit_w, phases, voltage_v, margin_pct, min_session_a, schedule, created_at, updated_at)
       VALUES (@id, @name, @limitA, @limitW, @phases, @voltageV, @marginPct, @minSessionA, @schedule, @now, @now)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, limit_a = excluded.limit_a, limit_w = excluded.limit_w,
         phases = excluded.phases, voltage_v = excluded.voltage_v, margin_pct = excluded.margin_pct,
         min_session_a = excluded.min_session_a, schedule = excluded.schedule, updated_at = excluded.updated_at`,
    );
    this.clearStationsStmt = db.prepare('DELETE FROM site_stations WHERE site_id = ?');
    this.addStationStmt = db.prepare('INSERT INTO site_stations (charge_point_id, site_id, position) VALUES (?, ?, ?)');
    this.deleteStmt = db.prepare('DELETE FROM sites WHERE id = ?');
  }

  get(id: string): Site | undefined {
    const row = this.getStmt.get(id);
    return (
      row &&
      toSite(
        row,
        this.stationsOfStmt.all(id).map((s) => s.charge_point_id),
      )
    );
  }

  /** Every site by id, each with its stations (two statements, whatever the number of sites). */
  list(): Site[] {
    const stations = new Map<string, string[]>();
    for (const { site_id, charge_point_id } of this.allStationsStmt.all()) {
      const list = stations.get(site_id);
      if (list) list.push(charge_point_id);
      else stations.set(site_id, [charge_point_id]);
    }
    return this.listStmt.all().map((row) => toSite(row, stations.get(row.id) ?? []));
  }

  /** The stations among `chargePointIds` that belong to a site other than `siteId`, with that site. */
  takenElsewhere(siteId: string, chargePointIds: readonly string[]): SiteStationTaken[] {
    return chargePointIds.flatMap((chargePointId) => {
      const owner = this.siteOfStmt.get(chargePointId)?.site_id;
      return owner !== undefined && owner !== siteId ? [{ chargePointId, siteId: owner }] : [];
    });
  }

  /** Creates or replaces the site and its list of stations; the caller checked the stations are free. */
  upsert(site: SiteInput, now: string): Site {
    this.upsertStmt.run({
      id: site.id,
      name: site.name,
      limitA: site.limitA ?? null,
      limitW: site.limitW ?? null,
      phases: site.phases,
      voltageV: site.voltageV ?? null,
      marginPct: site.marginPct,
      minSessionA: site.minSessionA ?? null,
      schedule: JSON.stringify(site.schedule ?? []),
      now,
    });
    this.clearStationsStmt.run(site.id);
    site.stations.forEach((chargePointId, position) => this.addStationStmt.run(chargePointId, site.id, position));
    return this.get(site.id)!;
  }

  /** False when there was no such site; its memberships go with it (ON DELETE CASCADE). */
  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
