/**
 * Every CALL from a station writes two message-log rows (the CALL and its answer), so each index on message_log is
 * paid twice per message. `message_log_at` served only the retention prune; ids grow with time, so the prune now
 * takes the oldest rows by id and keeps those older than the cutoff (repositories/message-log.ts), and the index
 * goes: one B-tree insert fewer per row (benchmark profile, README "Performance": the message log was ~13 % of the time at
 * saturation).
 */
export const name = '0006-message-log-prune-by-id';

export const sql = `
DROP INDEX message_log_at;
`;
