/**
 * OCPP-J client connection of the simulated charge point: one WebSocket, the CALL queue (at most one outstanding
 * CALL, OCPP-J §4.1.1), correlation of CALLRESULT/CALLERROR, and dispatch of the central system's CALLs.
 * Node-only (uses `ws`). Callbacks instead of an EventEmitter keep one instance small.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  OcppCallError,
  callErrorFrame,
  callFrame,
  callResultFrame,
  parseFrame,
  type JsonObject,
  type ParsedFrame,
} from '../../shared/ocpp/rpc-frames.js';
import { OutstandingCalls, errorCodeOf, type ExpectedAnswer } from './outstanding-calls.js';

export { CallTimeoutError } from './outstanding-calls.js';

/** The connection was refused during the HTTP upgrade (`statusCode` is the HTTP status, e.g. 401, 404, 400). */
export class ConnectRefusedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body = '',
    readonly headers: Record<string, string | string[] | undefined> = {},
  ) {
    super(`WebSocket upgrade refused with HTTP ${statusCode}`);
    this.name = 'ConnectRefusedError';
  }
}

/** A CALL failed because the connection closed (or was not open). */
export class ConnectionClosedError extends Error {
  constructor(message = 'Connection closed') {
    super(message);
    this.name = 'ConnectionClosedError';
  }
}

export interface TlsOptions {
  ca?: string | Buffer | Array<string | Buffer>;
  cert?: string | Buffer | Array<string | Buffer>;
  key?: string | Buffer | Array<string | Buffer>;
  passphrase?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface ConnectOptions extends TlsOptions {
  /** Full endpoint URL including the identity segment. */
  url: string;
  protocols: string[];
  /** Basic auth credentials (username = identity). */
  username?: string;
  password?: string | Buffer;
  headers?: Record<string, string>;
  handshakeTimeoutMs?: number;
}

/** A received frame, parsed, with its raw text. */
export type ReceivedMessage = ParsedFrame & { raw: string };

export interface IncomingCall {
  messageId: string;
  action: string;
  payload: JsonObject;
}

/** What a CALL handler returns: the conf payload, or NO_ANSWER to leave the CALL unanswered. */
export const NO_ANSWER: unique symbol = Symbol('NO_ANSWER');
export type CallHandlerResult = JsonObject | typeof NO_ANSWER;

export interface RpcClientHooks {
  /** Answer a CSMS CALL: return the conf payload, throw OcppCallError for a CALLERROR. */
  onCall(call: IncomingCall): Promise<CallHandlerResult> | CallHandlerResult;
  /** After the answer has been sent (both undefined when the handler chose NO_ANSWER). */
  onCallAnswered?(call: IncomingCall, response: JsonObject | undefined, error: OcppCallError | undefined): void;
  onFrameIn?(message: ReceivedMessage): void;
  onFrameOut?(raw: string): void;
  onOpen?(): void;
  onClose?(code: number, reason: string): void;
}

/** A CALL waiting for its turn in the queue (one outstanding CALL at a time, OCPP-J §4.1.1). */
interface QueuedCall extends ExpectedAnswer {
  payload: JsonObject;
}

export interface CallOptions {
  /** Send at once even if another CALL is outstanding (for tests of the central system's framing rules). */
  concurrent?: boolean;
  timeoutMs?: number;
  /** Use this message id instead of a random UUID. */
  messageId?: string;
}

export class RpcClient {
  private ws: WebSocket | undefined;
  /** CALLs sent and not yet answered (more than one only with `concurrent`). */
  private readonly outstanding = new OutstandingCalls((messageId) => this.onSettled(messageId));
  /** Frames received and not yet handled; the first is being handled. */
  private readonly inbox: Array<{ ws: WebSocket; raw: string }> = [];
  /** The message id of the queued (non-concurrent) CALL in flight. */
  private serialInFlight: string | undefined;
  private readonly queue: QueuedCall[] = [];
  private closeTimer: NodeJS.Timeout | undefined;
  /** Negotiated subprotocol of the current connection. */
  protocol = '';

