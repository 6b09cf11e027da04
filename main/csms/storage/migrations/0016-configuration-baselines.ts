/**
 * Configuration baselines: named sets of configuration key values (OCPP 1.6 §9 standard keys, or a vendor's) that
 * stations are expected to hold, assigned to stations directly or to sites (a station of a site with a baseline
 * follows the site's unless it has its own). Values are kept exactly as the operator typed them; how a station's
 * reported value is compared is domain/configuration-drift.ts. A baseline going takes its assignments with it; a
 * station or site going takes its assignment.
 */
export const name = '0016-configuration-baselines';

export const sql = `
CREATE TABLE configuration_baselines (
  name        TEXT PRIMARY KEY,
  description TEXT,
  entries     TEXT NOT NULL,                              -- JSON [{ "key", "value" }] in the operator's order
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE configuration_baseline_stations (
  charge_point_id TEXT PRIMARY KEY REFERENCES charge_points(id) ON DELETE CASCADE,
  baseline        TEXT NOT NULL REFERENCES configuration_baselines(name) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX configuration_baseline_stations_baseline ON configuration_baseline_stations (baseline);

CREATE TABLE configuration_baseline_sites (
  site_id  TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  baseline TEXT NOT NULL REFERENCES configuration_baselines(name) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX configuration_baseline_sites_baseline ON configuration_baseline_sites (baseline);
`;
