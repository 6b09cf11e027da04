/**
 * What a simulated charge point is built with: its endpoint and credentials, what it reports at boot, how its
 * connection behaves, and the knobs of its scripted behaviour.
 */
import type { BootNotificationRequest } from '../../shared/ocpp/messages/core.js';
import type { MeterModelOptions } from './meter.js';
import type { TlsOptions } from './rpc-client.js';
import type { TransferOptions } from './transfer.js';

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
  /** Firmware download / diagnostics upload options (timeout, HTTP upload method, TLS, an unreachable file server). */
  transfer?: TransferOptions;
  /**
   * Subject CN of the CSR it sends for SignCertificate (default: its identity). Some stations put their serial
   * number there (e.g. `S/N0123456789`), which the profile-3 handshake does not accept as the identity.
   */
  certificateCommonName?: string;
  /** SignedUpdateFirmware: verify the signature of the downloaded file with the signing certificate (default false). */
  verifyFirmwareSignature?: boolean;
  /**
   * Whether an EV is plugged in when a RemoteStartTransaction comes (default true). With false the station accepts
   * it (OCPP 1.6 §5.11: it then waits for the cable), its connector goes Preparing, no transaction starts, and after
   * ConnectionTimeOut seconds (§9.1.5) the connector goes back to Available.
   */
  vehiclePluggedIn?: boolean;
  /** Time source in ms since the epoch (default Date.now). */
  clock?: () => number;
}

/** The options the scripted behaviours read. */
export type BehaviourOptions = Pick<
  SimulatedChargePointOptions,
  'vendor' | 'model' | 'stepDelayMs' | 'transfer' | 'certificateCommonName' | 'verifyFirmwareSignature' | 'vehiclePluggedIn'
>;

export interface BootOptions {
  /** Send StatusNotifications after an Accepted boot (default: constructor option, true). */
  statusNotifications?: boolean;
  /** Start heartbeats after an Accepted boot (default: constructor option, false). */
  heartbeats?: boolean;
  /** Fields to add or replace in the BootNotification.req. */
  payload?: Partial<BootNotificationRequest>;
}
