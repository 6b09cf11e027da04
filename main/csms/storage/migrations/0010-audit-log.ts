/**
 * The operator's actions, kept: every change made through the operator API (a call to a station, a setting, an id
 * tag, a station record, a file, a backup...), with which client made it (the desktop console window, the console
 * in a browser, or a script), when, what was sent and what came back. Reads are not recorded.
 */
export const name = '0010-audit-log';

export const sql = `
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  client TEXT NOT NULL CHECK (client IN ('console-window', 'console-browser', 'script')),
  client_name TEXT,
  remote_address TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  action TEXT NOT NULL,
  charge_point_id TEXT,
  request TEXT,
  status INTEGER NOT NULL,
  response TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX audit_log_charge_point ON audit_log (charge_point_id, id);
`;
