/**
 * The duplicate-StartTransaction check looks transactions up by station and connector; without this index every
 * StartTransaction scanned the whole table, a cost that grows with every transaction ever stored (benchmark
 * profile: 4 % of the time at saturation on a young database).
 */
export const name = '0004-transaction-connector-index';

export const sql = `
CREATE INDEX transactions_cp_connector ON transactions (charge_point_id, connector_id, id);
`;
