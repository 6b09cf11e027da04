/**
 * A minimal central system for the simulator's tests: a `ws` server on port 0 choosing 'ocpp1.6', default
 * answers to every charge-point action, a queue of received CALLs to assert order, CSMS-initiated calls, and a
 * schema check (shared validator) of every CALL and CALLRESULT the simulator sends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isOcppAction, type OcppAction } from '../../shared/ocpp/actions.js';
import { OcppCallError, callErrorFrame, callFrame, callResultFrame, parseFrame, type JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOcppValidator } from '../../shared/ocpp/validator.js';

export interface ReceivedCall {
  identity: string;
  messageId: string;
  action: string;
  payload: any;
  at: number;
}

type Handler = (payload: any, identity: string) => JsonObject | Promise<JsonObject>;

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
  private pending = new Map<string, { action: string; resolve: (p: JsonObject) => void; reject: (e: Error) => void }>();
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

  private onConnection(ws: WebSocket, identity: string): void {
    this.connections++;
    this.sockets.set(identity, ws);
    ws.on('close', () => {
      if (this.sockets.get(identity) === ws) this.sockets.delete(identity);
    });
    ws.on('message', (data) => void this.onMessage(ws, identity, data.toString()));
  }

  private async onMessage(ws: WebSocket, identity: string, raw: string): Promise<void> {
    const frame = parseFrame(raw);
    if (frame.kind === 'call') {
      if (isOcppAction(frame.action)) {
        const v = validator.request(frame.action, frame.payload);
        if (!v.ok) this.invalid.push(`${frame.action}.req: ${v.description} ${raw}`);
      } else this.invalid.push(`unknown action ${frame.action}`);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(String((frame.payload as any).timestamp ?? '2020-01-01T00:00:00Z'))) {
        this.invalid.push(`non-UTC timestamp in ${raw}`);
      }
      this.calls.push({ identity, messageId: frame.messageId, action: frame.action, payload: frame.payload, at: Date.now() });
      for (const w of this.waiters.splice(0)) w();
      const handler = this.handlers.get(frame.action);
      try {
        if (!handler) throw new OcppCallError('NotImplemented', frame.action);
        const conf = await handler(frame.payload, identity);
        if (ws.readyState === ws.OPEN) ws.send(callResultFrame(frame.messageId, conf));
      } catch (err) {
        const e = err instanceof OcppCallError ? err : new OcppCallError('InternalError', String(err));
        if (ws.readyState === ws.OPEN) ws.send(callErrorFrame(frame.messageId, e.code as never, e.description));
      }
    } else if (frame.kind === 'result' || frame.kind === 'error') {
      const p = this.pending.get(frame.messageId);
      if (!p) return;
      this.pending.delete(frame.messageId);
      if (frame.kind === 'result') {
        if (isOcppAction(p.action)) {
          const v = validator.response(p.action, frame.payload);
          if (!v.ok) this.invalid.push(`${p.action}.conf: ${v.description} ${raw}`);
        }
        p.resolve(frame.payload);
      } else p.reject(new OcppCallError(frame.errorCode, frame.errorDescription, frame.errorDetails));
    }
  }

  /** The next received CALL not yet consumed (in arrival order), optionally of this action (strict order check). */
  async nextCall(action?: string, timeoutMs = 5000): Promise<ReceivedCall> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor >= this.calls.length) {
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
    const call = this.calls[this.cursor++];
    if (action !== undefined && call.action !== action) {
      throw new Error(`Expected ${action} but got ${call.action} ${JSON.stringify(call.payload)}`);
    }
    return call;
  }

  /** Consume CALLs until one of `action` arrives (skipping others, e.g. MeterValues). */
  async nextCallOf(action: string, timeoutMs = 5000): Promise<ReceivedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const call = await this.nextCall(undefined, Math.max(1, deadline - Date.now()));
      if (call.action === action) return call;
    }
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

  /** Send a CSMS-initiated CALL; resolves with the conf, rejects with OcppCallError. */
  send(identity: string, action: string, payload: JsonObject, timeoutMs = 5000): Promise<any> {
    const ws = this.sockets.get(identity);
    if (!ws) return Promise.reject(new Error(`${identity} not connected`));
    const messageId = `csms-${++this.counter}`;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`${action} timed out`));
      }, timeoutMs);
      this.pending.set(messageId, {
        action,
        resolve: (p) => {
          clearTimeout(t);
          resolve(p);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
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
