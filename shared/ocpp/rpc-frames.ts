/**
 * OCPP-J RPC framing (OCPP-J 1.6 §4). Pure TypeScript: shared by the central system, the simulator and the console.
 *
 * CALL       [2, "<messageId>", "<Action>", {payload}]
 * CALLRESULT [3, "<messageId>", {payload}]
 * CALLERROR  [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]
 */

export const MessageTypeId = { Call: 2, CallResult: 3, CallError: 4 } as const;
export type MessageTypeId = (typeof MessageTypeId)[keyof typeof MessageTypeId];

/**
 * The OCPP-J 1.6 error codes (OCPP-J §4.2.3). The misspelling `OccurenceConstraintViolation` is normative
 * (OCPP-J errata 5.1/5.2: it will not be fixed), so we send it exactly like this.
 */
export const OCPP_ERROR_CODES = [
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
] as const;
export type OcppErrorCode = (typeof OCPP_ERROR_CODES)[number];

/** OCPP-J §4.1.3: message ids are strings of at most 36 characters. */
export const MESSAGE_ID_MAX_LENGTH = 36;

export type JsonObject = { [key: string]: unknown };

export type CallFrame = [typeof MessageTypeId.Call, string, string, JsonObject];
export type CallResultFrame = [typeof MessageTypeId.CallResult, string, JsonObject];
/** The error code is a string: ours are OcppErrorCode, a station's may be any (we read its other spelling too). */
export type CallErrorFrame = [typeof MessageTypeId.CallError, string, string, string, JsonObject];
export type OcppFrame = CallFrame | CallResultFrame | CallErrorFrame;

/** Outcome of parsing one text frame. `messageId` is set whenever it could be recovered, so a CALLERROR can be sent. */
export type ParsedFrame =
  | { kind: 'call'; messageId: string; action: string; payload: JsonObject }
  | { kind: 'result'; messageId: string; payload: JsonObject }
  | { kind: 'error'; messageId: string; errorCode: string; errorDescription: string; errorDetails: JsonObject }
  /** A frame with a message type number we do not know: ignored (OCPP-J §4.1.3), but logged. */
  | { kind: 'unknown-type'; messageId?: string; raw: unknown }
  /** Not an OCPP-J frame at all. `messageId` is present when the frame was recognisably a CALL. */
  | { kind: 'invalid'; messageId?: string; errorCode: OcppErrorCode; description: string };

/** Array.isArray, typed for parsed JSON: its items are unknown, not any. */
function isJsonArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parse one text frame leniently where real charge points differ (whitespace, numeric-string ids, the other
 * spelling of `OccurrenceConstraintViolation` in their CALLERRORs) and strictly where the structure is wrong.
 */
export function parseFrame(text: string): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'invalid', errorCode: 'FormationViolation', description: 'Frame is not valid JSON' };
  }
  if (!isJsonArray(data) || data.length === 0) {
    return { kind: 'invalid', errorCode: 'FormationViolation', description: 'Frame is not a non-empty JSON array' };
  }
  const [typeId, messageId] = data;
  const idOk = typeof messageId === 'string' && messageId.length > 0 && messageId.length <= MESSAGE_ID_MAX_LENGTH;
  if (typeId === MessageTypeId.Call) {
    if (!idOk) {
      return {
        kind: 'invalid',
        errorCode: 'FormationViolation',
        description: `CALL messageId must be a string of 1 to ${MESSAGE_ID_MAX_LENGTH} characters`,
        // A usable but over-long id still lets the sender correlate the error.
        messageId: typeof messageId === 'string' && messageId.length > 0 ? messageId : undefined,
      };
    }
    if (data.length !== 4) {
      return { kind: 'invalid', messageId, errorCode: 'FormationViolation', description: 'CALL must have exactly 4 elements' };
    }
    const action = data[2];
    const payload = data[3];
    if (typeof action !== 'string' || action.length === 0) {
      return { kind: 'invalid', messageId, errorCode: 'FormationViolation', description: 'CALL action must be a non-empty string' };
    }
    if (!isPlainObject(payload)) {
      return { kind: 'invalid', messageId, errorCode: 'FormationViolation', description: 'CALL payload must be a JSON object' };
    }
    return { kind: 'call', messageId, action, payload };
  }
  if (typeId === MessageTypeId.CallResult) {
    if (!idOk || data.length !== 3 || !isPlainObject(data[2])) {
      return { kind: 'invalid', messageId: idOk ? messageId : undefined, errorCode: 'FormationViolation', description: 'Malformed CALLRESULT' };
    }
    return { kind: 'result', messageId, payload: data[2] };
  }
  if (typeId === MessageTypeId.CallError) {
    if (!idOk || data.length < 3 || typeof data[2] !== 'string') {
      return { kind: 'invalid', messageId: idOk ? messageId : undefined, errorCode: 'FormationViolation', description: 'Malformed CALLERROR' };
    }
    return {
      kind: 'error',
      messageId,
      errorCode: data[2],
      errorDescription: typeof data[3] === 'string' ? data[3] : '',
      errorDetails: isPlainObject(data[4]) ? data[4] : {},
    };
  }
  if (typeof typeId === 'number') {
    return { kind: 'unknown-type', messageId: typeof messageId === 'string' ? messageId : undefined, raw: data };
  }
  return { kind: 'invalid', errorCode: 'FormationViolation', description: 'Message type id must be a number' };
}

export function callFrame(messageId: string, action: string, payload: JsonObject): string {
  return JSON.stringify([MessageTypeId.Call, messageId, action, payload]);
}

export function callResultFrame(messageId: string, payload: JsonObject): string {
  return JSON.stringify([MessageTypeId.CallResult, messageId, payload]);
}

/** OCPP-J §4.2.3: errorDescription is a string ("" if none) and errorDetails an object ({} if none). */
export function callErrorFrame(messageId: string, errorCode: OcppErrorCode, errorDescription = '', errorDetails: JsonObject = {}): string {
  return JSON.stringify([MessageTypeId.CallError, messageId, errorCode, errorDescription, errorDetails]);
}

/** An OCPP CALLERROR as an exception: thrown by handlers that must answer with an error code, and by callers' promises. */
export class OcppCallError extends Error {
  constructor(
    /** An OcppErrorCode when we raise it; a station's CALLERROR may carry any text. */
    readonly code: string,
    readonly description = '',
    readonly details: JsonObject = {},
  ) {
    super(description ? `${code}: ${description}` : code);
    this.name = 'OcppCallError';
  }
}
