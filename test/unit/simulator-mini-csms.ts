/**
 * A minimal central system for the simulator's tests: a `ws` server on port 0 choosing 'ocpp1.6', default
 * answers to every charge-point action, a queue of received CALLs to assert order, CSMS-initiated calls, and a
 * schema check (shared validator) of every CALL and CALLRESULT the simulator sends.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isOcppAction, type CentralSystemAction, type ChargePointAction, type OcppRequest, type OcppResponse } from '../../shared/ocpp/actions.js';
import { OcppCallError, callErrorFrame, callFrame, callResultFrame, parseFrame, type JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOcppValidator } from '../../shared/ocpp/validator.js';
import type { Connector, SimulatedChargePoint } from '../../main/simulator/index.js';
import { OutstandingCalls, errorCodeOf } from '../../main/simulator/outstanding-calls.js';

/** The text of a WebSocket message (one buffer, fragments, or an ArrayBuffer). */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** A connector of the station, which must exist. */
export function connector(cp: SimulatedChargePoint, connectorId: number): Connector {
  const c = cp.connector(connectorId);
  assert.ok(c, `connector ${connectorId} exists`);
  return c;
}

/**
 * A CALL the simulator sent. Its payload is typed by its action: every payload is checked against the schema on
 * arrival, and each test ends by asserting that none failed (`invalid` is empty).
 */
export interface ReceivedCallOf<A extends ChargePointAction> {
  identity: string;
  messageId: string;
  action: A;
  payload: OcppRequest<A>;
  at: number;
}

/** A received CALL of any action; comparing `action` narrows `payload`. */
export type ReceivedCall = { [A in ChargePointAction]: ReceivedCallOf<A> }[ChargePointAction];

type Handler = (payload: JsonObject, identity: string) => JsonObject | Promise<JsonObject>;

function isCallOf<A extends ChargePointAction>(call: ReceivedCall, action: A): call is Extract<ReceivedCall, { action: A }> {
  return call.action === action;
}

export interface MiniCsmsOptions {
  /** Return an HTTP status to refuse the upgrade. */
  authenticate?: (req: http.IncomingMessage, identity: string) => number | undefined;
}

const validator = createOcppValidator();

export class MiniCsms {
  readonly server: http.Server;
  readonly wss: WebSocketServer;
  readonly sockets = new Map<string, WebSocket>();
  readonly calls: ReceivedCall[] = [];
  /** Schema problems of what the simulator sent. */
  readonly invalid: string[] = [];
  /** Upgrade requests seen (headers, url). */
  readonly upgrades: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  readonly handlers = new Map<string, Handler>();
  private cursor = 0;
  private waiters: Array<() => void> = [];
  private nextTransactionId = 1;
  private readonly outstanding = new OutstandingCalls();
  private counter = 0;
  connections = 0;

