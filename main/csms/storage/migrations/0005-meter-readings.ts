/**
 * One row per OCPP meterValue instead of one per sampledValue. The benchmark profile showed MeterValues storage as
 * the biggest single cost of the central system: a realistic MeterValues CALL carries one meterValue with 7
 * sampledValues, and each was one INSERT into `meter_values` (table + 2 indexes = 21 B-tree inserts per message,
 * ~18 % of all CPU at saturation). One row per meterValue measured +34 % throughput.
 *
 * `meter_readings.sampled_values` is the JSON array of the sampledValue objects as received, except that `value` is
 * always a string (some chargers send numbers; the schema says string). Keys the station did not send are absent.
 *
 * `meter_values` stays readable as a VIEW with the old table's columns (one row per sampled value), so existing SQL
 * keeps working. Its id rule: `id = reading id * 1000 + index of the sample in the reading`. That is unique because
 * a reading never holds more than 1000 samples: the schema does not bound `sampledValue`, so a meterValue with more
 * is stored as several consecutive readings of at most 1000 (MeterValueRepository.insertReading, and below for old
 * rows). Ids are ordered like the old ones (reading order, then sample order); their values are not the old ones.
 *
 * Old rows are grouped back into readings: runs of consecutive ids (by id order) that share station, connector,
 * transaction, timestamp, source and received_at — what one meterValue of one message inserted.
 */
export const name = '0005-meter-readings';

export const sql = `
CREATE TABLE meter_readings (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  transaction_id  INTEGER,
  timestamp       TEXT NOT NULL,
  sampled_values  TEXT NOT NULL,                          -- JSON array of sampledValue objects (value always a string), at most 1000
  source          TEXT NOT NULL,                          -- 'MeterValues' | 'StopTransaction'
  received_at     TEXT NOT NULL
);
CREATE INDEX meter_readings_tx ON meter_readings (transaction_id, id) WHERE transaction_id IS NOT NULL;
-- Only readings outside a transaction are looked up by station (the "unassigned meter values" of a transaction);
-- indexing every reading by station cost one more random index page per MeterValues in each commit.
CREATE INDEX meter_readings_unassigned ON meter_readings (charge_point_id, id) WHERE transaction_id IS NULL;

INSERT INTO meter_readings (charge_point_id, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
WITH flagged AS (
  SELECT m.*,
    CASE WHEN lag(charge_point_id) OVER w IS charge_point_id AND lag(connector_id) OVER w IS connector_id
           AND lag(transaction_id) OVER w IS transaction_id AND lag(timestamp) OVER w IS timestamp
           AND lag(source) OVER w IS source AND lag(received_at) OVER w IS received_at
         THEN 0 ELSE 1 END AS starts
  FROM meter_values m
  WINDOW w AS (ORDER BY id)
),
runs AS (
  SELECT *, sum(starts) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS run FROM flagged
),
chunked AS (
  SELECT *, (row_number() OVER (PARTITION BY run ORDER BY id) - 1) / 1000 AS chunk FROM runs
)
SELECT charge_point_id, connector_id, transaction_id, timestamp,
  -- json_patch drops the keys whose value is null, so absent fields stay absent.
  json_group_array(json_patch(json_object('value', value),
    json_object('context', context, 'format', format, 'measurand', measurand, 'phase', phase, 'location', location, 'unit', unit)) ORDER BY id),
  source, received_at
FROM chunked
GROUP BY run, chunk
ORDER BY min(id);

DROP TABLE meter_values;

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
FROM meter_readings r, json_each(r.sampled_values) s;
`;
