import { isOcppAction, ocppMessages } from '../../../shared/ocpp/actions.js';
import { ciStringIssues, type CiStringSchemaNode } from '../../../shared/ocpp/cistring.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CallResponse } from '../../../shared/api/types.js';
import type { ApiErrorCode } from '../../../shared/api/errors.js';
import { CallFailure } from '../../csms/rpc/errors.js';
import { ApiHttpError, intParam, readJson } from '../http.js';
import type { Router } from '../router.js';
import type { ApiContext } from '../context.js';
import type { CallOutcome } from '../../csms/operations/operator-operations.js';

/** CallFailure code → HTTP status and API error code. */
const FAILURES: Record<CallFailure['code'], [number, ApiErrorCode]> = {
  CSMS_ERR_NOT_CONNECTED: [409, 'API_ERR_NOT_CONNECTED'],
  CSMS_ERR_INVALID_PAYLOAD: [422, 'API_ERR_VALIDATION'],
  CSMS_ERR_CALL_TIMEOUT: [504, 'API_ERR_CALL_TIMEOUT'],
  CSMS_ERR_DISCONNECTED: [502, 'API_ERR_DISCONNECTED'],
  CSMS_ERR_UNKNOWN_ACTION: [404, 'API_ERR_UNKNOWN_ACTION'],
  CSMS_ERR_NOT_ALLOWED: [409, 'API_ERR_NOT_ALLOWED'],
};

/** Actions the central system may send (CentralSystem-initiated, and DataTransfer). */
function isSendableAction(action: string): boolean {
  const definition = (ocppMessages as Record<string, { initiator: string } | undefined>)[action];
  return !!definition && Object.hasOwn(ocppMessages, action) && definition.initiator !== 'ChargePoint';
}

/** The API answer for a call's outcome: 200 `{ result, violations }` or `{ error }`. */
export function callResponse(outcome: CallOutcome): CallResponse {
  return outcome.kind === 'result' ? { result: outcome.payload, violations: outcome.violations } : { error: outcome.error };
}

/** A CallFailure (nothing came back) as the HTTP error the calls route answers (409, 422, 504, 502, 404); others unchanged. */
function callFailureToHttp(err: unknown): unknown {
  if (!(err instanceof CallFailure)) return err;
  const [status, code] = FAILURES[err.code] ?? [500, 'API_ERR_INTERNAL'];
  return new ApiHttpError(status, code, err.message, err.issues.length ? { issues: err.issues } : undefined);
}

/**
 * Send one call through the operator operations (follow-ups included) and map what happened as the calls route
 * does: resolves with the outcome for any answer of the station, throws ApiHttpError when nothing came back.
 */
export async function sendOperation(
  ctx: ApiContext,
  chargePointId: string,
  action: string,
  payload: JsonObject,
  options: { timeoutMs?: number } = {},
): Promise<CallOutcome> {
  // What the operator sends obeys the whole CiString rule (printable ASCII too), which the schemas do not carry.
  const ciIssues = isOcppAction(action) ? ciStringIssues(ocppMessages[action].request as CiStringSchemaNode, payload) : [];
  if (ciIssues.length)
    throw new ApiHttpError(422, 'API_ERR_VALIDATION', ciIssues.map((i) => `${i.path} ${i.message}`).join('; '), {
      issues: ciIssues.map((i) => ({ ...i, keyword: 'ciString' })),
    });
  try {
    return await ctx.operations.send(chargePointId, action, payload, options);
  } catch (err) {
    throw callFailureToHttp(err);
  }
}

/** sendOperation answered as the calls route answers. */
async function sendCall(
  ctx: ApiContext,
  chargePointId: string,
  action: string,
  payload: JsonObject,
  options: { timeoutMs?: number } = {},
): Promise<CallResponse> {
  return callResponse(await sendOperation(ctx, chargePointId, action, payload, options));
}

export function callRoutes(router: Router): void {
  // POST /api/charge-points/{id}/calls/{Action}: the generic call. 200 for any answer of the station.
  router.post('/api/charge-points/:id/calls/:action', async ({ req, params, query, ctx }) => {
    const { id, action } = params;
    if (!isSendableAction(action!)) throw new ApiHttpError(404, 'API_ERR_UNKNOWN_ACTION', `${action} is not an action the central system sends`);
    const payload = await readJson(req);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new ApiHttpError(422, 'API_ERR_VALIDATION', 'The body must be the OCPP request payload (a JSON object)', {
        issues: [{ path: '', keyword: 'type', message: 'must be object' }],
      });
    const timeoutMs = intParam(query, 'timeoutMs', { min: 100, max: 600_000 });
    return sendCall(ctx, id!, action!, payload as JsonObject, timeoutMs === undefined ? {} : { timeoutMs });
  });
}
