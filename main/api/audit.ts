import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditClient } from '../../shared/api/types.js';
import { AUDIT_CLIENT_HEADER, AUDIT_CONSOLE_BROWSER, AUDIT_CONSOLE_WINDOW } from '../../shared/api/audit.js';
import { REDACTED, redactPayload, redactUrlPassword } from '../csms/rpc/redaction.js';
import type { AuditInput } from '../csms/services/audit-trail.js';

/**
 * The audit trail of the operator API: every change (any method but GET/HEAD) made with the token is recorded with
 * the client that made it, what was sent and what came back. One token serves every client, so the client is told
 * apart by the `X-Operator-Client` header: the desktop shell sets `console-window` on what it forwards over IPC, the
 * console in a browser sends `console-browser`, anything else is a script (named by the header, or its User-Agent).
 * This attributes actions; it does not authenticate them (whoever holds the token may do anything anyway).
 */

/** Bodies longer than this are kept cut, and say so: the audit is for reading, the message log has the frames. */
const AUDIT_BODY_LIMIT_BYTES = 8 * 1024;
const NAME_LIMIT = 120;

/** Keys whose values are secrets wherever they appear in a request or an answer. */
const SECRET_KEYS = /^(password|token|apiToken|authorizationKey|secret|ftpPassword|privateKey)$/i;

/** The request body text a route read (http.ts readBodyText), for the audit to keep. */
const bodies = new WeakMap<IncomingMessage, string>();

export function rememberRequestBody(req: IncomingMessage, text: string): void {
  bodies.set(req, text);
}

function auditClientOf(req: IncomingMessage): { client: AuditClient; clientName: string | null } {
  const header = clean(req.headers[AUDIT_CLIENT_HEADER]);
  if (header === AUDIT_CONSOLE_WINDOW) return { client: 'console-window', clientName: null };
  if (header === AUDIT_CONSOLE_BROWSER) return { client: 'console-browser', clientName: clean(req.headers['user-agent']) };
  return { client: 'script', clientName: header ?? clean(req.headers['user-agent']) };
}

function clean(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const printable = text.replace(/[^\x20-\x7e]/g, '').trim();
  return printable ? printable.slice(0, NAME_LIMIT) : null;
}

const ACTIONS: { method: string; path: RegExp; action: (m: RegExpMatchArray) => string }[] = [
  { method: 'POST', path: /^\/api\/charge-points\/[^/]+\/calls\/([^/]+)$/, action: (m) => `call ${decodeURIComponent(m[1]!)}` },
  { method: 'PUT', path: /^\/api\/charge-points\/[^/]+$/, action: () => 'station edit' },
  { method: 'DELETE', path: /^\/api\/charge-points\/[^/]+$/, action: () => 'station delete' },
  { method: 'PATCH', path: /^\/api\/settings$/, action: () => 'settings change' },
  { method: 'POST', path: /^\/api\/settings\/api-token\/rotate$/, action: () => 'API token rotate' },
  { method: 'POST', path: /^\/api\/id-tags$/, action: () => 'id tag create' },
  { method: 'PUT', path: /^\/api\/id-tags\/[^/]+$/, action: () => 'id tag edit' },
  { method: 'DELETE', path: /^\/api\/id-tags\/[^/]+$/, action: () => 'id tag delete' },
  { method: 'POST', path: /^\/api\/id-tags\.csv$/, action: () => 'id tags import' },
  { method: 'PUT', path: /^\/api\/sites\/[^/]+$/, action: () => 'site edit' },
  { method: 'DELETE', path: /^\/api\/sites\/[^/]+$/, action: () => 'site delete' },
];

