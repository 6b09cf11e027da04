/**
 * Sites: named groups of stations behind one grid supply, with the limits the central system will share among their
 * charging sessions (docs/architecture.md "Sites: how the limit is shared"; OCPP 1.6 §3.13.4 central smart charging).
 * Limits are stored as the operator gave them, after `validateSiteLimits` accepted them: exactly one of limit_a (A per
 * phase) and limit_w (W, all phases) is set. A station belongs to at most one site, as a whole: the engine shares
 * per session, and whole stations are how depots wire their supplies. A station's record going (DELETE
 * /api/charge-points/{id}) takes it out of its site; a site going takes its memberships with it.
 */
export const name = '0014-sites';

export const sql = `
CREATE TABLE sites (
  id            TEXT PRIMARY KEY,                         -- the operator's site id, exactly as in the URL
  name          TEXT NOT NULL,
  limit_a       REAL,                                     -- A per phase, or NULL when limit_w is given
  limit_w       REAL,                                     -- W over all phases, or NULL when limit_a is given
  phases        INTEGER NOT NULL CHECK (phases IN (1, 3)),
  voltage_v     REAL,                                     -- phase-to-neutral; NULL = the default (230 V)
  margin_pct    REAL NOT NULL,
  min_session_a REAL,                                     -- NULL = the default (6 A)
  schedule      TEXT NOT NULL DEFAULT '[]',               -- JSON SiteSchedulePeriod[] (main/csms/sites/site-limits.ts)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((limit_a IS NULL) <> (limit_w IS NULL))
);

CREATE TABLE site_stations (
  charge_point_id TEXT PRIMARY KEY REFERENCES charge_points(id) ON DELETE CASCADE,
  site_id         TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL                        -- the operator's order in the site's list
) WITHOUT ROWID;
CREATE INDEX site_stations_site ON site_stations (site_id, position);
`;
