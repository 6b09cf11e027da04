/**
 * Commissioning runs (main/csms/commissioning): each run of checks on a station with its results and evidence, kept
 * as the report shows them, so a later run can say what changed; and the technicians' saved choices of checks.
 * A station's record going takes its runs with it.
 */
export const name = '0017-commissioning';

export const sql = `
CREATE TABLE commissioning_runs (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL REFERENCES charge_points(id) ON DELETE CASCADE,
  status          TEXT NOT NULL,                          -- running | passed | failed | stopped
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  report          TEXT NOT NULL                           -- JSON CommissioningRunDto (shared/api/types.ts)
);
CREATE INDEX commissioning_runs_station ON commissioning_runs (charge_point_id, id);

CREATE TABLE commissioning_templates (
  name        TEXT PRIMARY KEY,
  description TEXT,
  checks      TEXT NOT NULL                               -- JSON CommissioningCheckId[]
);
`;
