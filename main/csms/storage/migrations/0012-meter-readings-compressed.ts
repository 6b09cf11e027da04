/**
 * Meter readings' sampled values compressed (README "Bytes stored"): a MeterValues CALL of the benchmark's mix (one
 * meterValue, 7 sampled values) stored ~850 bytes of JSON in `meter_readings.sampled_values`, more than half of all
 * bytes per message once the message log was compressed (migration 0011). New readings store the same JSON
 * deflated with the message log's dictionary (storage/frame-codec: a version byte, then the data) as a BLOB; a
 * reading of a transaction that already has one is deflated against the transaction's first reading (it repeats
 * its measurands, units and contexts; only the values differ), which it names. Readings are only deleted a whole
 * transaction at a time (budget-pruning.ts), so the first one goes with the last. Old readings stay JSON text. The `meter_values` view reads both through `meter_samples()` (storage/sql-functions.ts),
 * so its columns and every query over it stay as they were.
 */
export const name = '0012-meter-readings-compressed';

export const sql = `
DROP VIEW meter_values;

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
  r.source, r.received_at
FROM meter_readings r,
  json_each(meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values)))) s;
`;
