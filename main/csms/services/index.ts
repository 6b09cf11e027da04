import type { VendorDataTransferRegistry } from '../handlers/vendor-data-transfer.js';
import type { AuditTrail } from './audit-trail.js';
import type { CommissioningRecords } from './commissioning-records.js';
import type { ConfigurationBaselines } from './configuration-baselines.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { DataFolder } from './data-folder.js';
import type { EnergyReports } from './energy-reports.js';
import type { HandshakeAudit } from './handshake-audit.js';
import type { IdTagDirectory } from './id-tag-directory.js';
import type { MessageLogRecorder } from './message-log-recorder.js';
import type { OperationsRecords } from './operations-records.js';
import type { ProfileLibrary } from './profile-library.js';
import type { SettingsService } from './settings-service.js';
import type { SiteDirectory } from './site-directory.js';
import type { SitePower } from './site-power.js';
import type { StationDirectory } from './station-directory.js';
import type { StationSecurity } from './station-security.js';
import type { TransactionLedger } from './transaction-ledger.js';
import type { UploadReceipts } from './upload-receipts.js';

/**
 * The central system's domain services (docs/architecture.md "Rules"): each owns one kind of write, with its events
 * and cache invalidation. The operator API, the operations and the shells work through these, never with the
 * repositories or the group commit themselves.
 */
export interface CsmsServices {
  readonly stations: StationDirectory;
  readonly idTags: IdTagDirectory;
  readonly connections: ConnectionRegistry;
  readonly handshakes: HandshakeAudit;
  readonly messageLog: MessageLogRecorder;
  readonly settings: SettingsService;
  readonly transactions: TransactionLedger;
  /** Energy per day or month and per station, connector or tag (docs/api.md "Reports"). */
  readonly energyReports: EnergyReports;
  readonly audit: AuditTrail;
  readonly profileLibrary: ProfileLibrary;
  /** Sites: stations behind one grid supply and their limits. */
  readonly sites: SiteDirectory;
  /** The configuration key values stations should hold, and each station's drift (docs/api.md "Configuration baselines"). */
  readonly baselines: ConfigurationBaselines;
  /** Sharing each site's limit among its sessions with TxProfiles; its allocation and event history. */
  readonly sitePower: SitePower;
  /** Commissioning runs as stored reports, and saved templates (main/csms/commissioning performs the runs). */
  readonly commissioningRecords: CommissioningRecords;
  readonly operationsRecords: OperationsRecords;
  readonly stationSecurity: StationSecurity;
  readonly dataFolder: DataFolder;
  /** The file servers' side: upload logins and received files (main/csms/files). */
  readonly uploads: UploadReceipts;
  /** Vendor extensions of DataTransfer register their handlers here (OCPP 1.6 §4.3). */
  readonly vendorDataTransfer: VendorDataTransferRegistry;
}
