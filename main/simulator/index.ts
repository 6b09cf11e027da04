/**
 * Simulated OCPP 1.6J charge point (Node-only): the public entry point of main/simulator.
 */
export {
  SimulatedChargePoint,
  Connector,
  SessionRejectedError,
  NO_ANSWER,
  type SimulatedChargePointOptions,
  type ChargePointState,
  type TransactionState,
  type ReservationState,
  type CallEvent,
  type Answer,
  type TypedAnswer,
  type CsmsRequest,
  type CsmsResponse,
  type AnswerContext,
  type BootOptions,
  type DataTransferHandler,
  type AvailabilityType,
  type SignedFirmwareStatus,
  type UploadLogStatus,
} from './charge-point.js';
export {
  RpcClient,
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
export { DEFAULT_HANDLERS, defaultAnswer, type DefaultAnswer } from './behaviour.js';
export { certificateHashData, createCsr, type CertificateHashData, type InstalledCertificate } from './certificates.js';
export { download, upload, type TransferOptions } from './transfer.js';
export { OcppCallError } from '../../shared/ocpp/rpc-frames.js';
