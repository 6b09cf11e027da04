/**
 * The domain services the operator operations write through (main/csms/operations): one per thing the operations
 * own, each writing in units of the group commit and emitting its events after the commit. Built once per
 * `OperatorOperations`, over the central system's repositories.
 */
import type { RegistrationStatus, ValidationMode } from '../../../shared/api/types.js';
import type { CentralSystem } from '../central-system.js';
import { CertificateStore } from './certificate-store.js';
import { ChargingProfileStore } from './charging-profile-store.js';
import { ConfigurationStore, type ConfigurationStoreDeps } from './configuration-store.js';
import { FileJobs } from './file-jobs.js';
import { LocalListStore } from './local-list-store.js';
import { ReservationBook, type ReservationBookDeps } from './reservation-book.js';
import { RunningTransactions } from './running-transactions.js';

/** How a station is admitted: what the operations may send it (OCPP 1.6 §4.2), and how its answers are read. */
export interface StationAdmission {
  registrationStatus: RegistrationStatus;
  /** Null: the central system's setting applies. */
  validationMode: ValidationMode | null;
}

export interface OperationStores {
  readonly reservations: ReservationBook;
  readonly localLists: LocalListStore;
  readonly chargingProfiles: ChargingProfileStore;
  readonly configuration: ConfigurationStore;
  readonly fileJobs: FileJobs;
  readonly certificates: CertificateStore;
  readonly transactions: RunningTransactions;
  readonly stations: { admission(chargePointId: string): StationAdmission | undefined };
}

/** What the services are built over: the central system's storage, events and clock, and its station directory. */
export type OperationStoresHost = Pick<CentralSystem, 'repos' | 'groupCommit' | 'events' | 'clock' | 'db' | 'services'>;

export function createOperationStores(host: OperationStoresHost): OperationStores {
  const { repos } = host;
  const deps: ReservationBookDeps & ConfigurationStoreDeps = {
    repos,
    groupCommit: host.groupCommit,
    events: host.events,
    clock: host.clock,
    db: host.db,
    forgetVerifiedPassword: (chargePointId) => host.services.stations.forgetVerifiedPasswords(chargePointId),
  };
  return {
    reservations: new ReservationBook(deps),
    localLists: new LocalListStore(deps),
    chargingProfiles: new ChargingProfileStore(deps),
    configuration: new ConfigurationStore(deps),
    fileJobs: new FileJobs(deps),
    certificates: new CertificateStore(deps),
    transactions: new RunningTransactions(repos),
    stations: {
      admission(chargePointId) {
        const row = repos.chargePoints.admission(chargePointId);
        return row && { registrationStatus: row.registration_status, validationMode: row.validation_mode };
      },
    },
  };
}