/** What a request does, in words, and the station it concerns (from the path, else the body's chargePointId). */
function describeRequest(method: string, pathname: string, body: unknown): { action: string; chargePointId: string | null } {
  const known = ACTIONS.find((a) => a.method === method && a.path.test(pathname));
  const action = known ? known.action(pathname.match(known.path)!) : `${method} ${pathname}`;
  const fromPath = /^\/api\/charge-points\/([^/]+)/.exec(pathname)?.[1];
  let chargePointId: string | null = null;
  if (fromPath) chargePointId = safeDecode(fromPath);
  else if (body && typeof body === 'object') {
    const named = (body as Record<string, unknown>).chargePointId;
    if (typeof named === 'string') chargePointId = named;
  }
  return { action, chargePointId };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Secrets out: keys named like secrets, passwords in URLs, and what the message log also hides (AuthorizationKey). */
function redactValue(value: unknown, action: string | null = null): unknown {
  if (typeof value === 'string') return redactUrlPassword(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v));
  if (!value || typeof value !== 'object') return value;
  const object = action
    ? (redactPayload(action, value as Record<string, unknown>) ?? (value as Record<string, unknown>))
    : (value as Record<string, unknown>);
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== '' ? REDACTED : redactValue(v)]));
}

/** A body as kept: JSON redacted and re-serialised, other text as it is, cut at the limit with a note. */
function bodyForAudit(text: string | null, ocppAction: string | null): string | null {
  if (text === null || text === '') return null;
  let kept: string;
  try {
    kept = JSON.stringify(redactValue(JSON.parse(text) as unknown, ocppAction));
  } catch {
    kept = text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s,"]+/gi, (url) => redactUrlPassword(url));
  }
  const bytes = Buffer.byteLength(kept);
  if (bytes <= AUDIT_BODY_LIMIT_BYTES) return kept;
  return `${Buffer.from(kept).subarray(0, AUDIT_BODY_LIMIT_BYTES).toString('utf8')}…[cut: ${bytes} bytes in all]`;
}

/**
 * Follows one request to its end and hands the audit entry over: captures up to the limit of what is written to
 * `res`, and when the answer ends (or the connection closes before it) builds the entry.
 */
export function followForAudit(req: IncomingMessage, res: ServerResponse, url: URL, record: (entry: AuditInput) => void): void {
  const startedMs = Date.now();
  const at = new Date(startedMs).toISOString();
  const { client, clientName } = auditClientOf(req);
  const chunks: Buffer[] = [];
  let captured = 0;
  const capture = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || captured > AUDIT_BODY_LIMIT_BYTES * 2) return;
    // What `res.write` takes: a Buffer, a Uint8Array or a string (in its encoding).
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk)
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : null;
    if (!buffer) return;
    chunks.push(buffer);
    captured += buffer.length;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { write: unknown }).write = (...args: unknown[]) => {
    capture(args[0], args[1]);
    return write(...args);
  };
  (res as { end: unknown }).end = (...args: unknown[]) => {
    capture(args[0], args[1]);
    // Recorded before the answer leaves: a client that reads the audit right after its answer finds the entry.
    finish();
    return end(...args);
  };
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const requestText = bodies.get(req) ?? binaryNote(req);
    let parsed: unknown;
    try {
      parsed = requestText ? JSON.parse(requestText) : null;
    } catch {
      parsed = null;
    }
    const { action, chargePointId } = describeRequest(req.method ?? 'POST', url.pathname, parsed);
    const ocppAction = action.startsWith('call ') ? action.slice(5) : null;
    const answer = Buffer.concat(chunks).toString('utf8');
    record({
      at,
      client,
      client_name: clientName,
      remote_address: req.socket.remoteAddress ?? null,
      method: req.method ?? 'POST',
      path: url.pathname + (url.search ? redactQuery(url) : ''),
      action,
      charge_point_id: chargePointId,
      request: bodyForAudit(requestText, ocppAction),
      status: res.statusCode,
      response: bodyForAudit(answer, null),
      duration_ms: Date.now() - startedMs,
    });
  };
  // A connection closed before any answer still leaves its entry, with the status res had then.
  res.once('close', finish);
}

/** The token may travel in the query (the event stream); it never goes into the audit. */
function redactQuery(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (SECRET_KEYS.test(key)) params.set(key, REDACTED);
  return `?${params.toString()}`;
}

/** A body no route read as text (a firmware upload): its size and type, not its bytes. */
function binaryNote(req: IncomingMessage): string | null {
  const length = req.headers['content-length'];
  if (!length || length === '0') return null;
  return `[${length} bytes, ${req.headers['content-type'] ?? 'no content type'}]`;
}
