/**
 * Reading the operator API's answers in tests with their types: the body of a raw `fetch` is `unknown` until a test
 * says what the API defines it to be (shared/api is that definition), and the error body is checked, not assumed.
 */
import assert from 'node:assert/strict';
import { isApiErrorBody, type ApiErrorBody, type ApiErrorDetails, type CallResponse } from '../../shared/api/index.js';
import { parseFrame, type JsonObject } from '../../shared/ocpp/rpc-frames.js';

/** The JSON body of a response, as the type the API defines for that route (for example `ChargePointDto`). */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The `{ error: { code, message, details? } }` body every non-2xx answer has; fails the test on any other body. */
export async function readApiError(response: Response): Promise<ApiErrorBody['error']> {
  const body: unknown = await response.json();
  assert.ok(isApiErrorBody(body), `HTTP ${response.status}: not an API error body: ${JSON.stringify(body)}`);
  return body.error;
}

/** The payload of a call the station answered with a CALLRESULT; fails the test on a CALLERROR. */
export function callResult(response: CallResponse): Record<string, unknown> {
  assert.ok('result' in response, `expected a CALLRESULT, got ${JSON.stringify(response)}`);
  return response.result;
}

/** The problems by field of a 422 `API_ERR_VALIDATION` answer to a resource body or settings. */
export async function readFieldProblems(response: Response): Promise<Record<string, string>> {
  assert.equal(response.status, 422);
  const error = await readApiError(response);
  assert.equal(error.code, 'API_ERR_VALIDATION');
  assert.ok(error.details?.fields, `no problems by field in ${JSON.stringify(error)}`);
  return error.details.fields;
}

/** The OCPP schema issues of a 422 `API_ERR_VALIDATION` answer to a call payload. */
export async function readSchemaIssues(response: Response): Promise<NonNullable<ApiErrorDetails['issues']>> {
  assert.equal(response.status, 422);
  const error = await readApiError(response);
  assert.equal(error.code, 'API_ERR_VALIDATION');
  assert.ok(error.details?.issues, `no schema issues in ${JSON.stringify(error)}`);
  return error.details.issues;
}

/** A CALL as the message log shows it (its `frame` text), read with the central system's frame parser. */
export function loggedCall(frame: string): { action: string; payload: JsonObject } {
  const parsed = parseFrame(frame);
  if (parsed.kind !== 'call') assert.fail(`not a CALL frame: ${frame}`);
  return { action: parsed.action, payload: parsed.payload };
}