  private constructor(private readonly options: MiniCsmsOptions) {
    this.server = http.createServer((_, res) => res.writeHead(404).end());
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has('ocpp1.6') ? 'ocpp1.6' : false),
    });
    this.server.on('upgrade', (req, socket, head) => {
      const identity = decodeURIComponent((req.url ?? '/').split('/').pop() ?? '');
      this.upgrades.push({ url: req.url ?? '', headers: req.headers });
      const refuse = this.options.authenticate?.(req, identity);
      if (refuse) {
        socket.end(`HTTP/1.1 ${refuse} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, identity));
    });
    this.defaults();
  }

  static async start(options: MiniCsmsOptions = {}): Promise<MiniCsms> {
    const csms = new MiniCsms(options);
    await new Promise<void>((resolve) => csms.server.listen(0, '127.0.0.1', resolve));
    return csms;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/ocpp`;
  }

  private defaults(): void {
    const now = () => new Date().toISOString();
    this.on('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 300 }));
    this.on('Heartbeat', () => ({ currentTime: now() }));
    this.on('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }));
    this.on('StartTransaction', () => ({ transactionId: this.nextTransactionId++, idTagInfo: { status: 'Accepted' } }));
    this.on('StopTransaction', () => ({ idTagInfo: { status: 'Accepted' } }));
    this.on('DataTransfer', () => ({ status: 'Accepted' }));
    this.on('SignCertificate', () => ({ status: 'Accepted' }));
    for (const a of [
      'StatusNotification',
      'MeterValues',
      'FirmwareStatusNotification',
      'DiagnosticsStatusNotification',
      'LogStatusNotification',
      'SecurityEventNotification',
      'SignedFirmwareStatusNotification',
    ]) {
      this.on(a, () => ({}));
    }
  }

  /** Set the answer to a charge-point action (throw OcppCallError for a CALLERROR). */
  on(action: string, handler: Handler): this {
    this.handlers.set(action, handler);
    return this;
  }

  /** Answer `action` with `conf` only once the returned function is called: a slow central system. */
  hold(action: string, conf: JsonObject): () => void {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.on(action, async () => {
      await released;
      return conf;
    });
    return () => release();
  }

  private onConnection(ws: WebSocket, identity: string): void {
    this.connections++;
    this.sockets.set(identity, ws);
    ws.on('close', () => {
      if (this.sockets.get(identity) === ws) this.sockets.delete(identity);
    });
    ws.on('message', (data) => void this.onMessage(ws, identity, frameText(data)));
  }

  private async onMessage(ws: WebSocket, identity: string, raw: string): Promise<void> {
    const frame = parseFrame(raw);
    if (frame.kind === 'call') {
      if (isOcppAction(frame.action)) {
        const v = validator.request(frame.action, frame.payload);
        if (!v.ok) this.invalid.push(`${frame.action}.req: ${v.description} ${raw}`);
      } else this.invalid.push(`unknown action ${frame.action}`);
      const timestamp = frame.payload.timestamp ?? '2020-01-01T00:00:00Z';
      if (typeof timestamp !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(timestamp)) {
        this.invalid.push(`non-UTC timestamp in ${raw}`);
      }
      // Recorded as its action's request: a payload that is not was recorded in `invalid` just above.
      const call = { identity, messageId: frame.messageId, action: frame.action, payload: frame.payload, at: Date.now() } as ReceivedCall;
      this.calls.push(call);
      for (const w of this.waiters.splice(0)) w();
      const handler = this.handlers.get(frame.action);
      try {
        if (!handler) throw new OcppCallError('NotImplemented', frame.action);
        const conf = await handler(frame.payload, identity);
        if (ws.readyState === ws.OPEN) ws.send(callResultFrame(frame.messageId, conf));
      } catch (err) {
        const e = err instanceof OcppCallError ? err : new OcppCallError('InternalError', String(err));
        if (ws.readyState === ws.OPEN) ws.send(callErrorFrame(frame.messageId, errorCodeOf(e), e.description));
      }
    } else if (frame.kind === 'result' || frame.kind === 'error') {
      const call = this.outstanding.answer(frame);
      if (call && frame.kind === 'result' && isOcppAction(call.action)) {
        const v = validator.response(call.action, frame.payload);
        if (!v.ok) this.invalid.push(`${call.action}.conf: ${v.description} ${raw}`);
      }
    }
  }

  /** The next received CALL not yet consumed (in arrival order), of this action (strict order check). */
  async nextCall<A extends ChargePointAction>(action: A, timeoutMs?: number): Promise<Extract<ReceivedCall, { action: A }>>;
  /** The next received CALL not yet consumed, of any action. */
  async nextCall(action?: undefined, timeoutMs?: number): Promise<ReceivedCall>;
  async nextCall(action?: ChargePointAction, timeoutMs = 5000): Promise<ReceivedCall> {
    const deadline = Date.now() + timeoutMs;
    let call: ReceivedCall | undefined;
    while (!(call = this.calls[this.cursor])) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${action ?? 'a CALL'}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    this.cursor++;
    if (action !== undefined && call.action !== action) {
      throw new Error(`Expected ${action} but got ${call.action} ${JSON.stringify(call.payload)}`);
    }
    return call;
  }

  /** Consume CALLs until one of `action` arrives (skipping others, e.g. MeterValues). */
  async nextCallOf<A extends ChargePointAction>(action: A, timeoutMs = 5000): Promise<Extract<ReceivedCall, { action: A }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const call = await this.nextCall(undefined, Math.max(1, deadline - Date.now()));
      if (isCallOf(call, action)) return call;
    }
  }

  /**
   * The end of a test: close its stations, skip what is left, answer with the defaults again. Returns the schema
   * problems of what the stations sent during the test.
   */
  async endTest(stations: SimulatedChargePoint[]): Promise<string[]> {
    await Promise.all(stations.map((cp) => cp.close()));
    this.drain();
    this.defaults();
    return this.invalid.splice(0);
  }

  /** Skip everything received so far. */
  drain(): void {
    this.cursor = this.calls.length;
  }

  /** Nothing more arrives within `ms`. */
  async expectSilence(ms: number, ignore: string[] = []): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    const extra = this.calls.slice(this.cursor).filter((c) => !ignore.includes(c.action));
    if (extra.length) throw new Error(`Unexpected CALLs: ${extra.map((c) => c.action).join(', ')}`);
  }

  /** Send a CSMS-initiated CALL; resolves with the conf, rejects with OcppCallError (CallTimeoutError without answer). */
  send<A extends CentralSystemAction>(identity: string, action: A, payload: OcppRequest<A>, timeoutMs?: number): Promise<OcppResponse<A>>;
  /** Send a CALL of any action, e.g. one the simulator does not know. */
  send(identity: string, action: string, payload: JsonObject, timeoutMs?: number): Promise<JsonObject>;
  send(identity: string, action: string, payload: JsonObject, timeoutMs = 5000): Promise<JsonObject> {
    const ws = this.sockets.get(identity);
    if (!ws) return Promise.reject(new Error(`${identity} not connected`));
    const messageId = `csms-${++this.counter}`;
    return new Promise((resolve, reject) => {
      this.outstanding.expect({ messageId, action, timeoutMs, resolve, reject });
      ws.send(callFrame(messageId, action, payload));
    });
  }

  /** Send a raw text frame to a charge point. */
  sendRaw(identity: string, text: string): void {
    this.sockets.get(identity)?.send(text);
  }

  /** Wait until the identity is connected (again). */
  async waitConnected(identity: string, timeoutMs = 5000, minConnections = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.sockets.has(identity) && this.connections >= minConnections)) {
      if (Date.now() > deadline) throw new Error(`${identity} did not connect`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
