import type { IncomingMessage } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOcppValidator, type OcppValidator } from '../../shared/ocpp/validator.js';
import { systemClock, type Clock } from './clock.js';
import { databaseFile } from './config/app-paths.js';
import type { RuntimeSettings, StartupOptions } from './config/settings.js';
import { CsmsEvents } from './domain/events.js';
import { LastHeard } from './domain/last-heard.js';
import type { HandlerServices } from './handlers/context.js';
import { VendorDataTransferRegistry } from './handlers/vendor-data-transfer.js';
import { CallDispatcher } from './rpc/call-dispatcher.js';
import { OcppConnection, type CallResult } from './rpc/ocpp-connection.js';
import { pendingSecurityProfile } from './security/security-profile.js';
import { certificateIdentifies } from './security/station-identity.js';
import { TlsEndpoint } from './security/tls-endpoint.js';
import { loadTlsMaterial, type TlsMaterial } from './security/tls-material.js';
import { badMessageBudget, resolveServerLimits, type ServerLimits } from './server/limits.js';
import { handshakeFactsOf } from './server/handshake-facts.js';
import { OcppServer, remoteAddressOf } from './server/ocpp-server.js';
import { AuditTrail } from './services/audit-trail.js';
import { ConnectionRegistry } from './services/connection-registry.js';
import { DataFolder } from './services/data-folder.js';
import { EnergyReports } from './services/energy-reports.js';
import { ConfigurationBaselines } from './services/configuration-baselines.js';
import { CommissioningRecords } from './services/commissioning-records.js';
import { HandshakeAudit } from './services/handshake-audit.js';
import { IdTagDirectory } from './services/id-tag-directory.js';
import type { CsmsServices } from './services/index.js';
import { MessageLogRecorder } from './services/message-log-recorder.js';
import { OperationsRecords } from './services/operations-records.js';
import { ProfileLibrary } from './services/profile-library.js';
import { SiteDirectory } from './services/site-directory.js';
import { SitePower } from './services/site-power.js';
import { SettingsService } from './services/settings-service.js';
import { StationDirectory } from './services/station-directory.js';
import { StationSecurity } from './services/station-security.js';
import { TransactionLedger } from './services/transaction-ledger.js';
import { UpgradeAdmission } from './services/upgrade-admission.js';
import { UploadReceipts } from './services/upload-receipts.js';
import { BackupService } from './storage/backup.js';
import { DataFolderLock } from './storage/data-folder-lock.js';
import type { DiskSpace } from './storage/data-folder-usage.js';
import { corruptDatabaseError, openDatabase, type Db } from './storage/database.js';
import { DiskBudget, firstStartBudgetMiB } from './storage/disk-budget.js';
import { GroupCommit } from './storage/group-commit.js';
import { deferWalSync } from './storage/wal-sync.js';
import { createRepositories, type Repositories } from './storage/repositories/index.js';
import { TransactionQueries } from './storage/repositories/transaction-queries.js';
import { applyRestoreIfRequested, type RestoreOutcome } from './storage/restore.js';
import { ALWAYS_WAIT_MAX_BYTES, START_CHECK_BUDGET_MS, StartupIntegrityCheck } from './storage/startup-integrity.js';
import { WalCheckpointer } from './storage/wal-checkpointer.js';
import { FramePacker } from './storage/frame-codec/frame-packer.js';
import { DatabaseReader } from './storage/reader/database-reader.js';
import { createReadQueries } from './storage/reader/read-queries.js';

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

/** What the factory prepared before anything listens: the open database and what was loaded from disk. */
interface Prepared {
  file: string;
  db: Db;
  repos: Repositories;
  groupCommit: GroupCommit;
  restored: RestoreOutcome | null;
  tlsMaterial: TlsMaterial | undefined;
  folderLock: DataFolderLock;
  /** The start's integrity check, when it still ran when the start went on (storage/startup-integrity.ts). */
  integrity: StartupIntegrityCheck | undefined;
}

/**
 * The OCPP 1.6J central system, put together: storage, the domain services, the OCPP-J server and the station
 * connections. It builds every collaborator in its constructor and owns their start and stop; the work itself is
 * done by the services (services/), the dispatcher and the handlers. Plain Node (never imports electron), so the
 * desktop app, headless mode, tests and the benchmark all run this same object.
 */
