import { ocppMessages } from '../../../shared/ocpp/actions.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CallResponse } from '../../../shared/api/types.js';
import type { ApiErrorCode } from '../../../shared/api/errors.js';
import { CallFailure } from '../../csms/rpc/errors.js';
import { ApiHttpError, intParam, readJson } from '../http.js';
import type { Router } from '../router.js';

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
export function isSendableAction(action: string): boolean {
  const definition = (ocppMessages as Record<string, { initiator: string } | undefined>)[action];
  return !!definition && Object.hasOwn(ocppMessages, action) && definition.initiator !== 'ChargePoint';
}

export function callRoutes(router: Router): void {
  // POST /api/charge-points/{id}/calls/{Action}: the generic call. 200 for any answer of the station.
  router.post('/api/charge-points/:id/calls/:action', async ({ req, params, query, ctx }) => {
    const { id, action } = params;
    if (!isSendableAction(action!)) throw new ApiHttpError(404, 'API_ERR_UNKNOWN_ACTION', `${action} is not an action the central system sends`);
    const payload = await readJson(req);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new ApiHttpError(422, 'API_ERR_VALIDATION', 'The body must be the OCPP request payload (a JSON object)', { issues: [{ path: '', keyword: 'type', message: 'must be object' }] });
    const timeoutMs = intParam(query, 'timeoutMs', { min: 100, max: 600_000 });
    try {
      const outcome = await ctx.operations.send(id!, action!, payload as JsonObject, timeoutMs === undefined ? {} : { timeoutMs });
      const body: CallResponse = outcome.kind === 'result' ? { result: outcome.payload, violations: outcome.violations } : { error: outcome.error };
      return body;
    } catch (err) {
      if (err instanceof CallFailure) {
        const [status, code] = FAILURES[err.code] ?? [500, 'API_ERR_INTERNAL'];
        throw new ApiHttpError(status, code, err.message, err.issues.length ? { issues: err.issues } : undefined);
      }
      throw err;
    }
  });
}
