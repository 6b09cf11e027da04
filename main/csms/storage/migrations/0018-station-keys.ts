/**
 * The rows written for nearly every message name their station by its key in `message_log_names` (migration 0011)
 * instead of repeating the station id: a meter reading, and a status change in its row and again in its index
 * (README "Bytes stored"). Both tables are rebuilt (an SQL copy, id order, ids kept):
 * - `meter_readings.charge_point_id` becomes `station`; the `meter_values` view shows the id as before.
 * - `status_history` becomes the table `status_changes`, with `station` and `received_at` in milliseconds since 1970
 *   (text that is not an ISO time stays text); a view named `status_history` shows the old columns, so queries
 *   written against it keep working.
 * Station ids not yet in the names table are added first.
 */
export const name = '0018-station-keys';

export const sql = `
INSERT OR IGNORE INTO message_log_names (name) SELECT DISTINCT charge_point_id FROM meter_readings;
INSERT OR IGNORE INTO message_log_names (name) SELECT DISTINCT charge_point_id FROM status_history;

DROP VIEW meter_values;
CREATE TABLE meter_readings_new (
  id              INTEGER PRIMARY KEY,
  station         INTEGER NOT NULL,                       -- message_log_names.id of the charge point id
  connector_id    INTEGER NOT NULL,
  transaction_id  INTEGER,
  timestamp       TEXT NOT NULL,
  sampled_values  TEXT NOT NULL,                          -- JSON text, or a BLOB (frame-codec packText / packTextAgainst)
  source          INTEGER NOT NULL,                       -- 1 'MeterValues' | 2 'StopTransaction' (text stays text)
  received_at     INTEGER NOT NULL                        -- ms since 1970 (ISO text stays text)
);
INSERT INTO meter_readings_new (id, station, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
SELECT r.id, n.id, r.connector_id, r.transaction_id, r.timestamp, r.sampled_values, r.source, r.received_at
FROM meter_readings r JOIN message_log_names n ON n.name = r.charge_point_id ORDER BY r.id;
DROP TABLE meter_readings;
ALTER TABLE meter_readings_new RENAME TO meter_readings;
CREATE INDEX meter_readings_tx ON meter_readings (transaction_id, id) WHERE transaction_id IS NOT NULL;
CREATE INDEX meter_readings_unassigned ON meter_readings (station, id) WHERE transaction_id IS NULL;

CREATE VIEW meter_values AS
SELECT r.id * 1000 + s.key AS id,
  n.name AS charge_point_id, r.connector_id, r.transaction_id, r.timestamp,
  CAST(json_extract(s.value, '$.value') AS TEXT) AS value,
  CAST(json_extract(s.value, '$.measurand') AS TEXT) AS measurand,
  CAST(json_extract(s.value, '$.phase') AS TEXT) AS phase,
  CAST(json_extract(s.value, '$.unit') AS TEXT) AS unit,
  CAST(json_extract(s.value, '$.context') AS TEXT) AS context,
  CAST(json_extract(s.value, '$.location') AS TEXT) AS location,
  CAST(json_extract(s.value, '$.format') AS TEXT) AS format,
  CASE r.source WHEN 1 THEN 'MeterValues' WHEN 2 THEN 'StopTransaction' ELSE r.source END AS source,
  CASE WHEN typeof(r.received_at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%fZ', r.received_at / 1000.0, 'unixepoch')
       ELSE r.received_at END AS received_at
FROM meter_readings r JOIN message_log_names n ON n.id = r.station,
  json_each(meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values)))) s;

CREATE TABLE status_changes (
  id                INTEGER PRIMARY KEY,
  station           INTEGER NOT NULL,                     -- message_log_names.id of the charge point id
  connector_id      INTEGER NOT NULL,
  status            TEXT NOT NULL,
  error_code        TEXT NOT NULL,
  info              TEXT,
  vendor_id         TEXT,
  vendor_error_code TEXT,
  status_cp_at      TEXT,                                 -- the station's own timestamp, as it sent it
  received_at       INTEGER NOT NULL                      -- ms since 1970 (ISO text stays text)
);
INSERT INTO status_changes (id, station, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, received_at)
SELECT h.id, n.id, h.connector_id, h.status, h.error_code, h.info, h.vendor_id, h.vendor_error_code, h.status_cp_at,
  COALESCE(CAST(ROUND(unixepoch(h.received_at, 'subsec') * 1000) AS INTEGER), h.received_at)
FROM status_history h JOIN message_log_names n ON n.name = h.charge_point_id ORDER BY h.id;
DROP TABLE status_history;
CREATE INDEX status_changes_station ON status_changes (station, connector_id, id);

CREATE VIEW status_history AS
SELECT h.id, n.name AS charge_point_id, h.connector_id, h.status, h.error_code, h.info, h.vendor_id, h.vendor_error_code,
  h.status_cp_at,
  CASE WHEN typeof(h.received_at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%fZ', h.received_at / 1000.0, 'unixepoch')
       ELSE h.received_at END AS received_at
FROM status_changes h JOIN message_log_names n ON n.id = h.station;
`;
