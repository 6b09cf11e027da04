/**
 * The model of the simulated station: connectors and their transactions, reservations, configuration keys, local
 * authorization list and cache, charging profiles, meters, firmware/log/certificate state, and the rules that read
 * them (which status an idle connector shows, which reservation an id tag may use, the power limit in force).
 * It sends nothing: the station's messages (messages.ts) and flows (flows.ts) change it and tell the central system.
 */
import type { IdTagInfo, MeterValue, ReadingContext, SampledValue } from '../../shared/ocpp/messages/common.js';
import type { ChargePointStatus, RegistrationStatus } from '../../shared/ocpp/messages/core.js';
import type { DiagnosticsStatus, FirmwareStatus } from '../../shared/ocpp/messages/firmware.js';
import type { SignedFirmwareStatus, UploadLogStatus } from '../../shared/ocpp/messages/security.js';
import type { InstalledCertificate } from './certificates.js';
import type { ConnectionCredentials } from './connection.js';
import { ConfigurationStore } from './configuration.js';
import { Connector, type ReservationState, type TransactionState } from './connector.js';
import { MeterModel, type MeterModelOptions } from './meter.js';
import { ChargingProfileStore } from './smart-charging.js';
import type { TimerSet } from './timers.js';

/** Entries the authorization cache keeps before it forgets the oldest. */
const AUTH_CACHE_MAX_ENTRIES = 1000;

export interface StationModelOptions {
  identity: string;
  connectorCount: number;
  firmwareVersion?: string;
  meter?: MeterModelOptions;
  featureProfiles?: string[];
  /** Configuration key overrides (unknown keys are added as read-write strings). */
  configuration?: Record<string, string>;
  /** The Basic auth password: the AuthorizationKey key starts as its hex encoding (security whitepaper). */
  password?: string | Buffer;
}

export class StationModel implements ConnectionCredentials {
  readonly identity: string;
  readonly connectorCount: number;
  registrationStatus: RegistrationStatus | undefined = undefined;
  /** Heartbeat interval in seconds (from the last BootNotification.conf or the HeartbeatInterval key). */
  heartbeatInterval: number;
  /** Index = connectorId; [0] is the charge point itself. */
  readonly connectors: Connector[] = [];
  readonly configuration: ConfigurationStore;
  readonly localList: { version: number; entries: Map<string, IdTagInfo> } = { version: 0, entries: new Map() };
  readonly authCache = new Map<string, IdTagInfo>();
  readonly chargingProfiles = new ChargingProfileStore();
  firmwareVersion: string;
  firmwareStatus: FirmwareStatus = 'Idle';
  diagnosticsStatus: DiagnosticsStatus = 'Idle';
  signedFirmwareStatus: SignedFirmwareStatus = 'Idle';
  /** requestId of the signed firmware update in progress. */
  signedFirmwareRequestId: number | undefined = undefined;
  logStatus: UploadLogStatus = 'Idle';
  logRequestId: number | undefined = undefined;
  /** The last firmware file downloaded over http(s)/ftp (UpdateFirmware, SignedUpdateFirmware). */
  lastFirmwareDownload: { location: string; size: number; sha256: string } | undefined = undefined;
  readonly certificates: InstalledCertificate[] = [];
  /** Charge point certificate chain installed by CertificateSigned. */
  chargePointCertificate: string | undefined = undefined;
  /** Key of the last SignCertificate CSR (PEM PKCS#8). */
  chargePointPrivateKeyPem: string | undefined = undefined;

  constructor(
    options: StationModelOptions,
    readonly now: () => number,
    private readonly timers: TimerSet,
  ) {
    this.identity = options.identity;
    this.connectorCount = options.connectorCount;
    for (let id = 0; id <= this.connectorCount; id++) this.connectors.push(new Connector(id, new MeterModel(options.meter ?? {}, now)));
    this.configuration = new ConfigurationStore({
      connectorCount: this.connectorCount,
      featureProfiles: options.featureProfiles,
      overrides: options.configuration,
      authorizationKeyHex: options.password === undefined ? undefined : Buffer.from(options.password).toString('hex'),
    });
    this.heartbeatInterval = this.configuration.getInteger('HeartbeatInterval', 300);
    this.firmwareVersion = options.firmwareVersion ?? '1.0.0';
  }

