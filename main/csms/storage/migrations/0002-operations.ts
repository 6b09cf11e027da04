/**
 * Domain state behind the CSMS-initiated operations: what each station holds as far as the central
 * system knows it from the answers to its own calls. JSON columns hold OCPP structures as sent or received.
 * Times are ISO 8601 UTC strings with milliseconds.
 */
export const name = '0002-operations';

export const sql = `
CREATE TABLE local_lists (
  charge_point_id   TEXT PRIMARY KEY,
  entries           TEXT,                                 -- JSON [{idTag, idTagInfo}] the station holds; NULL = unknown
  confirmed_version INTEGER,                              -- version of 'entries' the station confirmed; NULL = unknown
  reported_version  INTEGER,                              -- last GetLocalListVersion answer (-1 = not supported, 0 = empty)
  reported_at       TEXT,
  last_update_type  TEXT,                                 -- Full | Differential of the last SendLocalList
  last_status       TEXT,                                 -- its answer (Accepted, Failed, NotSupported, VersionMismatch, or an error)
  updated_at        TEXT NOT NULL
);

CREATE TABLE charging_profile_sets (
  charge_point_id TEXT PRIMARY KEY,
  installed       TEXT NOT NULL DEFAULT '[]',             -- JSON InstalledProfile[] the station accepted
  updated_at      TEXT NOT NULL
);

CREATE TABLE composite_schedules (
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  request         TEXT NOT NULL,                          -- JSON GetCompositeSchedule.req
  answer          TEXT NOT NULL,                          -- JSON GetCompositeSchedule.conf
  received_at     TEXT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
) WITHOUT ROWID;

CREATE TABLE configuration_snapshots (
  charge_point_id TEXT PRIMARY KEY,
  entries         TEXT NOT NULL DEFAULT '[]',             -- JSON [{key, readonly, value?, rebootRequired?}]; secrets never stored
  unknown_keys    TEXT NOT NULL DEFAULT '[]',             -- JSON string[] from the last GetConfiguration
  requested_keys  TEXT,                                   -- JSON string[] of the last GetConfiguration; NULL = all keys
  taken_at        TEXT,                                   -- when the last GetConfiguration answer arrived
  updated_at      TEXT NOT NULL
);

CREATE TABLE file_jobs (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  kind            TEXT NOT NULL,                          -- firmware | diagnostics | log | signedFirmware
  action          TEXT NOT NULL,
  request_id      INTEGER,                                -- GetLog / SignedUpdateFirmware requestId
  request         TEXT NOT NULL,                          -- JSON request as sent
  answer          TEXT,                                   -- JSON conf, or the error
  status          TEXT NOT NULL,                          -- Sent, then the answer status (Accepted, Rejected, ...) or Error
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX file_jobs_cp ON file_jobs (charge_point_id, id);

CREATE TABLE installed_certificates (
  charge_point_id  TEXT NOT NULL,
  certificate_type TEXT NOT NULL,
  status           TEXT NOT NULL,                         -- GetInstalledCertificateIds.conf status
  hash_data        TEXT NOT NULL DEFAULT '[]',            -- JSON certificateHashData[]
  received_at      TEXT NOT NULL,
  PRIMARY KEY (charge_point_id, certificate_type)
) WITHOUT ROWID;
`;
