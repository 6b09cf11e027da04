import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import { formatOcppDateTime } from '../../../shared/ocpp/time.js';
import type { CentralSystem } from '../central-system.js';
import type { CallFailure } from '../rpc/errors.js';

/** Storage time (ISO 8601 UTC with milliseconds). */
export const nowIso = (csms: CentralSystem): string => csms.clock.now().toISOString();

/** A time to put in an OCPP request, in the format the settings ask for (with or without milliseconds). */
export const ocppNow = (csms: CentralSystem): string => formatOcppDateTime(csms.clock.now(), csms.settings().timestampMilliseconds);

/** How a call that got no CALLRESULT is recorded as the station's answer. */
export function failureText(error: OcppCallError | CallFailure): string {
  return error instanceof OcppCallError ? `CALLERROR ${error.code}` : `no answer: ${error.code}`;
}

export const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export const statusOf = (response: JsonObject): string => (typeof response.status === 'string' ? response.status : '');

/** The call never reached the station (nothing there can have changed). */
export function neverSent(error: OcppCallError | CallFailure): boolean {
  return (
    !(error instanceof OcppCallError) &&
    ['CSMS_ERR_NOT_CONNECTED', 'CSMS_ERR_INVALID_PAYLOAD', 'CSMS_ERR_UNKNOWN_ACTION', 'CSMS_ERR_NOT_ALLOWED'].includes(error.code)
  );
}
