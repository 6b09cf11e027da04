/**
 * Site power sharing, live (docs/architecture.md "Sites: how the limit is shared"; OCPP 1.6 §3.13.4 central smart
 * charging, §5.16 SetChargingProfile):
 * - `site_sent_limits`: per open transaction of a site station, the latest TxProfile limit sent and what the station
 *   may use until it answers (main/csms/sites/sent-limits.ts), so a restart of the central system knows what may be
 *   in use before any station is heard again. Forgotten when the transaction stops.
 * - `site_default_profiles`: per site station, the TxDefaultProfile sent at boot or reconnect and its answer: a
 *   session that starts later is counted from that limit until its own TxProfile is acknowledged.
 * - `site_events`: every decision and alert of a site, newest first by id (GET /api/sites/{siteId}/events); an alert
 *   stays open (`open_key` set) until it is cleared, and the open ones are listed with the allocation.
 * No foreign keys: the history of a site or station outlives its record, and a limit sent stays counted until its
 * transaction stops whatever happens to the site.
 */
export const name = '0015-site-power';

export const sql = `
CREATE TABLE site_sent_limits (
  transaction_id    INTEGER PRIMARY KEY,
  charge_point_id   TEXT NOT NULL,
  connector_id      INTEGER NOT NULL,
  limit_a           REAL NOT NULL,                        -- the latest limit sent (A per phase)
  previous_limit_a  REAL NOT NULL,                        -- what it may use until limit_a is acknowledged
  acknowledged      INTEGER NOT NULL,                     -- 0 | 1
  seq               INTEGER NOT NULL,                     -- numbers the updates, to match answers
  sent_at           TEXT NOT NULL,
  outcome           TEXT,                                 -- NULL (none sent yet) | pending | accepted | rejected | no-answer
  refused           INTEGER NOT NULL DEFAULT 0            -- 1: the station refused a TxProfile; counted at its maximum
);

CREATE TABLE site_default_profiles (
  charge_point_id TEXT PRIMARY KEY,
  limit_a         REAL NOT NULL,
  sent_at         TEXT NOT NULL,
  outcome         TEXT NOT NULL                           -- pending | accepted | rejected | no-answer
) WITHOUT ROWID;

CREATE TABLE site_events (
  id              INTEGER PRIMARY KEY,
  site_id         TEXT NOT NULL,
  at              TEXT NOT NULL,
  kind            TEXT NOT NULL,
  severity        TEXT NOT NULL,                          -- info | warning | alert
  charge_point_id TEXT,
  connector_id    INTEGER,
  message         TEXT NOT NULL,
  open_key        TEXT                                    -- an open alert's key (e.g. refused:CP-3/1); NULL once cleared or for no alert
);
CREATE INDEX site_events_site ON site_events (site_id, id);
CREATE UNIQUE INDEX site_events_open ON site_events (site_id, open_key) WHERE open_key IS NOT NULL;
`;
