import type { Db } from '../database.js';
import { AnomalyRepository } from './anomalies.js';
import { AuditLogRepository } from './audit-log.js';
import { ChargePointRepository } from './charge-points.js';
import { ConnectionEventRepository } from './connection-events.js';
import { ConnectorRepository } from './connectors.js';
import { IdTagRepository } from './id-tags.js';
import { MessageLogRepository } from './message-log.js';
import { MeterValueRepository } from './meter-values.js';
import { ProfileLibraryRepository } from './profile-library.js';
import { ReservationRepository } from './reservations.js';
import { ReservationBookRepository } from './reservation-book.js';
import {
  ChargingProfileRepository,
  ConfigurationSnapshotRepository,
  FileJobRepository,
  InstalledCertificateRepository,
  LocalListRepository,
} from './station-operations.js';
import { SettingsStore } from './settings-store.js';
import { SitePowerRepository } from './site-power.js';
import { SiteRepository } from './sites.js';
import { ConfigurationBaselineRepository } from './configuration-baselines.js';
import { CommissioningRepository } from './commissioning.js';
import { StationReportRepository } from './station-reports.js';
import { StationSecurityRepository } from './station-security.js';
import { TransactionRepository } from './transactions.js';

/** Every repository over one connection: prepared statements are compiled once here. */
export interface Repositories {
  chargePoints: ChargePointRepository;
  connectors: ConnectorRepository;
  idTags: IdTagRepository;
  transactions: TransactionRepository;
  /** Station reports that conflict with what is stored (a second stop, meter values after the stop, ...). */
  anomalies: AnomalyRepository;
  meterValues: MeterValueRepository;
  messageLog: MessageLogRepository;
  connectionEvents: ConnectionEventRepository;
  stationReports: StationReportRepository;
  reservations: ReservationRepository;
  /** Operator side of reservations: ReserveNow / CancelReservation / expiry, and the list the API shows. */
  reservationBook: ReservationBookRepository;
  localLists: LocalListRepository;
  chargingProfiles: ChargingProfileRepository;
  configurationSnapshots: ConfigurationSnapshotRepository;
  fileJobs: FileJobRepository;
  installedCertificates: InstalledCertificateRepository;
  /** The operator's named charging profiles (installed with SetChargingProfile). */
  profileLibrary: ProfileLibraryRepository;
  settings: SettingsStore;
  /** Per-station certificate identity and upload protocol choices. */
  stationSecurity: StationSecurityRepository;
  /** What operators did through the operator API, by which client. */
  auditLog: AuditLogRepository;
  /** Sites: stations behind one grid supply and the limits shared among their sessions. */
  sites: SiteRepository;
  configurationBaselines: ConfigurationBaselineRepository;
  /** Site power sharing: limits sent per transaction, default profiles, the sites' event history. */
  sitePower: SitePowerRepository;
  commissioning: CommissioningRepository;
}

export function createRepositories(db: Db): Repositories {
  return {
    chargePoints: new ChargePointRepository(db),
    connectors: new ConnectorRepository(db),
    idTags: new IdTagRepository(db),
    transactions: new TransactionRepository(db),
    anomalies: new AnomalyRepository(db),
    meterValues: new MeterValueRepository(db),
    messageLog: new MessageLogRepository(db),
    connectionEvents: new ConnectionEventRepository(db),
    stationReports: new StationReportRepository(db),
    reservations: new ReservationRepository(db),
    reservationBook: new ReservationBookRepository(db),
    localLists: new LocalListRepository(db),
    chargingProfiles: new ChargingProfileRepository(db),
    configurationSnapshots: new ConfigurationSnapshotRepository(db),
    fileJobs: new FileJobRepository(db),
    installedCertificates: new InstalledCertificateRepository(db),
    profileLibrary: new ProfileLibraryRepository(db),
    settings: new SettingsStore(db),
    stationSecurity: new StationSecurityRepository(db),
    auditLog: new AuditLogRepository(db),
    sites: new SiteRepository(db),
    configurationBaselines: new ConfigurationBaselineRepository(db),
    sitePower: new SitePowerRepository(db),
    commissioning: new CommissioningRepository(db),
  };
}
