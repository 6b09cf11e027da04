/**
 * Indexes for the operator's lists on years of data (README "Performance", large database: 1,000,000 transactions,
 * 10,000,000 message-log rows, built and measured by `npm run bench:large`). Each index costs every insert into its
 * table, so there is one only where the query could not be reshaped to use what exists; the transaction lists
 * were reshaped first (keyset pages, capped counts, periods read as id ranges: repositories/list-paging.ts).
 * Figures: the query alone on that database (warm cache, 2 cores shared with other work), and the API's p95.
 *
 * - `transactions_cp_id`: a station's transactions, newest first. 0004's (charge_point_id, connector_id, id) finds
 *   them but not in id order, so every page sorted all of the station's sessions: 380 ms for the busiest station
 *   (36,000 sessions), 5.5 ms with this index. One more B-tree insert per StartTransaction (not per MeterValues);
 *   a transaction's station never changes.
 * - `transactions_tag_id`: an id tag's transactions ("who charged where"). Only open sessions were indexed by tag
 *   (`transactions_tag_open`, kept for the checks of each StartTransaction), so the list read the table until it
 *   had a page: 620 ms for a rarely used tag, API p95 339 ms; 2 ms and p95 5.8 ms with it. One B-tree insert per
 *   StartTransaction.
 * - `audit_log_client`: the audit trail of one client (console window, browser, script) was found by reading the
 *   rows and counted by reading all of them: API p95 23 ms at 100,000 operator actions, 2.4 ms with it. Written
 *   once per operator change, which are few.
 * - `reservations_status`, and `reservations_cp_id` in place of 0001's `reservations_cp` (station, status): the
 *   expiry sweep reads the Active reservations every few seconds by reading every reservation (0.9 ms at 20,000,
 *   0.1 ms with it, growing with the years), the list by status did the same, and a station's list sorted all of its
 *   reservations. A station's Active ones (each StartTransaction) are found through either. Written per ReserveNow
 *   and its outcome: one index more than before.
 * - `anomalies_received`: the overview asks for the anomalies since a time; without it that read every anomaly.
 *   1 ms at 10,000, but a station that keeps reporting meter values after its stop adds one per MeterValues, so the
 *   table can grow as fast as the message log; its insert is small beside the MeterValues that caused it.
 */
export const name = '0013-list-indexes';

export const sql = `
CREATE INDEX transactions_cp_id ON transactions (charge_point_id, id);
CREATE INDEX transactions_tag_id ON transactions (id_tag, id);
CREATE INDEX audit_log_client ON audit_log (client, id);
DROP INDEX reservations_cp;
CREATE INDEX reservations_cp_id ON reservations (charge_point_id, id);
CREATE INDEX reservations_status ON reservations (status, id);
CREATE INDEX anomalies_received ON anomalies (received_at);
`;
