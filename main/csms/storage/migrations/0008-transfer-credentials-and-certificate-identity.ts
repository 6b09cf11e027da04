/**
 * File jobs get their own timeline, upload credential and received files; stations get the operator's choices on
 * certificate identity and upload protocol; security events say who raised them (README "Security profiles",
 * "Firmware and diagnostics files").
 *
 * - station_file_status.job_id: the file job a status notification belongs to (NULL: none was open), so a log
 *   upload's notifications never show in a diagnostics job and the other way round.
 * - file_jobs: the upload protocol chosen and why, the per-job upload credential (only its SHA-256: the password
 *   itself is sent to the station once and never stored), when the job ended (its credential stops working then),
 *   and the station's last status.
 * - file_job_uploads: the files that arrived with a job's credential ("Uploaded" with none is flagged).
 * - station_security_settings: per station, whether a CSR whose subject CN is not the identity may be signed, the
 *   CN that then identifies the station in the profile-3 handshake, and the upload protocol setting.
 * - security_events.source: 'station' (SecurityEventNotification) or 'csms' (e.g. a refused CSR).
 */
export const name = '0008-transfer-credentials-and-certificate-identity';

export const sql = `
ALTER TABLE station_file_status ADD COLUMN job_id INTEGER;
CREATE INDEX station_file_status_job ON station_file_status (job_id) WHERE job_id IS NOT NULL;

ALTER TABLE file_jobs ADD COLUMN upload_protocol TEXT;          -- ftp | http | NULL (not an upload to this server)
ALTER TABLE file_jobs ADD COLUMN upload_protocol_reason TEXT;
ALTER TABLE file_jobs ADD COLUMN credential_sha256 TEXT;        -- hex SHA-256 of the job's upload password
ALTER TABLE file_jobs ADD COLUMN credential_expires_at TEXT;
ALTER TABLE file_jobs ADD COLUMN station_status TEXT;           -- last status notification of this job
ALTER TABLE file_jobs ADD COLUMN ended_at TEXT;                 -- terminal status, refusal or failure
ALTER TABLE file_jobs ADD COLUMN ended_reason TEXT;

CREATE TABLE file_job_uploads (
  id              INTEGER PRIMARY KEY,
  job_id          INTEGER NOT NULL,
  charge_point_id TEXT NOT NULL,
  name            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  via             TEXT NOT NULL,                          -- http | ftp
  received_at     TEXT NOT NULL
);
CREATE INDEX file_job_uploads_job ON file_job_uploads (job_id);

CREATE TABLE station_security_settings (
  charge_point_id              TEXT PRIMARY KEY,
  allow_foreign_certificate_cn INTEGER NOT NULL DEFAULT 0,
  certificate_cn               TEXT,                     -- CN of the signed certificate that identifies the station
  upload_protocol              TEXT NOT NULL DEFAULT 'auto', -- auto | ftp | http
  updated_at                   TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE security_events ADD COLUMN source TEXT NOT NULL DEFAULT 'station';
`;
