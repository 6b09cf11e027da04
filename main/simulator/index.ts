/**
 * Simulated OCPP 1.6J charge point (Node-only): the public entry point of main/simulator.
 */
export { SimulatedChargePoint, type ChargePointEvents } from './charge-point.js';
export type { SimulatedChargePointOptions, BootOptions } from './options.js';
export { Connector, type AvailabilityType, type TransactionState, type ReservationState } from './connector.js';
export { StationModel, type StationModel as ChargePointState } from './station.js';
export { SessionRejectedError, type SessionRequest } from './flows.js';
export type { CallEvent, Answer, TypedAnswer, AnswerContext } from './answers.js';
export type { DataTransferHandler, StationScript } from './scripting.js';
export {
  RpcClient,
  NO_ANSWER,
  ConnectRefusedError,
  ConnectionClosedError,
  CallTimeoutError,
  type CallOptions,
  type ReceivedMessage,
  type IncomingCall,
  type TlsOptions,
} from './rpc-client.js';
export { ConfigurationStore, DEFAULT_FEATURE_PROFILES, SUPPORTED_MEASURANDS, type KeyValue, type ConfigKeyDefinition } from './configuration.js';
export { MeterModel, type MeterModelOptions } from './meter.js';
export { ChargingProfileStore, type InstalledProfile, type CompositeSchedule } from './smart-charging.js';
export { DEFAULT_HANDLERS, defaultAnswer, type DefaultAnswer } from './behaviour/index.js';
export { certificateHashData, createCsr, type CertificateHashData, type InstalledCertificate } from './certificates.js';
export { download, upload, type TransferOptions } from './transfer.js';
export { OcppCallError } from '../../shared/ocpp/rpc-frames.js';
