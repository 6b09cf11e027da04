/**
 * Request and response types of every operator API route (JSON, camelCase). Plain TypeScript: used by the server
 * (main/api), the client (./client.ts), tests, scripts and the console.
 */
import type { RuntimeSettings } from './settings.js';
import type { SystemAlertDto } from './storage.js';
import type { ChargingProfile, ProfileProblem } from '../smart-charging/index.js';
import type { ConfigurationBaselineEntry, ConfigurationBaselineUpdate, SiteUpdate } from './request-bodies.js';

// The request bodies are schemas (checked by the server), defined in ./request-bodies.ts with their types.
export type {
  ChargePointUpdate,
  CommissioningRunRequest,
  CommissioningTemplateUpdate,
  ConfigurationBaselineEntry,
  ConfigurationBaselineUpdate,
  IdTagCreate,
  IdTagUpdate,
  LibraryProfileUpdate,
  ProfileCheckRequest,
  ProfileInstallRequest,
  SimulatorActionRequest,
  SimulatorStartRequest,
  SiteSchedulePeriodDto,
  SiteUpdate,
  StationSecuritySettingsUpdate,
} from './request-bodies.js';

export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';
export type ValidationMode = 'strict' | 'lenient';
export type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';

/**
 * A list answer. `total` is given where counting is cheap; the lists of what grows for years (transactions,
 * anomalies, the audit trail) count at most 10,000 matches and say `totalCapped` when there are more.
 */
