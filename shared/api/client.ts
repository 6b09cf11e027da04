/**
 * A small typed client of the operator API, for tests, scripts and the console. Uses the global `fetch` unless one
 * is given; every non-2xx answer throws ApiRequestError with the API's stable error code.
 */
import { ApiRequestError, isApiErrorBody } from './errors.js';
import type { ReplayRequest, ReplayRunDto, ReplayRunSummary, Scenario, ScenarioRunDto, ScenarioRunSummary } from './scenario.js';
import type {
  ApiTokenDto,
  BackupDto,
  BackupListDto,
  BackupRestoreDto,
  CallResponse,
  ChargePointDto,
  ChargePointUpdate,
  ConnectionEventDto,
  EnergyReport,
  EnergyReportQuery,
  FileServicesInfoDto,
  FirmwareFileDto,
  IdTagDto,
  IdTagCreate,
  IdTagImportMode,
  IdTagImportResult,
  IdTagUpdate,
  LibraryProfileDto,
  LibraryProfilePutResponse,
  LibraryProfileUpdate,
  ListResponse,
  LocalListStateDto,
  LocalListSummaryDto,
  LocalListSyncResponse,
  LocalScheduleDto,
  LocalScheduleQuery,
  MessageLogPage,
  MessageLogQuery,
  ProfileCheckRequest,
  ProfileCheckResponse,
  ProfileInstallRequest,
  ProfileInstallResponse,
  FormatRefusalDto,
  RefusedHandshakeDto,
  SettingsDto,
  SettingsPatch,
  BaselineApplyResult,
  CommissioningRunDto,
  CommissioningRunRequest,
  CommissioningTemplateDto,
  CommissioningTemplateUpdate,
  ConfigurationBaselineDto,
  ConfigurationBaselineUpdate,
  ConfigurationDrift,
  FleetDriftItem,
  SiteAllocation,
  SiteDto,
  SiteEvent,
  SiteEventQuery,
  SiteUpdate,
  StatusDto,
  StoredRow,
  TransactionDetailDto,
  TransactionDto,
  TransactionPage,
  TransactionQuery,
  UploadedFileDto,
} from './types.js';
import type { TlsInfoDto } from './types.js';
import type { FileJobDto, SecurityEventDto, SecurityEventQuery, StationSecuritySettingsDto, StationSecuritySettingsUpdate } from './types.js';
import type {
  SimulatorAction,
  SimulatorActionRequest,
  SimulatorActionResponse,
  SimulatorDto,
  SimulatorStartRequest,
  SimulatorStartResponse,
  StartupInfoDto,
} from './types.js';
import type { AnomalyDto, AnomalyQuery, MeterValueDto } from './types.js';
import type { AuditEntryDto, AuditQuery, ConfigurationSnapshotDto } from './types.js';
import type { StorageDto } from './storage.js';
import { AUDIT_CLIENT_HEADER } from './audit.js';

/** The part of `fetch` the client uses (no DOM types needed). */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
) => Promise<{
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer?(): Promise<ArrayBuffer>;
}>;

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8181 (with or without a trailing /api). */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  /**
   * How this client is named in the audit trail (`X-Operator-Client`, see audit.ts): `console-browser` for the
   * console in a browser; a script may give its own name. Without it the server names the client by its User-Agent.
   */
  client?: string;
}

