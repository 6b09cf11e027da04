/**
 * The simulated station's connection to the central system: the endpoint (ws, or wss once the security profile
 * asks for TLS), Basic auth and client certificate, the OCPP-J client (rpc-client.ts: framing and the call queue),
 * reconnecting with backoff, and closing on purpose versus losing the network.
 */
import type { ChargePointAction, OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import type { SimulatedChargePointOptions } from './options.js';
import { RpcClient, type CallOptions, type RpcClientHooks, type TlsOptions } from './rpc-client.js';
import type { TimerSet } from './timers.js';

/** What the connection needs to know of the station to open a socket. */
export interface ConnectionCredentials {
  /** The SecurityProfile configuration key (0..3). */
  securityProfile(): number;
  /** The certificate the central system signed (CertificateSigned) with the key of the CSR that asked for it. */
  signedCertificate(): { cert: string; key: string } | undefined;
}

export interface ConnectionHooks extends Omit<RpcClientHooks, 'onClose'> {
  onClose(code: number, reason: string): void;
  onReconnectFailed(error: unknown): void;
  /** The connection came back by itself after an unexpected drop (autoReconnect). */
  onReconnected(): Promise<void>;
  /** Run a background flow whose errors are reported, never thrown. */
  runFlow(flow: () => Promise<void>): Promise<void>;
}

export class StationConnection {
  readonly rpc: RpcClient;
  private password: string | Buffer | undefined;
  /** close()/terminate() was called: no reconnect, flows stop. */
  private closedByUser = false;
  /** A reboot (Reset, firmware) is closing and reopening the connection. */
  private rebooting = false;
  private reconnecting = false;
  private readonly closeWaiters = new Set<() => void>();

  constructor(
    private readonly options: SimulatedChargePointOptions,
    private readonly credentials: ConnectionCredentials,
    private readonly timers: TimerSet,
    private readonly hooks: ConnectionHooks,
  ) {
    this.password = options.password;
    this.rpc = new RpcClient({ ...hooks, onClose: (code, reason) => this.onSocketClose(code, reason) }, options.callTimeoutMs ?? 10_000);
  }

  get isOpen(): boolean {
    return this.rpc.isOpen;
  }

  /** close() or terminate() without reconnect was called. */
  get stopped(): boolean {
    return this.closedByUser;
  }

  /** The endpoint URL with the percent-encoded identity appended. */
  get endpoint(): string {
    const secure = this.options.secureUrl !== undefined && this.credentials.securityProfile() >= 2;
    const base = secure && this.options.secureUrl ? this.options.secureUrl : this.options.url;
    return `${base.replace(/\/+$/, '')}/${encodeURIComponent(this.options.identity)}`;
  }

  /** The Basic auth password used on the next connect. */
  setPassword(password: string | Buffer | undefined): void {
    this.password = password;
  }

  /**
   * The client certificate for wss: the configured one, else the one the central system signed (white paper A02:
   * used from the next connection on).
   */
  private clientCertificate(): Pick<TlsOptions, 'cert' | 'key'> {
    if (this.options.cert !== undefined) return { cert: this.options.cert, key: this.options.key };
    return this.credentials.signedCertificate() ?? {};
  }

  /** Open the WebSocket. Rejects with ConnectRefusedError (`statusCode`) when the upgrade is refused. */
  async connect(): Promise<void> {
    this.closedByUser = false;
    const endpoint = this.endpoint;
    const o = this.options;
    await this.rpc.connect({
      url: endpoint,
      protocols: o.protocols ?? ['ocpp1.6'],
      username: o.identity,
      password: this.password,
      headers: o.headers,
      handshakeTimeoutMs: o.handshakeTimeoutMs,
      ca: o.ca,
      ...(endpoint.startsWith('wss:') ? this.clientCertificate() : {}),
      passphrase: o.passphrase,
      rejectUnauthorized: o.rejectUnauthorized,
      servername: o.servername,
    });
  }

  /** Connect as at power-on: retrying with backoff when autoReconnect is set. Resolves false if closed meanwhile. */
  async open(): Promise<boolean> {
    this.closedByUser = false;
    if (this.options.autoReconnect) return this.reconnectLoop();
    await this.connect();
    return true;
  }

  /** Reconnect with exponential backoff until connected (true) or closed by the user (false). */
  async reconnectLoop(): Promise<boolean> {
    this.reconnecting = true;
    try {
      let delayMs = this.options.reconnectDelayMs ?? 1000;
      const maxDelayMs = this.options.maxReconnectDelayMs ?? 30_000;
      while (!this.closedByUser) {
        try {
          await this.connect();
          return true;
        } catch (err) {
          this.hooks.onReconnectFailed(err);
        }
        await this.timers.sleep(delayMs);
        delayMs = Math.min(maxDelayMs, delayMs * 2);
      }
      return false;
    } finally {
      this.reconnecting = false;
    }
  }

  /** Clean close. Pending CALLs fail at once; resolves when the socket is closed. */
  close(code = 1000, reason = ''): Promise<void> {
    this.closedByUser = true;
    const closed = this.whenSocketClosed();
    this.rpc.close(code, reason);
    return closed;
  }

  /** Abrupt drop (no close frame). `reconnect: true` simulates a network failure (autoReconnect then applies). */
  terminate(reconnect: boolean): void {
    if (!reconnect) this.closedByUser = true;
    this.rpc.terminate();
  }

  /** A reboot: close, wait `delayMs`, reconnect. Resolves false when the station was closed meanwhile. */
  async restart(delayMs: number): Promise<boolean> {
    this.rebooting = true;
    try {
      const closed = this.whenSocketClosed();
      this.rpc.close(1000, 'Rebooting');
      await closed;
      await this.timers.sleep(delayMs);
      if (this.closedByUser) return false;
      return await this.reconnectLoop();
    } finally {
      this.rebooting = false;
    }
  }

  private whenSocketClosed(): Promise<void> {
    if (!this.rpc.socket) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.add(resolve));
  }

  private onSocketClose(code: number, reason: string): void {
    for (const resolve of [...this.closeWaiters]) resolve();
    this.closeWaiters.clear();
    this.hooks.onClose(code, reason);
    if (this.closedByUser || this.rebooting || this.reconnecting || !this.options.autoReconnect) return;
    void this.hooks.runFlow(async () => {
      if (await this.reconnectLoop()) await this.hooks.onReconnected();
    });
  }

  /**
   * Send a CALL and resolve with the conf payload; rejects with OcppCallError on a CALLERROR, CallTimeoutError on
   * timeout, ConnectionClosedError when the connection closes. One CALL at a time unless `concurrent` (or the
   * concurrentCalls option).
   */
  call<A extends ChargePointAction>(action: A, payload: OcppRequest<A>, options?: CallOptions): Promise<OcppResponse<A>>;
  call(action: string, payload: JsonObject, options?: CallOptions): Promise<JsonObject>;
  call(action: string, payload: JsonObject, options: CallOptions = {}): Promise<JsonObject> {
    // The answer is the central system's, as it sent it: the simulator reads it as the action's response type
    // without checking it, like a lenient station (what the central system sends is checked on its own side).
    return this.rpc.call(action, payload, { ...options, concurrent: options.concurrent ?? this.options.concurrentCalls ?? false });
  }
}
