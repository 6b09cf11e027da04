/**
 * The messages the simulated station sends on its own (OCPP 1.6 §4): BootNotification, StatusNotification,
 * Authorize, Start/StopTransaction, MeterValues, Heartbeat, DataTransfer and the notifications, each recording
 * what it changes in the station model; and the two periodic senders, heartbeats and meter values while charging.
 */
import type { OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { MeterValue, ReadingContext, SampledValue } from '../../shared/ocpp/messages/common.js';
import type { ChargePointErrorCode, ChargePointStatus, Reason } from '../../shared/ocpp/messages/core.js';
import type { DiagnosticsStatus, FirmwareStatus } from '../../shared/ocpp/messages/firmware.js';
import type { StationConnection } from './connection.js';
import type { Connector } from './connector.js';
import type { BootOptions, SimulatedChargePointOptions } from './options.js';
import type { StationModel } from './station.js';

/** Outstanding CALLs above which a periodic MeterValues is skipped rather than queued behind a slow central system. */
const MAX_PENDING_FOR_PERIODIC_METER_VALUES = 5;

export interface MessageHooks {
  /** A BootNotification got its answer. */
  onBoot(conf: OcppResponse<'BootNotification'>): void;
  /** Run a background flow whose errors are reported, never thrown. */
  runFlow(flow: () => Promise<unknown>): Promise<void>;
}

export type StatusExtras = Pick<OcppRequest<'StatusNotification'>, 'info' | 'timestamp' | 'vendorId' | 'vendorErrorCode'>;

export class ChargePointMessages {
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatsEnabled: boolean;

  constructor(
    private readonly station: StationModel,
    private readonly connection: StationConnection,
    private readonly options: SimulatedChargePointOptions,
    private readonly hooks: MessageHooks,
  ) {
    this.heartbeatsEnabled = options.heartbeats ?? false;
  }

  /** BootNotification. Stores the interval; when Accepted sends the StatusNotifications and starts heartbeats (if asked). */
  async boot(options: BootOptions = {}): Promise<OcppResponse<'BootNotification'>> {
    const o = this.options;
    const conf = await this.connection.call('BootNotification', {
      chargePointVendor: o.vendor ?? 'SimVendor',
      chargePointModel: o.model ?? 'SimCharger',
      ...(o.serialNumber ? { chargePointSerialNumber: o.serialNumber } : {}),
      ...(o.chargeBoxSerialNumber ? { chargeBoxSerialNumber: o.chargeBoxSerialNumber } : {}),
      firmwareVersion: this.station.firmwareVersion,
      ...(o.iccid ? { iccid: o.iccid } : {}),
      ...(o.imsi ? { imsi: o.imsi } : {}),
      ...(o.meterType ? { meterType: o.meterType } : {}),
      ...(o.meterSerialNumber ? { meterSerialNumber: o.meterSerialNumber } : {}),
      ...options.payload,
    });
    this.station.registrationStatus = conf.status;
    if (Number.isInteger(conf.interval) && conf.interval > 0) {
      this.station.heartbeatInterval = conf.interval;
      this.station.configuration.set('HeartbeatInterval', String(conf.interval));
    }
    this.hooks.onBoot(conf);
    if (conf.status === 'Accepted') {
      if (options.heartbeats !== undefined) this.heartbeatsEnabled = options.heartbeats;
      if (options.statusNotifications ?? o.statusNotificationsOnBoot ?? true) await this.sendAllStatusNotifications();
      if (this.heartbeatsEnabled) this.startHeartbeats();
    }
    return conf;
  }

  /** StatusNotification for connector 0 and every connector, with their current status. */
  async sendAllStatusNotifications(): Promise<void> {
    for (const c of this.station.connectors) await this.statusNotification(c.id, c.status, c.errorCode);
  }

  /** StatusNotification (also records the status in the model). */
  async statusNotification(
    connectorId: number,
    status: ChargePointStatus,
    errorCode: ChargePointErrorCode = 'NoError',
    extra: StatusExtras = {},
  ): Promise<OcppResponse<'StatusNotification'>> {
    const c = this.station.connector(connectorId);
    if (c) {
      c.status = status;
      c.errorCode = errorCode;
    }
    const { timestamp = this.station.timestamp(), ...rest } = extra;
    return this.connection.call('StatusNotification', { connectorId, errorCode, status, timestamp, ...definedOnly(rest) });
  }

  /** Change the status and notify only if it changed. */
  async setStatus(connectorId: number, status: ChargePointStatus, errorCode: ChargePointErrorCode = 'NoError'): Promise<void> {
    const c = this.station.connector(connectorId);
    if (c && c.status === status && c.errorCode === errorCode) return;
    await this.statusNotification(connectorId, status, errorCode);
  }

  async authorize(idTag: string): Promise<OcppResponse<'Authorize'>> {
    const conf = await this.connection.call('Authorize', { idTag });
    this.station.cacheIdTag(idTag, conf.idTagInfo);
    return conf;
  }

  /** StartTransaction; records the transaction on the connector (and starts metering / periodic MeterValues). */
  async startTransaction(request: {
    connectorId: number;
    idTag: string;
    meterStart?: number;
    timestamp?: string;
    reservationId?: number;
  }): Promise<OcppResponse<'StartTransaction'>> {
    const c = this.station.connector(request.connectorId);
    const meterStart = request.meterStart ?? c?.meterWh ?? 0;
    const startedAt = this.station.now();
    const conf = await this.connection.call('StartTransaction', {
      connectorId: request.connectorId,
      idTag: request.idTag,
      meterStart,
      timestamp: request.timestamp ?? this.station.timestamp(startedAt),
      ...(request.reservationId !== undefined ? { reservationId: request.reservationId } : {}),
    });
    this.station.cacheIdTag(request.idTag, conf.idTagInfo);
    if (c && c.id > 0) {
      const { transactionId } = conf;
      this.station.beginTransaction(c, { transactionId, idTag: request.idTag, meterStart, startedAt, reservationId: request.reservationId });
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
  }): Promise<OcppResponse<'StopTransaction'>> {
    const c = this.station.connectors.find((x) => x.transaction?.transactionId === request.transactionId);
    const payload: OcppRequest<'StopTransaction'> = {
      meterStop: request.meterStop ?? c?.meterWh ?? 0,
      timestamp: request.timestamp ?? this.station.timestamp(),
      transactionId: request.transactionId,
      ...definedOnly({ idTag: request.idTag, reason: request.reason, transactionData: request.transactionData }),
    };
    if (c) this.endTransaction(c);
    const conf = await this.connection.call('StopTransaction', payload);
    if (request.idTag) this.station.cacheIdTag(request.idTag, conf.idTagInfo);
    return conf;
  }

  /** Forget the connector's transaction: metering and periodic MeterValues stop, TxProfiles are removed. */
  endTransaction(c: Connector): void {
    this.station.endTransaction(c);
    this.stopMeterTimer(c);
  }

  /**
   * MeterValues. Without sampledValues, samples the connector's meter for the MeterValuesSampledData measurands.
   * `transactionId` defaults to the connector's running transaction.
   */
  async meterValues(
    connectorId: number,
    transactionId?: number,
    sampledValues?: SampledValue[],
    context: ReadingContext = 'Sample.Periodic',
  ): Promise<OcppResponse<'MeterValues'>> {
    const c = this.station.connector(connectorId);
    const txId = transactionId ?? c?.transactionId;
    // Schedules change over time: follow the limit in force now.
    if (c?.transaction && this.station.chargingProfiles.profiles.length > 0) this.station.applyChargingLimit(c);
    const values = sampledValues ?? this.station.sample(connectorId, this.station.configuration.getList('MeterValuesSampledData'), context);
    return this.connection.call('MeterValues', {
      connectorId,
      meterValue: [{ timestamp: this.station.timestamp(), sampledValue: values }],
      ...(txId !== undefined ? { transactionId: txId } : {}),
    });
  }

  async heartbeat(): Promise<OcppResponse<'Heartbeat'>> {
    return this.connection.call('Heartbeat', {});
  }

  async dataTransfer(vendorId: string, messageId?: string, data?: string): Promise<OcppResponse<'DataTransfer'>> {
    return this.connection.call('DataTransfer', { vendorId, ...definedOnly({ messageId, data }) });
  }

  async diagnosticsStatusNotification(status: DiagnosticsStatus): Promise<OcppResponse<'DiagnosticsStatusNotification'>> {
    return this.connection.call('DiagnosticsStatusNotification', { status });
  }

  async firmwareStatusNotification(status: FirmwareStatus): Promise<OcppResponse<'FirmwareStatusNotification'>> {
    return this.connection.call('FirmwareStatusNotification', { status });
  }

  async securityEventNotification(type: string, techInfo?: string): Promise<OcppResponse<'SecurityEventNotification'>> {
    return this.connection.call('SecurityEventNotification', { type, timestamp: this.station.timestamp(), ...(techInfo ? { techInfo } : {}) });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Periodic messages
  // ------------------------------------------------------------------------------------------------------------

  /** Start sending Heartbeats every HeartbeatInterval seconds. */
  startHeartbeats(): void {
    this.heartbeatsEnabled = true;
    this.stopHeartbeats();
    const intervalSec = this.station.configuration.getInteger('HeartbeatInterval', this.station.heartbeatInterval);
    if (intervalSec <= 0) return;
    const tick = () => {
      this.heartbeatTimer = undefined;
      if (!this.connection.isOpen) return;
      void this.hooks.runFlow(() => this.heartbeat());
      this.heartbeatTimer = setTimeout(tick, intervalSec * 1000).unref();
    };
    this.heartbeatTimer = setTimeout(tick, intervalSec * 1000).unref();
  }

  stopHeartbeats(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private startMeterTimer(c: Connector): void {
    this.stopMeterTimer(c);
    if (this.options.autoMeterValues === false) return;
    const intervalSec = this.station.configuration.getInteger('MeterValueSampleInterval', 60);
    if (intervalSec <= 0) return;
    c.meterTimer = setInterval(() => {
      if (!c.transaction || !this.connection.isOpen) return;
      if (this.connection.rpc.pendingCount > MAX_PENDING_FOR_PERIODIC_METER_VALUES) return;
      void this.hooks.runFlow(() => this.meterValues(c.id));
    }, intervalSec * 1000).unref();
  }

  private stopMeterTimer(c: Connector): void {
    if (c.meterTimer) clearInterval(c.meterTimer);
    c.meterTimer = undefined;
  }

  /** A configuration change that affects a periodic message. */
  onConfigurationChange(key: string): void {
    if (key === 'HeartbeatInterval' && this.heartbeatsEnabled && this.connection.isOpen) this.startHeartbeats();
    if (key === 'MeterValueSampleInterval') for (const c of this.station.connectors) if (c.transaction) this.startMeterTimer(c);
  }

  /** Resume heartbeats after a reconnect, if they were on. */
  resumeHeartbeats(): void {
    if (this.heartbeatsEnabled) this.startHeartbeats();
  }

  /** Stop every periodic message (close, reboot). */
  stopTimers(): void {
    this.stopHeartbeats();
    for (const c of this.station.connectors) this.stopMeterTimer(c);
  }
}

/** The object without its undefined fields (optional OCPP fields are left out, never sent as null). */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