export interface ListResponse<T> {
  items: T[];
  total?: number;
  /** There are more than `total` matches (counting stopped there). */
  totalCapped?: boolean;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Calls: POST /api/charge-points/{id}/calls/{Action}
// ---------------------------------------------------------------------------------------------------------------

export interface CallViolation {
  path: string;
  keyword: string;
  message: string;
}

/** 200 for both: the station answered. `result` = its CALLRESULT payload, `error` = its CALLERROR. */
export type CallResponse =
  | { result: Record<string, unknown>; violations: CallViolation[] }
  | { error: { code: string; description: string; details: Record<string, unknown> } };

// ---------------------------------------------------------------------------------------------------------------
// Charge points
// ---------------------------------------------------------------------------------------------------------------

export interface ConnectorDto {
  connectorId: number;
  status: string;
  errorCode: string;
  info: string | null;
  vendorId: string | null;
  vendorErrorCode: string | null;
  /** The station's own timestamp of the status, when it sent one. */
  statusAt: string | null;
  updatedAt: string;
}

export interface BootInfoDto {
  vendor: string | null;
  model: string | null;
  chargePointSerial: string | null;
  chargeBoxSerial: string | null;
  firmwareVersion: string | null;
  iccid: string | null;
  imsi: string | null;
  meterType: string | null;
  meterSerial: string | null;
  lastBootAt: string | null;
}

/**
 * `GET /api/charge-points?id=…`: at most this many ids per request (the console asks in lists of this size). 200
 * ids of 20 characters, escaped, stay well inside Node's 16 KiB of request headers.
 */
export const MAX_STATION_IDS_PER_LIST = 200;

export interface ChargePointDto {
  id: string;
  registrationStatus: RegistrationStatus;
  description: string;
  securityProfile: number;
  /** A password (security profile 1) is set; the password itself is never returned. */
  hasPassword: boolean;
  /** Per-station override of the validation mode; null = the global setting. */
  validationMode: ValidationMode | null;
  connected: boolean;
  lastSeenAt: string | null;
  lastConnectedAt: string | null;
  lastDisconnectedAt: string | null;
  /** Close code and reason of the last connection that closed (1006: dropped without a close frame); null: none. */
  lastCloseCode: number | null;
  lastCloseReason: string | null;
  lastRemoteAddress: string | null;
  /**
   * The heartbeat interval this station works with: the one its BootNotification was answered with, or a later
   * accepted ChangeConfiguration HeartbeatInterval, or what GetConfiguration reported; null: not known yet.
   */
  heartbeatIntervalSec: number | null;
  boot: BootInfoDto;
  firmwareStatus: string | null;
  diagnosticsStatus: string | null;
  connectors: ConnectorDto[];
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionEventDto {
  id: number;
  at: string;
  chargePointId: string;
  event: 'connected' | 'disconnected' | 'replaced';
  remoteAddress: string | null;
  code: number | null;
  reason: string | null;
}

/**
 * A station whose CALLs the central system refused for their format (schema CALLERRORs) among the newest message-log
 * rows, while it is read strictly: the Connection doctor offers to switch it to lenient.
 */
export interface FormatRefusalDto {
  chargePointId: string;
  refusedCount: number;
  lastAt: string;
  lastAction: string | null;
  /** FormationViolation, PropertyConstraintViolation, OccurenceConstraintViolation or TypeConstraintViolation. */
  lastErrorCode: string;
  /** What broke the schema, as our CALLERROR told the station. */
  lastDescription: string;
  /** The station's own setting (null: it follows the global `validationMode`). */
  validationMode: 'strict' | 'lenient' | null;
}

export interface RefusedHandshakeDto {
  id: number;
  at: string;
  remoteAddress: string | null;
  path: string;
  identity: string | null;
  reason: string;
  detail: string;
  httpStatus: number;
  offeredProtocols: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Id tags
// ---------------------------------------------------------------------------------------------------------------

export interface IdTagDto {
  idTag: string;
  status: IdTagStatus;
  expiryDate: string | null;
  parentIdTag: string | null;
  description: string;
  /** May charge at several connectors at once (shared fleet card); null = the `allowConcurrentTxByDefault` setting. */
  allowConcurrentTx: boolean | null;
  createdAt: string;
  updatedAt: string;
  /** In lists (GET /api/id-tags): how many tags name this one as their parent. */
  memberCount?: number;
}

/** `allowConcurrentTx` is `true`, `false` or empty (the default setting); an import without the column leaves it as it is. */
export const ID_TAG_CSV_HEADER = ['idTag', 'status', 'expiryDate', 'parentIdTag', 'description', 'allowConcurrentTx'] as const;

/** POST /api/id-tags.csv?mode=: `add` (default) only adds new tags, `update` also changes existing ones. */
export const ID_TAG_IMPORT_MODES = ['add', 'update'] as const;
export type IdTagImportMode = (typeof ID_TAG_IMPORT_MODES)[number];

/** POST /api/id-tags.csv: what each line did (line 1 is the header); a line that did not import is in `errors`. */
export interface IdTagImportResult {
  mode: IdTagImportMode;
  /** New tags added. */
  created: number;
  /** Existing tags changed to what their line says (mode `update`). */
  updated: number;
  /** Existing tags whose line says what they already hold. */
  unchanged: number;
  /** Mode `add`: existing tags whose line differs, left as they are (import again with `update` to apply). */
  kept: { line: number; idTag: string }[];
  errors: { line: number; idTag: string | null; message: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------------------------

export interface TransactionQuery extends PageQuery {
  chargePointId?: string;
  /** true: open sessions only (Accepted starts without a stop); false: the others. */
  active?: boolean;
  /** Started at or after (ISO 8601, time we received the start). */
  from?: string;
  /** Started before. */
  to?: string;
  /** Only transactions with a smaller id (the next, older page: pass the answer's `nextBeforeId`). */
  beforeId?: number;
}

/** A page of transactions, newest first. */
export interface TransactionPage extends ListResponse<TransactionDto> {
  /** Pass as beforeId for the next (older) page; null at the end. */
  nextBeforeId: number | null;
}

export interface TransactionDto {
  id: number;
  chargePointId: string;
  connectorId: number;
  idTag: string;
  startStatus: string;
  reservationId: number | null;
  meterStartWh: number;
  startedAt: string;
  startReceivedAt: string;
  meterStopWh: number | null;
  stoppedAt: string | null;
  stopReceivedAt: string | null;
  stopReason: string | null;
  stopIdTag: string | null;
  /**
   * station: its StopTransaction; superseded: a new start on its connector; stale: its connector reported
   * Available/Preparing since (or it was a refused start the station dropped); operator: closed by hand.
   */
  endedBy: 'station' | 'superseded' | 'stale' | 'operator' | null;
  endedNote: string | null;
  /** Why the start was answered as it was (refusal reason, what was decided about the tag's other sessions). */
  startNote: string | null;
  lastMeterWh: number | null;
  lastPowerW: number | null;
  lastMeterAt: string | null;
  /** An open session: the start was Accepted and no stop has arrived. */
  active: boolean;
  /** A refused start (startStatus not Accepted) the station has not ended yet: recorded, but no session. */
  refusedUnstopped: boolean;
  /** Open, but its station has been unheard for longer than `unconfirmedAfterSec`: it may be over. */
  unconfirmed: boolean;
  /** Anomalies recorded against this transaction (GET /api/anomalies?transactionId=). */
  anomalyCount: number;
  /** meterStop (or the last reading) - meterStart, when known. */
  energyWh: number | null;
}

/** What an energy report adds up by (docs/api.md "Reports"). */
export type EnergyGroupBy = 'site' | 'station' | 'connector' | 'idTag' | 'parentIdTag';
/** Days or months of the report's time zone. */
export type EnergyPeriod = 'day' | 'month';

export interface EnergyReportQuery {
  groupBy: EnergyGroupBy;
  period: EnergyPeriod;
  /** Sessions started (time we received the start) at or after this ISO 8601 date-time. */
  from: string;
  /** ... and before this one. */
  to: string;
  chargePointId?: string;
  /** IANA time zone of the days and months; the server's own when omitted. */
  tz?: string;
}

/** What one row of a report is about: the fields of its `groupBy` (connector: the station and the connector). */
export interface EnergyReportKey {
  /** The site the station belongs to now (docs/api.md "Sites"); null for stations in no site. */
  siteId?: string | null;
  chargePointId?: string;
  connectorId?: number;
  idTag?: string;
  /** The tag's parent in the id-tag list now; null for tags without one (and tags not in the list). */
  parentIdTag?: string | null;
}

export interface EnergyReportItem {
  /** `2026-12-05` (day) or `2026-12` (month) in the report's time zone: the period the session started in. */
  period: string;
  key: EnergyReportKey;
  energyWh: number;
  /** Accepted sessions counted (running ones included, excluded ones not). */
  sessions: number;
}

/** A session left out of the sums because its figure cannot be right. */
export interface EnergyReportExclusion {
  transactionId: number;
  chargePointId: string;
  connectorId: number;
  idTag: string;
  startReceivedAt: string;
  /** The difference that was refused (end reading − meterStart). */
  energyWh: number;
  /** meter-below-start: a reset, a replaced meter or a register rollover; implausible: more than one session can take. */
  reason: 'meter-below-start' | 'implausible';
}

export interface EnergyReport {
  items: EnergyReportItem[];
  totalWh: number;
  /** Sessions counted in `items`. */
  sessions: number;
  /** Normalised to UTC. */
  from: string;
  to: string;
  timeZone: string;
  groupBy: EnergyGroupBy;
  period: EnergyPeriod;
  /** The first sessions left out (at most 1,000), oldest first; `excludedCount` says how many there were. */
  excluded: EnergyReportExclusion[];
  excludedCount: number;
}

export interface MeterValueDto {
  id: number;
  connectorId: number;
  timestamp: string;
  value: string;
  measurand: string | null;
  phase: string | null;
  unit: string | null;
  context: string | null;
  location: string | null;
  format: string | null;
  source: string;
  receivedAt: string;
}

export interface TransactionDetailDto extends TransactionDto {
  meterValues: MeterValueDto[];
  anomalies: AnomalyDto[];
}

/**
 * What a station reported that conflicts with what is stored. Each is kept with the report as received and shown to
 * the operator on its transaction and station, never silently dropped:
 * - `stop-conflict`: a second StopTransaction for a transaction the station already stopped, with other values;
 * - `stop-unknown-transaction`: a StopTransaction for a transaction id this central system never issued to the station;
 * - `meter-after-stop`: meter values of a transaction timed after its stop;
 * - `unknown-connector`: a StartTransaction on a connector the station does not have (by its own status reports
 *   and NumberOfConnectors).
 */
export type AnomalyKind = 'stop-conflict' | 'stop-unknown-transaction' | 'meter-after-stop' | 'unknown-connector';

export interface AnomalyDto {
  id: number;
  chargePointId: string;
  transactionId: number | null;
  connectorId: number | null;
  kind: AnomalyKind;
  /** What conflicts with what, in words. */
  detail: string;
  /** The OCPP action that reported it. */
  action: string;
  /** The conflicting report's payload, as received. */
  payload: unknown;
  receivedAt: string;
}

export interface AnomalyQuery {
  chargePointId?: string;
  transactionId?: number;
  /** Newest first; rows with a smaller id. */
  beforeId?: number;
  /** Received at or after this time (ISO 8601). */
  since?: string;
  limit?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Message log
// ---------------------------------------------------------------------------------------------------------------

export interface MessageLogQuery {
  chargePointId?: string;
  action?: string;
  direction?: 'in' | 'out';
  errorsOnly?: boolean;
  /** Rows whose frame contains this text (case-insensitive for ASCII letters). */
  text?: string;
  /** Rows with a smaller id (newest first): page backwards with `nextBeforeId`. */
  beforeId?: number;
  /** Rows with a larger id (oldest first): follow new rows. */
  afterId?: number;
  limit?: number;
}

export interface MessageLogEntryDto {
  id: number;
  at: string;
  chargePointId: string;
  direction: 'in' | 'out';
  messageType: number | null;
  messageId: string | null;
  action: string | null;
  /**
   * An OCPP-J error code; `invalid-result:<code>` marks a station's CALLRESULT that broke its schema, and
   * `lenient:<code>` a CALL from a lenient station that broke it and was processed anyway.
   */
  errorCode: string | null;
  /** For those two: what broke the schema (empty when the frame now validates, e.g. after redaction). */
  violations?: CallViolation[];
  /** The OCPP-J frame as sent or received (secrets redacted). */
  frame: string;
}

export interface MessageLogPage {
  items: MessageLogEntryDto[];
  /** Pass as beforeId for the next (older) page; null at the end. */
  nextBeforeId: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Settings and status
// ---------------------------------------------------------------------------------------------------------------

/** GET /api/settings: every runtime setting (defined with its range and words in ./settings.ts). */
export type SettingsDto = RuntimeSettings;

export type SettingsPatch = Partial<SettingsDto>;

export interface ApiTokenDto {
  token: string;
}

export interface StatusDto {
  name: string;
  version: string;
  /** URLs to give chargers (`<chargePointId>` is the placeholder). */
  ocppUrls: string[];
  connectedCount: number;
  chargePointCount: number;
  startedAt: string;
  uptimeSec: number;
  /** The central system's own alerts: the data folder near its budget, the disk near full (GET /api/storage). */
  alerts: SystemAlertDto[];
}

// ---------------------------------------------------------------------------------------------------------------
// Operations state (GET only): what the operator operations recorded
// ---------------------------------------------------------------------------------------------------------------

export type ReservationStatus = 'Requested' | 'Active' | 'Used' | 'Expired' | 'Cancelled' | 'Ended' | 'Refused';

export interface ReservationDto {
  id: number;
  chargePointId: string;
  connectorId: number;
  idTag: string;
  parentIdTag: string | null;
  expiryDate: string;
  status: ReservationStatus;
  stationAnswer: string | null;
  transactionId: number | null;
  endedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One entry of a local authorization list (OCPP 1.6 §7.1 AuthorizationData). */
export interface LocalListEntryDto {
  idTag: string;
  idTagInfo?: { status: string; expiryDate?: string; parentIdTag?: string };
}

export interface LocalListStateDto {
  chargePointId: string;
  /** The list the station holds as far as we know; null = unknown (the next update must be Full). */
  entries: LocalListEntryDto[] | null;
  /** Version of `entries` the station confirmed; null = unknown. */
  confirmedVersion: number | null;
  /** Last GetLocalListVersion answer: -1 = not supported, 0 = empty. */
  reportedVersion: number | null;
  reportedAt: string | null;
  lastUpdateType: string | null;
  lastStatus: string | null;
  updatedAt: string;
}

/**
 * A station's local list in `GET /api/local-lists`: its state without the entries (a depot's thousands of stations
 * each holding hundreds of tags would be a million entries), with what they add up to. The entries of one station:
 * `GET /api/charge-points/:id/local-list`.
 */
export interface LocalListSummaryDto extends Omit<LocalListStateDto, 'entries'> {
  /** How many entries the station holds as far as we know; null = unknown (the next update must be Full). */
  entryCount: number | null;
  /**
   * What a Differential update would carry to bring the list to every id tag of the central system (what the sync
   * route sends without `idTags`); null when what the station holds is unknown.
   */
  difference: { added: number; changed: number; removed: number } | null;
}

export interface ConfigurationEntryDto {
  key: string;
  readonly: boolean;
  /** Absent for secrets (AuthorizationKey) and for keys the station did not give a value for. */
  value?: string;
  /** Set by ChangeConfiguration answered RebootRequired (cleared by the next GetConfiguration). */
  rebootRequired?: boolean;
}

export interface ConfigurationSnapshotDto {
  chargePointId: string;
  entries: ConfigurationEntryDto[];
  unknownKeys: string[];
  /** Keys asked for in the last GetConfiguration; null = all keys. */
  requestedKeys: string[] | null;
  takenAt: string | null;
  updatedAt: string;
}

export interface CompositeScheduleDto {
  chargePointId: string;
  connectorId: number;
  request: Record<string, unknown>;
  answer: Record<string, unknown>;
  receivedAt: string;
}

export interface FileJobDto {
  id: number;
  chargePointId: string;
  kind: string;
  action: string;
  requestId: number | null;
  request: Record<string, unknown>;
  answer: Record<string, unknown> | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  /** The station's status notifications of this job (a GetLog's by its requestId, else those while it was open). */
  timeline: { status: string; requestId: number | null; receivedAt: string }[];
  /** How the station was told to upload to the built-in file server; null when the location was given (elsewhere). */
  uploadProtocol: 'ftp' | 'http' | null;
  /** Why that protocol: the station's SupportedFileTransferProtocols or its per-station setting. */
  uploadProtocolReason: string | null;
  /** A per-job upload credential was sent (user = station identity). The password itself is never returned. */
  hasUploadCredential: boolean;
  /** The credential works until the job ends or until then, whichever comes first. */
  credentialExpiresAt: string | null;
  /** The last status notification of this job. */
  stationStatus: string | null;
  endedAt: string | null;
  endedReason: string | null;
  /** Files that reached the built-in file server with this job's credential. */
  receivedFiles: { name: string; size: number; via: 'http' | 'ftp'; receivedAt: string }[];
  /** `uploaded-but-nothing-arrived`: the station reported Uploaded, but no file came with this job's credential. */
  problem: 'uploaded-but-nothing-arrived' | null;
}

/** A security event of a station: its SecurityEventNotification, or one the central system raised (a refused CSR). */
export interface SecurityEventDto {
  id: number;
  chargePointId: string;
  type: string;
  techInfo: string | null;
  timestamp: string;
  receivedAt: string;
  source: 'station' | 'csms';
}

/** GET /api/security-events: every station's, newest first. */
export interface SecurityEventQuery {
  /** 'csms': what the central system raised (a refused CSR); 'station': SecurityEventNotifications. */
  source?: 'station' | 'csms';
  /** Received at or after this time (ISO 8601). */
  since?: string;
  /** 1 to 1000, default 100. */
  limit?: number;
}

export type UploadProtocolSetting = 'auto' | 'ftp' | 'http';

/**
 * What decides a station's certificates and uploads (`GET /api/charge-points/{id}/security-settings`): whether a CSR
 * may carry another subject than the identity, which certificate would pass the profile-3 handshake, and which
 * protocol a GetDiagnostics / GetLog without a location would use.
 */
export interface StationSecuritySettingsDto {
  chargePointId: string;
  securityProfile: number;
  /** The operator allows signing a CSR whose subject CN is not the identity; its CN then identifies the station. */
  allowForeignCertificateCn: boolean;
  /** The CN that identifies the station in the profile-3 handshake besides its identity (null: the identity only). */
  certificateCn: string | null;
  /** Whether the station holds a certificate the profile-3 handshake accepts, and why (not). */
  profile3Ready: boolean;
  profile3Reason: string;
  uploadProtocol: UploadProtocolSetting;
  /** SupportedFileTransferProtocols from the station's last configuration snapshot (null: not known). */
  advertisedProtocols: string[] | null;
  /** What a GetDiagnostics / GetLog without a location would use now, and why. */
  effectiveUploadProtocol: 'ftp' | 'http' | null;
  effectiveUploadReason: string;
  updatedAt: string | null;
}

export interface InstalledCertificatesDto {
  chargePointId: string;
  certificateType: string;
  status: string;
  hashData: Record<string, unknown>[];
  receivedAt: string;
}

export interface FileStatusDto {
  status: string;
  requestId: number | null;
  receivedAt: string;
}

/** Rows as stored, where no typed shape is given (installed charging profiles: see shared/smart-charging). */
export type StoredRow = Record<string, unknown>;

export type { InstalledProfile as InstalledProfileDto } from '../smart-charging/types.js';

// ------------------------------------------------------------------------------------------------- file services

/** A firmware file the central system serves to stations (`GET /api/firmware`). */
export interface FirmwareFileDto {
  /** The stored (sanitized, unique) name: use it as `firmwareFile` in UpdateFirmware. */
  name: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** The name given when it was added, before sanitizing. */
  originalName: string;
  /** The URL stations download it from. */
  url: string;
}

/** A diagnostics or log file received from a station (`GET /api/charge-points/{id}/uploads`). */
export interface UploadedFileDto {
  chargePointId: string;
  name: string;
  size: number;
  receivedAt: string;
}

/** Where the file services listen and the URLs they give to stations (`GET /api/files/info`). */
export interface FileServicesInfoDto {
  httpPort: number;
  /** null when the FTP receiver is off. */
  ftpPort: number | null;
  advertisedHost: string;
  maxFirmwareBytes: number;
  maxUploadBytes: number;
  /**
   * Example URLs for one station (`?chargePointId=`, default CP-1). Uploads need the per-job credential that
   * GetDiagnostics / GetLog send to the station; examples show its place as `<job password>`.
   */
  examples: {
    chargePointId: string;
    firmware: string;
    httpUpload: string;
    /** null when FTP is off. */
    ftpUpload: string | null;
    /** The protocol a GetDiagnostics / GetLog without a location would use for this station now, and why. */
    defaultUploadProtocol: 'ftp' | 'http';
    defaultUploadReason: string;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Smart charging: the profile library, profile checks, installing, the locally computed schedule
// ---------------------------------------------------------------------------------------------------------------

export type { ChargingProfile as ChargingProfileDto, ProfileProblem as ProfileProblemDto, ProfileContext } from '../smart-charging/index.js';

/** One named profile of the library (`GET /api/charging-profiles`). */
export interface LibraryProfileDto {
  id: number;
  name: string;
  description: string;
  /** An OCPP 1.6 ChargingProfile (schema-valid). */
  profile: ChargingProfile;
  createdAt: string;
  updatedAt: string;
}

/** The PUT answer: the stored profile and the advisory problems found in it (never blocking). */
export interface LibraryProfilePutResponse extends LibraryProfileDto {
  problems: ProfileProblem[];
}

export interface ProfileCheckResponse {
  problems: ProfileProblem[];
}

/** The calls route's answer, plus the advice on the profile as sent. */
export type ProfileInstallResponse = CallResponse & { problems: ProfileProblem[] };

export interface LocalScheduleQuery {
  connectorId: number;
  /** Default 86400. */
  durationSec?: number;
  /** Default: W when every profile that counts is in W, else A. */
  unit?: 'A' | 'W';
  /** Sample on a regular grid instead of at the change points. */
  stepSec?: number;
}

/** GET /api/charge-points/{id}/schedule: the composite schedule computed locally, and the station's last answer. */
export interface LocalScheduleDto {
  chargePointId: string;
  connectorId: number;
  /** The transaction running on the connector, when there is one (enables TxProfiles). */
  transactionId: number | null;
  /** How many accepted profiles the station holds (all connectors). */
  installedCount: number;
  schedule: {
    scheduleStart: string;
    duration: number;
    chargingRateUnit: 'A' | 'W';
    /** Limited ranges only (gaps are unlimited); endPeriod is exclusive. */
    periods: { startPeriod: number; endPeriod: number; limit: number; numberPhases?: number }[];
  };
  /** Step points for a chart: the limit from `at` until the next point; null = unlimited. */
  samples: { at: string; limit: number | null }[];
  /** The last GetCompositeSchedule answer stored for this connector; null when never asked. */
  reported: CompositeScheduleDto | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Local list sync: POST /api/charge-points/{id}/local-list/sync
// ---------------------------------------------------------------------------------------------------------------

export type LocalListSyncResponse =
  | {
      upToDate: false;
      updateType: 'Full' | 'Differential';
      listVersion: number;
      /** Entries sent (for a Differential: only the changes). */
      entryCount: number;
      /** The station's answer, as the calls route gives it. */
      outcome: CallResponse;
    }
  | {
      /** The list the station confirmed already is the desired one: nothing was sent. */
      upToDate: true;
      updateType: null;
      /** The version the station confirmed. */
      listVersion: number;
      entryCount: 0;
      outcome: null;
    };

// ---------------------------------------------------------------------------------------------------------------
// Backups and restore: /api/backups
// ---------------------------------------------------------------------------------------------------------------

export interface BackupDto {
  /** File name in `<data folder>/backups/`; the id used by the routes. */
  name: string;
  sizeBytes: number;
  createdAt: string;
  /** `auto` (timer), `manual` (POST /api/backups), `pre-migration` (made before a schema upgrade, never rotated). */
  reason: 'auto' | 'manual' | 'pre-migration';
  /** Number of schema migrations applied in the backup. */
  schemaVersion: number;
}

/** GET /api/backups */
export interface BackupListDto {
  backups: BackupDto[];
  /** Folder holding the backups. */
  directory: string;
  /** The schema version of the running database. */
  currentSchemaVersion: number;
  intervalHours: number;
  keepCount: number;
  running: boolean;
  nextAutomaticAt: string | null;
  /** The last failure of a backup, cleared by the next success. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** A restore staged for the next start, if any. */
  pendingRestore: { backup: string; requestedAt: string } | null;
}

/** POST /api/backups/{name}/restore: staged; applied when the central system next starts. */
export interface BackupRestoreDto {
  staged: true;
  backup: string;
  requestedAt: string;
  /** What the operator must do (restart) and where the current database will be kept. */
  message: string;
}

/** One certificate of the TLS setup (GET /api/security/tls). */
export interface TlsCertificateDto {
  role: 'ca' | 'server';
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprint256: string;
  validFrom: string;
  validTo: string;
  /** RSA, or EC with its curve. */
  keyType: string;
  keyBits: number | null;
  subjectAltName: string | null;
}

/** GET /api/security/tls: the wss listener (security profiles 2 and 3) and its certificates. */
export interface TlsInfoDto {
  enabled: boolean;
  port: number | null;
  /** wss URLs to give chargers, one per address of this PC. */
  urls: string[];
  /** Whether the server certificates were generated here or given by the operator (--tls-cert). */
  serverCertificates: 'generated' | 'operator' | null;
  /** Whether the CA is the local one or the operator's (--tls-ca). */
  ca: 'generated' | 'operator' | null;
  /** Folder of the generated files. */
  directory: string | null;
  /** SignCertificate is answered Accepted (a CA key is available). */
  canSignStationCertificates: boolean;
  certificates: TlsCertificateDto[];
  /** TLS 1.2 suites offered (IANA names); TLS 1.3 is offered too. */
  cipherSuites: string[];
  minVersion: 'TLSv1.2';
}

// ---------------------------------------------------------------------------------------------------------------
// Simulated stations: /api/simulators (charge points simulated inside the central system's process)
// ---------------------------------------------------------------------------------------------------------------

export type SimulatorAction = 'plug-in' | 'start' | 'stop' | 'unplug' | 'fault' | 'clear-fault' | 'reconnect' | 'disconnect';

export interface SimulatorConnectorDto {
  connectorId: number;
  /** OCPP 1.6 ChargePointStatus the simulated station last reported. */
  status: string;
  errorCode: string;
  transactionId: number | null;
  idTag: string | null;
  transactionStartedAt: string | null;
  /** Power flowing now (W); 0 without a charging session. */
  powerW: number;
  /** Energy register of the connector (Wh). */
  energyWh: number;
}

export interface SimulatorDto {
  id: string;
  connected: boolean;
  /** The central system's answer to the last BootNotification (null before the first). */
  registrationStatus: string | null;
  /** Status of connector 0 (the station as a whole). */
  stationStatus: string;
  connectorCount: number;
  maxPowerW: number;
  meterValueSampleIntervalSec: number;
  autoReconnect: boolean;
  startedAt: string;
  /** The last time the socket closed, with its WebSocket close code. */
  lastClose: { at: string; code: number; reason: string } | null;
  /** The last failure of a connect or a background flow. */
  lastError: string | null;
  /** Connectors 1..n. */
  connectors: SimulatorConnectorDto[];
}

export interface SimulatorStartResponse {
  items: SimulatorDto[];
}

export interface SimulatorActionResponse {
  simulator: SimulatorDto;
  /** What happened: `ok` false when the central system refused (e.g. the id tag was not Accepted). */
  outcome: { ok: boolean; message: string; transactionId?: number; idTagInfo?: Record<string, unknown> };
}

/** GET /api/settings/startup: options fixed at start (flags / environment), with the ports actually bound. */
export interface StartupInfoDto {
  dataDir: string;
  databaseFile: string;
  ocppHost: string;
  ocppPort: number;
  /** The wss listener's port; null when off. */
  ocppTlsPort: number | null;
  apiHost: string;
  apiPort: number;
  /** null when the file services do not run. */
  fileHttpPort: number | null;
  /** null when FTP is off. */
  ftpPort: number | null;
  advertisedHost: string | null;
  syncMode: 'FULL' | 'NORMAL';
  /** The flag that sets each option (they need a restart). */
  flags: Record<string, string>;
}

/** Who acted through the operator API: the desktop console window (IPC), the console in a browser, or a script. */
export type AuditClient = 'console-window' | 'console-browser' | 'script';

/**
 * One operator action (GET /api/audit): a change made through the operator API, with the client that made it, what
 * was sent and what came back. Secrets (passwords, tokens, AuthorizationKey) are redacted; long bodies are cut,
 * and say so (`…[cut: N bytes in all]`).
 */
export interface AuditEntryDto {
  id: number;
  at: string;
  client: AuditClient;
  /** What the client called itself: a script's `X-Operator-Client` value, else its User-Agent (null: not said). */
  clientName: string | null;
  remoteAddress: string | null;
  method: string;
  path: string;
  /** What it did, in words: "call Reset", "settings change", "id tag create", ... */
  action: string;
  chargePointId: string | null;
  /** The request body as received (redacted), or null when there was none. */
  request: string | null;
  status: number;
  /** The answer as sent (redacted), or null when empty. */
  response: string | null;
  durationMs: number;
}

export interface AuditQuery {
  limit?: number;
  /** Entries with an id below this one (the next page, newest first). */
  before?: number;
  client?: AuditClient;
  chargePointId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Sites: stations behind one grid supply and the limits shared among their sessions (docs/api.md "Sites")
// ---------------------------------------------------------------------------------------------------------------

/**
 * A site as stored: the PUT body as the operator gave it (optional fields absent when not given; `schedule` is []
 * when none), with its id and times. GET and PUT answer with this; it can be sent back as a PUT body without `id`,
 * `createdAt` and `updatedAt`.
 */
export interface SiteDto extends Omit<SiteUpdate, 'schedule'> {
  id: string;
  schedule: NonNullable<SiteUpdate['schedule']>;
  createdAt: string;
  updatedAt: string;
}

/** 409 on PUT /api/sites/{siteId}: stations that belong to another site (`details.taken`). */
export interface SiteStationTaken {
  chargePointId: string;
  siteId: string;
}

/** Why a session has the limit it has (main/csms/sites/allocate.ts). */
export type SiteAllocationReason = 'share' | 'capped-by-max' | 'gives-back' | 'paused-no-room' | 'held-offline' | 'held-refused' | 'not-charging';

/** One charging session of a site in GET /api/sites/{siteId}/allocation. All currents are per phase. */
export interface SiteSessionAllocation {
  chargePointId: string;
  connectorId: number;
  /** null while the session has no transaction yet (Preparing). */
  transactionId: number | null;
  idTag: string | null;
  state: 'charging' | 'suspendedEV' | 'suspendedEVSE' | 'preparing' | 'finishing';
  online: boolean;
  /** The limit the allocation gives this session now (A; 0 = paused). For a held session, what is counted for it. */
  allocatedA: number;
  reason: SiteAllocationReason;
  /** The last limit sent to the station with SetChargingProfile (A) and its answer; null when none was sent yet. */
  sentA: number | null;
  sentAt: string | null;
  sentOutcome: 'pending' | 'accepted' | 'rejected' | 'no-answer' | null;
  /** From the newest meter values of the session; null when the station reports none. */
  measuredA: number | null;
  measuredW: number | null;
}

/** GET /api/sites/{siteId}/allocation: the limit in force now and how it is shared (docs/api.md "Sites"). */
export interface SiteAllocation {
  siteId: string;
  /** When this was computed (ISO 8601). */
  at: string;
  phases: number;
  /** The site's limit in force now (schedule applied), per phase, before the safety margin. */
  limitA: number;
  /** What may be allocated: the limit minus the margin, per phase. */
  budgetA: number;
  /** Sum of every session's allocation, held ones included; never above budgetA unless holds alone are. */
  allocatedA: number;
  /** Sum of the sessions' measured current per phase (null when none is measured) and power. */
  measuredA: number | null;
  measuredW: number | null;
  sessions: SiteSessionAllocation[];
  /** Open alerts of the site (station refused a profile, measured sum above the limit for more than a minute). */
  alerts: SiteEvent[];
}

/** One entry of a site's event history (GET /api/sites/{siteId}/events): every decision and alert. */
export interface SiteEvent {
  id: number;
  siteId: string;
  at: string;
  kind:
    | 'allocation'
    | 'profile-sent'
    | 'profile-accepted'
    | 'profile-rejected'
    | 'profile-no-answer'
    | 'station-offline'
    | 'station-online'
    | 'over-limit'
    | 'boot-default-profile'
    | 'alert-cleared';
  severity: 'info' | 'warning' | 'alert';
  chargePointId: string | null;
  connectorId: number | null;
  /** A sentence for the operator, e.g. "CP-3 rejected a 16 A TxProfile; counted at its maximum 32 A". */
  message: string;
}

/** GET /api/sites/{siteId}/events: newest first, keyset paged by `before` (an event id). */
export interface SiteEventQuery {
  before?: number;
  limit?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration baselines: the key values stations should hold, and each station's drift (docs/api.md "Baselines")
// ---------------------------------------------------------------------------------------------------------------

/** A baseline as stored: the PUT body with its name, its assignments always listed, and its times. */
export interface ConfigurationBaselineDto extends Omit<ConfigurationBaselineUpdate, 'stations' | 'sites'> {
  name: string;
  entries: ConfigurationBaselineEntry[];
  stations: string[];
  sites: string[];
  createdAt: string;
  updatedAt: string;
}

/**
 * How one baseline key stands on a station, from its last GetConfiguration:
 * `matches`; `differs` (ChangeConfiguration can fix it); `differs-readonly` (the station reports it read-only);
 * `unknown-key` (the station said it does not know the key); `not-reported` (the last read did not include it);
 * `not-read` (no GetConfiguration answer stored yet).
 */
export type ConfigurationDriftState = 'matches' | 'differs' | 'differs-readonly' | 'unknown-key' | 'not-reported' | 'not-read';

export interface ConfigurationDriftEntry {
  key: string;
  expected: string;
  /** As the station reported it; null when it reported no value. */
  actual: string | null;
  readonly: boolean | null;
  state: ConfigurationDriftState;
  /** A change of this key was answered RebootRequired and the station has not been read since. */
  rebootRequired?: boolean;
}

/** GET /api/charge-points/{id}/configuration-drift. */
export interface ConfigurationDrift {
  chargePointId: string;
  /** The baseline the station follows (its own, else its site's); null when none. */
  baseline: string | null;
  via: 'station' | 'site' | null;
  siteId: string | null;
  /** When the configuration compared was read (GetConfiguration); null when never. */
  snapshotTakenAt: string | null;
  entries: ConfigurationDriftEntry[];
  /** Entries not `matches`. */
  offBaseline: number;
}

/** One station in GET /api/configuration-drift (the fleet): only stations that follow a baseline. */
export interface FleetDriftItem {
  chargePointId: string;
  baseline: string;
  via: 'station' | 'site';
  snapshotTakenAt: string | null;
  offBaseline: number;
  /** Of those, how many ChangeConfiguration could fix (state `differs`). */
  fixable: number;
}

/** POST /api/charge-points/{id}/configuration-baseline/apply: what each key's ChangeConfiguration did. */
export interface BaselineApplyResult {
  chargePointId: string;
  baseline: string;
  results: BaselineKeyResult[];
  /** Some key answered RebootRequired: the values take effect after a reboot (OCPP 1.6 §5.4). */
  rebootRequired: boolean;
  /** The drift after the changes (the station's configuration read again). */
  drift: ConfigurationDrift;
}

export interface BaselineKeyResult {
  key: string;
  value: string;
  /** The station's ChangeConfiguration answer, or why nothing was sent / no answer came. */
  status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported' | 'failed' | 'skipped';
  /** For `failed` and `skipped`: why (e.g. the station reports the key read-only). */
  message?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Commissioning runs: the checks a technician runs on a connected station, with evidence (docs/api.md "Commissioning")
// ---------------------------------------------------------------------------------------------------------------

/** Every check a commissioning run can hold, in the order a run performs them. */
export const COMMISSIONING_CHECKS = [
  'connection',
  'boot',
  'heartbeat',
  'connector-status',
  'clock',
  'configuration',
  'local-list',
  'remote-start',
  'meter-values',
  'remote-stop',
  'unlock',
  'charging-profile',
  'reservation',
  'diagnostics-upload',
] as const;
export type CommissioningCheckId = (typeof COMMISSIONING_CHECKS)[number];

/** Each check's title, the same in the reports, the API's runs and the console's template choices. */
export const COMMISSIONING_CHECK_TITLES: Record<CommissioningCheckId, string> = {
  connection: 'Connection',
  boot: 'BootNotification',
  heartbeat: 'Heartbeat interval',
  'connector-status': 'Status of every connector',
  clock: 'Clock',
  configuration: 'Configuration and baseline',
  'local-list': 'Local authorization list',
  'remote-start': 'Remote start',
  'meter-values': 'Meter values',
  'remote-stop': 'Remote stop',
  unlock: 'Unlock connector',
  'charging-profile': 'Charging profile',
  reservation: 'Reservation',
  'diagnostics-upload': 'Diagnostics upload',
};

export type CommissioningCheckStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'needs-technician';

/** One call the check made and what came back: the evidence a report shows. */
export interface CommissioningExchange {
  action: string;
  request: Record<string, unknown>;
  /** The CALLRESULT payload, or the CALLERROR, or why nothing came back. */
  response?: Record<string, unknown>;
  error?: string;
  at: string;
}

export interface CommissioningCheckResult {
  id: CommissioningCheckId;
  title: string;
  status: CommissioningCheckStatus;
  /** One sentence: what was found, or what the technician must do. */
  summary: string;
  /** Values read (e.g. clock offset, measurands seen). */
  values: Record<string, unknown>;
  exchanges: CommissioningExchange[];
  startedAt: string | null;
  finishedAt: string | null;
}

export interface CommissioningRunDto {
  id: number;
  chargePointId: string;
  template: string | null;
  status: 'running' | 'passed' | 'failed' | 'stopped';
  operator: string | null;
  connectorId: number;
  testIdTag: string;
  /** The station as it was when the run started (boot fields, security profile, heartbeat interval). */
  station: { vendor: string | null; model: string | null; serial: string | null; firmware: string | null; securityProfile: number };
  checks: CommissioningCheckResult[];
  /** The configuration read by the `configuration` check (key, value, readonly). */
  configuration: ConfigurationEntryDto[] | null;
  /** Checks whose status differs from the previous finished run of this station: id → previous status. */
  changedSincePrevious: Partial<Record<CommissioningCheckId, CommissioningCheckStatus>> | null;
  previousRunId: number | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A saved choice of checks, e.g. "AC wallbox, no reservations". */
export interface CommissioningTemplateDto {
  name: string;
  description?: string;
  checks: CommissioningCheckId[];
  /** Built in: cannot be replaced or deleted. */
  builtIn: boolean;
}