export class CentralSystem {
  readonly events = new CsmsEvents();
  readonly validator: OcppValidator = createOcppValidator();
  /** The domain services: what the operator API, the operations and the shells work through. */
  readonly services: CsmsServices;
  /** Bad-input limits in force (startup option, fixed while running). */
  readonly limits: ServerLimits;
  /** Online backups, automatic and on request (storage/backup.ts). */
  readonly backups: BackupService;
  /** Keeps the data folder under its budget and raises the storage alerts (storage/disk-budget.ts). */
  readonly diskBudget: DiskBudget;
  /** The wss listener and the CA (security profiles 2 and 3); absent when `startup.ocppTlsPort` is not set. */
  readonly tls: TlsEndpoint | undefined;
  /** The restore applied at this start (command line or staged from the console), if any. */
  readonly restored: RestoreOutcome | null;
  readonly clock: Clock;
  readonly startup: StartupOptions;
  /**
   * Storage, for the dispatcher's handlers, the operations and tests. The operator API never sees these: its
   * context holds the services only (api/context.ts), and a lint rule keeps storage out of main/api.
   */
  readonly db: Db;
  readonly repos: Repositories;
  readonly groupCommit: GroupCommit;

  private readonly server: OcppServer;
  private readonly dispatcher: CallDispatcher;
  private readonly admission: UpgradeAdmission;
  /** When each station last sent a frame: in memory per frame, persisted every few seconds. */
  private readonly lastHeard: LastHeard;
  private readonly checkpointer: WalCheckpointer;
  /** The operator's long lists, read off this thread (storage/reader/database-reader.ts). */
  private readonly reader: DatabaseReader;
  /** Packs the message-log rows of stations' CALLs off this thread (storage/frame-codec/frame-packer.ts). */
  private readonly packer: FramePacker;
  private readonly folderLock: DataFolderLock;
  private readonly integrity: StartupIntegrityCheck | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  private constructor(options: CentralSystemOptions, prepared: Prepared) {
    const { db, repos, groupCommit } = prepared;
    const clock = options.clock ?? systemClock;
    const events = this.events;
    const logger = options.logger ?? console;
    const dataDir = options.startup.dataDir;
    this.db = db;
    this.repos = repos;
    this.groupCommit = groupCommit;
    this.clock = clock;
    this.startup = options.startup;
    this.restored = prepared.restored;
    this.folderLock = prepared.folderLock;
    this.integrity = prepared.integrity;
    this.limits = resolveServerLimits({
      ...options.startup.limits,
      ...(options.maxPayloadBytes ? { maxFrameBytes: options.maxPayloadBytes } : {}),
    });

    const settings = new SettingsService(repos, groupCommit, events, options.overrides ?? {});
    const current = () => settings.current();
    this.lastHeard = new LastHeard(clock, (entries) =>
      groupCommit.runDetached(() => {
        for (const [id, heardAt] of entries) repos.chargePoints.markSeen(id, heardAt);
      }),
    );
    // The first start sizes the data folder's budget from the free disk space; a flag sets it for the run instead.
    const initialBudgetMiB =
      options.overrides?.dataFolderBudgetMiB === undefined ? firstStartBudgetMiB(settings.storedValues(), dataDir, options.diskSpace) : null;
    if (initialBudgetMiB !== null) settings.update({ dataFolderBudgetMiB: initialBudgetMiB });
    this.backups = new BackupService({ file: prepared.file, dataDir, settings: current, logger });
    this.diskBudget = new DiskBudget({
      db,
      groupCommit,
      dataDir,
      dbFile: prepared.file,
      clock,
      settings: current,
      logger,
      diskSpace: options.diskSpace,
    });
    this.checkpointer = new WalCheckpointer(db, prepared.file, options.startup.syncMode, logger);

    const connections = new ConnectionRegistry(repos, groupCommit, events, clock, this.lastHeard, () => db.open);
    this.reader = new DatabaseReader(prepared.file, createReadQueries(db), logger, () => groupCommit.whenCommitted());
    const stations = new StationDirectory(repos, groupCommit, events, clock, this.lastHeard, logger, this.reader, connections);
    const handshakes = new HandshakeAudit(repos, groupCommit, events, clock);
    // A database in memory is a test's: its rows are packed on this thread, without a worker to start per test.
    this.packer = new FramePacker(prepared.file !== ':memory:', logger);
    const messageLog = new MessageLogRecorder(repos, groupCommit, events, clock, current, this.reader, this.packer);
    this.admission = new UpgradeAdmission(this.limits, (identity) => connections.has(identity));

    this.server = new OcppServer({
      host: options.startup.ocppHost,
      port: options.startup.ocppPort,
      maxPayloadBytes: this.limits.maxFrameBytes,
      httpLimits: this.limits,
      admission: (request) => this.admission.check(request),
      onThrottled: (throttle, request) => handshakes.throttled(throttle, request),
      handshake: {
        findChargePoint: (identity) => repos.chargePoints.admission(identity),
        admitUnknown: (identity, status) => stations.admitUnknown(identity, status),
        registrationPolicy: () => settings.current().registrationPolicy,
        passwordCache: stations.verifiedPasswords,
        pendingSecurityProfile: (chargePoint) => pendingSecurityProfile(repos, chargePoint),
        raiseSecurityProfile: (identity, profile) => stations.raiseSecurityProfile(identity, profile),
        certificateIdentifies: (identity, commonName) => certificateIdentifies(repos, identity, commonName),
      },
      onRefused: (refusal, request) => handshakes.refused(refusal, request),
      onConnection: (socket, identity, request) => this.onConnection(socket, identity, request),
    });
    const tlsPort = options.startup.ocppTlsPort;
    this.tls =
      prepared.tlsMaterial && tlsPort !== undefined && tlsPort !== null
        ? TlsEndpoint.create({
            plain: this.server,
            port: tlsPort,
            material: prepared.tlsMaterial,
            host: { call: (id, action, payload) => connections.call(id, action, payload), groupCommit, repos, events, clock },
            logger,
          })
        : undefined;

    const vendorDataTransfer = new VendorDataTransferRegistry();
    const handlerServices: HandlerServices = {
      vendorDataTransfer,
      lastHeard: this.lastHeard,
      ...(this.tls?.signer ? { certificateSigner: this.tls.signer } : {}),
    };
    this.dispatcher = new CallDispatcher({
      db,
      repos,
      groupCommit,
      messageLog,
      validator: this.validator,
      events,
      clock,
      settings: current,
      services: handlerServices,
      logger,
    });

    this.services = {
      stations,
      idTags: new IdTagDirectory(repos, groupCommit, events, clock, this.reader),
      connections,
      handshakes,
      messageLog,
      settings,
      transactions: new TransactionLedger(repos, new TransactionQueries(db), this.reader, groupCommit, events, clock, current, this.lastHeard),
      energyReports: new EnergyReports(this.reader),
      audit: new AuditTrail(repos, groupCommit, this.reader),
      profileLibrary: new ProfileLibrary(repos, groupCommit, clock),
      sites: new SiteDirectory(repos, groupCommit, events, clock),
      baselines: new ConfigurationBaselines(repos, groupCommit, events, clock),
      sitePower: new SitePower({ repos, groupCommit, events, clock, settings: current, connections, logger }),
      commissioningRecords: new CommissioningRecords(repos, groupCommit, events, clock),
      operationsRecords: new OperationsRecords(repos, this.reader),
      stationSecurity: new StationSecurity(repos, groupCommit, events, clock, this.tls?.material.caPem),
      dataFolder: new DataFolder(dataDir, db, this.backups, this.diskBudget, prepared.integrity),
      uploads: new UploadReceipts(repos, groupCommit, events, clock),
      vendorDataTransfer,
    };
  }