  constructor(
    private readonly hooks: RpcClientHooks,
    public callTimeoutMs = 10_000,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** The underlying socket (tests: ping/pong, raw access). */
  get socket(): WebSocket | undefined {
    return this.ws;
  }

  connect(options: ConnectOptions): Promise<void> {
    if (this.ws && (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)) {
      return Promise.reject(new Error('Already connected'));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.password !== undefined) {
      const user = Buffer.from(`${options.username ?? ''}:`, 'utf8');
      const pass = typeof options.password === 'string' ? Buffer.from(options.password, 'utf8') : options.password;
      headers.Authorization = `Basic ${Buffer.concat([user, pass]).toString('base64')}`;
    }
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const ws = new WebSocket(options.url, options.protocols, {
        headers,
        handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
        perMessageDeflate: false,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        passphrase: options.passphrase,
        rejectUnauthorized: options.rejectUnauthorized,
        // Passed through to tls.connect by ws (not in its typings).
        ...(options.servername ? { servername: options.servername } : {}),
      });
      this.ws = ws;
      ws.on('unexpected-response', (req, res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const fail = () => {
          if (settled) return;
          settled = true;
          reject(new ConnectRefusedError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), res.headers));
          ws.terminate();
        };
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', fail);
        res.on('error', fail);
        res.on('close', fail);
        // A server that refuses but keeps the socket open must not stall connect().
        setTimeout(fail, 1000).unref();
        void req;
      });
      ws.on('open', () => {
        this.protocol = ws.protocol;
        settled = true;
        resolve();
        this.hooks.onOpen?.();
      });
      ws.on('error', (err) => {
        if (!settled) {
          settled = true;
          reject(err);
        }
      });
      ws.on('message', (data) => {
        if (this.ws !== ws) return;
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Buffer.from(data).toString('utf8');
        this.receive(ws, text);
      });
      ws.on('close', (code, reason) => {
        if (!settled) {
          settled = true;
          reject(new ConnectionClosedError(`Connection closed during handshake (${code})`));
        }
        if (this.ws !== ws) return;
        this.ws = undefined;
        if (this.closeTimer) clearTimeout(this.closeTimer);
        this.closeTimer = undefined;
        this.failAll(new ConnectionClosedError(`Connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
        this.hooks.onClose?.(code, reason.toString());
      });
    });
  }

  /** Clean close: fails pending calls at once, then the close handshake (terminated if the peer does not answer). */
  close(code = 1000, reason = ''): void {
    const ws = this.ws;
    this.failAll(new ConnectionClosedError('Connection closed by the charge point'));
    if (!ws) return;
    if (ws.readyState === WebSocket.CONNECTING) {
      ws.terminate();
      return;
    }
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    this.closeTimer = setTimeout(() => ws.terminate(), 2000);
    this.closeTimer.unref();
  }

  /** Abrupt drop (no close frame). */
  terminate(): void {
    this.failAll(new ConnectionClosedError('Connection terminated by the charge point'));
    this.ws?.terminate();
  }

  /** Send a raw text frame. */
  sendRaw(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new ConnectionClosedError('Not connected');
    ws.send(text);
    this.hooks.onFrameOut?.(text);
  }

  call(action: string, payload: JsonObject, options: CallOptions = {}): Promise<JsonObject> {
    if (!this.isOpen) return Promise.reject(new ConnectionClosedError(`Cannot send ${action}: not connected`));
    return new Promise<JsonObject>((resolve, reject) => {
      const call: QueuedCall = {
        messageId: options.messageId ?? randomUUID(),
        action,
        payload,
        resolve,
        reject,
        timeoutMs: options.timeoutMs ?? this.callTimeoutMs,
      };
      if (options.concurrent) this.send(call);
      else {
        this.queue.push(call);
        this.pump();
      }
    });
  }

  /** Number of CALLs waiting for their turn plus those outstanding. */
  get pendingCount(): number {
    return this.queue.length + this.outstanding.size;
  }

  private pump(): void {
    if (this.serialInFlight) return;
    const next = this.queue.shift();
    if (!next) return;
    this.serialInFlight = next.messageId;
    this.send(next);
  }

  private send(call: QueuedCall): void {
    this.outstanding.expect(call);
    try {
      this.sendRaw(callFrame(call.messageId, call.action, call.payload));
    } catch (err) {
      this.outstanding.fail(call.messageId, err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** A call left the outstanding set: let the next queued call go. */
  private onSettled(messageId: string): void {
    if (this.serialInFlight !== messageId) return;
    this.serialInFlight = undefined;
    // Let the caller's continuation run first, like a station that sends its next message after processing the conf.
    queueMicrotask(() => this.pump());
  }

  private failAll(error: Error): void {
    const queued = this.queue.splice(0);
    this.serialInFlight = undefined;
    this.outstanding.failAll(error);
    for (const call of queued) call.reject(error);
  }

  /**
   * Frames are handled one at a time, in arrival order, each after what the one before set going has run: a
   * station handles the StartTransaction.conf (and learns the transaction's id) before the SetChargingProfile that
   * came right behind it in the same TCP segment, which ws delivers in the same tick.
   */
  private receive(ws: WebSocket, raw: string): void {
    this.inbox.push({ ws, raw });
    if (this.inbox.length === 1) this.handleNext();
  }

  private handleNext(): void {
    const { ws, raw } = this.inbox[0]!;
    try {
      // What is still queued from a connection that has since closed is dropped with it.
      if (this.ws === ws) this.handle(raw);
    } finally {
      setImmediate(() => {
        this.inbox.shift();
        if (this.inbox.length > 0) this.handleNext();
      });
    }
  }

  private handle(raw: string): void {
    const parsed = parseFrame(raw);
    if (this.hooks.onFrameIn) this.hooks.onFrameIn({ ...parsed, raw });
    switch (parsed.kind) {
      case 'result':
      case 'error':
        this.outstanding.answer(parsed);
        break;
      case 'call':
        void this.dispatch({ messageId: parsed.messageId, action: parsed.action, payload: parsed.payload });
        break;
      case 'invalid':
        // A recognisable CALL that is malformed: tell the central system (OCPP-J §4.2.3).
        if (parsed.messageId !== undefined && raw.trimStart().startsWith('[2')) {
          this.trySend(callErrorFrame(parsed.messageId, parsed.errorCode, parsed.description));
        }
        break;
      case 'unknown-type':
        break;
    }
  }

  private async dispatch(call: IncomingCall): Promise<void> {
    let response: JsonObject | undefined;
    let error: OcppCallError | undefined;
    try {
      const result = await this.hooks.onCall(call);
      if (result === NO_ANSWER) {
        this.hooks.onCallAnswered?.(call, undefined, undefined);
        return;
      }
      response = result;
      this.trySend(callResultFrame(call.messageId, result));
    } catch (err) {
      error = err instanceof OcppCallError ? err : new OcppCallError('InternalError', err instanceof Error ? err.message : String(err));
      this.trySend(callErrorFrame(call.messageId, errorCodeOf(error), error.description, error.details));
    }
    this.hooks.onCallAnswered?.(call, response, error);
  }

  private trySend(text: string): void {
    try {
      this.sendRaw(text);
    } catch {
      // The connection went away while we were answering: nothing to do (OCPP-J has no redelivery of answers).
    }
  }
}
