/**
 * The fuzz oracle: from a frame's truth and the lane's protocol state, what the server must answer, derived from
 * OCPP-J 1.6 §4 and the dispatcher's documented order (unknown action → NotImplemented; action of the central
 * system → NotSupported; not allowed in this registration state → SecurityError; schema violation → the §4.2.3
 * constraint code; broken frame structure with a recoverable CALL id → FormationViolation; a frame whose message id
 * cannot be read (not JSON, not an array) → FormationViolation on "-1"; CALLRESULTs and CALLERRORs, broken or not,
 * and unknown message types → no answer at all).
 */
import { CP_MESSAGES, CSMS_ONLY_ACTIONS, PROCESSED_WHILE_PENDING, PROCESSED_WHILE_REJECTED } from './messages.js';
import type { PayloadFault, Truth } from './generator.js';

/** The message id of the answer to a frame whose own id cannot be read (OCPP-J 2.0.1 §4.2.3 convention). */
export const UNREADABLE_REPLY_ID = '-1';

export type GatingState = 'pending' | 'rejected' | 'accepted';

/** The OCPP-J 1.6 §4.2.3 error codes, with the normative spelling of OccurenceConstraintViolation. */
export const OCPP_J_ERROR_CODES = new Set([
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
]);

/** 'result' stands for a CALLRESULT; anything else is a CALLERROR code. */
export interface Expectation {
  id: string;
  allowed: ReadonlySet<string>;
  minReplies: number;
  maxReplies: number;
}

const FAULT_CODES: Record<Exclude<PayloadFault, null>, string[]> = {
  missing: ['OccurenceConstraintViolation'],
  type: ['TypeConstraintViolation'],
  extra: ['FormationViolation'],
  constraint: ['PropertyConstraintViolation'],
  // Schema-valid integers the handlers must cope with, or out of range / not finite: never an internal error.
  huge: ['result', 'TypeConstraintViolation', 'PropertyConstraintViolation'],
  unicode: ['result', 'PropertyConstraintViolation'],
  deep: ['TypeConstraintViolation', 'FormationViolation'],
};

export function expectedCodes(action: string, fault: PayloadFault, state: GatingState): string[] {
  if (!(action in CP_MESSAGES)) return CSMS_ONLY_ACTIONS.includes(action) ? ['NotSupported'] : ['NotImplemented'];
  if (state === 'pending' && !PROCESSED_WHILE_PENDING.has(action)) return ['SecurityError'];
  if (state === 'rejected' && !PROCESSED_WHILE_REJECTED.has(action)) return ['SecurityError'];
  return fault === null ? ['result'] : FAULT_CODES[fault];
}

/** What must come back for a frame; null when nothing may come back (or the connection closes). */
export function expectationFor(truth: Truth, state: GatingState): Expectation | null {
  switch (truth.t) {
    case 'call':
      return { id: truth.id, allowed: new Set(expectedCodes(truth.action, truth.fault, state)), minReplies: 1, maxReplies: 1 };
    case 'frame-error':
      return { id: truth.id, allowed: new Set(['FormationViolation']), minReplies: 1, maxReplies: 1 };
    case 'duplicate':
      // The second copy arrives while the first may still be in flight: answered once, or once each.
      return { id: truth.id, allowed: new Set(expectedCodes(truth.action, null, state)), minReplies: 1, maxReplies: 2 };
    case 'silent':
    case 'close':
      return null;
  }
}

/** Check a reply frame's shape (OCPP-J §4.2.2 / §4.2.3); returns its "code" ('result' or the error code) or a problem. */
export function replyCode(frame: unknown): { id: string; code: string } | { problem: string } {
  if (!Array.isArray(frame)) return { problem: 'reply is not a JSON array' };
  if (frame[0] === 3) {
    if (frame.length !== 3 || typeof frame[1] !== 'string' || typeof frame[2] !== 'object' || frame[2] === null || Array.isArray(frame[2]))
      return { problem: 'malformed CALLRESULT' };
    return { id: frame[1], code: 'result' };
  }
  if (frame[0] === 4) {
    if (
      frame.length !== 5 ||
      typeof frame[1] !== 'string' ||
      typeof frame[2] !== 'string' ||
      typeof frame[3] !== 'string' ||
      typeof frame[4] !== 'object' ||
      frame[4] === null ||
      Array.isArray(frame[4])
    )
      return { problem: 'malformed CALLERROR' };
    if (!OCPP_J_ERROR_CODES.has(frame[2])) return { problem: `CALLERROR with a code outside OCPP-J §4.2.3: ${frame[2]}` };
    return { id: frame[1], code: frame[2] };
  }
  if (frame[0] === 2) return { problem: 'the server sent a CALL during fuzzing' };
  return { problem: `unknown message type ${String(frame[0])}` };
}
