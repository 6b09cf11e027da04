import { randomUUID } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import {
  callErrorFrame,
  callFrame,
  parseFrame,
  OcppCallError,
  type JsonObject,
  type OcppErrorCode,
  type ParsedFrame,
} from '../../../shared/ocpp/rpc-frames.js';
import type { OcppValidator, ValidationIssue } from '../../../shared/ocpp/validator.js';
import { isOcppAction, type OcppAction } from '../../../shared/ocpp/actions.js';
import { CallFailure } from './errors.js';
import type { HandshakeFacts } from '../server/handshake-facts.js';
import type { SlidingWindowBudget } from '../server/rate-limiter.js';

/** One frame as it crossed the wire, for the message log. */
export interface FrameRecord {
  direction: 'in' | 'out';
  text: string;
  parsed: ParsedFrame;
  /** For results and errors: the action of the CALL they answer. */
  action: string | null;
  /** A CALLRESULT that breaks the schema of its action's response: marked as an error in the message log. */
  invalid?: { code: OcppErrorCode; issues: ValidationIssue[] };
  /** Our CALL and the answer matched to it carry the same object: the message log keeps them in one row. */
  exchange?: OutboundExchange;
}

/** One CALL of ours and its answer, for the message log (services/message-log-recorder.ts fills it in). */
export interface OutboundExchange {
  /** The message-log row of the CALL, once written. */
  rowId?: number;
}

export interface InboundCall {
  messageId: string;
  action: string;
  payload: JsonObject;
  text: string;
}

export interface ConnectionHooks {
  /** A message frame arrived (any frame, valid or not, is a sign of life: OCPP 1.6 §4.6); must be cheap. */
  heard?(connection: OcppConnection): void;
  /**
   * Handle one CALL from the station and produce the reply frame. The promise settles when the reply may be sent
   * (after the storage commit), and must never reject: every failure is a CALLERROR frame (exactly one reply per
   * CALL, OCPP-J §4.2).
   */
  dispatch(connection: OcppConnection, call: InboundCall): Promise<string>;
  /** A frame that needs no acknowledgement (our CALLs, the station's results, frames we ignore). */
  logFrame(connection: OcppConnection, record: FrameRecord): void;
  /** Our CALL sent with `exchange` got no answer: it timed out, or the connection closed first. */
  callUnanswered?(connection: OcppConnection, exchange: OutboundExchange): void;
  closed(connection: OcppConnection, code: number, reason: string): void;
}

export interface CallResult {
  payload: JsonObject;
  /** Schema violations in the station's answer: shown to the operator, not fatal (lenient in what we accept). */
  violations: ValidationIssue[];
}

interface PendingCall {
  messageId: string;
  action: OcppAction;
  text: string;
  timeoutMs: number;
  timer?: NodeJS.Timeout;
  exchange: OutboundExchange;
  /** The number of the station's latest CALL when this one was asked for: it goes out only after that one's reply. */
  afterInbound: number;
  resolve(result: CallResult): void;
  reject(error: Error): void;
}

export interface ConnectionOptions {
  identity: string;
  remoteAddress: string | null;
  /** How the station reached us (URL, TLS); absent for connections made without an HTTP upgrade (tests). */
  handshake?: HandshakeFacts;
  pingIntervalSec: number;
  callTimeoutMs: () => number;
  validator: OcppValidator;
  /** Bad-input limits of this connection (server/limits.ts); none when absent. */
  limits?: {
    /** Invalid frames tolerated per window; over it the connection is closed with 1008 (RFC 6455 §7.4.1). */
    badMessages: SlidingWindowBudget | null;
    /** Unread bytes queued towards the station; over it the connection is dropped. */
    maxSendBufferBytes: number;
  };
}

