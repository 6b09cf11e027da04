import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { LISTENERS, listenOn } from '../network.js';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientCertificateOf } from '../security/client-certificate.js';
import { checkHandshake, HandshakeRefusal, OCPP16_SUBPROTOCOL, type HandshakeDeps } from './handshake.js';
import { clientErrorStatus, httpServerLimitOptions, type ServerLimits, type UpgradeThrottle } from './limits.js';

/** Pending connections the kernel may queue (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

export interface OcppServerOptions {
  host: string;
  /** Listen with TLS (wss, security profiles 2 and 3) using these options; plain ws without. */
  tls?: TlsServerOptions;
  port: number;
  /** Largest frame accepted; a bigger one closes the connection with 1009 (RFC 6455 §7.4.1). */
  maxPayloadBytes: number;
  handshake: HandshakeDeps;
  /** Called for every refused upgrade, with what the connection doctor needs. */
  onRefused(refusal: HandshakeRefusal, request: IncomingMessage): void;
  /** Called once the upgrade completed. */
  onConnection(socket: WebSocket, identity: string, request: IncomingMessage): void;
  /** HTTP limits (request head size and timeouts); Node's defaults when absent. */
  httpLimits?: Pick<ServerLimits, 'maxHeaderBytes' | 'headersTimeoutMs' | 'requestTimeoutMs'>;
  /**
   * Checked first for every upgrade, before the handshake pipeline and any database work (handshake floods,
   * flapping identities); a throttle refuses the upgrade and goes to `onThrottled`.
   */
  admission?(request: IncomingMessage): UpgradeThrottle | null;
  onThrottled?(throttle: UpgradeThrottle, request: IncomingMessage): void;
}

function remoteAddressOf(request: IncomingMessage): string | null {
  return request.socket.remoteAddress ?? null;
}

/**
 * The OCPP-J WebSocket endpoint: an HTTP server whose upgrades go through the handshake pipeline before `ws` sees
 * them. permessage-deflate stays off: it multiplies per-connection memory ~25x (measured with ws on this project's benchmark machine) and
 * OCPP-J needs no compression (§5.1).
 */
export class OcppServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;

  constructor(private readonly options: OcppServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: options.maxPayloadBytes,
      clientTracking: true,
      // The pipeline already required ocpp1.6 among the offers; answer exactly that (OCPP-J §3.1.2, TC_088).
      handleProtocols: (protocols) => (protocols.has(OCPP16_SUBPROTOCOL) ? OCPP16_SUBPROTOCOL : false),
    });
    const scheme = options.tls ? 'wss' : 'ws';
    const onRequest = (_request: IncomingMessage, response: import('node:http').ServerResponse) => {
      // A technician opening the URL in a browser learns what this port is for.
      response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      response.end(
        `This is an OCPP 1.6J endpoint. Connect a charge point with ${scheme}://<host>:<port>/ocpp/<chargePointId> and subprotocol ${OCPP16_SUBPROTOCOL}.\n`,
      );
    };
    const httpOptions = options.httpLimits ? httpServerLimitOptions(options.httpLimits) : {};
    // An https.Server is an http.Server over TLS: same upgrade, listen and close API.
    this.http = options.tls ? createTlsServer({ ...httpOptions, ...options.tls }, onRequest) : createServer(httpOptions, onRequest);
    this.http.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.http.on('clientError', (err, socket) => {
      // 431 for an oversized head, 408 for a slow one (limits.ts), else 400.
      const status = clientErrorStatus(err);
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
      else socket.destroy();
    });
  }

  /** The same endpoint over TLS on another port (wss, security profiles 2 and 3), every other option shared. */
  withTls(port: number, tls: TlsServerOptions): OcppServer {
    return new OcppServer({ ...this.options, port, tls });
  }

  listen(): Promise<AddressInfo> {
    // A deep accept queue: a depot's stations all reconnect at once after a power cut, and Node's default
    // backlog (511) overflowed, making the kernel drop SYNs and stations retry seconds later (benchmark storm).
    return listenOn(
      this.http,
      { port: this.options.port, host: this.options.host, backlog: LISTEN_BACKLOG },
      this.options.tls ? LISTENERS.ocppTls : LISTENERS.ocpp,
    );
  }

  get address(): AddressInfo | null {
    return (this.http.address() as AddressInfo | null) ?? null;
  }

  /** Stop accepting, close every station's socket (1001 Going Away), and wait for the server to close. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'Central system shutting down');
    // Not unref'd: when a start fails (port in use), nothing else keeps the event loop alive, and an unref'd wait
    // here let the process end silently with code 0 before the error could be reported.
    if (this.wss.clients.size > 0) await new Promise<void>((resolve) => setTimeout(resolve, 50));
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections?.();
    });
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', destroyOnError);
    const throttle = this.options.admission?.(request);
    if (throttle) {
      this.options.onThrottled?.(throttle, request);
      rejectUpgrade(socket, throttle.httpStatus, throttle.detail, false, throttle.retryAfterSec);
      return;
    }
    let identity: string;
    try {
      const secure = this.options.tls !== undefined;
      identity = checkHandshake(request, this.options.handshake, {
        secure,
        clientCertificate: secure ? clientCertificateOf(request) : undefined,
      }).identity;
    } catch (err) {
      const refusal =
        err instanceof HandshakeRefusal ? err : new HandshakeRefusal('bad-identity', 500, `Handshake failed: ${(err as Error).message}`, null);
      this.options.onRefused(refusal, request);
      rejectUpgrade(socket, refusal.httpStatus, refusal.detail, refusal.httpStatus === 401);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.options.onConnection(ws, identity, request));
  }
}

export { remoteAddressOf };

/**
 * The socket's error listener for its whole life. A function of its own, not an arrow in `onUpgrade`: an arrow there
 * would share that call's closure scope, which also holds the upgrade request (its headers and their strings), and
 * keep it in memory as long as the station stays connected (about 1 KiB per station).
 */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

function rejectUpgrade(socket: Duplex, status: number, message: string, challenge: boolean, retryAfterSec?: number): void {
  if (!socket.writable) return void socket.destroy();
  const body = `${message}\n`;
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(challenge ? ['WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"'] : []),
    ...(retryAfterSec !== undefined ? [`Retry-After: ${retryAfterSec}`] : []),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
