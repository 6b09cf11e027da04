/**
 * The scripting API of the simulated station: what its behaviours (behaviour/) may read and do. The behaviours
 * depend on this interface only, never on the charge point class, so they can be read, and tested, on their own.
 */
import type { ChargePointAction, OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { ReadingContext, SampledValue } from '../../shared/ocpp/messages/common.js';
import type { ChargePointErrorCode, ChargePointStatus, Reason } from '../../shared/ocpp/messages/core.js';
import type { DiagnosticsStatus, FirmwareStatus } from '../../shared/ocpp/messages/firmware.js';
import type { Connector, ReservationState } from './connector.js';
import type { SessionRequest } from './flows.js';
import type { BehaviourOptions, BootOptions } from './options.js';
import type { StationModel } from './station.js';

/** Answers an incoming DataTransfer of one vendor. */
export type DataTransferHandler = (request: OcppRequest<'DataTransfer'>) => OcppResponse<'DataTransfer'> | Promise<OcppResponse<'DataTransfer'>>;

export interface StationScript {
  readonly identity: string;
  readonly connectorCount: number;
  /** The station model: connectors, configuration, lists, profiles, firmware and certificate state. */
  readonly state: StationModel;
  readonly options: Readonly<BehaviourOptions>;
  /** The station was closed: background flows stop. */
  readonly stopped: boolean;
  now(): number;
  /** ISO 8601 UTC timestamp of the station's clock. */
  timestamp(ms?: number): string;
  /** Sleep; ends early, without error, when the station is closed. */
  sleep(ms: number): Promise<void>;

  /** Send a CALL and wait for its answer. */
  call<A extends ChargePointAction>(action: A, payload: OcppRequest<A>): Promise<OcppResponse<A>>;
  boot(options?: BootOptions): Promise<OcppResponse<'BootNotification'>>;
  statusNotification(connectorId: number, status: ChargePointStatus, errorCode?: ChargePointErrorCode): Promise<unknown>;
  /** Change a connector's status, and notify only if it changed. */
  setStatus(connectorId: number, status: ChargePointStatus, errorCode?: ChargePointErrorCode): Promise<void>;
  meterValues(connectorId: number, transactionId?: number, sampledValues?: SampledValue[], context?: ReadingContext): Promise<unknown>;
  heartbeat(): Promise<unknown>;
  diagnosticsStatusNotification(status: DiagnosticsStatus): Promise<unknown>;
  firmwareStatusNotification(status: FirmwareStatus): Promise<unknown>;
  securityEventNotification(type: string, techInfo?: string): Promise<unknown>;

  /** A charging session; resolves with the transactionId, rejects with SessionRejectedError. */
  runSession(request: SessionRequest): Promise<number>;
  stopSession(request: { connectorId: number; reason?: Reason; idTag?: string }): Promise<unknown>;
  /** Resolves when no transaction runs. */
  whenIdle(): Promise<void>;
  /** Close, reconnect and boot again; running transactions are stopped with `reason` first (none: lost). */
  reboot(reason: Reason | undefined): Promise<void>;
  /** Hold a reservation on a connector; when it expires unused the connector goes back to idle. */
  reserve(c: Connector, reservation: ReservationState): void;
  /** The handler of incoming DataTransfer for this vendor, if any. */
  dataTransferHandler(vendorId: string): DataTransferHandler | undefined;
}
