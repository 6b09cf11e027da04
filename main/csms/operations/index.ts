/**
 * The operator operations with every follow-up registered: the one object the console (IPC), the HTTP API and
 * tests send CSMS-initiated calls through. Actions without a follow-up (Reset, UnlockConnector, ChangeAvailability,
 * ClearCache, DataTransfer, TriggerMessage, ExtendedTriggerMessage, InstallCertificate, CertificateSigned,
 * RemoteStartTransaction without a profile) are sent as given and change nothing but the message log.
 */
import type { CentralSystem } from '../central-system.js';
import type { FileUrls } from '../files/advertised-urls.js';
import { createOperationStores } from '../services/operation-stores.js';
import { registerCertificates } from './certificates.js';
import { registerChargingProfiles } from './charging-profiles.js';
import { registerConfiguration } from './configuration.js';
import { registerFileTransfers } from './file-transfers.js';
import { registerLocalList } from './local-list.js';
import { OperatorOperations } from './operator-operations.js';
import { registerRemoteControl } from './remote-control.js';
import { registerReservations } from './reservations.js';
import { registerSitePower } from './site-power.js';

export interface OperatorOperationsOptions {
  /**
   * The central system's own file services (main/csms/files, `startFileServices(...).urls`): UpdateFirmware takes
   * `firmwareFile: <name>` for a stored firmware file, GetDiagnostics / GetLog get the station's upload URL when no
   * location is given.
   */
  fileUrls?: FileUrls;
}

/**
 * Builds the operations and the domain services they write through. The reservation expiry sweep starts here;
 * `stop()` ends it and every subscription, before the central system stops.
 */
export function createOperatorOperations(csms: CentralSystem, options: OperatorOperationsOptions = {}): OperatorOperations {
  // The central system holds what the services write with (repositories, group commit, events, clock).
  const stores = createOperationStores(csms);
  const ops = new OperatorOperations(csms, stores);
  registerReservations(ops);
  registerLocalList(ops);
  registerChargingProfiles(ops);
  registerConfiguration(ops);
  registerRemoteControl(ops);
  registerFileTransfers(ops, options.fileUrls);
  registerCertificates(ops);
  registerSitePower(ops, csms.services.sitePower);
  return ops;
}

export { OperatorOperations, type ActionFollowUp, type CallOutcome } from './operator-operations.js';
export { adviseChargingProfile } from './charging-profiles.js';
export { buildLocalListUpdate } from './local-list.js';
