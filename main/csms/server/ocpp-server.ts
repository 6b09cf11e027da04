import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkHandshake, HandshakeRefusal, OCPP16_SUBPROTOCOL, type HandshakeDeps } from './handshake.js';

/** Pending connections the kernel may queue (capped by net.core.somaxconn). */
export const LISTEN_BACKLOG = 4096;

export interface OcppServerOptions {
  host: string;
  port: number;
  /** Largest frame accepted; a bigger one closes the connection with 1009 (RFC 6455 §7.4.1). */
  maxPayloadBytes: number;
  handshake: HandshakeDeps;
  /** Called for every refused upgrade, with what the connection doctor needs. */
  onRefused(refusal: HandshakeRefusal, request: IncomingMessage): void;
  /** Called once the upgrade completed. */
  onConnection(socket: WebSocket, identity: string, request: IncomingMessage): void;
}

function remoteAddressOf(request: IncomingMessage): string | null {
  return request.socket.remoteAddress ?? null;
}

/**
 * The OCPP-J WebSocket endpoint: an HTTP server whose upgrades go through the handshake pipeline before `ws` sees
 * them. permessage-deflate stays off: it multiplies per-connection memory ~25x (engineering anchors part 2) and
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
    this.http = createServer((request, response) => {
      // A technician opening the URL in a browser learns what this port is for.
      response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      response.end(`This is an OCPP 1.6J endpoint. Connect a charge point with ws://<host>:<port>/ocpp/<chargePointId> and subprotocol ${OCPP16_SUBPROTOCOL}.\n`);
    });
    this.http.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.http.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      // A deep accept queue: a depot's stations all reconnect at once after a power cut, and Node's default
      // backlog (511) overflowed, making the kernel drop SYNs and stations retry seconds later (benchmark storm).
      this.http.listen({ port: this.options.port, host: this.options.host, backlog: LISTEN_BACKLOG }, () => {
        this.http.off('error', reject);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  get address(): AddressInfo | null {
    return (this.http.address() as AddressInfo | null) ?? null;
  }

  /** Stop accepting, close every station's socket (1001 Going Away), and wait for the server to close. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'Central system shutting down');
    await new Promise<void>((resolve) => setTimeout(resolve, 50).unref());
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections?.();
    });
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    let identity: string;
    try {
      identity = checkHandshake(request, this.options.handshake, { secure: false }).identity;
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

function rejectUpgrade(socket: Duplex, status: number, message: string, challenge: boolean): void {
  if (!socket.writable) return void socket.destroy();
  const body = `${message}\n`;
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(challenge ? ['WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"'] : []),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
