import type { OcppErrorCode } from '../../../shared/ocpp/rpc-frames.js';

/**
 * How frames that broke their schema but got no CALLERROR are marked in the message log's error code, so the
 * "errors only" filter finds them. Their violations are derived from the stored frame when it is read
 * (storage/reader/message-log-entries.ts): the row stays the frame as received.
 */

/** A station's CALLRESULT that breaks its action's response schema (not a CALLERROR: the station never sent one). */
export const INVALID_RESULT_PREFIX = 'invalid-result:';
/** A CALL from a lenient station that broke the schema and was processed anyway. */
export const LENIENT_PREFIX = 'lenient:';

export function invalidResultCode(code: OcppErrorCode): string {
  return `${INVALID_RESULT_PREFIX}${code}`;
}

export function lenientCode(code: OcppErrorCode): string {
  return `${LENIENT_PREFIX}${code}`;
}
