/**
 * Indexes for the operator's lists on years of data (README "Performance", large database: 1,000,000 transactions,
 * 10,000,000 message-log rows; figures are p95 over the operator API from `npm run bench:large`). Each index costs
 * every insert into its table, so only where the query could not be reshaped to use what exists, and mostly on
 * tables written rarely (operator actions, reservations, security events, anomalies):
 *
 * - `transactions_cp_id`: a station's transactions, newest first. The (charge_point_id, connector_id, id) index of
 *   0004 finds them but not in id order, so every page sorted all of the station's sessions: 250 ms for a busy
 *   station (36,000 sessions). One more B-tree insert per StartTransaction; the row's station never changes.
 * - `transactions_tag_id`: an id tag's transactions ("who charged where"). Only open sessions were indexed by tag
 *   (`transactions_tag_open`, kept for the StartTransaction checks), so the list read the whole table for a rarely
 *   used tag (1.9 s). One B-tree insert per StartTransaction.
 * - `audit_log_client`: the audit trail of one client (console window, browser, script); a script's few actions
 *   were found by reading every row. Written once per operator change.
 * - `reservations_status` and `reservations_cp_id` in place of 0001's `reservations_cp` (station, status): the
 *   Active reservations (the expiry sweep, every few seconds) and the list by status read the whole table, and a
 *   station's list sorted all of its reservations. The station's Active ones (each StartTransaction) are found
 *   through either. Written per ReserveNow and its outcome; one index more than before.
 * - `security_events_source`, `security_events_received`, `anomalies_received`: the "what happened since" lists
 *   of the overview (since a time; by source) read the whole table; with the time index the list is bounded to
 *   its ids (repositories say how). Written per security event or anomaly, which are rare.
 */
export const name = '0012-list-indexes';

export const sql = `
CREATE INDEX transactions_cp_id ON transactions (charge_point_id, id);
CREATE INDEX transactions_tag_id ON transactions (id_tag, id);
CREATE INDEX audit_log_client ON audit_log (client, id);
DROP INDEX reservations_cp;
CREATE INDEX reservations_cp_id ON reservations (charge_point_id, id);
CREATE INDEX reservations_status ON reservations (status, id);
CREATE INDEX security_events_source ON security_events (source, id);
CREATE INDEX security_events_received ON security_events (received_at);
CREATE INDEX anomalies_received ON anomalies (received_at);
`;
