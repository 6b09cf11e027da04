/**
 * A scriptable simulated OCPP 1.6J charge point speaking real OCPP-J over a real WebSocket.
 *
 * - Tests drive it step by step (`call`, `sendRaw`, `nextMessage`, `waitForCall`, `answer`), to check the central
 *   system against the OCPP conformance behaviour.
 * - Unscripted, it answers every central-system CALL like a real station and sends the follow-up messages
 *   (see behaviour.ts), so the console's simulated stations work without scripting.
 * - Light enough for thousands of instances in one process: no timer runs unless needed (heartbeats only when
 *   enabled, meter sampling only while charging), every timer is unref'd and cleared on close().
 *
 * Node-only (uses `ws`).
 */
import { EventEmitter } from 'node:events';
import type { CentralSystemAction, ChargePointAction, OcppAction, OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { ChargingProfile, IdTagInfo, MeterValue, SampledValue } from '../../shared/ocpp/messages/common.js';
import type {
  BootNotificationRequest,
  BootNotificationResponse,
  ChargePointErrorCode,
  ChargePointStatus,
  DataTransferResponse,
  HeartbeatResponse,
  Reason,
  RegistrationStatus,
  StartTransactionResponse,
  StopTransactionResponse,
} from '../../shared/ocpp/messages/core.js';
import type { DiagnosticsStatus, FirmwareStatus } from '../../shared/ocpp/messages/firmware.js';
import { OcppCallError, type JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { defaultAnswer, type DefaultAnswer } from './behaviour.js';
import type { InstalledCertificate } from './certificates.js';
import { ConfigurationStore } from './configuration.js';
import { MeterModel, type MeterModelOptions } from './meter.js';
import {
  NO_ANSWER,
  RpcClient,
  type CallHandlerResult,
  type CallOptions,
  type IncomingCall,
  type ReceivedMessage,
  type TlsOptions,
} from './rpc-client.js';
import { ChargingProfileStore } from './smart-charging.js';
import type { TransferOptions } from './transfer.js';

export { NO_ANSWER };

export type AvailabilityType = 'Operative' | 'Inoperative';
export type SignedFirmwareStatus =
  | 'Downloaded'
  | 'DownloadFailed'
  | 'Downloading'
  | 'DownloadScheduled'
  | 'DownloadPaused'
  | 'Idle'
  | 'InstallationFailed'
  | 'Installing'
  | 'Installed'
  | 'InstallRebooting'
  | 'InstallScheduled'
  | 'InstallVerificationFailed'
  | 'InvalidSignature'
  | 'SignatureVerified';
export type UploadLogStatus = 'BadMessage' | 'Idle' | 'NotSupportedOperation' | 'PermissionDenied' | 'Uploaded' | 'UploadFailure' | 'Uploading';

export interface SimulatedChargePointOptions extends TlsOptions {
  /** Central system endpoint; the identity is appended as a percent-encoded last path segment. */
  url: string;
  identity: string;
  /** Number of connectors (default 1). */
  connectorCount?: number;
  /** HTTP Basic auth password (security profile 1/2); username = identity. */
  password?: string | Buffer;
  /** Offered subprotocols (default ['ocpp1.6']). */
  protocols?: string[];
  vendor?: string;
  model?: string;
  serialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
  /** CALL answer timeout (default 10000 ms). */
  callTimeoutMs?: number;
  /** WebSocket handshake timeout (default 10000 ms). */
  handshakeTimeoutMs?: number;
  /** Reconnect (with backoff) when the connection drops unexpectedly (default false). */
  autoReconnect?: boolean;
  /** First reconnect delay (default 1000 ms), doubled per failed attempt up to `maxReconnectDelayMs` (30000). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Extra HTTP headers of the upgrade request. */
  headers?: Record<string, string>;
  /** Send Heartbeats every HeartbeatInterval once booted (default false). */
  heartbeats?: boolean;
  /** After an Accepted boot, send StatusNotification for connector 0 and every connector (default true). */
  statusNotificationsOnBoot?: boolean;
  /** Send periodic MeterValues every MeterValueSampleInterval while charging (default true). */
  autoMeterValues?: boolean;
  /** Send every CALL at once instead of one at a time (default false: OCPP-J §4.1.1 behaviour). */
  concurrentCalls?: boolean;
  /** Configuration key overrides (unknown keys are added as read-write strings). */
  configuration?: Record<string, string>;
  /** SupportedFeatureProfiles (default: all six 1.6 profiles). Security whitepaper calls are always supported. */
  featureProfiles?: string[];
  /** Energy model: max charging power (W, default 11000), voltage, phases, EV battery size, initial SoC. */
  meter?: MeterModelOptions;
  /** Delay between the socket closing and reconnecting on a reboot (Reset, firmware install), default 200 ms. */
  rebootDelayMs?: number;
  /**
   * wss endpoint used once the SecurityProfile configuration key is 2 or 3 (white paper §2.1: profiles 2 and 3
   * run over TLS), e.g. after the central system raised it with ChangeConfiguration and a reset (TC_083).
   */
  secureUrl?: string;
  /** Delay between the steps of firmware/diagnostics/log flows (default 0). */
  stepDelayMs?: number;
  /** Firmware download / diagnostics upload options (timeout, HTTP upload method, TLS). */
  transfer?: TransferOptions;
  /**
   * Subject CN of the CSR it sends for SignCertificate (default: its identity). Some stations put their serial
   * number there (e.g. `S/N0123456789`), which the profile-3 handshake does not accept as the identity.
   */
  certificateCommonName?: string;
  /** SignedUpdateFirmware: verify the signature of the downloaded file with the signing certificate (default false). */
  verifyFirmwareSignature?: boolean;
  /** Time source in ms since the epoch (default Date.now). */
  clock?: () => number;
}

export interface TransactionState {
  transactionId: number;
  idTag: string;
  meterStart: number;
  /** ms since the epoch. */
  startedAt: number;
  reservationId?: number;
}

export interface ReservationState {
  reservationId: number;
  idTag: string;
  parentIdTag?: string;
  expiryDate: string;
}

/** One connector (id 0 = the charge point as a whole). */
export class Connector {
  status: ChargePointStatus = 'Available';
  errorCode: ChargePointErrorCode = 'NoError';
  availability: AvailabilityType = 'Operative';
  /** A ChangeAvailability answered Scheduled, applied when the transaction ends. */
  scheduledAvailability: AvailabilityType | undefined;
  transaction: TransactionState | undefined;
  reservation: ReservationState | undefined;
  /** @internal */ reservationTimer: NodeJS.Timeout | undefined;
  /** @internal */ meterTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly meter: MeterModel,
  ) {}

  get transactionId(): number | undefined {
    return this.transaction?.transactionId;
  }

  /** Energy register (Wh). */
  get meterWh(): number {
    return this.meter.wh;
  }
}

export interface ChargePointState {
  readonly identity: string;
  registrationStatus: RegistrationStatus | undefined;
  /** Heartbeat interval in seconds (from the last BootNotification.conf or the HeartbeatInterval key). */
  heartbeatInterval: number;
  /** Index = connectorId; [0] is the charge point itself. */
  readonly connectors: Connector[];
  readonly configuration: ConfigurationStore;
  readonly localList: { version: number; entries: Map<string, IdTagInfo> };
  readonly authCache: Map<string, IdTagInfo>;
  readonly chargingProfiles: ChargingProfileStore;
  firmwareVersion: string;
  firmwareStatus: FirmwareStatus;
  diagnosticsStatus: DiagnosticsStatus;
  signedFirmwareStatus: SignedFirmwareStatus;
  /** requestId of the signed firmware update in progress. */
  signedFirmwareRequestId: number | undefined;
  logStatus: UploadLogStatus;
  logRequestId: number | undefined;
  /** The last firmware file downloaded over http(s)/ftp (UpdateFirmware, SignedUpdateFirmware). */
  lastFirmwareDownload: { location: string; size: number; sha256: string } | undefined;
  readonly certificates: InstalledCertificate[];
  /** Charge point certificate chain installed by CertificateSigned. */
  chargePointCertificate: string | undefined;
  /** Key of the last SignCertificate CSR (PEM PKCS#8). */
  chargePointPrivateKeyPem: string | undefined;
}

export interface CallEvent {
  action: string;
  messageId: string;
  payload: JsonObject;
  /** The conf we answered with (undefined if we answered with a CALLERROR or not at all). */
  response?: JsonObject;
  error?: OcppCallError;
}

export interface AnswerContext {
  action: string;
  messageId: string;
  cp: SimulatedChargePoint;
  /** Run the default behaviour (state change and follow-up messages) and get its conf. */
  runDefault(): Promise<any>;
}

/** An answer override: a conf payload, NO_ANSWER, or a function of the request (may throw OcppCallError, may be async). */
export type Answer =
  JsonObject | typeof NO_ANSWER | ((payload: any, ctx: AnswerContext) => JsonObject | typeof NO_ANSWER | Promise<JsonObject | typeof NO_ANSWER>);

/** An override typed by the action's request and response payloads. */
export type TypedAnswer<A extends CentralSystemAction> =
  | OcppResponse<A>
  | typeof NO_ANSWER
  | ((payload: OcppRequest<A>, ctx: AnswerContext) => OcppResponse<A> | typeof NO_ANSWER | Promise<OcppResponse<A> | typeof NO_ANSWER>);

export type DataTransferHandler = (request: {
  vendorId: string;
  messageId?: string;
  data?: string;
}) => DataTransferResponse | Promise<DataTransferResponse>;

/** StartSession refused (Authorize or StartTransaction not Accepted). */
export class SessionRejectedError extends Error {
  constructor(
    readonly step: 'Authorize' | 'StartTransaction',
    readonly idTagInfo: IdTagInfo,
    readonly transactionId?: number,
  ) {
    super(`${step} not accepted: ${idTagInfo.status}`);
    this.name = 'SessionRejectedError';
  }
}

export interface BootOptions {
  /** Send StatusNotifications after an Accepted boot (default: constructor option, true). */
  statusNotifications?: boolean;
  /** Start heartbeats after an Accepted boot (default: constructor option, false). */
  heartbeats?: boolean;
  /** Fields to add or replace in the BootNotification.req. */
  payload?: Partial<BootNotificationRequest>;
}

export interface SimulatedChargePoint {
  on(event: 'call', listener: (event: CallEvent) => void): this;
  on(event: 'frame-in', listener: (message: ReceivedMessage) => void): this;
  on(event: 'frame-out', listener: (raw: string) => void): this;
  on(event: 'open', listener: () => void): this;
  on(event: 'close', listener: (event: { code: number; reason: string }) => void): this;
  on(event: 'boot', listener: (conf: BootNotificationResponse) => void): this;
  on(event: 'behaviour-error', listener: (error: Error) => void): this;
  on(event: string | symbol, listener: (...args: any[]) => void): this;
  once(event: 'call', listener: (event: CallEvent) => void): this;
  once(event: 'frame-in', listener: (message: ReceivedMessage) => void): this;
  once(event: 'frame-out', listener: (raw: string) => void): this;
  once(event: 'open', listener: () => void): this;
  once(event: 'close', listener: (event: { code: number; reason: string }) => void): this;
  once(event: string | symbol, listener: (...args: any[]) => void): this;
}

export class SimulatedChargePoint extends EventEmitter {
  readonly identity: string;
  readonly connectorCount: number;
  /** @internal */ readonly options: SimulatedChargePointOptions;
  /** @internal */ readonly rpc: RpcClient;
  private readonly _state: ChargePointState;
  private password: string | Buffer | undefined;
  private readonly overrides = new Map<string, Answer>();
  private readonly onceOverrides = new Map<string, Answer[]>();
  private readonly vendorHandlers = new Map<string, DataTransferHandler>();
  private readonly followUps = new Map<string, () => Promise<void> | void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private readonly waiterCancels = new Set<(err: Error) => void>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatsEnabled: boolean;
  /** close()/terminate() was called: no reconnect, flows stop. */
  private closedByUser = false;
  /** A reboot (Reset, firmware) is closing and reopening the connection. */
  private rebooting = false;
  private reconnecting = false;
  /** @internal */ readonly now: () => number;

  constructor(options: SimulatedChargePointOptions) {
    super();
    this.options = options;
    this.identity = options.identity;
    this.connectorCount = Math.max(0, options.connectorCount ?? 1);
    this.now = options.clock ?? Date.now;
    this.password = options.password;
    this.heartbeatsEnabled = options.heartbeats ?? false;
    const connectors: Connector[] = [];
    for (let id = 0; id <= this.connectorCount; id++) connectors.push(new Connector(id, new MeterModel(options.meter ?? {}, this.now)));
    const configuration = new ConfigurationStore({
      connectorCount: this.connectorCount,
      featureProfiles: options.featureProfiles,
      overrides: options.configuration,
      authorizationKeyHex: options.password === undefined ? undefined : Buffer.from(options.password).toString('hex'),
    });
    configuration.onChange = (key, value) => this.onConfigurationChange(key, value);
    this._state = {
      identity: this.identity,
      registrationStatus: undefined,
      heartbeatInterval: configuration.getInteger('HeartbeatInterval', 300),
      connectors,
      configuration,
      localList: { version: 0, entries: new Map() },
      authCache: new Map(),
      chargingProfiles: new ChargingProfileStore(),
      firmwareVersion: options.firmwareVersion ?? '1.0.0',
      firmwareStatus: 'Idle',
      diagnosticsStatus: 'Idle',
      signedFirmwareStatus: 'Idle',
      signedFirmwareRequestId: undefined,
      logStatus: 'Idle',
      logRequestId: undefined,
      lastFirmwareDownload: undefined,
      certificates: [],
      chargePointCertificate: undefined,
      chargePointPrivateKeyPem: undefined,
    };
    this.rpc = new RpcClient(
      {
        onCall: (call) => this.handleCall(call),
        onCallAnswered: (call, response, error) => this.afterAnswer(call, response, error),
        onFrameIn: (message) => {
          if (this.listenerCount('frame-in') > 0) this.emit('frame-in', message);
        },
        onFrameOut: (raw) => {
          if (this.listenerCount('frame-out') > 0) this.emit('frame-out', raw);
        },
        onOpen: () => this.emit('open'),
        onClose: (code, reason) => this.onSocketClose(code, reason),
      },
      options.callTimeoutMs ?? 10_000,
    );
  }

  // ------------------------------------------------------------------------------------------------------------
  // Connection
  // ------------------------------------------------------------------------------------------------------------

  /** Live state (connectors, configuration, local list, profiles, firmware/diagnostics status, certificates). */
  get state(): ChargePointState {
    return this._state;
  }

  get configuration(): ConfigurationStore {
    return this._state.configuration;
  }

  get connected(): boolean {
    return this.rpc.isOpen;
  }

  /** The negotiated subprotocol ('' before connecting). */
  get protocol(): string {
    return this.rpc.protocol;
  }

  /** The endpoint URL with the percent-encoded identity appended. */
  get endpoint(): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.identity)}`;
  }

  private get baseUrl(): string {
    const profile = Number(this._state.configuration.get('SecurityProfile') ?? '0');
    return this.options.secureUrl && profile >= 2 ? this.options.secureUrl : this.options.url;
  }

  /**
   * The client certificate for wss: the configured one, else the one the central system signed (CertificateSigned)
   * with the key of the CSR that asked for it (white paper A02: used from the next connection on).
   */
  private clientCertificate(): { cert?: TlsOptions['cert']; key?: TlsOptions['key'] } {
    if (this.options.cert !== undefined) return { cert: this.options.cert, key: this.options.key };
    const s = this._state;
    if (s.chargePointCertificate && s.chargePointPrivateKeyPem) return { cert: s.chargePointCertificate, key: s.chargePointPrivateKeyPem };
    return {};
  }

  /** Open the WebSocket. Rejects with ConnectRefusedError (`statusCode`) when the upgrade is refused. */
  async connect(): Promise<void> {
    this.closedByUser = false;
    await this.rpc.connect({
      url: this.endpoint,
      protocols: this.options.protocols ?? ['ocpp1.6'],
      username: this.identity,
      password: this.password,
      headers: this.options.headers,
      handshakeTimeoutMs: this.options.handshakeTimeoutMs,
      ca: this.options.ca,
      ...(this.endpoint.startsWith('wss:') ? this.clientCertificate() : {}),
      passphrase: this.options.passphrase,
      rejectUnauthorized: this.options.rejectUnauthorized,
      servername: this.options.servername,
    });
  }

  /** Connect (retrying when autoReconnect is set), boot until Accepted: what a real station does at power-on. */
  async start(): Promise<void> {
    this.closedByUser = false;
    if (this.options.autoReconnect) {
      if (!(await this.reconnectLoop())) return;
    } else {
      await this.connect();
    }
    await this.bootUntilAccepted();
  }

  /** Clean close. Pending CALLs fail at once; resolves when the socket is closed. Stops every timer. */
  close(code = 1000, reason = ''): Promise<void> {
    this.closedByUser = true;
    this.stopAllTimers();
    const closed = this.rpc.isOpen || this.rpc.socket ? this.waitForSocketClose() : Promise.resolve();
    this.rpc.close(code, reason);
    this.cancelWaiters(new Error('Charge point closed'));
    return closed;
  }

  /** Abrupt drop (no close frame). `reconnect: true` simulates a network failure (autoReconnect then applies). */
  terminate(options: { reconnect?: boolean } = {}): void {
    if (!options.reconnect) {
      this.closedByUser = true;
      this.stopAllTimers();
      this.cancelWaiters(new Error('Charge point terminated'));
    }
    this.rpc.terminate();
  }

  private waitForSocketClose(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.rpc.socket) return resolve();
      this.once('close', () => resolve());
    });
  }

  private onSocketClose(code: number, reason: string): void {
    this.stopHeartbeats();
    this.emit('close', { code, reason });
    if (!this.closedByUser && !this.rebooting && this.options.autoReconnect && !this.reconnecting) {
      void this.runFlow(async () => {
        if (await this.reconnectLoop()) {
          if (this._state.registrationStatus !== 'Accepted') await this.bootUntilAccepted();
          else if (this.heartbeatsEnabled) this.startHeartbeats();
        }
      });
    }
  }

  /** @internal Reconnect with exponential backoff until connected or closed by the user. */
  async reconnectLoop(): Promise<boolean> {
    this.reconnecting = true;
    try {
      let delay = this.options.reconnectDelayMs ?? 1000;
      const max = this.options.maxReconnectDelayMs ?? 30_000;
      while (!this.closedByUser) {
        try {
          await this.connect();
          return true;
        } catch (err) {
          this.emit('reconnect-failed', err);
        }
        await this.sleep(delay);
        delay = Math.min(max, delay * 2);
      }
      return false;
    } finally {
      this.reconnecting = false;
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Raw messaging
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Send a CALL and resolve with the conf payload; rejects with OcppCallError on a CALLERROR, CallTimeoutError on
   * timeout, ConnectionClosedError when the connection closes. One CALL at a time unless `concurrent`.
   */
  call<A extends ChargePointAction>(action: A, payload: OcppRequest<A>, options?: CallOptions): Promise<OcppResponse<A>>;
  call(action: string, payload: JsonObject, options?: CallOptions): Promise<JsonObject>;
  call(action: string, payload: object, options: CallOptions = {}): Promise<JsonObject> {
    return this.rpc.call(action, payload as JsonObject, {
      ...options,
      concurrent: options.concurrent ?? this.options.concurrentCalls ?? false,
    });
  }

  /** Send a CALL at once, even while another one is outstanding. */
  callConcurrent<A extends ChargePointAction>(action: A, payload: OcppRequest<A>, options?: CallOptions): Promise<OcppResponse<A>>;
  callConcurrent(action: string, payload: JsonObject, options?: CallOptions): Promise<JsonObject>;
  callConcurrent(action: string, payload: object, options: CallOptions = {}): Promise<JsonObject> {
    return this.rpc.call(action, payload as JsonObject, { ...options, concurrent: true });
  }

  /** Send a raw text frame (malformed-frame tests). Throws when not connected. */
  sendRaw(text: string): void {
    this.rpc.sendRaw(text);
  }

  /** The next received frame matching the predicate (parsed, with its raw text). */
  nextMessage(predicate: (message: ReceivedMessage) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMessage> {
    return this.waitForEvent<ReceivedMessage>('frame-in', predicate, timeoutMs, 'message');
  }

  /** The next CSMS-initiated CALL of this action, resolved after it has been answered. */
  waitForCall(action: string, timeoutMs = 10_000, predicate: (event: CallEvent) => boolean = () => true): Promise<CallEvent> {
    return this.waitForEvent<CallEvent>('call', (e) => e.action === action && predicate(e), timeoutMs, `${action} CALL`);
  }

  private waitForEvent<T>(event: string, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listener = (value: T) => {
        let ok = false;
        try {
          ok = predicate(value);
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (ok) {
          done();
          resolve(value);
        }
      };
      const cancel = (err: Error) => {
        done();
        reject(err);
      };
      const timer = setTimeout(() => cancel(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.off(event, listener);
        this.waiterCancels.delete(cancel);
      };
      this.on(event, listener);
      this.waiterCancels.add(cancel);
    });
  }

  private cancelWaiters(err: Error): void {
    for (const cancel of [...this.waiterCancels]) cancel(err);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Answers to CSMS-initiated CALLs
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Override the answer to a CSMS CALL (until cleared). Pass `undefined` to restore the default behaviour.
   * An override replaces the default behaviour entirely (no state change, no follow-up messages) unless the
   * function calls `ctx.runDefault()`.
   */
  answer<A extends CentralSystemAction>(action: A, answer: TypedAnswer<A> | undefined): this;
  answer(action: string, answer: Answer | undefined): this;
  answer(action: string, answer: Answer | undefined): this {
    if (answer === undefined) this.overrides.delete(action);
    else this.overrides.set(action, answer);
    return this;
  }

  /** Override the answer to the next CSMS CALL of this action only (queued: several answerOnce apply in order). */
  answerOnce<A extends CentralSystemAction>(action: A, answer: TypedAnswer<A>): this;
  answerOnce(action: string, answer: Answer): this;
  answerOnce(action: string, answer: Answer): this {
    const list = this.onceOverrides.get(action) ?? [];
    list.push(answer);
    this.onceOverrides.set(action, list);
    return this;
  }

  /** Remove the overrides of one action (or of all actions). */
  clearAnswers(action?: string): this {
    if (action === undefined) {
      this.overrides.clear();
      this.onceOverrides.clear();
    } else {
      this.overrides.delete(action);
      this.onceOverrides.delete(action);
    }
    return this;
  }

  /** Handle incoming DataTransfer for this vendorId (otherwise UnknownVendorId). */
  onDataTransfer(vendorId: string, handler: DataTransferHandler | undefined): this {
    if (handler) this.vendorHandlers.set(vendorId, handler);
    else this.vendorHandlers.delete(vendorId);
    return this;
  }

  /** @internal */
  dataTransferHandler(vendorId: string): DataTransferHandler | undefined {
    return this.vendorHandlers.get(vendorId);
  }

  private takeOverride(action: string): Answer | undefined {
    const once = this.onceOverrides.get(action);
    if (once && once.length > 0) {
      const next = once.shift()!;
      if (once.length === 0) this.onceOverrides.delete(action);
      return next;
    }
    return this.overrides.get(action);
  }

  private async handleCall(call: IncomingCall): Promise<CallHandlerResult> {
    let after: DefaultAnswer['after'];
    const runDefault = async (): Promise<JsonObject> => {
      const result = await defaultAnswer(this, call.action, call.payload);
      after = result.after;
      return result.conf;
    };
    const override = this.takeOverride(call.action);
    let result: CallHandlerResult;
    if (override === undefined) result = await runDefault();
    else if (typeof override === 'function') {
      result = await override(call.payload, { action: call.action, messageId: call.messageId, cp: this, runDefault });
    } else result = override;
    if (after && result !== NO_ANSWER) this.followUps.set(call.messageId, after);
    return result;
  }

  private afterAnswer(call: IncomingCall, response: JsonObject | undefined, error: OcppCallError | undefined): void {
    const followUp = this.followUps.get(call.messageId);
    this.followUps.delete(call.messageId);
    if (this.listenerCount('call') > 0) this.emit('call', { ...call, response, error } satisfies CallEvent);
    if (followUp && !error) void this.runFlow(followUp);
  }

  /** @internal Run a background flow; errors are reported as 'behaviour-error' events, never thrown. */
  async runFlow(flow: () => Promise<void> | void): Promise<void> {
    try {
      await flow();
    } catch (err) {
      if (this.listenerCount('behaviour-error') > 0) this.emit('behaviour-error', err);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Charge-point-initiated messages
  // ------------------------------------------------------------------------------------------------------------

  /** ISO 8601 UTC timestamp of the simulator clock. */
  timestamp(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  /** @internal */
  connector(connectorId: number): Connector | undefined {
    return Number.isInteger(connectorId) ? this._state.connectors[connectorId] : undefined;
  }

  /** BootNotification. Stores the interval; when Accepted sends the StatusNotifications and starts heartbeats (if asked). */
  async boot(options: BootOptions = {}): Promise<BootNotificationResponse> {
    const o = this.options;
    const payload: BootNotificationRequest = {
      chargePointVendor: o.vendor ?? 'SimVendor',
      chargePointModel: o.model ?? 'SimCharger',
      ...(o.serialNumber ? { chargePointSerialNumber: o.serialNumber } : {}),
      ...(o.chargeBoxSerialNumber ? { chargeBoxSerialNumber: o.chargeBoxSerialNumber } : {}),
      firmwareVersion: this._state.firmwareVersion,
      ...(o.iccid ? { iccid: o.iccid } : {}),
      ...(o.imsi ? { imsi: o.imsi } : {}),
      ...(o.meterType ? { meterType: o.meterType } : {}),
      ...(o.meterSerialNumber ? { meterSerialNumber: o.meterSerialNumber } : {}),
      ...options.payload,
    };
    const conf = await this.call('BootNotification', payload);
    this._state.registrationStatus = conf.status;
    if (Number.isInteger(conf.interval) && conf.interval > 0) {
      this._state.heartbeatInterval = conf.interval;
      this._state.configuration.set('HeartbeatInterval', String(conf.interval));
    }
    this.emit('boot', conf);
    if (conf.status === 'Accepted') {
      if (options.heartbeats !== undefined) this.heartbeatsEnabled = options.heartbeats;
      if (options.statusNotifications ?? o.statusNotificationsOnBoot ?? true) await this.sendAllStatusNotifications();
      if (this.heartbeatsEnabled) this.startHeartbeats();
    }
    return conf;
  }

  /** @internal Boot, and while Pending/Rejected retry after the interval, until Accepted or closed. */
  async bootUntilAccepted(): Promise<BootNotificationResponse | undefined> {
    while (!this.closedByUser && this.rpc.isOpen) {
      let conf: BootNotificationResponse | undefined;
      try {
        conf = await this.boot();
      } catch (err) {
        if (!this.rpc.isOpen) return undefined;
        this.emit('behaviour-error', err);
      }
      if (conf?.status === 'Accepted') return conf;
      await this.sleep(Math.max(1, conf?.interval || 10) * 1000);
    }
    return undefined;
  }

  /** @internal StatusNotification for connector 0 and every connector, with their current status. */
  async sendAllStatusNotifications(): Promise<void> {
    for (const c of this._state.connectors) await this.statusNotification(c.id, c.status, c.errorCode);
  }

  /** StatusNotification (also records the status in the state). */
  async statusNotification(
    connectorId: number,
    status: ChargePointStatus,
    errorCode: ChargePointErrorCode = 'NoError',
    extra: { info?: string; timestamp?: string; vendorId?: string; vendorErrorCode?: string } = {},
  ): Promise<JsonObject> {
    const c = this.connector(connectorId);
    if (c) {
      c.status = status;
      c.errorCode = errorCode;
    }
    const payload: JsonObject = { connectorId, errorCode, status, timestamp: extra.timestamp ?? this.timestamp() };
    if (extra.info !== undefined) payload.info = extra.info;
    if (extra.vendorId !== undefined) payload.vendorId = extra.vendorId;
    if (extra.vendorErrorCode !== undefined) payload.vendorErrorCode = extra.vendorErrorCode;
    return this.call('StatusNotification', payload);
  }

  /** @internal Change the status and notify only if it changed. */
  async setStatus(connectorId: number, status: ChargePointStatus, errorCode: ChargePointErrorCode = 'NoError'): Promise<void> {
    const c = this.connector(connectorId);
    if (c && c.status === status && c.errorCode === errorCode) return;
    await this.statusNotification(connectorId, status, errorCode);
  }

  async authorize(idTag: string): Promise<OcppResponse<'Authorize'>> {
    const conf = await this.call('Authorize', { idTag });
    this.cacheIdTag(idTag, conf.idTagInfo);
    return conf;
  }

  private cacheIdTag(idTag: string, info: IdTagInfo | undefined): void {
    if (info && this._state.configuration.getBoolean('AuthorizationCacheEnabled', true)) {
      this._state.authCache.set(idTag, info);
      if (this._state.authCache.size > 1000) this._state.authCache.delete(this._state.authCache.keys().next().value as string);
    }
  }

  /** StartTransaction; records the transaction on the connector (and starts metering / periodic MeterValues). */
  async startTransaction(request: {
    connectorId: number;
    idTag: string;
    meterStart?: number;
    timestamp?: string;
    reservationId?: number;
  }): Promise<StartTransactionResponse> {
    const c = this.connector(request.connectorId);
    const meterStart = request.meterStart ?? c?.meterWh ?? 0;
    const startedAt = this.now();
    const payload: JsonObject = {
      connectorId: request.connectorId,
      idTag: request.idTag,
      meterStart,
      timestamp: request.timestamp ?? this.timestamp(startedAt),
    };
    if (request.reservationId !== undefined) payload.reservationId = request.reservationId;
    const conf = (await this.call('StartTransaction', payload)) as StartTransactionResponse;
    this.cacheIdTag(request.idTag, conf.idTagInfo);
    if (c && c.id > 0) {
      c.transaction = {
        transactionId: conf.transactionId,
        idTag: request.idTag,
        meterStart,
        startedAt,
        reservationId: request.reservationId,
      };
      if (request.reservationId !== undefined) this.clearReservation(request.reservationId);
      c.meter.startCharging();
      this.applyChargingLimit(c);
      this.startMeterTimer(c);
    }
    return conf;
  }

  /** StopTransaction; ends the transaction recorded on its connector. */
  async stopTransaction(request: {
    transactionId: number;
    meterStop?: number;
    reason?: Reason;
    idTag?: string;
    timestamp?: string;
    transactionData?: MeterValue[];
  }): Promise<StopTransactionResponse> {
    const c = this._state.connectors.find((x) => x.transaction?.transactionId === request.transactionId);
    const payload: JsonObject = {
      meterStop: request.meterStop ?? c?.meterWh ?? 0,
      timestamp: request.timestamp ?? this.timestamp(),
      transactionId: request.transactionId,
    };
    if (request.idTag !== undefined) payload.idTag = request.idTag;
    if (request.reason !== undefined) payload.reason = request.reason;
    if (request.transactionData !== undefined) payload.transactionData = request.transactionData;
    if (c) this.endTransaction(c);
    const conf = (await this.call('StopTransaction', payload)) as StopTransactionResponse;
    if (request.idTag) this.cacheIdTag(request.idTag, conf.idTagInfo);
    return conf;
  }

  /** @internal Forget the connector's transaction: metering stops, TxProfiles are removed. */
  endTransaction(c: Connector): void {
    c.transaction = undefined;
    c.meter.stopCharging();
    this.stopMeterTimer(c);
    this._state.chargingProfiles.removeTxProfiles(c.id);
  }

  /**
   * MeterValues. Without sampledValues, samples the connector's meter for the MeterValuesSampledData measurands.
   * `transactionId` defaults to the connector's running transaction.
   */
  async meterValues(
    connectorId: number,
    transactionId?: number,
    sampledValues?: SampledValue[],
    context: NonNullable<SampledValue['context']> = 'Sample.Periodic',
  ): Promise<JsonObject> {
    const c = this.connector(connectorId);
    const txId = transactionId ?? c?.transactionId;
    // Schedules change over time: follow the limit in force now.
    if (c?.transaction && this._state.chargingProfiles.profiles.length > 0) this.applyChargingLimit(c);
    const values = sampledValues ?? this.sample(connectorId, this._state.configuration.getList('MeterValuesSampledData'), context);
    const payload: JsonObject = { connectorId, meterValue: [{ timestamp: this.timestamp(), sampledValue: values }] };
    if (txId !== undefined) payload.transactionId = txId;
    return this.call('MeterValues', payload);
  }

  /** @internal Sample a connector (connector 0: the whole station, sums of all connectors). */
  sample(connectorId: number, measurands: string[], context: NonNullable<SampledValue['context']>): SampledValue[] {
    const list = measurands.length ? measurands : ['Energy.Active.Import.Register'];
    if (connectorId > 0) return this.connector(connectorId)?.meter.sample(list, context) ?? [];
    const connectors = this._state.connectors.slice(1);
    const energy = connectors.reduce((sum, c) => sum + c.meter.wh, 0);
    const power = connectors.reduce((sum, c) => sum + c.meter.power, 0);
    const out: SampledValue[] = [];
    for (const m of list) {
      if (m === 'Energy.Active.Import.Register')
        out.push({ value: String(energy), context, format: 'Raw', measurand: m, location: 'Inlet', unit: 'Wh' });
      else if (m === 'Power.Active.Import') out.push({ value: power.toFixed(0), context, format: 'Raw', measurand: m, location: 'Inlet', unit: 'W' });
    }
    if (out.length === 0)
      out.push({ value: String(energy), context, format: 'Raw', measurand: 'Energy.Active.Import.Register', location: 'Inlet', unit: 'Wh' });
    return out;
  }

  async heartbeat(): Promise<HeartbeatResponse> {
    return this.call('Heartbeat', {});
  }

  async dataTransfer(vendorId: string, messageId?: string, data?: string): Promise<DataTransferResponse> {
    const payload: JsonObject = { vendorId };
    if (messageId !== undefined) payload.messageId = messageId;
    if (data !== undefined) payload.data = data;
    return (await this.call('DataTransfer', payload)) as DataTransferResponse;
  }

  async diagnosticsStatusNotification(status: DiagnosticsStatus): Promise<JsonObject> {
    return this.call('DiagnosticsStatusNotification', { status });
  }

  async firmwareStatusNotification(status: FirmwareStatus): Promise<JsonObject> {
    return this.call('FirmwareStatusNotification', { status });
  }

  async securityEventNotification(type: string, techInfo?: string): Promise<JsonObject> {
    return this.call('SecurityEventNotification', { type, timestamp: this.timestamp(), ...(techInfo ? { techInfo } : {}) });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Sessions
  // ------------------------------------------------------------------------------------------------------------

  /** Preparing → Authorize → StartTransaction → Charging. Returns the transactionId. */
  async startSession(request: { connectorId: number; idTag: string; authorize?: boolean; reservationId?: number }): Promise<number> {
    return this.runSession({ ...request, authorize: request.authorize ?? true, preparingFirst: true });
  }

  /**
   * @internal The session flow. `preparingFirst` false is the remote-start order (Authorize, then Preparing).
   * Throws SessionRejectedError when the id tag is not accepted (after putting the connector back).
   */
  async runSession(request: {
    connectorId: number;
    idTag: string;
    authorize: boolean;
    preparingFirst: boolean;
    reservationId?: number;
    chargingProfile?: ChargingProfile;
  }): Promise<number> {
    const c = this.connector(request.connectorId);
    if (!c || c.id === 0) throw new Error(`Unknown connector ${request.connectorId}`);
    if (c.transaction) throw new Error(`Connector ${c.id} already has transaction ${c.transaction.transactionId}`);
    const statusBefore = c.status;
    if (request.preparingFirst) await this.setStatus(c.id, 'Preparing');
    if (request.authorize) {
      const auth = await this.authorize(request.idTag);
      if (auth.idTagInfo.status !== 'Accepted') {
        if (request.preparingFirst) await this.setStatus(c.id, this.idleStatus(c, statusBefore));
        throw new SessionRejectedError('Authorize', auth.idTagInfo);
      }
    }
    if (!request.preparingFirst) await this.setStatus(c.id, 'Preparing');
    const reservationId = request.reservationId ?? this.reservationFor(c.id, request.idTag)?.reservationId;
    const conf = await this.startTransaction({ connectorId: c.id, idTag: request.idTag, reservationId });
    if (request.chargingProfile) {
      this._state.chargingProfiles.install(c.id, { ...request.chargingProfile, transactionId: conf.transactionId });
      this.applyChargingLimit(c);
    }
    if (conf.idTagInfo.status !== 'Accepted') {
      if (this._state.configuration.getBoolean('StopTransactionOnInvalidId', true)) {
        await this.stopSession({ connectorId: c.id, reason: 'DeAuthorized' });
      } else {
        c.meter.suspend();
        await this.setStatus(c.id, 'SuspendedEVSE');
      }
      throw new SessionRejectedError('StartTransaction', conf.idTagInfo, conf.transactionId);
    }
    await this.setStatus(c.id, 'Charging');
    return conf.transactionId;
  }

  /** StopTransaction → Finishing → Available (or Unavailable when a change of availability was scheduled). */
  async stopSession(request: { connectorId: number; reason?: Reason; idTag?: string }): Promise<StopTransactionResponse> {
    const c = this.connector(request.connectorId);
    const tx = c?.transaction;
    if (!c || !tx) throw new Error(`No transaction on connector ${request.connectorId}`);
    const reason = request.reason ?? 'Local';
    const transactionData = this.transactionData(c, tx);
    const conf = await this.stopTransaction({
      transactionId: tx.transactionId,
      reason,
      idTag: request.idTag ?? (reason === 'Local' ? tx.idTag : undefined),
      transactionData,
    });
    await this.setStatus(c.id, 'Finishing');
    await this.applyScheduledAvailability(c);
    await this.setStatus(c.id, this.idleStatus(c));
    return conf;
  }

  private transactionData(c: Connector, tx: TransactionState): MeterValue[] | undefined {
    const measurands = this._state.configuration.getList('StopTxnSampledData');
    if (measurands.length === 0) return undefined;
    const end = c.meter.sample(measurands, 'Transaction.End');
    if (end.length === 0) return undefined;
    const begin: SampledValue[] = measurands.includes('Energy.Active.Import.Register')
      ? [
          {
            value: String(tx.meterStart),
            context: 'Transaction.Begin',
            format: 'Raw',
            measurand: 'Energy.Active.Import.Register',
            location: 'Outlet',
            unit: 'Wh',
          },
        ]
      : [];
    const out: MeterValue[] = [];
    if (begin.length) out.push({ timestamp: this.timestamp(tx.startedAt), sampledValue: begin });
    out.push({ timestamp: this.timestamp(), sampledValue: end });
    return out;
  }

  /** @internal The status of a connector without a session: Unavailable, Reserved, Faulted or Available. */
  idleStatus(c: Connector, previous?: ChargePointStatus): ChargePointStatus {
    if (c.availability === 'Inoperative' || this._state.connectors[0].availability === 'Inoperative') return 'Unavailable';
    if (previous === 'Faulted' || c.status === 'Faulted') return 'Faulted';
    if (c.reservation) return 'Reserved';
    return 'Available';
  }

  /** @internal Apply a ChangeAvailability that was Scheduled for when the transaction ends. */
  async applyScheduledAvailability(c: Connector): Promise<void> {
    const scheduled = c.scheduledAvailability;
    if (!scheduled) return;
    c.scheduledAvailability = undefined;
    c.availability = scheduled;
    const station = this._state.connectors[0];
    if (station.scheduledAvailability && !this._state.connectors.some((x) => x.transaction)) {
      station.availability = station.scheduledAvailability;
      station.scheduledAvailability = undefined;
      await this.setStatus(0, station.availability === 'Inoperative' ? 'Unavailable' : 'Available');
    }
  }

  /** Resolves when no transaction runs (firmware install waits for this). */
  async whenIdle(pollMs = 500): Promise<void> {
    while (this._state.connectors.some((c) => c.transaction) && !this.closedByUser) await this.sleep(pollMs);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Reservations
  // ------------------------------------------------------------------------------------------------------------

  /** @internal The reservation usable by this id tag on this connector (or a station-wide one). */
  reservationFor(connectorId: number, idTag: string): ReservationState | undefined {
    const matches = (r: ReservationState | undefined) => r && (r.idTag === idTag || (r.parentIdTag !== undefined && r.parentIdTag === idTag));
    const own = this.connector(connectorId)?.reservation;
    if (matches(own)) return own;
    const station = this._state.connectors[0].reservation;
    return matches(station) ? station : undefined;
  }

  /** @internal */
  setReservation(c: Connector, reservation: ReservationState): void {
    this.clearReservation(reservation.reservationId);
    c.reservation = reservation;
    const delay = Math.max(0, Date.parse(reservation.expiryDate) - this.now());
    c.reservationTimer = this.setTimer(() => {
      if (c.reservation?.reservationId !== reservation.reservationId) return;
      c.reservation = undefined;
      c.reservationTimer = undefined;
      if (c.id > 0 && c.status === 'Reserved') void this.runFlow(() => this.setStatus(c.id, this.idleStatus(c)));
    }, delay);
  }

  /** @internal Remove a reservation by id; returns its connector. */
  clearReservation(reservationId: number): Connector | undefined {
    for (const c of this._state.connectors) {
      if (c.reservation?.reservationId === reservationId) {
        c.reservation = undefined;
        if (c.reservationTimer) this.clearTimer(c.reservationTimer);
        c.reservationTimer = undefined;
        return c;
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Reboot
  // ------------------------------------------------------------------------------------------------------------

  /**
   * @internal Reboot: stop running transactions with `reason`, close the socket, reconnect after rebootDelayMs,
   * boot until Accepted (StatusNotifications follow).
   */
  async reboot(reason: Reason | undefined): Promise<void> {
    if (reason) {
      for (const c of this._state.connectors) {
        if (!c.transaction) continue;
        const tx = c.transaction;
        try {
          await this.stopTransaction({ transactionId: tx.transactionId, reason, transactionData: this.transactionData(c, tx) });
        } catch (err) {
          // Offline or refused: a real station would queue it; we reboot anyway.
          this.endTransaction(c);
          this.emit('behaviour-error', err);
        }
      }
    }
    this.rebooting = true;
    try {
      this.stopHeartbeats();
      for (const c of this._state.connectors) {
        if (c.transaction) this.endTransaction(c);
        if (c.reservation) this.clearReservation(c.reservation.reservationId);
        this.stopMeterTimer(c);
        if (c.scheduledAvailability) {
          c.availability = c.scheduledAvailability;
          c.scheduledAvailability = undefined;
        }
        c.status = c.id === 0 ? (c.availability === 'Inoperative' ? 'Unavailable' : 'Available') : this.idleStatus(c, 'Available');
        c.errorCode = 'NoError';
      }
      if (this.rpc.isOpen || this.rpc.socket) {
        const closed = this.waitForSocketClose();
        this.rpc.close(1000, 'Rebooting');
        await closed;
      }
      await this.sleep(this.options.rebootDelayMs ?? 200);
      if (this.closedByUser) return;
      if (!(await this.reconnectLoop())) return;
    } finally {
      this.rebooting = false;
    }
    this._state.registrationStatus = undefined;
    await this.bootUntilAccepted();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Timers: heartbeats, periodic meter values, generic
  // ------------------------------------------------------------------------------------------------------------

  /** Start sending Heartbeats every HeartbeatInterval seconds. */
  startHeartbeats(): void {
    this.heartbeatsEnabled = true;
    this.stopHeartbeats();
    const interval = this._state.configuration.getInteger('HeartbeatInterval', this._state.heartbeatInterval);
    if (interval <= 0) return;
    const tick = () => {
      this.heartbeatTimer = undefined;
      if (!this.rpc.isOpen) return;
      void this.runFlow(() => this.heartbeat().then(() => undefined));
      this.heartbeatTimer = setTimeout(tick, interval * 1000);
      this.heartbeatTimer.unref();
    };
    this.heartbeatTimer = setTimeout(tick, interval * 1000);
    this.heartbeatTimer.unref();
  }

  stopHeartbeats(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private startMeterTimer(c: Connector): void {
    this.stopMeterTimer(c);
    if (this.options.autoMeterValues === false) return;
    const interval = this._state.configuration.getInteger('MeterValueSampleInterval', 60);
    if (interval <= 0) return;
    c.meterTimer = setInterval(() => {
      if (!c.transaction || !this.rpc.isOpen) return;
      // Skip a sample rather than pile up MeterValues behind a slow central system.
      if (this.rpc.pendingCount > 5) return;
      void this.runFlow(() => this.meterValues(c.id).then(() => undefined));
    }, interval * 1000);
    c.meterTimer.unref();
  }

  private stopMeterTimer(c: Connector): void {
    if (c.meterTimer) clearInterval(c.meterTimer);
    c.meterTimer = undefined;
  }

  /** @internal Apply the charging-profile limit now in force to the connector's power. */
  applyChargingLimit(c?: Connector): void {
    const list = c ? [c] : this._state.connectors.slice(1);
    for (const x of list) {
      const el = { voltage: x.meter.voltage, phases: x.meter.phases };
      const tx = x.transaction ? { startMs: x.transaction.startedAt, transactionId: x.transaction.transactionId } : undefined;
      const limit = this._state.chargingProfiles.limitAt(x.id, this.now(), 'W', el, tx);
      x.meter.setLimitW(limit ?? Infinity);
    }
  }

  /** @internal A tracked, unref'd timer, cleared on close(). */
  setTimer(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.min(Math.max(0, ms), 2_147_483_647),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** @internal */
  clearTimer(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** @internal Sleep (unref'd); ends early, without error, when the charge point is closed. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake);
        this.clearTimer(timer);
        resolve();
      };
      const timer = this.setTimer(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** @internal Whether close() was called (background flows stop). */
  get stopped(): boolean {
    return this.closedByUser;
  }

  private stopAllTimers(): void {
    this.stopHeartbeats();
    for (const c of this._state.connectors) {
      this.stopMeterTimer(c);
      c.reservationTimer = undefined;
    }
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
  }

  private onConfigurationChange(key: string, value: string): void {
    switch (key) {
      case 'HeartbeatInterval':
        this._state.heartbeatInterval = Number(value);
        if (this.heartbeatsEnabled && this.rpc.isOpen) this.startHeartbeats();
        break;
      case 'MeterValueSampleInterval':
        for (const c of this._state.connectors) if (c.transaction) this.startMeterTimer(c);
        break;
      case 'AuthorizationKey':
        // Security whitepaper: the new Basic auth password (hex-decoded) is used from the next connection on.
        this.password = Buffer.from(value, 'hex');
        break;
      default:
        break;
    }
  }

  /** The Basic auth password used on the next connect. */
  setPassword(password: string | Buffer | undefined): void {
    this.password = password;
  }
}

/** Request/response typing helpers for the OCPP actions a central system sends. */
export type CsmsRequest<A extends OcppAction> = OcppRequest<A>;
export type CsmsResponse<A extends OcppAction> = OcppResponse<A>;
