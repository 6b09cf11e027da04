import type { OcppAction, OcppRequest, OcppResponse } from '../../../shared/ocpp/actions.js';
import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import { formatOcppDateTime } from '../../../shared/ocpp/time.js';
import type { OcppValidator, ValidationIssue } from '../../../shared/ocpp/validator.js';
import type { CentralSystem } from '../central-system.js';
import type { CallFailure } from '../rpc/errors.js';

/** A payload that fits `action`'s request schema (the validator the calls are checked with says so). */
export const isRequestOf = <A extends OcppAction>(validator: OcppValidator, action: A, payload: JsonObject): payload is OcppRequest<A> & JsonObject =>
  validator.request(action, payload).ok;

/** A payload that fits `action`'s response schema. */
export const isResponseOf = <A extends OcppAction>(
  validator: OcppValidator,
  action: A,
  payload: JsonObject,
): payload is OcppResponse<A> & JsonObject => validator.response(action, payload).ok;

/**
 * A CALLRESULT that breaks the action's schema (even after a lenient station's normalising): the station answered,
 * but what it did cannot be read from it. The operator sees the answer and its violations (docs/api.md).
 */
export class InvalidAnswer extends Error {
  constructor(
    readonly action: string,
    readonly issues: ValidationIssue[],
  ) {
    const first = issues[0];
    super(`${action} answer breaks the schema${first ? `: ${first.path || 'payload'} ${first.message}` : ''}`);
    this.name = 'InvalidAnswer';
  }
}

/** Why a call left no usable answer: a CALLERROR, no answer at all, or an answer that breaks the schema. */
export type CallProblem = OcppCallError | CallFailure | InvalidAnswer;

/** A time to put in an OCPP request, in the format the settings ask for (with or without milliseconds). */
export const ocppNow = (host: Pick<CentralSystem, 'clock' | 'settings'>): string =>
  formatOcppDateTime(host.clock.now(), host.settings().timestampMilliseconds);

/** How a call that got no usable answer is recorded as the station's answer. */
export function failureText(problem: CallProblem): string {
  if (problem instanceof OcppCallError) return `CALLERROR ${problem.code}`;
  if (problem instanceof InvalidAnswer) return problem.message;
  return `no answer: ${problem.code}`;
}

export const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The call never reached the station (nothing there can have changed). */
export function neverSent(problem: CallProblem): boolean {
  return (
    !(problem instanceof OcppCallError) &&
    !(problem instanceof InvalidAnswer) &&
    ['CSMS_ERR_NOT_CONNECTED', 'CSMS_ERR_INVALID_PAYLOAD', 'CSMS_ERR_UNKNOWN_ACTION', 'CSMS_ERR_NOT_ALLOWED'].includes(problem.code)
  );
}