/**
 * One charge point's OCPP-J connection: framing, our outbound CALL queue, liveness.
 * - At most one outstanding CALL from us per connection; the rest queue (OCPP 1.6 §4.1.1, OCPP-J errata 3.5).
 *   The station's CALLs are handled meanwhile (calls may cross, e.g. the triggered message in TC_054).
 * - A CALL of ours never overtakes a reply the station was already waiting for when we asked for it: a TxProfile
 *   for a transaction (OCPP 1.6 §3.13.1) must reach the station after the StartTransaction.conf that tells it the
 *   transaction's id, and a reply waits for the storage commit. Later station CALLs do not hold it back.
 * - Every pending and queued call fails at once when the socket closes: its answer could only come on that connection.
 * - Any frame from the station counts as alive (OCPP 1.6 §4.6); a ping unanswered for a whole interval drops it.
 */
export class OcppConnection {
  readonly identity: string;
  readonly remoteAddress: string | null;
  readonly handshake: HandshakeFacts | null;
  readonly connectedAt = new Date();
  private outstanding: PendingCall | null = null;
  private readonly queue: PendingCall[] = [];
  /** The station's CALLs we are still answering: message id → their number in arrival order. */
  private readonly inFlightInbound = new Map<string, number>();
  private inboundCount = 0;
  private alive = true;
  private pingTimer?: NodeJS.Timeout;
  private closedFlag = false;
  /** Why we closed the connection ourselves (a limit): recorded instead of what the peer echoes, or 1006. */
  private localClose: { code: number; reason: string } | null = null;
  /** The protocol error ws closed the connection for (e.g. a frame over maxPayload → 1009). */
  private socketError: string | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.identity = options.identity;
    this.remoteAddress = options.remoteAddress;
    this.handshake = options.handshake ?? null;
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', (code, reason) => this.onClose(code, reason.toString('utf8')));
    socket.on('error', (err) => {
      // 'close' follows with the code ws sent (1009 too big, 1007 invalid UTF-8, 1002 bad framing); keep the why.
      this.socketError ??= err.message.slice(0, 120);
    });
    if (options.pingIntervalSec > 0) {
      this.pingTimer = setInterval(() => this.checkAlive(), options.pingIntervalSec * 1000);
      this.pingTimer.unref();
    }
  }

  /** The subprotocol ws agreed with the station (OCPP-J 1.6 §3.1.2: always ocpp1.6 here, the handshake refuses others). */
  get subprotocol(): string {
    return this.socket.protocol;
  }

  get isOpen(): boolean {
    return !this.closedFlag && this.socket.readyState === this.socket.OPEN;
  }

  get pendingCallCount(): number {
    return (this.outstanding ? 1 : 0) + this.queue.length;
  }

  /**
   * Send a CALL to the station. The payload is validated first: we only ever send schema-valid messages
   * (OCPP-J errata 3.2). Resolves with the station's CALLRESULT payload; rejects with OcppCallError on CALLERROR,
   * or CallFailure on timeout or disconnect.
   */
  call(action: string, payload: JsonObject, timeoutMs = this.options.callTimeoutMs()): Promise<CallResult> {
    if (!isOcppAction(action)) return Promise.reject(new CallFailure('CSMS_ERR_UNKNOWN_ACTION', `${action} is not an OCPP 1.6 action`));
    const validation = this.options.validator.request(action, payload);
    if (!validation.ok) return Promise.reject(new CallFailure('CSMS_ERR_INVALID_PAYLOAD', validation.description, validation.issues));
    if (!this.isOpen) return Promise.reject(new CallFailure('CSMS_ERR_NOT_CONNECTED', `${this.identity} is not connected`));
    return new Promise<CallResult>((resolve, reject) => {
      const messageId = randomUUID(); // unique across all connections of the station (OCPP-J errata 3.1/3.7)
      const text = callFrame(messageId, action, payload);
      this.queue.push({ messageId, action, text, timeoutMs, exchange: {}, afterInbound: this.inboundCount, resolve, reject });
      this.sendNext();
    });
  }

  /** Send a frame as is (used for replies). */
  send(text: string): void {
    if (!this.isOpen) return;
    this.socket.send(text);
    this.checkSendBuffer();
  }

  /** Why the connection was closed by a limit, if it was. */
  get closedByLimit(): { code: number; reason: string } | null {
    return this.localClose;
  }

  /**
   * A peer that does not read makes every reply wait in our memory (ws's bufferedAmount: the socket's write queue).
   * Past the limit the connection is dropped at once: a close frame would only queue behind the unread data.
   */
  private checkSendBuffer(): void {
    const limit = this.options.limits?.maxSendBufferBytes;
    if (limit === undefined || this.socket.bufferedAmount <= limit) return;
    this.localClose ??= { code: 1008, reason: `send-buffer-full: more than ${limit} unread bytes queued` };
    this.socket.terminate();
  }

  /** Count an invalid frame against the budget; over it, close with 1008 Policy Violation (RFC 6455 §7.4.1). */
  private countBadMessage(): void {
    const budget = this.options.limits?.badMessages;
    if (!budget || this.localClose || !budget.record()) return;
    this.localClose = { code: 1008, reason: `bad-message-budget: over ${budget.budget} invalid frames within ${budget.windowMs} ms` };
    this.socket.close(1008, 'Too many invalid messages');
    // A peer that does not answer the close handshake is dropped (ws would wait 30 s).
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  close(code = 1000, reason = ''): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  private sendNext(): void {
    if (this.outstanding || this.queue.length === 0 || !this.isOpen) return;
    if (this.oldestUnansweredInbound() <= this.queue[0]!.afterInbound) return; // sent once that reply has gone
    const next = this.queue.shift()!;
    this.outstanding = next;
    next.timer = setTimeout(() => {
      if (this.outstanding !== next) return;
      this.outstanding = null;
      this.hooks.callUnanswered?.(this, next.exchange);
      next.reject(new CallFailure('CSMS_ERR_CALL_TIMEOUT', `${this.identity} did not answer ${next.action} within ${next.timeoutMs} ms`));
      this.sendNext();
    }, next.timeoutMs);
    this.socket.send(next.text);
    this.hooks.logFrame(this, { direction: 'out', text: next.text, parsed: parseFrame(next.text), action: next.action, exchange: next.exchange });
    this.checkSendBuffer();
  }

  /** The number of the oldest station CALL still being answered; Infinity when none. */
  private oldestUnansweredInbound(): number {
    let oldest = Infinity;
    for (const n of this.inFlightInbound.values()) oldest = Math.min(oldest, n);
    return oldest;
  }

  private checkAlive(): void {
    if (!this.alive) {
      // Half-open TCP connections are common on cellular links: without this they would look connected forever.
      this.socket.terminate();
      return;
    }
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      /* closing */
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.alive = true;
    // Closing under a limit: what still arrives is not processed.
    if (this.localClose) return;
    this.hooks.heard?.(this);
    // OCPP-J uses text frames; a binary frame is read as UTF-8 rather than refused (lenient in what we accept).
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    void isBinary;
    if (text.trim() === '') return; // tolerate empty frames: some stations send them as keep-alives
    const parsed = parseFrame(text);
    switch (parsed.kind) {
      case 'call':
        this.onCall({ messageId: parsed.messageId, action: parsed.action, payload: parsed.payload, text });
        return;
      case 'result':
      case 'error':
        this.onAnswer(parsed, text);
        return;
      case 'unknown-type':
        // OCPP-J §4.1.3: an unknown message type is ignored; we keep it in the log for the technician.
        this.hooks.logFrame(this, { direction: 'in', text, parsed, action: null });
        this.countBadMessage();
        return;
      case 'invalid': {
        this.hooks.logFrame(this, { direction: 'in', text, parsed, action: null });
        const messageId = invalidCallId(text, parsed.messageId);
        if (messageId !== undefined) this.replyError(messageId, parsed.errorCode, parsed.description, null);
        this.countBadMessage();
        return;
      }
    }
  }

  private onCall(call: InboundCall): void {
    if (this.inFlightInbound.has(call.messageId)) {
      // A second CALL with the id of one we are still answering cannot get its own reply: log and drop it.
      this.hooks.logFrame(this, { direction: 'in', text: call.text, parsed: parseFrame(call.text), action: call.action });
      this.countBadMessage();
      return;
    }
    this.inFlightInbound.set(call.messageId, ++this.inboundCount);
    void this.hooks.dispatch(this, call).then((reply) => {
      this.inFlightInbound.delete(call.messageId);
      this.send(reply);
      this.sendNext();
    });
  }

  private onAnswer(parsed: Extract<ParsedFrame, { kind: 'result' | 'error' }>, text: string): void {
    const pending = this.outstanding;
    if (!pending || pending.messageId !== parsed.messageId) {
      // OCPP-J §4.1.3: an answer to nothing we are waiting for (late, after a timeout, or made up) is ignored.
      this.hooks.logFrame(this, { direction: 'in', text, parsed, action: null });
      return;
    }
    clearTimeout(pending.timer);
    this.outstanding = null;
    if (parsed.kind === 'result') {
      const validation = this.options.validator.response(pending.action, parsed.payload);
      const invalid = validation.ok ? undefined : { code: validation.code, issues: validation.issues };
      this.hooks.logFrame(this, { direction: 'in', text, parsed, action: pending.action, invalid, exchange: pending.exchange });
      pending.resolve({ payload: parsed.payload, violations: invalid?.issues ?? [] });
    } else {
      this.hooks.logFrame(this, { direction: 'in', text, parsed, action: pending.action, exchange: pending.exchange });
      pending.reject(new OcppCallError(parsed.errorCode, parsed.errorDescription, parsed.errorDetails));
    }
    this.sendNext();
  }

  private replyError(messageId: string, code: OcppErrorCode, description: string, action: string | null): void {
    const text = callErrorFrame(messageId, code, description);
    this.hooks.logFrame(this, { direction: 'out', text, parsed: parseFrame(text), action });
    this.send(text);
  }

  private onClose(code: number, reason: string): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    if (this.localClose) ({ code, reason } = this.localClose);
    else if (!reason && this.socketError) reason = this.socketError;
    clearInterval(this.pingTimer);
    const failure = () => new CallFailure('CSMS_ERR_DISCONNECTED', `${this.identity} disconnected (code ${code}${reason ? `, ${reason}` : ''})`);
    if (this.outstanding) {
      clearTimeout(this.outstanding.timer);
      this.hooks.callUnanswered?.(this, this.outstanding.exchange);
      this.outstanding.reject(failure());
      this.outstanding = null;
    }
    for (const queued of this.queue.splice(0)) queued.reject(failure());
    this.hooks.closed(this, code, reason);
  }
}

