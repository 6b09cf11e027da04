/**
 * Initial schema. Never edit a migration that has shipped: the runner stores each migration's SHA-256 and refuses
 * to open a database whose applied migrations differ from the code (docs/architecture.md, storage). Add a new file instead.
 *
 * Times are ISO 8601 UTC strings with milliseconds (`received_at` = when we received it; `*_cp_at` / `timestamp` =
 * what the charge point said, kept as sent so late and queued messages keep their own time, OCPP 1.6 §3.7).
 */
export const name = '0001-initial';

export const sql = `
CREATE TABLE charge_points (
  id                   TEXT PRIMARY KEY,                -- the OCPP identity, exactly as in the URL (percent-decoded)
  registration_status  TEXT NOT NULL CHECK (registration_status IN ('Accepted','Pending','Rejected')),
  description          TEXT NOT NULL DEFAULT '',
  security_profile     INTEGER NOT NULL DEFAULT 0 CHECK (security_profile BETWEEN 0 AND 3),
  auth_secrets         TEXT NOT NULL DEFAULT '[]',     -- JSON array of {salt, hash} (scrypt); never the password
  validation_mode      TEXT CHECK (validation_mode IN ('strict','lenient')), -- NULL = the global setting
  vendor               TEXT, model TEXT, charge_point_serial TEXT, charge_box_serial TEXT,
  firmware_version     TEXT, iccid TEXT, imsi TEXT, meter_type TEXT, meter_serial TEXT,
  last_boot_at         TEXT,
  last_seen_at         TEXT,
  last_connected_at    TEXT,
  last_disconnected_at TEXT,
  last_remote_address  TEXT,
  firmware_status      TEXT,
  diagnostics_status   TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);

CREATE TABLE connectors (
  charge_point_id   TEXT NOT NULL REFERENCES charge_points(id) ON DELETE CASCADE,
  connector_id      INTEGER NOT NULL,
  status            TEXT NOT NULL,
  error_code        TEXT NOT NULL DEFAULT 'NoError',
  info              TEXT,
  vendor_id         TEXT,
  vendor_error_code TEXT,
  status_cp_at      TEXT,
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
) WITHOUT ROWID;

CREATE TABLE status_history (
  id                INTEGER PRIMARY KEY,
  charge_point_id   TEXT NOT NULL,
  connector_id      INTEGER NOT NULL,
  status            TEXT NOT NULL,
  error_code        TEXT NOT NULL,
  info              TEXT,
  vendor_id         TEXT,
  vendor_error_code TEXT,
  status_cp_at      TEXT,
  received_at       TEXT NOT NULL
);
CREATE INDEX status_history_cp ON status_history (charge_point_id, connector_id, id);

CREATE TABLE id_tags (
  id_tag        TEXT PRIMARY KEY COLLATE NOCASE,        -- CiString20: case-insensitive (OCPP 1.6 §7.28)
  status        TEXT NOT NULL CHECK (status IN ('Accepted','Blocked','Expired','Invalid')),
  expiry_date   TEXT,
  parent_id_tag TEXT COLLATE NOCASE,
  description   TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE reservations (
  id              INTEGER PRIMARY KEY,                  -- the OCPP reservationId
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  id_tag          TEXT NOT NULL COLLATE NOCASE,
  parent_id_tag   TEXT COLLATE NOCASE,
  expiry_date     TEXT NOT NULL,
  status          TEXT NOT NULL,                        -- Requested, Active, Used, Expired, Cancelled, Ended, Refused
  station_answer  TEXT,                                 -- the raw ReserveNow.conf status
  transaction_id  INTEGER,
  ended_reason    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX reservations_cp ON reservations (charge_point_id, status);

CREATE TABLE transactions (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- the transactionId we issue: unique, positive (errata 3.54)
  charge_point_id     TEXT NOT NULL,
  connector_id        INTEGER NOT NULL,
  id_tag              TEXT NOT NULL COLLATE NOCASE,
  start_status        TEXT NOT NULL,                     -- idTagInfo.status we answered
  reservation_id      INTEGER,
  meter_start_wh      INTEGER NOT NULL,
  started_cp_at       TEXT NOT NULL,
  start_received_at   TEXT NOT NULL,
  meter_stop_wh       INTEGER,
  stopped_cp_at       TEXT,
  stop_received_at    TEXT,
  stop_reason         TEXT,
  stop_id_tag         TEXT COLLATE NOCASE,
  ended_by            TEXT,                              -- 'station' | 'superseded' | 'operator'
  ended_note          TEXT,
  last_meter_wh       REAL,
  last_power_w        REAL,
  last_meter_at       TEXT
);
CREATE INDEX transactions_open ON transactions (charge_point_id, connector_id) WHERE stop_received_at IS NULL;
CREATE INDEX transactions_tag_open ON transactions (id_tag) WHERE stop_received_at IS NULL;
CREATE INDEX transactions_started ON transactions (start_received_at);

CREATE TABLE meter_values (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  transaction_id  INTEGER,
  timestamp       TEXT NOT NULL,
  value           TEXT NOT NULL,
  measurand       TEXT,
  phase           TEXT,
  unit            TEXT,
  context         TEXT,
  location        TEXT,
  format          TEXT,
  source          TEXT NOT NULL,                          -- 'MeterValues' | 'StopTransaction'
  received_at     TEXT NOT NULL
);
CREATE INDEX meter_values_tx ON meter_values (transaction_id, id) WHERE transaction_id IS NOT NULL;
CREATE INDEX meter_values_cp ON meter_values (charge_point_id, id);

CREATE TABLE message_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  charge_point_id TEXT NOT NULL,
  direction       TEXT NOT NULL CHECK (direction IN ('in','out')),
  message_type    INTEGER,                                -- 2 CALL, 3 CALLRESULT, 4 CALLERROR; NULL = unparseable
  message_id      TEXT,
  action          TEXT,                                   -- for results and errors: the action of the CALL they answer
  error_code      TEXT,                                   -- CALLERROR code, or the violation found in a lenient read
  frame           TEXT NOT NULL                           -- the frame as sent or received (secrets redacted)
);
CREATE INDEX message_log_cp ON message_log (charge_point_id, id);
CREATE INDEX message_log_at ON message_log (at);

CREATE TABLE connection_events (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  charge_point_id TEXT NOT NULL,
  event           TEXT NOT NULL,                          -- connected | disconnected | replaced
  remote_address  TEXT,
  code            INTEGER,
  reason          TEXT
);
CREATE INDEX connection_events_cp ON connection_events (charge_point_id, id);

CREATE TABLE refused_handshakes (
  id               INTEGER PRIMARY KEY,
  at               TEXT NOT NULL,
  remote_address   TEXT,
  path             TEXT NOT NULL,
  identity         TEXT,
  reason           TEXT NOT NULL,                          -- stable code, e.g. 'unknown-identity'
  detail           TEXT NOT NULL,
  http_status      INTEGER NOT NULL,
  offered_protocols TEXT
);
CREATE INDEX refused_handshakes_at ON refused_handshakes (id);

CREATE TABLE station_file_status (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  kind            TEXT NOT NULL,                          -- firmware | diagnostics | log | signedFirmware
  status          TEXT NOT NULL,
  request_id      INTEGER,
  received_at     TEXT NOT NULL
);
CREATE INDEX station_file_status_cp ON station_file_status (charge_point_id, kind, id);

CREATE TABLE security_events (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  type            TEXT NOT NULL,
  tech_info       TEXT,
  cp_timestamp    TEXT NOT NULL,
  received_at     TEXT NOT NULL
);
CREATE INDEX security_events_cp ON security_events (charge_point_id, id);

CREATE TABLE data_transfers (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  vendor_id       TEXT NOT NULL,
  message_id      TEXT,
  data            TEXT,
  answered_status TEXT NOT NULL,
  received_at     TEXT NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                                     -- JSON
);
`;