  static async start(options: CentralSystemOptions): Promise<CentralSystem> {
    const startedMs = performance.now();
    /** How long each part of the start took (ms), logged once it listens: the large-database benchmark reads it. */
    const timings: Record<string, number> = {};
    let mark = startedMs;
    const lap = (part: string) => {
      const now = performance.now();
      timings[part] = Math.round(now - mark);
      mark = now;
    };
    // One central system per data folder (storage/data-folder-lock.ts), taken before a restore touches anything.
    const folderLock = DataFolderLock.acquire(options.startup.dataDir, options.startup.restoreBackup ? 'restore a backup into' : undefined);
    let db: Db | undefined;
    let integrity: StartupIntegrityCheck | 'checked' | 'unchecked' = 'unchecked';
    try {
      const logger = options.logger ?? console;
      const file = databaseFile(options.startup.dataDir);
      // Before the database is opened: a restore replaces the file (storage/restore.ts).
      const restored = await applyRestoreIfRequested(file, options.startup.restoreBackup);
      if (restored)
        logger.info(`[csms] restored ${restored.source}; the previous database is kept at ${restored.setAsidePath ?? '(there was none)'}`);
      lap('restore');
      integrity = await CentralSystem.checkIntegrity(file, logger);
      lap('integrityCheck');
      db = openDatabase({ file, syncMode: options.startup.syncMode, integrityChecked: integrity !== 'unchecked', timings });
      mark = performance.now();
      const repos = createRepositories(db);
      lap('statements');
      // Before listening: close in the history what the previous run left open by dying (connection-events.ts).
      const implied = repos.connectionEvents.recordImpliedDisconnects();
      if (implied.length > 0)
        logger.warn(`[csms] the previous run stopped unexpectedly; recorded the disconnect of ${implied.length} station(s) it left connected`);
      lap('impliedDisconnects');
      // With --sync-mode FULL the WAL's fsync runs off this thread, and replies still wait for it (wal-sync.ts).
      const walSync = deferWalSync(db, file);
      const groupCommit = new GroupCommit(db, (error) => logger.error('[csms] commit failed:', error.message), walSync);
      const tlsMaterial = await CentralSystem.loadTls(options.startup);
      lap('tls');
      const background = integrity instanceof StartupIntegrityCheck ? integrity : undefined;
      const csms = new CentralSystem(options, { file, db, repos, groupCommit, restored, tlsMaterial, folderLock, integrity: background });
      lap('services');
      await csms.listen();
      lap('listen');
      const parts = Object.entries(timings)
        .map(([part, ms]) => `${part} ${ms}`)
        .join(', ');
      logger.info(
        `[csms] started in ${Math.round(performance.now() - startedMs)} ms (${parts})${background ? '; the integrity check goes on in the background' : ''}`,
      );
      background?.continueInBackground(logger);
      return csms;
    } catch (err) {
      if (integrity instanceof StartupIntegrityCheck) await integrity.stop();
      if (db?.open) db.close();
      folderLock.release();
      throw err;
    }
  }

