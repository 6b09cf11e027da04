/**
 * A scriptable simulated OCPP 1.6J charge point speaking real OCPP-J over a real WebSocket.
 *
 * - Tests drive it step by step (`call`, `sendRaw`, `nextMessage`, `waitForCall`, `answer`), to check the central
 *   system against the OCPP conformance behaviour.
 * - Unscripted, it answers every central-system CALL like a real station and sends the follow-up messages
 *   (behaviour/), so the console's simulated stations work without scripting.
 * - Light enough for thousands of instances in one process: no timer runs unless needed (heartbeats only when
 *   enabled, meter sampling only while charging), every timer is unref'd and cleared on close().
 *
 * This class puts the parts together: the station model (station.ts), its connection (connection.ts), its own
 * messages and flows (messages.ts, flows.ts) and its answers (answers.ts). The behaviours see it only through the
 * StationScript interface (scripting.ts). Node-only (uses `ws`).
 */
import { EventEmitter } from 'node:events';
import type { ChargePointAction, CentralSystemAction, OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { ReadingContext, SampledValue } from '../../shared/ocpp/messages/common.js';
import type { ChargePointErrorCode, ChargePointStatus, Reason } from '../../shared/ocpp/messages/core.js';
import type { DiagnosticsStatus, FirmwareStatus } from '../../shared/ocpp/messages/firmware.js';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { AnswerBook, type Answer, type CallEvent, type TypedAnswer } from './answers.js';
import { StationConnection } from './connection.js';
import type { Connector, ReservationState } from './connector.js';
import { StationFlows, type SessionRequest } from './flows.js';
import { ChargePointMessages, type StatusExtras } from './messages.js';
import type { BootOptions, SimulatedChargePointOptions } from './options.js';
import type { CallOptions, ReceivedMessage } from './rpc-client.js';
import type { DataTransferHandler, StationScript } from './scripting.js';
import { StationModel } from './station.js';
import { TimerSet } from './timers.js';
import { EventWaiters } from './waiters.js';

/** The events of a simulated charge point and their arguments. */
export type ChargePointEvents = {
  /** A CSMS-initiated CALL was answered. */
  call: [event: CallEvent];
  'frame-in': [message: ReceivedMessage];
  'frame-out': [raw: string];
  open: [];
  close: [event: { code: number; reason: string }];
  boot: [conf: OcppResponse<'BootNotification'>];
  /** A background flow (follow-up, periodic message, reconnect) failed. */
  'behaviour-error': [error: Error];
  'reconnect-failed': [error: unknown];
};

export class SimulatedChargePoint extends EventEmitter<ChargePointEvents> implements StationScript {
  readonly identity: string;
  readonly connectorCount: number;
  /** @internal */ readonly options: SimulatedChargePointOptions;
  /** @internal */ readonly now: () => number;
  private readonly timers = new TimerSet();
  private readonly model: StationModel;
  private readonly connection: StationConnection;
  private readonly messages: ChargePointMessages;
  private readonly flows: StationFlows;
  private readonly answers: AnswerBook;
  private readonly waiters = new EventWaiters();

  constructor(options: SimulatedChargePointOptions) {
    super();
    this.options = options;
    this.identity = options.identity;
    this.connectorCount = Math.max(0, options.connectorCount ?? 1);
    this.now = options.clock ?? Date.now;
    this.model = new StationModel({ ...options, connectorCount: this.connectorCount }, this.now, this.timers);
    const runFlow = (flow: () => Promise<unknown>) => this.runFlow(flow);
    this.answers = new AnswerBook(this, {
      runFlow,
      answered: (event) => {
        if (this.listenerCount('call') > 0) this.emit('call', event);
      },
    });
    this.connection = new StationConnection(options, this.model, this.timers, {
      onCall: (call) => this.answers.handleCall(call),
      onCallAnswered: (call, response, error) => this.answers.afterAnswer(call, response, error),
      onFrameIn: (message) => {
        if (this.listenerCount('frame-in') > 0) this.emit('frame-in', message);
      },
      onFrameOut: (raw) => {
        if (this.listenerCount('frame-out') > 0) this.emit('frame-out', raw);
      },
      onOpen: () => this.emit('open'),
      onClose: (code, reason) => {
        this.messages.stopHeartbeats();
        this.emit('close', { code, reason });
      },
      onReconnectFailed: (error) => this.emit('reconnect-failed', error),
      onReconnected: async () => {
        if (this.model.registrationStatus !== 'Accepted') await this.flows.bootUntilAccepted();
        else this.messages.resumeHeartbeats();
      },
      runFlow,
    });
    this.messages = new ChargePointMessages(this.model, this.connection, options, { onBoot: (conf) => this.emit('boot', conf), runFlow });
    this.flows = new StationFlows(this.model, this.messages, this.connection, this.timers, options, (error) => this.reportError(error));
    this.model.configuration.onChange = (key, value) => {
      if (key === 'HeartbeatInterval') this.model.heartbeatInterval = Number(value);
      // Security whitepaper: the new Basic auth password (hex-decoded) is used from the next connection on.
      if (key === 'AuthorizationKey') this.connection.setPassword(Buffer.from(value, 'hex'));
      this.messages.onConfigurationChange(key);
    };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Connection
  // ------------------------------------------------------------------------------------------------------------

  /** Live state (connectors, configuration, local list, profiles, firmware/diagnostics status, certificates). */
  get state(): StationModel {
    return this.model;
  }

  get configuration(): StationModel['configuration'] {
    return this.model.configuration;
  }

  get connected(): boolean {
    return this.connection.isOpen;
  }

  /** The negotiated subprotocol ('' before connecting). */
  get protocol(): string {
    return this.connection.rpc.protocol;
  }

  /** The endpoint URL with the percent-encoded identity appended. */
  get endpoint(): string {
    return this.connection.endpoint;
  }

  /** Whether close() was called (background flows stop). */
  get stopped(): boolean {
    return this.connection.stopped;
  }

  /** Open the WebSocket. Rejects with ConnectRefusedError (`statusCode`) when the upgrade is refused. */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Connect (retrying when autoReconnect is set), boot until Accepted: what a real station does at power-on. */
  async start(): Promise<void> {
    if (await this.connection.open()) await this.flows.bootUntilAccepted();
  }

  /** Clean close. Pending CALLs fail at once; resolves when the socket is closed. Stops every timer. */
  close(code = 1000, reason = ''): Promise<void> {
    const closed = this.connection.close(code, reason);
    this.stopEverything(new Error('Charge point closed'));
    return closed;
  }

  /** Abrupt drop (no close frame). `reconnect: true` simulates a network failure (autoReconnect then applies). */
  terminate(options: { reconnect?: boolean } = {}): void {
    const reconnect = options.reconnect ?? false;
    this.connection.terminate(reconnect);
    if (!reconnect) this.stopEverything(new Error('Charge point terminated'));
  }

  private stopEverything(error: Error): void {
    this.messages.stopTimers();
    this.timers.stopAll();
    this.waiters.cancelAll(error);
  }

  /** The Basic auth password used on the next connect. */
  setPassword(password: string | Buffer | undefined): void {
    this.connection.setPassword(password);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Raw messaging and scripted answers
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Send a CALL and resolve with the conf payload; rejects with OcppCallError on a CALLERROR, CallTimeoutError on
   * timeout, ConnectionClosedError when the connection closes. One CALL at a time unless `concurrent`.
   */
  call<A extends ChargePointAction>(action: A, payload: OcppRequest<A>, options?: CallOptions): Promise<OcppResponse<A>>;
  call(action: string, payload: JsonObject, options?: CallOptions): Promise<JsonObject>;
  call(action: string, payload: JsonObject, options: CallOptions = {}): Promise<JsonObject> {
    return this.connection.call(action, payload, options);
  }

  /** Send a CALL at once, even while another one is outstanding. */
  callConcurrent<A extends ChargePointAction>(action: A, payload: OcppRequest<A>, options?: CallOptions): Promise<OcppResponse<A>>;
  callConcurrent(action: string, payload: JsonObject, options?: CallOptions): Promise<JsonObject>;
  callConcurrent(action: string, payload: JsonObject, options: CallOptions = {}): Promise<JsonObject> {
    return this.connection.call(action, payload, { ...options, concurrent: true });
  }

  /** Send a raw text frame (malformed-frame tests). Throws when not connected. */
  sendRaw(text: string): void {
    this.connection.rpc.sendRaw(text);
  }

  /** The next received frame matching the predicate (parsed, with its raw text). */
  nextMessage(predicate: (message: ReceivedMessage) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMessage> {
    const subscribe = (listener: (message: ReceivedMessage) => void) => {
      this.on('frame-in', listener);
      return () => this.off('frame-in', listener);
    };
    return this.waiters.next(subscribe, predicate, timeoutMs, 'message');
  }

  /** The next CSMS-initiated CALL of this action, resolved after it has been answered. */
  waitForCall(action: string, timeoutMs = 10_000, predicate: (event: CallEvent) => boolean = () => true): Promise<CallEvent> {
    const matches = (e: CallEvent) => e.action === action && predicate(e);
    const subscribe = (listener: (event: CallEvent) => void) => {
      this.on('call', listener);
      return () => this.off('call', listener);
    };
    return this.waiters.next(subscribe, matches, timeoutMs, `${action} CALL`);
  }

  /**
   * Override the answer to a CSMS CALL (until cleared). Pass `undefined` to restore the default behaviour.
   * An override replaces the default behaviour entirely (no state change, no follow-up messages) unless the
   * function calls `ctx.runDefault()`.
   */
  answer<A extends CentralSystemAction>(action: A, answer: TypedAnswer<A> | undefined): this;
  answer(action: string, answer: Answer | undefined): this;
  answer(action: string, answer: Answer | undefined): this {
    this.answers.set(action, answer);
    return this;
  }

  /** Override the answer to the next CSMS CALL of this action only (queued: several answerOnce apply in order). */
  answerOnce<A extends CentralSystemAction>(action: A, answer: TypedAnswer<A>): this;
  answerOnce(action: string, answer: Answer): this;
  answerOnce(action: string, answer: Answer): this {
    this.answers.once(action, answer);
    return this;
  }

  /** Remove the overrides of one action (or of all actions). */
  clearAnswers(action?: string): this {
    this.answers.clear(action);
    return this;
  }

  /** Handle incoming DataTransfer for this vendorId (otherwise UnknownVendorId). */
  onDataTransfer(vendorId: string, handler: DataTransferHandler | undefined): this {
    this.answers.setDataTransferHandler(vendorId, handler);
    return this;
  }

  /** @internal */
  dataTransferHandler(vendorId: string): DataTransferHandler | undefined {
    return this.answers.dataTransferHandler(vendorId);
  }

  /** Run a background flow; errors are reported as 'behaviour-error' events, never thrown. */
  async runFlow(flow: () => Promise<unknown>): Promise<void> {
    try {
      await flow();
    } catch (err) {
      this.reportError(err);
    }
  }

  private reportError(error: unknown): void {
    if (this.listenerCount('behaviour-error') > 0) this.emit('behaviour-error', error instanceof Error ? error : new Error(String(error)));
  }

  // ------------------------------------------------------------------------------------------------------------
  // The station's own messages (messages.ts)
  // ------------------------------------------------------------------------------------------------------------

  /** ISO 8601 UTC timestamp of the simulator clock. */
  timestamp(ms = this.now()): string {
    return this.model.timestamp(ms);
  }

  connector(connectorId: number): Connector | undefined {
    return this.model.connector(connectorId);
  }

  /** BootNotification. Stores the interval; when Accepted sends the StatusNotifications and starts heartbeats (if asked). */
  boot(options: BootOptions = {}): Promise<OcppResponse<'BootNotification'>> {
    return this.messages.boot(options);
  }

  /** StatusNotification for connector 0 and every connector, with their current status. */
  sendAllStatusNotifications(): Promise<void> {
    return this.messages.sendAllStatusNotifications();
  }

  /** StatusNotification (also records the status in the state). */
  statusNotification(connectorId: number, status: ChargePointStatus, errorCode?: ChargePointErrorCode, extra?: StatusExtras) {
    return this.messages.statusNotification(connectorId, status, errorCode, extra);
  }

  /** Change the status and notify only if it changed. */
  setStatus(connectorId: number, status: ChargePointStatus, errorCode?: ChargePointErrorCode): Promise<void> {
    return this.messages.setStatus(connectorId, status, errorCode);
  }

  authorize(idTag: string): Promise<OcppResponse<'Authorize'>> {
    return this.messages.authorize(idTag);
  }

  /** StartTransaction; records the transaction on the connector (and starts metering / periodic MeterValues). */
  startTransaction(request: Parameters<ChargePointMessages['startTransaction']>[0]): Promise<OcppResponse<'StartTransaction'>> {
    return this.messages.startTransaction(request);
  }

  /** StopTransaction; ends the transaction recorded on its connector. */
  stopTransaction(request: Parameters<ChargePointMessages['stopTransaction']>[0]): Promise<OcppResponse<'StopTransaction'>> {
    return this.messages.stopTransaction(request);
  }

  /** Forget the connector's transaction without telling the central system (a lost transaction). */
  endTransaction(c: Connector): void {
    this.messages.endTransaction(c);
  }

  /** MeterValues; samples the connector's meter unless `sampledValues` are given. */
  meterValues(connectorId: number, transactionId?: number, sampledValues?: SampledValue[], context?: ReadingContext) {
    return this.messages.meterValues(connectorId, transactionId, sampledValues, context);
  }

  heartbeat(): Promise<OcppResponse<'Heartbeat'>> {
    return this.messages.heartbeat();
  }

  dataTransfer(vendorId: string, messageId?: string, data?: string): Promise<OcppResponse<'DataTransfer'>> {
    return this.messages.dataTransfer(vendorId, messageId, data);
  }

  diagnosticsStatusNotification(status: DiagnosticsStatus) {
    return this.messages.diagnosticsStatusNotification(status);
  }

  firmwareStatusNotification(status: FirmwareStatus) {
    return this.messages.firmwareStatusNotification(status);
  }

  securityEventNotification(type: string, techInfo?: string) {
    return this.messages.securityEventNotification(type, techInfo);
  }

  /** Start sending Heartbeats every HeartbeatInterval seconds. */
  startHeartbeats(): void {
    this.messages.startHeartbeats();
  }

  stopHeartbeats(): void {
    this.messages.stopHeartbeats();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Flows (flows.ts)
  // ------------------------------------------------------------------------------------------------------------

  /** Preparing → Authorize → StartTransaction → Charging. Returns the transactionId. */
  startSession(request: { connectorId: number; idTag: string; authorize?: boolean; reservationId?: number }): Promise<number> {
    return this.flows.runSession({ ...request, authorize: request.authorize ?? true, preparingFirst: true });
  }

  /** A session with every step chosen (the remote-start order, a TxProfile); see SessionRequest. */
  runSession(request: SessionRequest): Promise<number> {
    return this.flows.runSession(request);
  }

  /** StopTransaction → Finishing → Available (or Unavailable when a change of availability was scheduled). */
  stopSession(request: { connectorId: number; reason?: Reason; idTag?: string }): Promise<OcppResponse<'StopTransaction'>> {
    return this.flows.stopSession(request);
  }

  /** Resolves when no transaction runs (firmware install waits for this). */
  whenIdle(): Promise<void> {
    return this.flows.whenIdle();
  }

  /** Boot, and while Pending/Rejected retry after the interval, until Accepted or closed. */
  bootUntilAccepted(): Promise<OcppResponse<'BootNotification'> | undefined> {
    return this.flows.bootUntilAccepted();
  }

  /** Reboot: stop running transactions with `reason`, reconnect after rebootDelayMs, boot until Accepted. */
  reboot(reason: Reason | undefined): Promise<void> {
    return this.flows.reboot(reason);
  }

  /** Hold a reservation; when it expires unused, the connector goes back to idle (and says so). */
  reserve(c: Connector, reservation: ReservationState): void {
    this.model.setReservation(c, reservation, (expired) => {
      if (expired.id > 0 && expired.status === 'Reserved') void this.runFlow(() => this.setStatus(expired.id, this.model.idleStatus(expired)));
    });
  }

  /** Sleep (unref'd); ends early, without error, when the charge point is closed. */
  sleep(ms: number): Promise<void> {
    return this.timers.sleep(ms);
  }
}
