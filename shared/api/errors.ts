/**
 * Stable error codes of the operator API. Every non-2xx answer has the body `{ error: { code, message, details? } }`;
 * clients branch on `code` (never on `message`, which is for people).
 */
export const API_ERROR_CODES = [
  'API_ERR_UNAUTHORIZED', // 401: no or wrong bearer token
  'API_ERR_FORBIDDEN_ORIGIN', // 403: a browser page of another origin
  'API_ERR_NOT_FOUND', // 404: no such route or resource
  'API_ERR_UNKNOWN_ACTION', // 404: not an action the central system can send
  'API_ERR_METHOD_NOT_ALLOWED', // 405
  'API_ERR_BAD_JSON', // 400: the body is not JSON
  'API_ERR_BAD_REQUEST', // 400: a malformed query parameter
  'API_ERR_PAYLOAD_TOO_LARGE', // 413: body over 1 MiB (JSON), or a file over the store's size cap
  'API_ERR_VALIDATION', // 422: details.fields (by field) or details.issues (OCPP schema issues)
  'API_ERR_CONFLICT', // 409: the resource is in a state that forbids the change
  'API_ERR_NOT_CONNECTED', // 409: the charge point is not connected
  'API_ERR_NOT_ALLOWED', // 409: the central system refuses this call in the current state
  'API_ERR_CALL_TIMEOUT', // 504: the charge point did not answer in time
  'API_ERR_DISCONNECTED', // 502: the charge point disconnected while the call was outstanding
  'API_ERR_UNAVAILABLE', // 503: the feature is not running (e.g. the file services)
  'API_ERR_INTERNAL', // 500
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    details?: ApiErrorDetails;
  };
}

export interface ApiErrorDetails {
  /** Problems by field name (API_ERR_VALIDATION of a resource body or settings). */
  fields?: Record<string, string>;
  /** OCPP schema issues of a call payload (API_ERR_VALIDATION on the calls route). */
  issues?: { path: string; keyword: string; message: string }[];
  [key: string]: unknown;
}

/** Thrown by the API client for every non-2xx answer. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    /** One of ApiErrorCode from this API; kept as text, as a newer server may send a code this client does not know. */
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