  /**
   * PRAGMA quick_check of an existing database in a process of its own, waited for to the end for a small file and
   * at most START_CHECK_BUDGET_MS for a big one (storage/startup-integrity.ts): 'checked' when it finished sound in time (a damaged file is refused here),
   * the check itself when it goes on in the background, 'unchecked' when there is no file yet or that process
   * could not check it (openDatabase then checks it itself and explains what is wrong).
   */
  private static async checkIntegrity(file: string, logger: Pick<Console, 'warn'>): Promise<StartupIntegrityCheck | 'checked' | 'unchecked'> {
    const size = existsSync(file) ? statSync(file).size : 0;
    if (size === 0) return 'unchecked';
    const check = StartupIntegrityCheck.begin(file);
    let problems: string[] | undefined;
    try {
      problems = await check.resultWithin(size <= ALWAYS_WAIT_MAX_BYTES ? Infinity : START_CHECK_BUDGET_MS);
    } catch (err) {
      logger.warn(`[csms] the integrity check in its own process failed (${(err as Error).message}); checking while opening instead`);
      return 'unchecked';
    }
    if (problems === undefined) return check;
    if (problems.length > 0) throw corruptDatabaseError(file, problems);
    return 'checked';
  }

  /** The CA and server certificate of the wss listener, when one is configured. */
  private static async loadTls(startup: StartupOptions): Promise<TlsMaterial | undefined> {
    if (startup.ocppTlsPort === undefined || startup.ocppTlsPort === null) return undefined;
    return loadTlsMaterial({
      dataDir: startup.dataDir,
      files: startup.tls,
      extraHosts: startup.advertisedHost ? [startup.advertisedHost] : [],
    });
  }

