import type { ConfigurationBaselineDto, ConfigurationBaselineEntry } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

interface BaselineRow {
  name: string;
  description: string | null;
  entries: string;
  created_at: string;
  updated_at: string;
}

/** A baseline as stored, with whom it is assigned to (migration 0016). */
export type ConfigurationBaseline = ConfigurationBaselineDto;

/** What a baseline is stored from: the operator's body, checked, with its name. */
export interface ConfigurationBaselineInput {
  name: string;
  description?: string;
  entries: ConfigurationBaselineEntry[];
  stations: string[];
  sites: string[];
}

/** Who else holds one of the stations or sites a baseline is to be assigned to. */
export interface BaselineAssignmentTaken {
  kind: 'station' | 'site';
  id: string;
  baseline: string;
}

/** Configuration baselines and their assignments to stations and sites (migration 0016). */
export class ConfigurationBaselineRepository {
  private readonly getStmt;
  private readonly listStmt;
  private readonly stationsStmt;
  private readonly sitesStmt;
  private readonly allStationsStmt;
  private readonly allSitesStmt;
  private readonly stationOwnerStmt;
  private readonly siteOwnerStmt;
  private readonly upsertStmt;
  private readonly clearStationsStmt;
  private readonly clearSitesStmt;
  private readonly addStationStmt;
  private readonly addSiteStmt;
  private readonly deleteStmt;
  private readonly effectiveStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], BaselineRow>('SELECT * FROM configuration_baselines WHERE name = ?');
    this.listStmt = db.prepare<[], BaselineRow>('SELECT * FROM configuration_baselines ORDER BY name');
    this.stationsStmt = db.prepare<[string], { id: string }>(
      'SELECT charge_point_id AS id FROM configuration_baseline_stations WHERE baseline = ? ORDER BY charge_point_id',
    );
    this.sitesStmt = db.prepare<[string], { id: string }>(
      'SELECT site_id AS id FROM configuration_baseline_sites WHERE baseline = ? ORDER BY site_id',
    );
    this.allStationsStmt = db.prepare<[], { id: string; baseline: string }>(
      'SELECT charge_point_id AS id, baseline FROM configuration_baseline_stations ORDER BY charge_point_id',
    );
    this.allSitesStmt = db.prepare<[], { id: string; baseline: string }>(
      'SELECT site_id AS id, baseline FROM configuration_baseline_sites ORDER BY site_id',
    );
    this.stationOwnerStmt = db.prepare<[string], { baseline: string }>(
      'SELECT baseline FROM configuration_baseline_stations WHERE charge_point_id = ?',
    );
    this.siteOwnerStmt = db.prepare<[string], { baseline: string }>('SELECT baseline FROM configuration_baseline_sites WHERE site_id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO configuration_baselines (name, description, entries, created_at, updated_at) VALUES (@name, @description, @entries, @now, @now)
       ON CONFLICT (name) DO UPDATE SET description = excluded.description, entries = excluded.entries, updated_at = excluded.updated_at`,
    );
    this.clearStationsStmt = db.prepare('DELETE FROM configuration_baseline_stations WHERE baseline = ?');
    this.clearSitesStmt = db.prepare('DELETE FROM configuration_baseline_sites WHERE baseline = ?');
    this.addStationStmt = db.prepare('INSERT INTO configuration_baseline_stations (charge_point_id, baseline) VALUES (?, ?)');
    this.addSiteStmt = db.prepare('INSERT INTO configuration_baseline_sites (site_id, baseline) VALUES (?, ?)');
    this.deleteStmt = db.prepare('DELETE FROM configuration_baselines WHERE name = ?');
    // The station's own baseline first, else its site's (migration 0016).
    this.effectiveStmt = db.prepare<[string, string], { baseline: string; via: 'station' | 'site'; site_id: string | null }>(
      `SELECT baseline, 'station' AS via, NULL AS site_id FROM configuration_baseline_stations WHERE charge_point_id = ?
       UNION ALL
       SELECT b.baseline, 'site' AS via, b.site_id FROM site_stations s JOIN configuration_baseline_sites b ON b.site_id = s.site_id
       WHERE s.charge_point_id = ?
       LIMIT 1`,
    );
  }

  private toBaseline(row: BaselineRow): ConfigurationBaseline {
    return {
      name: row.name,
      ...(row.description !== null ? { description: row.description } : {}),
      entries: JSON.parse(row.entries) as ConfigurationBaselineEntry[],
      stations: this.stationsStmt.all(row.name).map((r) => r.id),
      sites: this.sitesStmt.all(row.name).map((r) => r.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  get(name: string): ConfigurationBaseline | undefined {
    const row = this.getStmt.get(name);
    return row && this.toBaseline(row);
  }

  list(): ConfigurationBaseline[] {
    return this.listStmt.all().map((row) => this.toBaseline(row));
  }

  /** Every station and site with a baseline of its own, and which. */
  assignments(): { stations: Map<string, string>; sites: Map<string, string> } {
    return {
      stations: new Map(this.allStationsStmt.all().map((r) => [r.id, r.baseline])),
      sites: new Map(this.allSitesStmt.all().map((r) => [r.id, r.baseline])),
    };
  }

  /** Stations and sites of `input` that another baseline holds. */
  takenElsewhere(input: Pick<ConfigurationBaselineInput, 'name' | 'stations' | 'sites'>): BaselineAssignmentTaken[] {
    const taken: BaselineAssignmentTaken[] = [];
    for (const id of input.stations) {
      const owner = this.stationOwnerStmt.get(id)?.baseline;
      if (owner !== undefined && owner !== input.name) taken.push({ kind: 'station', id, baseline: owner });
    }
    for (const id of input.sites) {
      const owner = this.siteOwnerStmt.get(id)?.baseline;
      if (owner !== undefined && owner !== input.name) taken.push({ kind: 'site', id, baseline: owner });
    }
    return taken;
  }

  /** Create or replace the baseline and its assignments; the caller checked they are free. */
  upsert(input: ConfigurationBaselineInput, now: string): ConfigurationBaseline {
    this.upsertStmt.run({ name: input.name, description: input.description ?? null, entries: JSON.stringify(input.entries), now });
    this.clearStationsStmt.run(input.name);
    this.clearSitesStmt.run(input.name);
    for (const id of input.stations) this.addStationStmt.run(id, input.name);
    for (const id of input.sites) this.addSiteStmt.run(id, input.name);
    return this.get(input.name)!;
  }

  delete(name: string): boolean {
    return this.deleteStmt.run(name).changes === 1;
  }

  /** The baseline a station follows: its own, else its site's; undefined when none. */
  effectiveFor(chargePointId: string): { baseline: string; via: 'station' | 'site'; siteId: string | null } | undefined {
    const row = this.effectiveStmt.get(chargePointId, chargePointId);
    return row && { baseline: row.baseline, via: row.via, siteId: row.site_id };
  }
}
