import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiErrorCode, ApiErrorDetails } from '../../shared/api/errors.js';
import { rememberRequestBody } from './audit.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown by route handlers; the server turns it into `{ error: { code, message, details } }`. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }
}

export const notFound = (what: string) => new ApiHttpError(404, 'API_ERR_NOT_FOUND', `${what} not found`);
export const validationFailed = (fields: Record<string, string>, message = 'Invalid fields') =>
  new ApiHttpError(
    422,
    'API_ERR_VALIDATION',
    `${message}: ${Object.entries(fields)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
    { fields },
  );

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendSerialisedJson(res, status, JSON.stringify(body));
}

/** A JSON body serialised elsewhere: text, or its UTF-8 bytes (a list built by the reader worker). */
export function sendSerialisedJson(res: ServerResponse, status: number, text: string | Uint8Array): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string | Uint8Array, filename?: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ApiErrorCode, message: string, details?: ApiErrorDetails): void {
  const body: ApiErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  sendJson(res, status, body);
}

/** The body as text, at most MAX_BODY_BYTES (413 beyond, without reading the rest). */
export async function readBodyText(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new ApiHttpError(413, 'API_ERR_PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiHttpError(413, 'API_ERR_PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  rememberRequestBody(req, text);
  return text;
}

/** The body as JSON (an empty body is `{}`); 400 API_ERR_BAD_JSON when it does not parse. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBodyText(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiHttpError(400, 'API_ERR_BAD_JSON', `Malformed JSON body: ${(err as Error).message}`);
  }
}

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJson(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiHttpError(422, 'API_ERR_VALIDATION', 'The body must be a JSON object', { fields: { body: 'must be a JSON object' } });
  return body as Record<string, unknown>;
}

/** Query helpers: a malformed value is a 400 (not silently ignored). */
export function intParam(query: URLSearchParams, name: string, options: { min?: number; max?: number } = {}): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || (options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max))
    throw new ApiHttpError(
      400,
      'API_ERR_BAD_REQUEST',
      `${name} must be an integer${options.min !== undefined ? ` from ${options.min}` : ''}${options.max !== undefined ? ` to ${options.max}` : ''}`,
    );
  return value;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `${name} must be true or false`);
}

export function stringParam(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

export function dateParam(query: URLSearchParams, name: string): string | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `${name} must be an ISO 8601 date-time`);
  return new Date(time).toISOString();
}