  /** The charge point as a whole (connector 0). */
  get chargePoint(): Connector {
    const station = this.connectors[0];
    if (!station) throw new Error('Connector 0 is missing');
    return station;
  }

  /** Connectors 1..N. */
  outlets(): Connector[] {
    return this.connectors.slice(1);
  }

  connector(connectorId: number): Connector | undefined {
    return Number.isInteger(connectorId) ? this.connectors[connectorId] : undefined;
  }

  /** ISO 8601 UTC timestamp of the station's clock. */
  timestamp(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  /** Whether any connector runs a transaction. */
  get busy(): boolean {
    return this.connectors.some((c) => c.transaction);
  }

  /** The status of a connector without a session: Unavailable, Reserved, Faulted or Available. */
  idleStatus(c: Connector, previous?: ChargePointStatus): ChargePointStatus {
    if (c.availability === 'Inoperative' || this.chargePoint.availability === 'Inoperative') return 'Unavailable';
    if (previous === 'Faulted' || c.status === 'Faulted') return 'Faulted';
    if (c.reservation) return 'Reserved';
    return 'Available';
  }

  /** Connector 0's status follows the availability of the charge point. */
  stationStatus(): ChargePointStatus {
    return this.chargePoint.availability === 'Inoperative' ? 'Unavailable' : 'Available';
  }

  /** The SecurityProfile configuration key (0..3): 2 and 3 connect over TLS (security whitepaper §2.1). */
  securityProfile(): number {
    return this.configuration.getInteger('SecurityProfile', 0);
  }

  /** The certificate the central system signed (CertificateSigned) with the key of the CSR that asked for it. */
  signedCertificate(): { cert: string; key: string } | undefined {
    const { chargePointCertificate: cert, chargePointPrivateKeyPem: key } = this;
    return cert && key ? { cert, key } : undefined;
  }

  /** Whether the feature profile is listed in SupportedFeatureProfiles. */
  supportsProfile(profile: string): boolean {
    return this.configuration.getList('SupportedFeatureProfiles').includes(profile);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Authorization cache, transactions
  // ------------------------------------------------------------------------------------------------------------

  /** Remember an id tag's answer when the authorization cache is on (OCPP 1.6 §3.5.1). */
  cacheIdTag(idTag: string, info: IdTagInfo | undefined): void {
    if (!info || !this.configuration.getBoolean('AuthorizationCacheEnabled', true)) return;
    this.authCache.set(idTag, info);
    if (this.authCache.size <= AUTH_CACHE_MAX_ENTRIES) return;
    const oldest = this.authCache.keys().next();
    if (!oldest.done) this.authCache.delete(oldest.value);
  }

  /** Record a started transaction: metering starts under the limit in force. */
  beginTransaction(c: Connector, transaction: TransactionState): void {
    c.transaction = transaction;
    if (transaction.reservationId !== undefined) this.clearReservation(transaction.reservationId);
    c.meter.startCharging();
    this.applyChargingLimit(c);
  }

  /** Forget the connector's transaction: metering stops, its TxProfiles are removed (OCPP 1.6 §3.13.4). */
  endTransaction(c: Connector): void {
    c.transaction = undefined;
    c.meter.stopCharging();
    this.chargingProfiles.removeTxProfiles(c.id);
  }

  /** The StopTransaction transactionData: the register at the start and now, for the StopTxnSampledData measurands. */
  transactionData(c: Connector, tx: TransactionState): MeterValue[] | undefined {
    const measurands = this.configuration.getList('StopTxnSampledData');
    if (measurands.length === 0) return undefined;
    const end = c.meter.sample(measurands, 'Transaction.End');
    if (end.length === 0) return undefined;
    const out: MeterValue[] = [];
    if (measurands.includes('Energy.Active.Import.Register')) {
      const begin = registerValue(tx.meterStart, 'Transaction.Begin', 'Outlet');
      out.push({ timestamp: this.timestamp(tx.startedAt), sampledValue: [begin] });
    }
    out.push({ timestamp: this.timestamp(), sampledValue: end });
    return out;
  }

  /** Sample a connector (connector 0: the whole station, sums of all connectors). */
  sample(connectorId: number, measurands: string[], context: ReadingContext): SampledValue[] {
    const list = measurands.length ? measurands : ['Energy.Active.Import.Register'];
    if (connectorId > 0) return this.connector(connectorId)?.meter.sample(list, context) ?? [];
    const outlets = this.outlets();
    const energy = outlets.reduce((sum, c) => sum + c.meter.wh, 0);
    const power = outlets.reduce((sum, c) => sum + c.meter.power, 0);
    const out: SampledValue[] = [];
    for (const m of list) {
      if (m === 'Energy.Active.Import.Register') out.push(registerValue(energy, context, 'Inlet'));
      else if (m === 'Power.Active.Import') out.push({ value: power.toFixed(0), context, format: 'Raw', measurand: m, location: 'Inlet', unit: 'W' });
    }
    if (out.length === 0) out.push(registerValue(energy, context, 'Inlet'));
    return out;
  }

  /** Apply the charging-profile limit now in force to the power of one connector (or of all). */
  applyChargingLimit(c?: Connector): void {
    for (const x of c ? [c] : this.outlets()) {
      const el = { voltage: x.meter.voltage, phases: x.meter.phases };
      const tx = x.transaction ? { startMs: x.transaction.startedAt, transactionId: x.transaction.transactionId } : undefined;
      const limit = this.chargingProfiles.limitAt(x.id, this.now(), 'W', el, tx);
      x.meter.setLimitW(limit ?? Infinity);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Availability and reservations
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Apply a ChangeAvailability that was Scheduled for when the transaction ends. Returns whether the charge point
   * as a whole changed too (once its last transaction ended), so connector 0's status must be sent.
   */
  applyScheduledAvailability(c: Connector): boolean {
    const scheduled = c.scheduledAvailability;
    if (!scheduled) return false;
    c.scheduledAvailability = undefined;
    c.availability = scheduled;
    const station = this.chargePoint;
    if (!station.scheduledAvailability || this.busy) return false;
    station.availability = station.scheduledAvailability;
    station.scheduledAvailability = undefined;
    return true;
  }

  /** The reservation usable by this id tag on this connector (or a station-wide one). */
  reservationFor(connectorId: number, idTag: string): ReservationState | undefined {
    const matches = (r: ReservationState | undefined) => r && (r.idTag === idTag || (r.parentIdTag !== undefined && r.parentIdTag === idTag));
    const own = this.connector(connectorId)?.reservation;
    if (matches(own)) return own;
    const station = this.chargePoint.reservation;
    return matches(station) ? station : undefined;
  }

  /** Hold a reservation on a connector until its expiryDate; `onExpired` runs if it is still there then. */
  setReservation(c: Connector, reservation: ReservationState, onExpired: (c: Connector) => void): void {
    this.clearReservation(reservation.reservationId);
    c.reservation = reservation;
    const delayMs = Math.max(0, Date.parse(reservation.expiryDate) - this.now());
    c.reservationTimer = this.timers.set(() => {
      if (c.reservation?.reservationId !== reservation.reservationId) return;
      c.reservation = undefined;
      c.reservationTimer = undefined;
      onExpired(c);
    }, delayMs);
  }

  /** Remove a reservation by id; returns its connector. */
  clearReservation(reservationId: number): Connector | undefined {
    const c = this.connectors.find((x) => x.reservation?.reservationId === reservationId);
    if (!c) return undefined;
    c.reservation = undefined;
    if (c.reservationTimer) this.timers.clear(c.reservationTimer);
    c.reservationTimer = undefined;
    return c;
  }

  /**
   * The connectors as a station comes back after a reboot: no transaction or reservation, scheduled availability
   * applied, no error. (The transactions were stopped, or lost, before.)
   */
  resetForReboot(): void {
    for (const c of this.connectors) {
      if (c.transaction) this.endTransaction(c);
      if (c.reservation) this.clearReservation(c.reservation.reservationId);
      if (c.scheduledAvailability) {
        c.availability = c.scheduledAvailability;
        c.scheduledAvailability = undefined;
      }
    }
    for (const c of this.connectors) {
      c.status = c.id === 0 ? this.stationStatus() : this.idleStatus(c, 'Available');
      c.errorCode = 'NoError';
    }
  }
}

/** The energy register as a sampled value. */
function registerValue(wh: number, context: ReadingContext, location: 'Inlet' | 'Outlet'): SampledValue {
  return { value: String(wh), context, format: 'Raw', measurand: 'Energy.Active.Import.Register', location, unit: 'Wh' };
}
