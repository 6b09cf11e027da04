import type { ChargePointAction } from '../../../shared/ocpp/actions.js';
import { authorize } from './authorize.js';
import { bootNotification } from './boot-notification.js';
import type { Handler } from './context.js';
import { dataTransfer } from './data-transfer.js';
import { diagnosticsStatusNotification, firmwareStatusNotification, logStatusNotification, signedFirmwareStatusNotification } from './file-status.js';
import { heartbeat } from './heartbeat.js';
import { meterValues } from './meter-values.js';
import { securityEventNotification, signCertificate } from './security.js';
import { startTransaction } from './start-transaction.js';
import { statusNotification } from './status-notification.js';
import { stopTransaction } from './stop-transaction.js';

/** One handler for every charge-point-initiated action of OCPP 1.6J and the security white paper. */
export const chargePointHandlers: { [A in ChargePointAction]: Handler<A> } = {
  Authorize: authorize,
  BootNotification: bootNotification,
  DataTransfer: dataTransfer,
  DiagnosticsStatusNotification: diagnosticsStatusNotification,
  FirmwareStatusNotification: firmwareStatusNotification,
  Heartbeat: heartbeat,
  LogStatusNotification: logStatusNotification,
  MeterValues: meterValues,
  SecurityEventNotification: securityEventNotification,
  SignCertificate: signCertificate,
  SignedFirmwareStatusNotification: signedFirmwareStatusNotification,
  StartTransaction: startTransaction,
  StatusNotification: statusNotification,
  StopTransaction: stopTransaction,
};

/**
 * What a station may send before it is Accepted. Pending: status reports only (they may be triggered while the
 * operator decides); everything else gets SecurityError (OCPP-J errata 3.10). Rejected: BootNotification only.
 */
export const ALLOWED_WHILE_PENDING: ReadonlySet<string> = new Set([
  'BootNotification',
  'Heartbeat',
  'StatusNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'SecurityEventNotification',
  'LogStatusNotification',
  'SignedFirmwareStatusNotification',
]);
export const ALLOWED_WHILE_REJECTED: ReadonlySet<string> = new Set(['BootNotification']);