  /** Listen on the OCPP ports, then start the timers of every collaborator. */
  private async listen(): Promise<void> {
    try {
      await this.server.listen();
      await this.tls?.listen();
    } catch (err) {
      await this.server.close();
      await this.tls?.close();
      throw err;
    }
    this.checkpointer.start();
    this.packer.start();
    this.lastHeard.start();
    this.services.messageLog.start();
    this.admission.start();
    this.backups.start();
    this.diskBudget.start();
    this.unsubscribe.push(
      this.events.on('settings.changed', () => this.backups.reschedule()),
      this.events.on('settings.changed', () => void this.diskBudget.check()),
    );
  }

  /** The wss listener's address, when it runs. */
  get ocppTlsAddress(): AddressInfo | null {
    return this.tls?.address ?? null;
  }

  get ocppAddress(): AddressInfo {
    const address = this.server.address;
    if (!address) throw new Error('the OCPP server is not listening');
    return address;
  }

  settings(): RuntimeSettings {
    return this.services.settings.current();
  }

  connection(chargePointId: string): OcppConnection | undefined {
    return this.services.connections.get(chargePointId);
  }

  connectedIds(): string[] {
    return this.services.connections.ids();
  }

  /**
   * Send any CSMS-initiated OCPP call to a connected station. Rejects with CallFailure (not connected, invalid
   * payload, timeout, disconnected) or OcppCallError (the station answered with a CALLERROR).
   */
  call(chargePointId: string, action: string, payload: JsonObject, options: { timeoutMs?: number } = {}): Promise<CallResult> {
    return this.services.connections.call(chargePointId, action, payload, options.timeoutMs);
  }

  /** Message-log rows packed by the pack worker and on this thread (tests, benchmark, diagnostics). */
  get packerStats(): Readonly<{ worker: number; inline: number }> {
    return { ...this.packer.stats };
  }

  /** Settles with true once the pack worker packs, false when it is not used or could not start (tests). */
  get packerReady(): Promise<boolean> {
    return this.packer.ready;
  }

  /** Operator reads answered by the reader worker and on the main connection (tests, benchmark, diagnostics). */
  get readerStats(): Readonly<{ worker: number; inline: number }> {
    return { ...this.reader.stats };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.unsubscribe) off();
    this.services.sitePower.stop();
    this.admission.stop();
    this.services.messageLog.stop();
    await this.diskBudget.stop();
    await this.backups.stop();
    await this.server.close();
    await this.tls?.close();
    // Let the close handlers' writes join a last batch, then commit it and close the file cleanly.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastHeard.stop();
    this.groupCommit.flush();
    // Rows the pack worker still holds are packed here; with the rows that came back too late for their units'
    // batch they go into one more batch, committed before the file closes.
    await this.packer.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.groupCommit.drain();
    // The workers' connections go first, so closing this last connection checkpoints and removes the WAL file.
    await this.reader.close();
    await this.checkpointer.stop();
    await this.integrity?.stop();
    this.db.close();
    this.folderLock.release();
  }

  private onConnection(socket: WebSocket, identity: string, request: IncomingMessage): void {
    if (this.services.connections.has(identity)) this.admission.replaced(identity);
    const settings = this.services.settings.current();
    const connection = new OcppConnection(
      socket,
      {
        identity,
        remoteAddress: remoteAddressOf(request),
        handshake: handshakeFactsOf(request, identity),
        pingIntervalSec: settings.pingIntervalSec,
        callTimeoutMs: () => this.services.settings.current().callTimeoutMs,
        validator: this.validator,
        limits: { badMessages: badMessageBudget(this.limits), maxSendBufferBytes: this.limits.maxSendBufferBytes },
      },
      {
        heard: (conn) => this.lastHeard.heard(conn.identity),
        dispatch: (conn, call) => this.dispatcher.dispatch(conn, call),
        logFrame: (conn, record) => this.services.messageLog.frame(conn.identity, record),
        callUnanswered: (_conn, exchange) => this.services.messageLog.unanswered(exchange),
        closed: (conn, code, reason) => this.services.connections.closed(conn, code, reason),
      },
    );
    this.services.connections.opened(connection);
  }
}
