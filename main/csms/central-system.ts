import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOcppValidator, type OcppValidator } from '../../shared/ocpp/validator.js';
import { systemClock, type Clock } from './clock.js';
import { databaseFile } from './config/app-paths.js';
import { resolveRuntimeSettings, validateRuntimeSettings, type RuntimeSettings, type StartupOptions } from './config/settings.js';
import { CsmsEvents } from './domain/events.js';
import { LastHeard } from './domain/last-heard.js';
import { hashPassword, VerifiedPasswordCache } from './domain/passwords.js';
import { VendorDataTransferRegistry } from './handlers/data-transfer.js';
import type { HandlerServices } from './handlers/context.js';
import { CallDispatcher } from './rpc/call-dispatcher.js';
import { CallFailure } from './rpc/errors.js';
import { OcppConnection, type CallResult } from './rpc/ocpp-connection.js';
import { HandshakeRefusal, identityFromUrl, offeredProtocols } from './server/handshake.js';
import {
  badMessageBudget,
  HandshakeRateLimit,
  IdentityReplaceLimit,
  RefusalRecordThrottle,
  resolveServerLimits,
  type ServerLimits,
  type UpgradeThrottle,
} from './server/limits.js';
import { OcppServer, remoteAddressOf } from './server/ocpp-server.js';
import { pendingSecurityProfile, raiseSecurityProfile } from './security/security-profile.js';
import { certificateIdentifies } from './security/station-identity.js';
import { TlsEndpoint } from './security/tls-endpoint.js';
import { BackupService } from './storage/backup.js';
import { DataFolderLock } from './storage/data-folder-lock.js';
import { DiskBudget, firstStartBudgetMiB } from './storage/disk-budget.js';
import type { DiskSpace } from './storage/data-folder-usage.js';
import { openDatabase, type Db } from './storage/database.js';
import { WalCheckpointer } from './storage/wal-checkpointer.js';
import { applyRestoreIfRequested, type RestoreOutcome } from './storage/restore.js';
import { GroupCommit } from './storage/group-commit.js';
import { createRepositories, type Repositories } from './storage/repositories/index.js';
import type { RegistrationStatus } from './storage/repositories/charge-points.js';
import type { IdTagInput } from './storage/repositories/id-tags.js';

export interface CentralSystemOptions {
  startup: StartupOptions;
  /** Runtime settings forced for this run (flags); stored settings fill the rest. */
  overrides?: Partial<RuntimeSettings>;
  clock?: Clock;
  logger?: Pick<Console, 'info' | 'warn' | 'error'>;
  /** Largest OCPP frame accepted, in bytes (wins over `startup.limits.maxFrameBytes`). */
  maxPayloadBytes?: number;
  /** The data folder's disk space as the disk budget sees it (tests simulate a nearly full disk); statfs otherwise. */
  diskSpace?: (dir: string) => DiskSpace;
}

const MESSAGE_LOG_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const MESSAGE_LOG_PRUNE_BATCH = 5_000;

/**
 * The OCPP 1.6J central system: storage, the OCPP-J server and every station connection. Plain Node (never
 * imports electron), so the desktop app, headless mode, tests and the benchmark all run this same object.
 */
export class CentralSystem {
  readonly events = new CsmsEvents();
  readonly services: HandlerServices = { vendorDataTransfer: new VendorDataTransferRegistry() };
  readonly validator: OcppValidator = createOcppValidator();
  private readonly connections = new Map<string, OcppConnection>();
  private readonly passwordCache = new VerifiedPasswordCache();
  private runtime: RuntimeSettings;
  private server!: OcppServer;
  private pruneTimer?: NodeJS.Timeout;
  private readonly dispatcher: CallDispatcher;
  /** When each station last sent a frame: in memory per frame, persisted every few seconds. */
  readonly lastHeard: LastHeard;
  private stopped = false;
  /** WAL checkpoints in a worker thread (issue 5); created in start(). */
  checkpointer?: WalCheckpointer;
  /** Online backups (issue 6); created in start(). */
  backups!: BackupService;
  /** Keeps the data folder under its budget and raises the storage alerts (storage/disk-budget.ts). */
  diskBudget!: DiskBudget;
  /** The restore applied at this start (command line or staged from the console), if any. */
  restored: RestoreOutcome | null = null;
  /** The wss listener and the CA (security profiles 2 and 3); absent when `startup.ocppTlsPort` is not set. */
  tls?: TlsEndpoint;
  /** Bad-input limits in force (startup option, fixed while running). */
  limits!: ServerLimits;
  private handshakeRate!: HandshakeRateLimit;
  private identityReplace!: IdentityReplaceLimit;
  private readonly throttleRecords = new RefusalRecordThrottle();
  private folderLock?: DataFolderLock;

