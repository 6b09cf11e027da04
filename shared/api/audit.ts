/**
 * How a client of the operator API names itself for the audit trail (GET /api/audit). The desktop shell sets
 * `console-window` on the requests it forwards over IPC, the console in a browser sends `console-browser`; any other
 * value (or none) makes the request a script's, named by the value (or its User-Agent).
 */
export const AUDIT_CLIENT_HEADER = 'x-operator-client';
export const AUDIT_CONSOLE_WINDOW = 'console-window';
export const AUDIT_CONSOLE_BROWSER = 'console-browser';
