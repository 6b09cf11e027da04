/**
 * Sessions as real stations run them (README "Transactions and id tags"):
 * - `transactions.start_note`: why a start was answered with something other than Accepted (the tag charging
 *   elsewhere, blocked, expired, unknown), or what the central system decided about an older session of the tag;
 * - `id_tags.allow_concurrent_tx`: a shared fleet card that may charge at several connectors at once (NULL = the
 *   `allowConcurrentTxByDefault` setting);
 * - `anomalies`: what a station reported that conflicts with what is stored (a second, different StopTransaction,
 *   meter values after the stop, a start on a connector the station does not have, ...). Kept with the payload as
 *   sent, so nothing a station said is dropped.
 */
export const name = '0007-transaction-anomalies';

export const sql = `
ALTER TABLE transactions ADD COLUMN start_note TEXT;
ALTER TABLE id_tags ADD COLUMN allow_concurrent_tx INTEGER CHECK (allow_concurrent_tx IN (0, 1));

CREATE TABLE anomalies (
  id              INTEGER PRIMARY KEY,
  charge_point_id TEXT NOT NULL,
  transaction_id  INTEGER,
  connector_id    INTEGER,
  kind            TEXT NOT NULL,                          -- stable code, e.g. 'stop-conflict'
  detail          TEXT NOT NULL,                          -- what conflicts with what, for the operator
  action          TEXT NOT NULL,                          -- the OCPP action that reported it
  payload         TEXT NOT NULL,                          -- JSON of the conflicting report, as received
  received_at     TEXT NOT NULL
);
CREATE INDEX anomalies_cp ON anomalies (charge_point_id, id);
CREATE INDEX anomalies_tx ON anomalies (transaction_id) WHERE transaction_id IS NOT NULL;
`;