  private constructor(
    readonly db: Db,
    readonly repos: Repositories,
    readonly groupCommit: GroupCommit,
    readonly startup: StartupOptions,
    readonly clock: Clock,
    private readonly logger: Pick<Console, 'info' | 'warn' | 'error'>,
    overrides: Partial<RuntimeSettings>,
  ) {
    this.runtime = resolveRuntimeSettings(repos.settings.readAll(), overrides);
    this.dispatcher = new CallDispatcher({
      db,
      repos,
      groupCommit,
      validator: this.validator,
      events: this.events,
      clock,
      settings: () => this.runtime,
      services: this.services,
      logger,
    });
    this.lastHeard = new LastHeard(clock, (entries) =>
      groupCommit.runDetached(() => {
        for (const [id, heardAt] of entries) repos.chargePoints.markSeen(id, heardAt);
      }),
    );
    this.services.lastHeard = this.lastHeard;
  }

  static async start(options: CentralSystemOptions): Promise<CentralSystem> {
    // One central system per data folder (storage/data-folder-lock.ts), taken before a restore touches anything.
    const folderLock = DataFolderLock.acquire(options.startup.dataDir, options.startup.restoreBackup ? 'restore a backup into' : undefined);
    try {
      const csms = await CentralSystem.open(options);
      csms.folderLock = folderLock;
      return csms;
    } catch (err) {
      folderLock.release();
      throw err;
    }
  }

  private static async open(options: CentralSystemOptions): Promise<CentralSystem> {
    const logger = options.logger ?? console;
    const file = databaseFile(options.startup.dataDir);
    // Before the database is opened: a restore replaces the file (storage/restore.ts).
    const restored = await applyRestoreIfRequested(file, options.startup.restoreBackup);
    if (restored) logger.info(`[csms] restored ${restored.source}; the previous database is kept at ${restored.setAsidePath ?? '(there was none)'}`);
    const db = openDatabase({ file, syncMode: options.startup.syncMode });
    const repos = createRepositories(db);
    // Before listening: close in the history what the previous run left open by dying (connection-events.ts).
    const implied = repos.connectionEvents.recordImpliedDisconnects();
    if (implied.length > 0)
      logger.warn(`[csms] the previous run stopped unexpectedly; recorded the disconnect of ${implied.length} station(s) it left connected`);
    const groupCommit = new GroupCommit(db, (error) => logger.error('[csms] commit failed:', error.message));
    const csms = new CentralSystem(db, repos, groupCommit, options.startup, options.clock ?? systemClock, logger, options.overrides ?? {});
    csms.limits = resolveServerLimits({ ...options.startup.limits, ...(options.maxPayloadBytes ? { maxFrameBytes: options.maxPayloadBytes } : {}) });
    csms.handshakeRate = new HandshakeRateLimit(csms.limits);
    csms.identityReplace = new IdentityReplaceLimit(csms.limits);
    csms.server = new OcppServer({
      host: options.startup.ocppHost,
      port: options.startup.ocppPort,
      maxPayloadBytes: csms.limits.maxFrameBytes,
      httpLimits: csms.limits,
      admission: (request) => csms.admission(request),
      onThrottled: (throttle, request) => csms.recordThrottle(throttle, request),
      handshake: {
        findChargePoint: (identity) => repos.chargePoints.get(identity),
        admitUnknown: (identity, status) => csms.admitUnknown(identity, status),
        registrationPolicy: () => csms.runtime.registrationPolicy,
        passwordCache: csms.passwordCache,
        pendingSecurityProfile: (chargePoint) => pendingSecurityProfile(repos, chargePoint),
        raiseSecurityProfile: (identity, profile) =>
          raiseSecurityProfile({ ...csms, logger, repos, groupCommit, events: csms.events, clock: csms.clock }, identity, profile),
        certificateIdentifies: (identity, commonName) => certificateIdentifies(repos, identity, commonName),
      },
      onRefused: (refusal, request) => csms.recordRefusal(refusal, request),
      onConnection: (socket, identity, request) => csms.onConnection(socket, identity, request),
    });
    try {
      await csms.server.listen();
      await csms.startTls();
    } catch (err) {
      await csms.server.close();
      db.close();
      throw err;
    }
    csms.checkpointer = new WalCheckpointer(db, file, options.startup.syncMode, logger);
    csms.checkpointer.start();
    csms.lastHeard.start();
    csms.pruneTimer = setInterval(() => {
      csms.pruneMessageLog();
      csms.identityReplace.prune();
    }, MESSAGE_LOG_PRUNE_INTERVAL_MS);
    csms.pruneTimer.unref();
    csms.restored = restored;
    csms.backups = new BackupService({ file, dataDir: options.startup.dataDir, settings: () => csms.runtime, logger });
    csms.backups.start();
    csms.events.on('settings.changed', () => csms.backups.reschedule());
    const initialBudgetMiB =
      options.overrides?.dataFolderBudgetMiB === undefined
        ? firstStartBudgetMiB(repos.settings.readAll(), options.startup.dataDir, options.diskSpace)
        : null;
    if (initialBudgetMiB !== null) csms.updateSettings({ dataFolderBudgetMiB: initialBudgetMiB });
    csms.diskBudget = new DiskBudget({
      db,
      groupCommit,
      dataDir: options.startup.dataDir,
      dbFile: file,
      clock: csms.clock,
      settings: () => csms.runtime,
      logger,
      diskSpace: options.diskSpace,
    });
    csms.diskBudget.start();
    csms.events.on('settings.changed', () => void csms.diskBudget.check());
    return csms;
  }