/**
 * The message id a frame without one is answered on: the convention OCPP-J 2.0.1 (§4.2.3) later wrote down, so a
 * station's developer sees that something it sent could not be read at all.
 */
const UNREADABLE_MESSAGE_ID = '-1';

/**
 * The id to answer an invalid frame on, or undefined for none. Only a CALL gets a CALLERROR (OCPP-J §4.2.3: errors
 * answer calls); a broken CALLRESULT or CALLERROR is logged and never answered, or two peers could answer each
 * other's errors forever. (Found by the fuzzer: `[4,"id"]` was answered with a FormationViolation.) A frame whose
 * message id cannot be read (not JSON, not an array, a CALL without a string id) is answered on "-1". Invalid frames
 * are rare, so parsing again here keeps the hot path untouched.
 */
function invalidCallId(text: string, parsedId: string | undefined): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (looksLikeAnswer(text)) return undefined;
    return recoverMessageId(text) ?? UNREADABLE_MESSAGE_ID;
  }
  if (!Array.isArray(data)) return UNREADABLE_MESSAGE_ID;
  if (data[0] === 3 || data[0] === 4) return undefined;
  return parsedId ?? UNREADABLE_MESSAGE_ID;
}

/** A broken frame that starts like a CALLRESULT or CALLERROR: never answered, like the well-formed ones. */
function looksLikeAnswer(text: string): boolean {
  return /^\s*\[\s*[34]\s*(,|\]|$)/.test(text);
}

/** Find the id of a CALL in a frame that is not valid JSON, so the sender still gets its FormationViolation. */
function recoverMessageId(text: string): string | undefined {
  const match = /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(text);
  return match?.[1];
}
