/**
 * CALLs sent and waiting for their answer (OCPP-J 1.6 §4.1.1, §4.2): matched by message id to their CALLRESULT or
 * CALLERROR, each failing on its own timeout. The simulator's client uses it, and so does the tests' small
 * central system for the calls it sends.
 */
import { OCPP_ERROR_CODES, OcppCallError, type JsonObject, type OcppErrorCode } from '../../shared/ocpp/rpc-frames.js';

/** The error code to answer with: the thrown one when OCPP-J 1.6 §4.2.3 defines it, else GenericError. */
export function errorCodeOf(error: OcppCallError): OcppErrorCode {
  return OCPP_ERROR_CODES.find((code) => code === error.code) ?? 'GenericError';
}

/** No CALLRESULT/CALLERROR arrived in time. */
export class CallTimeoutError extends Error {
  constructor(
    readonly action: string,
    readonly messageId: string,
    timeoutMs: number,
  ) {
    super(`${action} (${messageId}) got no answer within ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

export interface ExpectedAnswer {
  messageId: string;
  action: string;
  timeoutMs: number;
  resolve: (payload: JsonObject) => void;
  reject: (error: Error) => void;
}

/** A parsed answer frame. */
export type AnswerFrame =
  | { kind: 'result'; messageId: string; payload: JsonObject }
  | { kind: 'error'; messageId: string; errorCode: string; errorDescription: string; errorDetails: JsonObject };

export class OutstandingCalls {
  private readonly calls = new Map<string, { call: ExpectedAnswer; timer: NodeJS.Timeout }>();

  /** `settled` runs when a call leaves the set (answered, timed out or failed), before its promise settles. */
  constructor(private readonly settled: (messageId: string) => void = () => undefined) {}

  get size(): number {
    return this.calls.size;
  }

  /** Start waiting for the answer to a CALL just sent. */
  expect(call: ExpectedAnswer): void {
    const timer = setTimeout(() => {
      if (this.take(call.messageId)) call.reject(new CallTimeoutError(call.action, call.messageId, call.timeoutMs));
    }, call.timeoutMs);
    timer.unref();
    this.calls.set(call.messageId, { call, timer });
  }

  /** Settle the call an answer frame is for; returns that call, undefined when none was waiting (a late answer). */
  answer(frame: AnswerFrame): ExpectedAnswer | undefined {
    const call = this.take(frame.messageId);
    if (!call) return undefined;
    if (frame.kind === 'result') call.resolve(frame.payload);
    else call.reject(new OcppCallError(frame.errorCode, frame.errorDescription, frame.errorDetails));
    return call;
  }

  /** Fail one call (it could not be sent). */
  fail(messageId: string, error: Error): void {
    this.take(messageId)?.reject(error);
  }

  /** Fail every call (the connection closed). */
  failAll(error: Error): void {
    for (const messageId of [...this.calls.keys()]) this.fail(messageId, error);
  }

  private take(messageId: string): ExpectedAnswer | undefined {
    const entry = this.calls.get(messageId);
    if (!entry) return undefined;
    this.calls.delete(messageId);
    clearTimeout(entry.timer);
    this.settled(messageId);
    return entry.call;
  }
}
