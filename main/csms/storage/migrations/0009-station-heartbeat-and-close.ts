/**
 * What the console needs to judge a station by its own terms: the heartbeat interval it was given (in its
 * BootNotification.conf, OCPP 1.6 §4.2, or later by an accepted ChangeConfiguration HeartbeatInterval, §9.1) and
 * the close code and reason of its last connection (RFC 6455 §7.4). A "silent" alert is then measured against the
 * station's own interval, not against the current global setting, and a closed connection is an alert at once.
 */
export const name = '0009-station-heartbeat-and-close';

export const sql = `
ALTER TABLE charge_points ADD COLUMN heartbeat_interval_sec INTEGER;
ALTER TABLE charge_points ADD COLUMN last_close_code INTEGER;
ALTER TABLE charge_points ADD COLUMN last_close_reason TEXT;
`;