/** Query parameters; an array is sent as the parameter repeated (`id=A&id=B`). */
type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface ApiClient {
  readonly baseUrl: string;
  /** Any route: `path` starts with /api. Resolves with the parsed JSON (or text for non-JSON answers). */
  request<T = unknown>(method: string, path: string, options?: { query?: Query; body?: unknown; text?: string; contentType?: string }): Promise<T>;
  /** URL of the event stream with the token as a query parameter (EventSource cannot send headers). */
  eventsUrl(types?: string[]): string;

  status(): Promise<StatusDto>;
  /** What takes the data folder's space, the disk budget and what it will prune (GET /api/storage). */
  storage(): Promise<StorageDto>;
  call(chargePointId: string, action: string, payload: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<CallResponse>;

  /** Every station, or only those of `ids` that exist (at most MAX_STATION_IDS_PER_LIST per request). */
  listChargePoints(ids?: readonly string[]): Promise<ListResponse<ChargePointDto>>;
  getChargePoint(id: string): Promise<ChargePointDto>;
  putChargePoint(id: string, update: ChargePointUpdate): Promise<ChargePointDto>;
  deleteChargePoint(id: string): Promise<void>;
  connectionEvents(id: string, limit?: number): Promise<ListResponse<ConnectionEventDto>>;
  /** The last GetConfiguration snapshot (OCPP 1.6 §5.8); null while the station was never asked. */
  getConfiguration(id: string): Promise<ConfigurationSnapshotDto | null>;
  refusedHandshakes(limit?: number): Promise<ListResponse<RefusedHandshakeDto>>;
  /** Stations whose CALLs were refused for their format while read strictly (Connection doctor). */
  formatRefusals(): Promise<ListResponse<FormatRefusalDto>>;

  /** In natural order (TAG2 before TAG10); `search` matches id, parent or description among all tags. */
  listIdTags(query?: { limit?: number; offset?: number; search?: string }): Promise<ListResponse<IdTagDto>>;
  getIdTag(idTag: string): Promise<IdTagDto>;
  /** A new tag; refused (409) when the tag exists. */
  createIdTag(tag: IdTagCreate): Promise<IdTagDto>;
  putIdTag(idTag: string, update: IdTagUpdate): Promise<IdTagDto>;
  deleteIdTag(idTag: string): Promise<void>;
  exportIdTagsCsv(): Promise<string>;
  importIdTagsCsv(csv: string, mode?: IdTagImportMode): Promise<IdTagImportResult>;

  listTransactions(query?: TransactionQuery): Promise<TransactionPage>;
  getTransaction(id: number): Promise<TransactionDetailDto>;
  exportTransactionsCsv(query?: TransactionQuery): Promise<string>;
  closeTransaction(id: number, note?: string): Promise<TransactionDto>;
  /** Transactions of one id tag, with the list's other filters. */
  listIdTagTransactions(idTag: string, query?: TransactionQuery): Promise<TransactionPage>;
  /** Meter values sent without a transactionId on the transaction's connector while it ran. */
  unassignedMeterValues(transactionId: number): Promise<ListResponse<MeterValueDto>>;
  /** Energy per day or month and per station, connector, id tag or parent tag (docs/api.md "Reports"). */
  energyReport(query: EnergyReportQuery): Promise<EnergyReport>;
  /** The same report as CSV, one line per row. */
  exportEnergyReportCsv(query: EnergyReportQuery): Promise<string>;
  /** Station reports that conflict with what is stored, newest first (of a station, of a transaction, or all). */
  listAnomalies(query?: AnomalyQuery): Promise<ListResponse<AnomalyDto>>;

  messageLog(query?: MessageLogQuery): Promise<MessageLogPage>;
  exportMessageLogNdjson(query?: Omit<MessageLogQuery, 'beforeId' | 'limit'>): Promise<string>;
  /** The operator actions, newest first, with the client that made each (GET /api/audit). */
  listAudit(query?: AuditQuery): Promise<ListResponse<AuditEntryDto>>;
  exportAuditNdjson(query?: Omit<AuditQuery, 'before' | 'limit'>): Promise<string>;

  getSettings(): Promise<SettingsDto>;
  patchSettings(patch: SettingsPatch): Promise<SettingsDto>;
  rotateApiToken(): Promise<ApiTokenDto>;

  /** Firmware files served to stations (needs the file services; 503 API_ERR_UNAVAILABLE without them). */
  listFirmware(): Promise<ListResponse<FirmwareFileDto>>;
  /** Upload a firmware file (raw bytes); the stored name may differ (sanitized, made unique). */
  uploadFirmware(name: string, data: Uint8Array): Promise<FirmwareFileDto>;
  deleteFirmware(name: string): Promise<void>;
  /** Diagnostics / log files received from a station. */
  listUploads(chargePointId: string): Promise<ListResponse<UploadedFileDto>>;
  downloadUpload(chargePointId: string, name: string): Promise<Uint8Array>;
  fileServicesInfo(options?: { chargePointId?: string }): Promise<FileServicesInfoDto>;

  /** The charging profile library: named OCPP ChargingProfiles. PUT answers 422 (details.issues) for a schema-invalid profile. */
  listLibraryProfiles(): Promise<ListResponse<LibraryProfileDto>>;
  getLibraryProfile(name: string): Promise<LibraryProfileDto>;
  putLibraryProfile(name: string, update: LibraryProfileUpdate): Promise<LibraryProfilePutResponse>;
  deleteLibraryProfile(name: string): Promise<void>;
  /** Advisory problems of a profile (never blocking). */
  checkChargingProfile(request: ProfileCheckRequest): Promise<ProfileCheckResponse>;
  /** SetChargingProfile with a library profile; answers like `call`, plus the advice. */
  installLibraryProfile(chargePointId: string, request: ProfileInstallRequest, options?: { timeoutMs?: number }): Promise<ProfileInstallResponse>;
  /** The composite schedule computed locally from the profiles the station accepted, and its last reported one. */
  localSchedule(chargePointId: string, query: LocalScheduleQuery): Promise<LocalScheduleDto>;
  /**
   * Sites: stations behind one grid supply and their limits (docs/api.md "Sites"). PUT creates or replaces the whole
   * site; 422 names each bad field, 409 (details.taken) a station that belongs to another site.
   */
  listSites(): Promise<ListResponse<SiteDto>>;
  getSite(siteId: string): Promise<SiteDto>;
  putSite(siteId: string, site: SiteUpdate): Promise<SiteDto>;
  deleteSite(siteId: string): Promise<void>;
  /** Configuration baselines (docs/api.md "Configuration baselines"): PUT creates or replaces one with its assignments. */
  listConfigurationBaselines(): Promise<ListResponse<ConfigurationBaselineDto>>;
  getConfigurationBaseline(name: string): Promise<ConfigurationBaselineDto>;
  putConfigurationBaseline(name: string, baseline: ConfigurationBaselineUpdate): Promise<ConfigurationBaselineDto>;
  deleteConfigurationBaseline(name: string): Promise<void>;
  /** A station's configuration against its baseline, from its last GetConfiguration. */
  configurationDrift(chargePointId: string): Promise<ConfigurationDrift>;
  /** Every station that follows a baseline, with how far it is off. */
  fleetDrift(): Promise<ListResponse<FleetDriftItem>>;
  /** Read the station's configuration, change every key that differs, read it again. */
  applyConfigurationBaseline(chargePointId: string, options?: { timeoutMs?: number }): Promise<BaselineApplyResult>;
  /** Commissioning (docs/api.md "Commissioning"): start a run of checks; it goes on in the background. */
  startCommissioningRun(chargePointId: string, request: CommissioningRunRequest): Promise<CommissioningRunDto>;
  getCommissioningRun(chargePointId: string, runId: number): Promise<CommissioningRunDto>;
  listCommissioningRuns(chargePointId: string): Promise<ListResponse<CommissioningRunDto>>;
  listCommissioningTemplates(): Promise<ListResponse<CommissioningTemplateDto>>;
  putCommissioningTemplate(name: string, template: CommissioningTemplateUpdate): Promise<CommissioningTemplateDto>;
  deleteCommissioningTemplate(name: string): Promise<void>;
  /** The limit in force now and each session's share, measured and sent (docs/api.md "Sites"). */
  getSiteAllocation(siteId: string): Promise<SiteAllocation>;
  /** The site's decisions and alerts, newest first. */
  listSiteEvents(siteId: string, query?: SiteEventQuery): Promise<ListResponse<SiteEvent>>;
  /** Every station's local list summed up against the id tags, without the entries (docs/api.md "Local lists"). */
  listLocalLists(): Promise<ListResponse<LocalListSummaryDto>>;
  /** What the station holds as far as we know, with the entries; null while it was never sent a list. */
  getLocalList(chargePointId: string): Promise<LocalListStateDto | null>;
  /** Bring the station's local list to the id-tag table (all tags, or `idTags`): Full or Differential as needed. */
  syncLocalList(chargePointId: string, idTags?: string[]): Promise<LocalListSyncResponse>;

  /** GET routes over the operations state (reservations, local lists, ...): see docs/api.md. */
  listOperationsState(resource: string, query?: Query): Promise<ListResponse<StoredRow>>;

  /** Backups in `<data folder>/backups/`, the schedule, and a staged restore (docs/api.md "Backups"). */
  listBackups(): Promise<BackupListDto>;
  /** Make a backup now (online; resolves when it is written and verified). */
  createBackup(): Promise<BackupDto>;
  downloadBackup(name: string): Promise<Uint8Array>;
  /** Stage a restore; it is applied when the central system next starts. */
  restoreBackup(name: string): Promise<BackupRestoreDto>;
  cancelPendingRestore(): Promise<void>;

  /** The wss listener (security profiles 2 and 3): port, URLs, certificates and where they come from. */
  tlsInfo(): Promise<TlsInfoDto>;
  /** The CA certificate (PEM) chargers must trust; 503 API_ERR_UNAVAILABLE while the wss listener is off. */
  caCertificatePem(): Promise<string>;
  /** A station's certificate identity, profile-3 readiness and upload protocol (security-settings). */
  stationSecuritySettings(chargePointId: string): Promise<StationSecuritySettingsDto>;
  putStationSecuritySettings(chargePointId: string, update: StationSecuritySettingsUpdate): Promise<StationSecuritySettingsDto>;
  securityEvents(chargePointId: string, options?: { limit?: number }): Promise<ListResponse<SecurityEventDto>>;
  /** Every station's security events, newest first (e.g. `{ source: 'csms', since }`: the CSRs refused since). */
  listSecurityEvents(query?: SecurityEventQuery): Promise<ListResponse<SecurityEventDto>>;
  /** Firmware / diagnostics / log jobs of a station, newest first, each with its own timeline (never a credential). */
  fileJobs(chargePointId: string, options?: { limit?: number }): Promise<ListResponse<FileJobDto>>;

  /** Simulated stations run by the central system itself (docs/api.md "Simulated stations"). */
  listSimulators(): Promise<ListResponse<SimulatorDto>>;
  startSimulators(request: SimulatorStartRequest): Promise<SimulatorStartResponse>;
  deleteSimulator(id: string): Promise<void>;
  simulatorAction(id: string, action: SimulatorAction, body?: SimulatorActionRequest): Promise<SimulatorActionResponse>;
  /** Scenario runs and replays against this central system (docs/scenarios.md): started at once, read by run id. */
  startScenarioRun(scenario: Scenario): Promise<ScenarioRunDto>;
  getScenarioRun(runId: string): Promise<ScenarioRunDto>;
  /** The kept runs (the latest 50 ended ones and those running), newest first. */
  listScenarioRuns(): Promise<ListResponse<ScenarioRunSummary>>;
  startReplay(request: ReplayRequest): Promise<ReplayRunDto>;
  getReplay(runId: string): Promise<ReplayRunDto>;
  listReplays(): Promise<ListResponse<ReplayRunSummary>>;
  /** Startup options (ports, data folder) as bound; they change only with a restart. */
  startupInfo(): Promise<StartupInfoDto>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
  const fetchImpl: FetchLike | undefined = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!fetchImpl) throw new Error('createApiClient: no fetch available; pass one');
  let token = options.token;

  const url = (path: string, query?: Query) => {
    const params = Object.entries(query ?? {}).flatMap(([k, v]) =>
      v === undefined ? [] : (Array.isArray(v) ? (v as readonly string[]) : [v as string | number | boolean]).map((one) => [k, one] as const),
    );
    const search = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  };
  const seg = encodeURIComponent;

  async function request<T>(
    method: string,
    path: string,
    opts: { query?: Query; body?: unknown; text?: string; bytes?: Uint8Array; contentType?: string; binaryAnswer?: boolean } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: opts.binaryAnswer ? 'application/octet-stream, application/json' : 'application/json',
    };
    if (options.client) headers[AUDIT_CLIENT_HEADER] = options.client;
    let body: string | Uint8Array | undefined;
    if (opts.bytes !== undefined) {
      body = opts.bytes;
      headers['content-type'] = opts.contentType ?? 'application/octet-stream';
    } else if (opts.text !== undefined) {
      body = opts.text;
      headers['content-type'] = opts.contentType ?? 'text/plain; charset=utf-8';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetchImpl!(url(path, opts.query), { method, headers, body });
    if (opts.binaryAnswer && response.ok) {
      if (!response.arrayBuffer) throw new Error('createApiClient: the fetch given cannot read binary answers (no arrayBuffer)');
      return new Uint8Array(await response.arrayBuffer()) as T;
    }
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    const parsed: unknown = isJson && text ? JSON.parse(text) : text;
    if (!response.ok) {
      if (isApiErrorBody(parsed)) throw new ApiRequestError(response.status, parsed.error.code, parsed.error.message, parsed.error.details);
      throw new ApiRequestError(response.status, 'API_ERR_INTERNAL', `HTTP ${response.status}`);
    }
    return (response.status === 204 ? undefined : parsed) as T;
  }

  const client: ApiClient = {
    baseUrl,
    request,
    eventsUrl: (types) => url('/api/events', { token, types: types?.length ? types.join(',') : undefined }),
    status: () => request('GET', '/api/status'),
    storage: () => request('GET', '/api/storage'),
    call: (id, action, payload, o = {}) =>
      request('POST', `/api/charge-points/${seg(id)}/calls/${seg(action)}`, { body: payload, query: { timeoutMs: o.timeoutMs } }),

    // No ids at all would be no `id` parameter, which asks for every station: answered here instead.
    listChargePoints: (ids) =>
      ids?.length === 0 ? Promise.resolve({ items: [], total: 0 }) : request('GET', '/api/charge-points', { query: { id: ids } }),
    getChargePoint: (id) => request('GET', `/api/charge-points/${seg(id)}`),
    putChargePoint: (id, update) => request('PUT', `/api/charge-points/${seg(id)}`, { body: update }),
    deleteChargePoint: (id) => request('DELETE', `/api/charge-points/${seg(id)}`),
    connectionEvents: (id, limit) => request('GET', `/api/charge-points/${seg(id)}/connection-events`, { query: { limit } }),
    getConfiguration: (id) => request('GET', `/api/charge-points/${seg(id)}/configuration`, { query: { ifNone: 'null' } }),
    refusedHandshakes: (limit) => request('GET', '/api/handshakes/refused', { query: { limit } }),
    formatRefusals: () => request('GET', '/api/doctor/format-refusals'),

    listIdTags: (q = {}) => request('GET', '/api/id-tags', { query: { ...q } }),
    getIdTag: (idTag) => request('GET', `/api/id-tags/${seg(idTag)}`),
    createIdTag: (tag) => request('POST', '/api/id-tags', { body: tag }),
    putIdTag: (idTag, update) => request('PUT', `/api/id-tags/${seg(idTag)}`, { body: update }),
    deleteIdTag: (idTag) => request('DELETE', `/api/id-tags/${seg(idTag)}`),
    exportIdTagsCsv: () => request('GET', '/api/id-tags.csv'),
    importIdTagsCsv: (csv, mode) =>
      request('POST', '/api/id-tags.csv', { text: csv, contentType: 'text/csv; charset=utf-8', ...(mode ? { query: { mode } } : {}) }),

    listTransactions: (q = {}) => request('GET', '/api/transactions', { query: { ...q } }),
    getTransaction: (id) => request('GET', `/api/transactions/${id}`),
    exportTransactionsCsv: (q = {}) => request('GET', '/api/transactions.csv', { query: { ...q } }),
    closeTransaction: (id, note) => request('POST', `/api/transactions/${id}/close`, { body: note === undefined ? {} : { note } }),
    listIdTagTransactions: (idTag, q = {}) => request('GET', `/api/id-tags/${seg(idTag)}/transactions`, { query: { ...q } }),
    unassignedMeterValues: (id) => request('GET', `/api/transactions/${id}/unassigned-meter-values`),
    energyReport: (q) => request('GET', '/api/reports/energy', { query: { ...q } }),
    exportEnergyReportCsv: (q) => request('GET', '/api/reports/energy.csv', { query: { ...q } }),
    listAnomalies: (q = {}) => request('GET', '/api/anomalies', { query: { ...q } }),

    messageLog: (q = {}) => request('GET', '/api/message-log', { query: { ...q } }),
    exportMessageLogNdjson: (q = {}) => request('GET', '/api/message-log.ndjson', { query: { ...q } }),
    listAudit: (q = {}) => request('GET', '/api/audit', { query: { ...q } }),
    exportAuditNdjson: (q = {}) => request('GET', '/api/audit.ndjson', { query: { ...q } }),

    getSettings: () => request('GET', '/api/settings'),
    patchSettings: (patch) => request('PATCH', '/api/settings', { body: patch }),
    rotateApiToken: async () => {
      const answer = await request<ApiTokenDto>('POST', '/api/settings/api-token/rotate');
      token = answer.token;
      return answer;
    },

    listFirmware: () => request('GET', '/api/firmware'),
    uploadFirmware: (name, data) => request('PUT', `/api/firmware/${seg(name)}`, { bytes: data }),
    deleteFirmware: (name) => request('DELETE', `/api/firmware/${seg(name)}`),
    listUploads: (id) => request('GET', `/api/charge-points/${seg(id)}/uploads`),
    downloadUpload: (id, name) => request('GET', `/api/charge-points/${seg(id)}/uploads/${seg(name)}`, { binaryAnswer: true }),
    fileServicesInfo: (o = {}) => request('GET', '/api/files/info', { query: { chargePointId: o.chargePointId } }),

    listLibraryProfiles: () => request('GET', '/api/charging-profiles'),
    getLibraryProfile: (name) => request('GET', `/api/charging-profiles/${seg(name)}`),
    putLibraryProfile: (name, update) => request('PUT', `/api/charging-profiles/${seg(name)}`, { body: update }),
    deleteLibraryProfile: (name) => request('DELETE', `/api/charging-profiles/${seg(name)}`),
    checkChargingProfile: (body) => request('POST', '/api/charging-profiles/check', { body }),
    installLibraryProfile: (id, body, o = {}) =>
      request('POST', `/api/charge-points/${seg(id)}/charging-profiles/install`, { body, query: { timeoutMs: o.timeoutMs } }),
    localSchedule: (id, q) => request('GET', `/api/charge-points/${seg(id)}/schedule`, { query: { ...q } }),
    listSites: () => request('GET', '/api/sites'),
    getSite: (siteId) => request('GET', `/api/sites/${seg(siteId)}`),
    putSite: (siteId, site) => request('PUT', `/api/sites/${seg(siteId)}`, { body: site }),
    deleteSite: (siteId) => request('DELETE', `/api/sites/${seg(siteId)}`),
    listConfigurationBaselines: () => request('GET', '/api/configuration-baselines'),
    getConfigurationBaseline: (name) => request('GET', `/api/configuration-baselines/${seg(name)}`),
    putConfigurationBaseline: (name, baseline) => request('PUT', `/api/configuration-baselines/${seg(name)}`, { body: baseline }),
    deleteConfigurationBaseline: (name) => request('DELETE', `/api/configuration-baselines/${seg(name)}`),
    configurationDrift: (id) => request('GET', `/api/charge-points/${seg(id)}/configuration-drift`),
    fleetDrift: () => request('GET', '/api/configuration-drift'),
    applyConfigurationBaseline: (id, o = {}) =>
      request('POST', `/api/charge-points/${seg(id)}/configuration-baseline/apply`, { body: {}, query: { timeoutMs: o.timeoutMs } }),
    startCommissioningRun: (id, body) => request('POST', `/api/charge-points/${seg(id)}/commissioning-runs`, { body }),
    getCommissioningRun: (id, runId) => request('GET', `/api/charge-points/${seg(id)}/commissioning-runs/${runId}`),
    listCommissioningRuns: (id) => request('GET', `/api/charge-points/${seg(id)}/commissioning-runs`),
    listCommissioningTemplates: () => request('GET', '/api/commissioning-templates'),
    putCommissioningTemplate: (name, body) => request('PUT', `/api/commissioning-templates/${seg(name)}`, { body }),
    deleteCommissioningTemplate: (name) => request('DELETE', `/api/commissioning-templates/${seg(name)}`),
    getSiteAllocation: (siteId) => request('GET', `/api/sites/${seg(siteId)}/allocation`),
    listSiteEvents: (siteId, q = {}) => request('GET', `/api/sites/${seg(siteId)}/events`, { query: { ...q } }),
    listLocalLists: () => request('GET', '/api/local-lists'),
    getLocalList: (id) => request('GET', `/api/charge-points/${seg(id)}/local-list`, { query: { ifNone: 'null' } }),
    syncLocalList: (id, idTags) => request('POST', `/api/charge-points/${seg(id)}/local-list/sync`, { body: idTags === undefined ? {} : { idTags } }),

    listOperationsState: (resource, query) => request('GET', `/api/${resource}`, { query }),

    listBackups: () => request('GET', '/api/backups'),
    createBackup: () => request('POST', '/api/backups'),
    downloadBackup: (name) => request('GET', `/api/backups/${seg(name)}`, { binaryAnswer: true }),
    restoreBackup: (name) => request('POST', `/api/backups/${seg(name)}/restore`),
    cancelPendingRestore: () => request('DELETE', '/api/backups/pending-restore'),

    tlsInfo: () => request('GET', '/api/security/tls'),
    caCertificatePem: () => request('GET', '/api/security/ca.pem'),
    stationSecuritySettings: (id) => request('GET', `/api/charge-points/${seg(id)}/security-settings`),
    putStationSecuritySettings: (id, update) => request('PUT', `/api/charge-points/${seg(id)}/security-settings`, { body: update }),
    securityEvents: (id, o = {}) => request('GET', `/api/charge-points/${seg(id)}/security-events`, { query: { limit: o.limit } }),
    listSecurityEvents: (q = {}) => request('GET', '/api/security-events', { query: { ...q } }),
    fileJobs: (id, o = {}) => request('GET', `/api/charge-points/${seg(id)}/file-jobs`, { query: { limit: o.limit } }),

    listSimulators: () => request('GET', '/api/simulators'),
    startSimulators: (body) => request('POST', '/api/simulators', { body }),
    deleteSimulator: (id) => request('DELETE', `/api/simulators/${seg(id)}`),
    simulatorAction: (id, action, body = {}) => request('POST', `/api/simulators/${seg(id)}/actions/${seg(action)}`, { body }),
    startScenarioRun: (scenario) => request('POST', '/api/simulators/scenarios', { body: scenario }),
    getScenarioRun: (runId) => request('GET', `/api/simulators/scenarios/${seg(runId)}`),
    listScenarioRuns: () => request('GET', '/api/simulators/scenarios'),
    startReplay: (body) => request('POST', '/api/simulators/replays', { body }),
    getReplay: (runId) => request('GET', `/api/simulators/replays/${seg(runId)}`),
    listReplays: () => request('GET', '/api/simulators/replays'),
    startupInfo: () => request('GET', '/api/settings/startup'),
  };
  return client;
}
