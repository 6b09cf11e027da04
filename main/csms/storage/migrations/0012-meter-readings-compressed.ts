/**
 * Meter readings stored smaller (README "Bytes stored"): a MeterValues CALL of the benchmark's mix (one meterValue,
 * 7 sampled values) stored ~850 bytes of JSON in `meter_readings.sampled_values`, more than half of all bytes per
 * message once the message log was compressed (migration 0011).
 * - New readings store the same JSON deflated with the message log's dictionary (storage/frame-codec: a version
 *   byte, then the data) as a BLOB; a reading of a transaction that already has one is deflated against the
 *   transaction's first reading (it repeats its measurands, units and contexts; only the values differ), which it
 *   names. Readings are only deleted a whole transaction at a time (budget-pruning.ts), so the first one goes with
 *   the last. Old readings stay JSON text.
 * - `received_at` becomes milliseconds since 1970 and `source` a code (1 MeterValues, 2 StopTransaction): ~28 bytes
 *   a reading. Text that other tools write there stays text (INTEGER affinity keeps what is not a number) and the
 *   view reads it as it was.
 * The table is rebuilt for that (a copy in SQL, id order, ids kept). The `meter_values` view reads every form back
 * (sampled values through `meter_samples()`, storage/sql-functions.ts), so its columns and the queries over it stay
 * as they were.
 */
export const name = '0012-meter-readings-compressed';

export const sql = `
DROP VIEW meter_values;

CREATE TABLE meter_readings_new (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  transaction_id  INTEGER,
  timestamp       TEXT NOT NULL,
  sampled_values  TEXT NOT NULL,                          -- JSON text, or a BLOB (frame-codec packText / packTextAgainst)
  source          INTEGER NOT NULL,                       -- 1 'MeterValues' | 2 'StopTransaction' (text stays text)
  received_at     INTEGER NOT NULL                        -- ms since 1970 (ISO text stays text)
);
INSERT INTO meter_readings_new (id, charge_point_id, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
SELECT id, charge_point_id, connector_id, transaction_id, timestamp, sampled_values,
  CASE source WHEN 'MeterValues' THEN 1 WHEN 'StopTransaction' THEN 2 ELSE source END,
  COALESCE(CAST(ROUND(unixepoch(received_at, 'subsec') * 1000) AS INTEGER), received_at)
FROM meter_readings ORDER BY id;
DROP TABLE meter_readings;
ALTER TABLE meter_readings_new RENAME TO meter_readings;
CREATE INDEX meter_readings_tx ON meter_readings (transaction_id, id) WHERE transaction_id IS NOT NULL;
CREATE INDEX meter_readings_unassigned ON meter_readings (charge_point_id, id) WHERE transaction_id IS NULL;

CREATE VIEW meter_values AS
SELECT r.id * 1000 + s.key AS id,
  r.charge_point_id, r.connector_id, r.transaction_id, r.timestamp,
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
FROM meter_readings r,
  json_each(meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values)))) s;
`;