  /** Start the wss listener when configured; its CA then signs station CSRs (SignCertificate). */
  private async startTls(): Promise<void> {
    const port = this.startup.ocppTlsPort;
    if (port === undefined || port === null) return;
    this.tls = await TlsEndpoint.start({
      plain: this.server,
      port,
      dataDir: this.startup.dataDir,
      files: this.startup.tls,
      extraHosts: this.startup.advertisedHost ? [this.startup.advertisedHost] : [],
      host: this,
      logger: this.logger,
    });
    if (this.tls.signer) this.services.certificateSigner = this.tls.signer;
  }

  /** The wss listener's address, when it runs. */
  get ocppTlsAddress(): AddressInfo | null {
    return this.tls?.address ?? null;
  }

  get ocppAddress(): AddressInfo {
    return this.server.address!;
  }

  settings(): RuntimeSettings {
    return this.runtime;
  }

  /** Change runtime settings; returns the problems by field (nothing is changed when there are any). */
  updateSettings(patch: Partial<RuntimeSettings>): Record<string, string> {
    const problems = validateRuntimeSettings(patch);
    if (Object.keys(problems).length > 0) return problems;
    this.groupCommit.runDetached(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) this.repos.settings.set(key, value);
    });
    this.runtime = { ...this.runtime, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.events.emit('settings.changed', {});
    return {};
  }

  connection(chargePointId: string): OcppConnection | undefined {
    return this.connections.get(chargePointId);
  }

  connectedIds(): string[] {
    return [...this.connections.keys()];
  }

  /**
   * Send any CSMS-initiated OCPP call to a connected station. Rejects with CallFailure (not connected, invalid
   * payload, timeout, disconnected) or OcppCallError (the station answered with a CALLERROR).
   */
  call(chargePointId: string, action: string, payload: JsonObject, options: { timeoutMs?: number } = {}): Promise<CallResult> {
    const connection = this.connections.get(chargePointId);
    if (!connection) return Promise.reject(new CallFailure('CSMS_ERR_NOT_CONNECTED', `${chargePointId} is not connected`));
    return connection.call(action, payload, options.timeoutMs);
  }

  /** Register or edit a station. `password` sets security profile 1 credentials (stored hashed). */
  async upsertChargePoint(input: {
    id: string;
    registrationStatus?: RegistrationStatus;
    description?: string;
    securityProfile?: number;
    password?: string | Uint8Array | null;
  }): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.groupCommit.run(() => {
      const existing = this.repos.chargePoints.get(input.id);
      if (!existing) this.repos.chargePoints.create({ id: input.id, registrationStatus: input.registrationStatus ?? 'Accepted', now });
      this.repos.chargePoints.update(
        input.id,
        {
          registrationStatus: input.registrationStatus,
          description: input.description,
          securityProfile: input.securityProfile ?? (input.password ? Math.max(existing?.security_profile ?? 0, 1) : undefined),
          authSecrets:
            input.password === undefined
              ? undefined
              : input.password === null
                ? []
                : [hashPassword(typeof input.password === 'string' ? Buffer.from(input.password, 'utf8') : input.password)],
        },
        now,
      );
    });
    this.passwordCache.forget(input.id);
    this.events.emit('chargePoint.changed', { chargePointId: input.id });
  }

  async upsertIdTag(input: IdTagInput): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.groupCommit.run(() => this.repos.idTags.upsert(input, now));
    this.events.emit('idTag.changed', { idTag: input.idTag });
  }

  /** Forget verified passwords of a station (after its secrets changed). */
  forgetVerifiedPassword(chargePointId: string): void {
    this.passwordCache.forget(chargePointId);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.pruneTimer);
    await this.diskBudget.stop();
    await this.backups.stop();
    await this.server.close();
    await this.tls?.close();
    // Let the close handlers' writes join a last batch, then commit it and close the file cleanly.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastHeard.stop();
    this.groupCommit.flush();
    // The worker's connection goes first, so closing this last connection checkpoints and removes the WAL file.
    await this.checkpointer?.stop();
    this.db.close();
    this.folderLock?.release();
  }

  private admitUnknown(identity: string, status: 'Pending' | 'Accepted') {
    const now = this.clock.now().toISOString();
    // The handshake needs the record now: the batch runs the insert at once (visible on this connection), and a
    // storm of new stations shares one commit instead of paying an fsync each (autocommit did: 55 s for 10,000).
    this.groupCommit.runDetached(() =>
      this.repos.chargePoints.create({ id: identity, registrationStatus: status, description: 'Registered on first connection', now }),
    );
    const row = this.repos.chargePoints.get(identity)!;
    this.events.emit('chargePoint.changed', { chargePointId: identity });
    return row;
  }

  private recordRefusal(refusal: HandshakeRefusal, request: IncomingMessage): void {
    this.storeRefusedHandshake(request, refusal);
  }

  /** One refused upgrade into refused_handshakes (what the connection doctor lists) and the log; its remote address. */
  private storeRefusedHandshake(
    request: IncomingMessage,
    refusal: { identity: string | null; reason: string; detail: string; httpStatus: number },
  ): string | null {
    const at = this.clock.now().toISOString();
    const remoteAddress = remoteAddressOf(request);
    const offered = offeredProtocols(request);
    this.groupCommit.runDetached(() =>
      this.repos.connectionEvents.recordRefused({
        at,
        remoteAddress,
        path: (request.url ?? '').slice(0, 512),
        identity: refusal.identity,
        reason: refusal.reason,
        detail: refusal.detail,
        httpStatus: refusal.httpStatus,
        offeredProtocols: offered.length ? offered.join(', ') : null,
      }),
    );
    // Throttled refusals come here at most once a minute per address or identity: the log stays readable in a flood.
    this.events.emit('handshake.refused', {
      identity: refusal.identity,
      reason: refusal.reason,
      httpStatus: refusal.httpStatus,
      remoteAddress,
      detail: refusal.detail,
    });
    return remoteAddress;
  }

  /** Before the handshake pipeline and any database work: handshake floods, then identities that keep flapping. */
  private admission(request: IncomingMessage): UpgradeThrottle | null {
    const flood = this.handshakeRate.check(remoteAddressOf(request));
    if (flood) return flood;
    let identity: string;
    try {
      identity = identityFromUrl(request.url);
    } catch {
      return null; // the pipeline refuses it with its precise reason
    }
    return this.identityReplace.check(identity, this.connections.has(identity));
  }

  /** A throttled upgrade: logged and recorded at most once a minute per address and reason (no DB work per attempt). */
  private recordThrottle(throttle: UpgradeThrottle, request: IncomingMessage): void {
    const remoteAddress = remoteAddressOf(request);
    let identity: string | null = null;
    try {
      identity = identityFromUrl(request.url);
    } catch {
      /* none */
    }
    const suppressed = this.throttleRecords.shouldRecord(`${throttle.reason}|${throttle.reason === 'rate-limited' ? remoteAddress : identity}`);
    if (suppressed === null) return;
    const detail = suppressed > 0 ? `${throttle.detail} (${suppressed} more refused in the last minute)` : throttle.detail;
    this.storeRefusedHandshake(request, { identity, reason: throttle.reason, detail, httpStatus: throttle.httpStatus });
  }

  private onConnection(socket: WebSocket, identity: string, request: IncomingMessage): void {
    const remoteAddress = remoteAddressOf(request);
    const previous = this.connections.get(identity);
    if (previous) this.identityReplace.replaced(identity);
    const connection = new OcppConnection(
      socket,
      {
        identity,
        remoteAddress,
        pingIntervalSec: this.runtime.pingIntervalSec,
        callTimeoutMs: () => this.runtime.callTimeoutMs,
        validator: this.validator,
        limits: { badMessages: badMessageBudget(this.limits), maxSendBufferBytes: this.limits.maxSendBufferBytes },
      },
      {
        heard: (conn) => this.lastHeard.heard(conn.identity),
        dispatch: (conn, call) => this.dispatcher.dispatch(conn, call),
        logFrame: (conn, record) => this.dispatcher.logFrame(conn.identity, record),
        closed: (conn, code, reason) => this.onClosed(conn, code, reason),
      },
    );
    this.connections.set(identity, connection);
    const at = this.clock.now().toISOString();
    this.groupCommit.runDetached(() => {
      if (previous) this.repos.connectionEvents.record({ at, chargePointId: identity, event: 'replaced', remoteAddress: previous.remoteAddress });
      this.repos.connectionEvents.record({ at, chargePointId: identity, event: 'connected', remoteAddress });
      this.repos.chargePoints.markConnected(identity, remoteAddress ?? undefined, at);
    });
    // A new connection with the same identity replaces the old one (the station rebooted or its link flapped).
    if (previous) previous.close(1000, 'Replaced by a new connection');
    this.events.emit('chargePoint.connected', { chargePointId: identity, remoteAddress, at });
  }

  private onClosed(connection: OcppConnection, code: number, reason: string): void {
    const at = this.clock.now().toISOString();
    const current = this.connections.get(connection.identity) === connection;
    if (current) this.connections.delete(connection.identity);
    if (this.stopped && !this.db.open) return;
    // What was heard up to the disconnect is stored with it, not a few seconds later.
    if (current) this.lastHeard.flush(connection.identity);
    this.groupCommit.runDetached(() => {
      this.repos.connectionEvents.record({
        at,
        chargePointId: connection.identity,
        event: 'disconnected',
        remoteAddress: connection.remoteAddress,
        code,
        reason: reason || null,
      });
      if (current) this.repos.chargePoints.markDisconnected(connection.identity, at, { code, reason: reason || null });
    });
    if (current) this.events.emit('chargePoint.disconnected', { chargePointId: connection.identity, code, reason, at });
  }

  private pruneMessageLog(): void {
    const days = this.runtime.messageLogRetentionDays;
    if (days <= 0) return;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000).toISOString();
    // Small deletes, one per tick, so the event loop never stalls on a large backlog.
    const step = () => {
      const removed = this.repos.messageLog.prune(cutoff, MESSAGE_LOG_PRUNE_BATCH);
      if (removed === MESSAGE_LOG_PRUNE_BATCH && !this.stopped) setImmediate(step);
    };
    step();
  }
}
