/**
 * The default answers of the simulated charge point to every CSMS-initiated OCPP 1.6 call (and the security
 * whitepaper's), with the follow-up messages a real station sends. Each handler returns the conf and, optionally,
 * an `after` flow that runs once the CALLRESULT has been sent.
 *
 * The simulator does not validate what it receives beyond the framing: handlers read the payload defensively.
 */
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { isOcppAction, ocppMessages } from '../../shared/ocpp/actions.js';
import type { ChargingProfile, ChargingProfilePurpose, IdTagInfo } from '../../shared/ocpp/messages/common.js';
import type { ChargePointStatus } from '../../shared/ocpp/messages/core.js';
import { OcppCallError, type JsonObject } from '../../shared/ocpp/rpc-frames.js';
import {
  certificateHashData,
  createCsr,
  parseCertificateChain,
  sameHashData,
  type CertificateHashData,
  type CertificateUse,
} from './certificates.js';
import type { Connector, SignedFirmwareStatus, SimulatedChargePoint } from './charge-point.js';
import { download, upload } from './transfer.js';

export interface DefaultAnswer {
  conf: JsonObject;
  /** Runs after the CALLRESULT has been sent (follow-up messages). */
  after?: () => Promise<void> | void;
}

type Handler = (cp: SimulatedChargePoint, payload: any) => DefaultAnswer | Promise<DefaultAnswer>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function supportsProfile(cp: SimulatedChargePoint, profile: string): boolean {
  return cp.state.configuration.getList('SupportedFeatureProfiles').includes(profile);
}

/** Connectors 1..N. */
function outlets(cp: SimulatedChargePoint): Connector[] {
  return cp.state.connectors.slice(1);
}

function fileStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function safeName(identity: string): string {
  return identity.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
}

/** Wait until `iso` (if in the future). */
async function until(cp: SimulatedChargePoint, iso: string | undefined): Promise<void> {
  if (!iso) return;
  const t = Date.parse(iso);
  if (Number.isFinite(t)) await cp.sleep(t - cp.now());
}

function step(cp: SimulatedChargePoint): Promise<void> {
  return cp.sleep(cp.options.stepDelayMs ?? 0);
}

function diagnosticsText(cp: SimulatedChargePoint, kind: string, from?: string, to?: string): Buffer {
  const s = cp.state;
  const lines = [
    `# ${kind} of ${cp.identity}`,
    `generated: ${cp.timestamp()}`,
    `vendor: ${cp.options.vendor ?? 'SimVendor'} model: ${cp.options.model ?? 'SimCharger'} firmware: ${s.firmwareVersion}`,
    ...(from || to ? [`period: ${from ?? '-'} .. ${to ?? '-'}`] : []),
    `registration: ${s.registrationStatus ?? 'none'}`,
    ...s.connectors.map(
      (c) => `connector ${c.id}: ${c.status} ${c.errorCode} availability=${c.availability} meter=${c.meterWh}Wh tx=${c.transactionId ?? '-'}`,
    ),
    '',
  ];
  return Buffer.from(lines.join('\n'), 'utf8');
}

// ----------------------------------------------------------------------------------------------------------------
// Core
// ----------------------------------------------------------------------------------------------------------------

/** Can this id tag start a session on this connector now? */
function canStartOn(cp: SimulatedChargePoint, c: Connector, idTag: string): boolean {
  if (c.id === 0 || c.transaction) return false;
  if (c.availability === 'Inoperative' || cp.state.connectors[0].availability === 'Inoperative') return false;
  const usable = cp.reservationFor(c.id, idTag);
  // A reserved connector only takes its reservation's id tag (or parent id tag).
  if (c.reservation) return usable === c.reservation;
  if (c.status !== 'Available' && c.status !== 'Preparing') return false;
  // A station-wide reservation keeps one connector free for its id tag.
  const station = cp.state.connectors[0].reservation;
  if (station && usable !== station) {
    const free = outlets(cp).filter((x) => x !== c && !x.transaction && !x.reservation && x.status === 'Available').length;
    if (free === 0) return false;
  }
  return true;
}

const remoteStartTransaction: Handler = (cp, p) => {
  const idTag = str(p.idTag) ?? '';
  const profile = p.chargingProfile as ChargingProfile | undefined;
  const rejected = { conf: { status: 'Rejected' } };
  if (profile && profile.chargingProfilePurpose !== 'TxProfile') return rejected;
  let c: Connector | undefined;
  if (p.connectorId !== undefined) {
    c = cp.connector(p.connectorId);
    if (!c || !canStartOn(cp, c, idTag)) return rejected;
  } else {
    // Prefer a connector reserved for this tag, then any free one.
    c = outlets(cp).find((x) => x.reservation && canStartOn(cp, x, idTag)) ?? outlets(cp).find((x) => canStartOn(cp, x, idTag));
    if (!c) return rejected;
  }
  const connector = c;
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      try {
        await cp.runSession({
          connectorId: connector.id,
          idTag,
          authorize: cp.state.configuration.getBoolean('AuthorizeRemoteTxRequests', true),
          preparingFirst: false,
          chargingProfile: profile,
        });
      } catch (err) {
        // Not authorized: back to idle (the session flow only restores the status when it set Preparing first).
        if (!connector.transaction && connector.status === 'Preparing') await cp.setStatus(connector.id, cp.idleStatus(connector, 'Available'));
        throw err;
      }
    },
  };
};

const remoteStopTransaction: Handler = (cp, p) => {
  const c = outlets(cp).find((x) => x.transaction && x.transaction.transactionId === p.transactionId);
  if (!c) return { conf: { status: 'Rejected' } };
  return { conf: { status: 'Accepted' }, after: () => cp.stopSession({ connectorId: c.id, reason: 'Remote' }).then(() => undefined) };
};

const reset: Handler = (cp, p) => ({
  conf: { status: 'Accepted' },
  after: () => cp.reboot(p.type === 'Hard' ? 'HardReset' : 'SoftReset'),
});

const unlockConnector: Handler = (cp, p) => {
  const c = cp.connector(p.connectorId);
  if (!c || c.id === 0) return { conf: { status: 'NotSupported' } };
  return {
    conf: { status: 'Unlocked' },
    after: async () => {
      if (c.transaction) await cp.stopSession({ connectorId: c.id, reason: 'UnlockCommand' });
      else if (c.status === 'Finishing' || c.status === 'Preparing') await cp.setStatus(c.id, cp.idleStatus(c, 'Available'));
    },
  };
};

const changeAvailability: Handler = (cp, p) => {
  const type = p.type === 'Inoperative' ? 'Inoperative' : 'Operative';
  const id = int(p.connectorId);
  if (id === undefined || id < 0 || id > cp.connectorCount) return { conf: { status: 'Rejected' } };
  const targets = id === 0 ? cp.state.connectors : [cp.state.connectors[id]];
  let scheduled = false;
  const changed: Connector[] = [];
  for (const c of targets) {
    if (c.transaction && type === 'Inoperative') {
      c.scheduledAvailability = type;
      scheduled = true;
      continue;
    }
    c.scheduledAvailability = undefined;
    if (c.availability !== type) changed.push(c);
    c.availability = type;
  }
  if (id === 0 && scheduled) {
    // The charge point as a whole becomes Inoperative once its last transaction ends.
    const station = cp.state.connectors[0];
    station.availability = 'Operative';
    station.scheduledAvailability = type;
    const i = changed.indexOf(station);
    if (i >= 0) changed.splice(i, 1);
  }
  return {
    conf: { status: scheduled ? 'Scheduled' : 'Accepted' },
    after: async () => {
      const notify = id === 0 ? cp.state.connectors : targets;
      for (const c of notify) {
        if (c.transaction) continue;
        const status: ChargePointStatus =
          c.id === 0 ? (c.availability === 'Inoperative' ? 'Unavailable' : 'Available') : cp.idleStatus(c, 'Available');
        await cp.setStatus(c.id, status);
      }
    },
  };
};

const getConfiguration: Handler = (cp, p) => ({
  conf: cp.state.configuration.getConfiguration(
    Array.isArray(p.key) ? p.key.filter((k: unknown) => typeof k === 'string') : undefined,
  ) as unknown as JsonObject,
});

const changeConfiguration: Handler = (cp, p) => ({
  conf: { status: cp.state.configuration.change(String(p.key ?? ''), String(p.value ?? '')) },
});

const clearCache: Handler = (cp) => {
  cp.state.authCache.clear();
  return { conf: { status: 'Accepted' } };
};

const dataTransfer: Handler = async (cp, p) => {
  const handler = cp.dataTransferHandler(String(p.vendorId ?? ''));
  if (!handler) return { conf: { status: 'UnknownVendorId' } };
  const conf = await handler({ vendorId: String(p.vendorId), messageId: str(p.messageId), data: str(p.data) });
  return { conf: conf as unknown as JsonObject };
};

// ----------------------------------------------------------------------------------------------------------------
// Local authorization list
// ----------------------------------------------------------------------------------------------------------------

const getLocalListVersion: Handler = (cp) => {
  const list = cp.state.localList;
  return { conf: { listVersion: list.entries.size === 0 ? 0 : list.version } };
};

const sendLocalList: Handler = (cp, p) => {
  const cfg = cp.state.configuration;
  const list = cp.state.localList;
  const version = int(p.listVersion) ?? 0;
  const entries: Array<{ idTag: string; idTagInfo?: IdTagInfo }> = Array.isArray(p.localAuthorizationList) ? p.localAuthorizationList : [];
  if (entries.length > cfg.getInteger('SendLocalListMaxLength', 100)) return { conf: { status: 'Failed' } };
  let next: Map<string, IdTagInfo>;
  if (p.updateType === 'Differential') {
    if (version <= list.version) return { conf: { status: 'VersionMismatch' } };
    next = new Map(list.entries);
    for (const e of entries) {
      if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
      else next.delete(e.idTag);
    }
  } else {
    next = new Map();
    for (const e of entries) if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
  }
  if (next.size > cfg.getInteger('LocalAuthListMaxLength', 1000)) return { conf: { status: 'Failed' } };
  list.entries.clear();
  for (const [k, v] of next) list.entries.set(k, v);
  list.version = version;
  return { conf: { status: 'Accepted' } };
};

// ----------------------------------------------------------------------------------------------------------------
// Reservation
// ----------------------------------------------------------------------------------------------------------------

const reserveNow: Handler = (cp, p) => {
  const id = int(p.connectorId);
  const reservationId = int(p.reservationId);
  if (id === undefined || reservationId === undefined || id < 0 || id > cp.connectorCount) return { conf: { status: 'Rejected' } };
  const reservation = {
    reservationId,
    idTag: String(p.idTag ?? ''),
    ...(str(p.parentIdTag) ? { parentIdTag: str(p.parentIdTag) } : {}),
    expiryDate: str(p.expiryDate) ?? cp.timestamp(),
  };
  const station = cp.state.connectors[0];
  if (id === 0) {
    if (!cp.state.configuration.getBoolean('ReserveConnectorZeroSupported', true)) return { conf: { status: 'Rejected' } };
    if (station.availability === 'Inoperative') return { conf: { status: 'Unavailable' } };
    const all = outlets(cp);
    if (station.reservation && station.reservation.reservationId !== reservationId) return { conf: { status: 'Occupied' } };
    if (all.length > 0 && all.every((c) => c.status === 'Faulted')) return { conf: { status: 'Faulted' } };
    if (all.every((c) => c.availability === 'Inoperative' || c.status === 'Unavailable')) return { conf: { status: 'Unavailable' } };
    if (!all.some((c) => c.status === 'Available' && !c.reservation)) return { conf: { status: 'Occupied' } };
    cp.setReservation(station, reservation);
    return { conf: { status: 'Accepted' } };
  }
  const c = cp.state.connectors[id];
  if (c.reservation && c.reservation.reservationId !== reservationId) return { conf: { status: 'Occupied' } };
  const sameReservation = c.reservation?.reservationId === reservationId;
  if (c.status === 'Faulted') return { conf: { status: 'Faulted' } };
  if (c.status === 'Unavailable' || c.availability === 'Inoperative' || station.availability === 'Inoperative')
    return { conf: { status: 'Unavailable' } };
  if (c.status !== 'Available' && !(sameReservation && c.status === 'Reserved')) return { conf: { status: 'Occupied' } };
  const previous = cp.clearReservation(reservationId);
  cp.setReservation(c, reservation);
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      // The reservation moved from another connector: free that one.
      if (previous && previous !== c && previous.id > 0 && previous.status === 'Reserved') await cp.setStatus(previous.id, cp.idleStatus(previous));
      if (c.reservation?.reservationId === reservationId) await cp.setStatus(c.id, 'Reserved');
    },
  };
};

const cancelReservation: Handler = (cp, p) => {
  const c = cp.clearReservation(int(p.reservationId) ?? NaN);
  if (!c) return { conf: { status: 'Rejected' } };
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      if (c.id > 0 && c.status === 'Reserved') await cp.setStatus(c.id, cp.idleStatus(c));
    },
  };
};

// ----------------------------------------------------------------------------------------------------------------
// Remote trigger
// ----------------------------------------------------------------------------------------------------------------

async function triggeredBoot(cp: SimulatedChargePoint): Promise<void> {
  const before = cp.state.registrationStatus;
  // A station that was not yet accepted sends its StatusNotifications once it is.
  await cp.boot({ statusNotifications: before !== 'Accepted' });
}

async function triggeredMeterValues(cp: SimulatedChargePoint, connectorId: number | undefined): Promise<void> {
  const ids = connectorId !== undefined ? [connectorId] : outlets(cp).map((c) => c.id);
  const measurands = cp.state.configuration.getList('MeterValuesSampledData');
  for (const id of ids) await cp.meterValues(id, undefined, cp.sample(id, measurands, 'Trigger'), 'Trigger');
}

async function triggeredStatus(cp: SimulatedChargePoint, connectorId: number | undefined): Promise<void> {
  const list = connectorId !== undefined ? [cp.state.connectors[connectorId]] : cp.state.connectors;
  for (const c of list) await cp.statusNotification(c.id, c.status, c.errorCode);
}

function checkTriggerConnector(cp: SimulatedChargePoint, connectorId: unknown): boolean {
  return (
    connectorId === undefined || (int(connectorId) !== undefined && (connectorId as number) >= 0 && (connectorId as number) <= cp.connectorCount)
  );
}

const triggerMessage: Handler = (cp, p) => {
  if (!checkTriggerConnector(cp, p.connectorId)) return { conf: { status: 'Rejected' } };
  const connectorId = int(p.connectorId);
  const s = cp.state;
  const flows: Record<string, () => Promise<unknown>> = {
    BootNotification: () => triggeredBoot(cp),
    DiagnosticsStatusNotification: () => cp.diagnosticsStatusNotification(s.diagnosticsStatus === 'Uploading' ? 'Uploading' : 'Idle'),
    FirmwareStatusNotification: () => cp.firmwareStatusNotification(firmwareBusy(s.firmwareStatus) ? s.firmwareStatus : 'Idle'),
    Heartbeat: () => cp.heartbeat(),
    MeterValues: () => triggeredMeterValues(cp, connectorId),
    StatusNotification: () => triggeredStatus(cp, connectorId),
  };
  const flow = flows[String(p.requestedMessage)];
  if (!flow) return { conf: { status: 'NotImplemented' } };
  return { conf: { status: 'Accepted' }, after: () => flow().then(() => undefined) };
};

const extendedTriggerMessage: Handler = (cp, p) => {
  if (!checkTriggerConnector(cp, p.connectorId)) return { conf: { status: 'Rejected' } };
  const connectorId = int(p.connectorId);
  const s = cp.state;
  const flows: Record<string, () => Promise<unknown>> = {
    BootNotification: () => triggeredBoot(cp),
    LogStatusNotification: () =>
      s.logStatus === 'Uploading'
        ? cp.call('LogStatusNotification', { status: 'Uploading', ...(s.logRequestId !== undefined ? { requestId: s.logRequestId } : {}) })
        : cp.call('LogStatusNotification', { status: 'Idle' }),
    FirmwareStatusNotification: () =>
      signedFirmwareBusy(s.signedFirmwareStatus)
        ? cp.call('SignedFirmwareStatusNotification', {
            status: s.signedFirmwareStatus,
            ...(s.signedFirmwareRequestId !== undefined ? { requestId: s.signedFirmwareRequestId } : {}),
          })
        : cp.call('SignedFirmwareStatusNotification', { status: 'Idle' }),
    Heartbeat: () => cp.heartbeat(),
    MeterValues: () => triggeredMeterValues(cp, connectorId),
    SignChargePointCertificate: () => signCertificate(cp),
    StatusNotification: () => triggeredStatus(cp, connectorId),
  };
  const flow = flows[String(p.requestedMessage)];
  if (!flow) return { conf: { status: 'NotImplemented' } };
  return { conf: { status: 'Accepted' }, after: () => flow().then(() => undefined) };
};

async function signCertificate(cp: SimulatedChargePoint): Promise<void> {
  const cpo = cp.state.configuration.get('CpoName') || cp.options.vendor || 'SimVendor';
  const { csrPem, privateKey } = createCsr(cp.options.certificateCommonName ?? cp.identity, cpo);
  cp.state.chargePointPrivateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await cp.call('SignCertificate', { csr: csrPem });
}

// ----------------------------------------------------------------------------------------------------------------
// Smart charging
// ----------------------------------------------------------------------------------------------------------------

const setChargingProfile: Handler = (cp, p) => {
  const rejected = { conf: { status: 'Rejected' } };
  const id = int(p.connectorId);
  const profile = p.csChargingProfiles as ChargingProfile | undefined;
  if (id === undefined || id < 0 || id > cp.connectorCount || !profile || typeof profile !== 'object') return rejected;
  const cfg = cp.state.configuration;
  const purpose = profile.chargingProfilePurpose;
  const schedule = profile.chargingSchedule;
  if (!schedule || !Array.isArray(schedule.chargingSchedulePeriod)) return rejected;
  if (purpose === 'ChargePointMaxProfile' && id !== 0) return rejected;
  if (purpose === 'TxProfile') {
    const c = cp.state.connectors[id];
    if (id === 0 || !c.transaction) return rejected;
    if (profile.transactionId !== undefined && profile.transactionId !== c.transaction.transactionId) return rejected;
  }
  if (purpose !== 'ChargePointMaxProfile' && purpose !== 'TxDefaultProfile' && purpose !== 'TxProfile') return rejected;
  if (!Number.isInteger(profile.stackLevel) || profile.stackLevel < 0 || profile.stackLevel > cfg.getInteger('ChargeProfileMaxStackLevel', 10))
    return rejected;
  const allowedUnits = cfg.getList('ChargingScheduleAllowedChargingRateUnit');
  if (schedule.chargingRateUnit === 'A' && !allowedUnits.includes('Current')) return rejected;
  if (schedule.chargingRateUnit === 'W' && !allowedUnits.includes('Power')) return rejected;
  if (schedule.chargingRateUnit !== 'A' && schedule.chargingRateUnit !== 'W') return rejected;
  if (schedule.chargingSchedulePeriod.length > cfg.getInteger('ChargingScheduleMaxPeriods', 24)) return rejected;
  if (profile.chargingProfileKind === 'Recurring' && !profile.recurrencyKind) return rejected;
  const store = cp.state.chargingProfiles;
  if (!store.replacesExisting(id, profile) && store.profiles.length >= cfg.getInteger('MaxChargingProfilesInstalled', 20)) return rejected;
  const installed: ChargingProfile =
    purpose === 'TxProfile' && profile.transactionId === undefined
      ? { ...profile, transactionId: cp.state.connectors[id].transaction!.transactionId }
      : profile;
  store.install(id, installed);
  cp.applyChargingLimit();
  return { conf: { status: 'Accepted' } };
};

const clearChargingProfile: Handler = (cp, p) => {
  const removed = cp.state.chargingProfiles.clear({
    id: int(p.id),
    connectorId: int(p.connectorId),
    chargingProfilePurpose: str(p.chargingProfilePurpose) as ChargingProfilePurpose | undefined,
    stackLevel: int(p.stackLevel),
  });
  cp.applyChargingLimit();
  return { conf: { status: removed > 0 ? 'Accepted' : 'Unknown' } };
};

const getCompositeSchedule: Handler = (cp, p) => {
  const id = int(p.connectorId);
  const duration = int(p.duration);
  if (id === undefined || id < 0 || id > cp.connectorCount || duration === undefined || duration < 0) return { conf: { status: 'Rejected' } };
  const unit = p.chargingRateUnit === 'A' || p.chargingRateUnit === 'W' ? (p.chargingRateUnit as 'A' | 'W') : undefined;
  const allowed = cp.state.configuration.getList('ChargingScheduleAllowedChargingRateUnit');
  if ((unit === 'A' && !allowed.includes('Current')) || (unit === 'W' && !allowed.includes('Power'))) return { conf: { status: 'Rejected' } };
  const c = cp.state.connectors[id];
  const meter = c.meter;
  const el = { voltage: meter.voltage, phases: meter.phases };
  const maxW = meter.maxPowerW * (id === 0 ? Math.max(1, cp.connectorCount) : 1);
  const tx = c.transaction ? { startMs: c.transaction.startedAt, transactionId: c.transaction.transactionId } : undefined;
  const schedule = cp.state.chargingProfiles.composite(id, cp.now(), duration, unit, el, { W: maxW, A: maxW / (el.voltage * el.phases) }, tx);
  return {
    conf: {
      status: 'Accepted',
      connectorId: id,
      scheduleStart: schedule.startSchedule,
      chargingSchedule: schedule,
    },
  };
};

// ----------------------------------------------------------------------------------------------------------------
// Firmware management
// ----------------------------------------------------------------------------------------------------------------

function firmwareBusy(status: string): boolean {
  return status === 'Downloading' || status === 'Downloaded' || status === 'Installing';
}

function signedFirmwareBusy(status: SignedFirmwareStatus): boolean {
  return !['Idle', 'Installed', 'DownloadFailed', 'InstallationFailed', 'InstallVerificationFailed', 'InvalidSignature'].includes(status);
}

/** Download `location` for real if http(s)/ftp; other schemes are simulated (success with no data). */
async function fetchFirmware(cp: SimulatedChargePoint, location: string): Promise<Buffer> {
  let scheme = '';
  try {
    scheme = new URL(location).protocol;
  } catch {
    throw new Error(`Invalid firmware location ${location}`);
  }
  if (scheme === 'http:' || scheme === 'https:' || scheme === 'ftp:') {
    const data = await download(location, cp.options.transfer);
    cp.state.lastFirmwareDownload = { location, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    return data;
  }
  return Buffer.alloc(0);
}

/**
 * A station uploads only over the protocols it advertises in SupportedFileTransferProtocols (OCPP 1.6 §9.1.30): an
 * HTTP-only station given an ftp:// location fails the upload, as a real one would.
 */
async function uploadAsAdvertised(cp: SimulatedChargePoint, location: string, fileName: string, content: Buffer): Promise<void> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1]?.toUpperCase() ?? '';
  const supported = cp.state.configuration.getList('SupportedFileTransferProtocols').map((p) => p.toUpperCase());
  if (supported.length > 0 && !supported.includes(scheme))
    throw new Error(`${scheme || 'this'} location not supported (SupportedFileTransferProtocols = ${supported.join(',')})`);
  await upload(location, fileName, content, cp.options.transfer);
}

async function withRetries<T>(
  cp: SimulatedChargePoint,
  retries: unknown,
  retryInterval: unknown,
  attempt: () => Promise<T>,
  onFail: () => Promise<unknown>,
): Promise<T | undefined> {
  const attempts = 1 + Math.max(0, int(retries) ?? 0);
  for (let i = 0; i < attempts; i++) {
    try {
      return await attempt();
    } catch {
      if (cp.stopped) return undefined;
      if (i === attempts - 1) {
        await onFail();
        return undefined;
      }
      await cp.sleep(Math.max(0, int(retryInterval) ?? 0) * 1000);
    }
  }
  return undefined;
}

const updateFirmware: Handler = (cp, p) => ({
  conf: {},
  after: async () => {
    const s = cp.state;
    const location = String(p.location ?? '');
    await until(cp, str(p.retrieveDate));
    if (cp.stopped) return;
    let failed = false;
    const data = await withRetries(
      cp,
      p.retries,
      p.retryInterval,
      async () => {
        s.firmwareStatus = 'Downloading';
        await cp.firmwareStatusNotification('Downloading');
        return fetchFirmware(cp, location);
      },
      async () => {
        failed = true;
        s.firmwareStatus = 'DownloadFailed';
        await cp.firmwareStatusNotification('DownloadFailed');
      },
    );
    if (failed || data === undefined) {
      s.firmwareStatus = 'Idle';
      return;
    }
    await step(cp);
    s.firmwareStatus = 'Downloaded';
    await cp.firmwareStatusNotification('Downloaded');
    await cp.whenIdle();
    await step(cp);
    s.firmwareStatus = 'Installing';
    await cp.firmwareStatusNotification('Installing');
    await step(cp);
    await cp.reboot(undefined);
    if (cp.stopped) return;
    s.firmwareStatus = 'Installed';
    await cp.firmwareStatusNotification('Installed');
    s.firmwareStatus = 'Idle';
  },
});

const getDiagnostics: Handler = (cp, p) => {
  const fileName = `${safeName(cp.identity)}-diagnostics-${fileStamp(cp.now())}.txt`;
  const location = String(p.location ?? '');
  return {
    conf: { fileName },
    after: async () => {
      const s = cp.state;
      const content = diagnosticsText(cp, 'Diagnostics', str(p.startTime), str(p.stopTime));
      let ok = false;
      await withRetries(
        cp,
        p.retries,
        p.retryInterval,
        async () => {
          s.diagnosticsStatus = 'Uploading';
          await cp.diagnosticsStatusNotification('Uploading');
          await step(cp);
          await uploadAsAdvertised(cp, location, fileName, content);
          ok = true;
        },
        async () => {
          s.diagnosticsStatus = 'UploadFailed';
          await cp.diagnosticsStatusNotification('UploadFailed');
        },
      );
      if (ok) {
        s.diagnosticsStatus = 'Uploaded';
        await cp.diagnosticsStatusNotification('Uploaded');
      }
      s.diagnosticsStatus = 'Idle';
    },
  };
};

// ----------------------------------------------------------------------------------------------------------------
// Security whitepaper
// ----------------------------------------------------------------------------------------------------------------

const installCertificate: Handler = (cp, p) => {
  const type = p.certificateType as CertificateUse;
  const pem = String(p.certificate ?? '');
  if (type !== 'CentralSystemRootCertificate' && type !== 'ManufacturerRootCertificate') return { conf: { status: 'Rejected' } };
  let hash: CertificateHashData;
  try {
    parseCertificateChain(pem);
    hash = certificateHashData(pem);
  } catch {
    return { conf: { status: 'Rejected' } };
  }
  const store = cp.state.certificates;
  const existing = store.findIndex((c) => sameHashData(c.hash, hash));
  if (existing >= 0) store.splice(existing, 1);
  else if (store.length >= cp.state.configuration.getInteger('CertificateStoreMaxLength', 20)) return { conf: { status: 'Failed' } };
  store.push({ certificateType: type, pem, hash });
  return { conf: { status: 'Accepted' } };
};

const getInstalledCertificateIds: Handler = (cp, p) => {
  const list = cp.state.certificates.filter((c) => c.certificateType === p.certificateType).map((c) => c.hash);
  return { conf: list.length ? { status: 'Accepted', certificateHashData: list } : { status: 'NotFound' } };
};

const deleteCertificate: Handler = (cp, p) => {
  const wanted = p.certificateHashData as CertificateHashData | undefined;
  if (!wanted || typeof wanted !== 'object') return { conf: { status: 'NotFound' } };
  const store = cp.state.certificates;
  const i = store.findIndex((c) => sameHashData(c.hash, wanted));
  if (i < 0) return { conf: { status: 'NotFound' } };
  store.splice(i, 1);
  return { conf: { status: 'Accepted' } };
};

const certificateSigned: Handler = (cp, p) => {
  const chain = String(p.certificateChain ?? '');
  if (chain.length > cp.state.configuration.getInteger('CertificateSignedMaxChainSize', 10000)) return { conf: { status: 'Rejected' } };
  try {
    parseCertificateChain(chain);
  } catch {
    return {
      conf: { status: 'Rejected' },
      after: () => cp.securityEventNotification('InvalidChargePointCertificate', 'Certificate chain could not be parsed').then(() => undefined),
    };
  }
  cp.state.chargePointCertificate = chain;
  return { conf: { status: 'Accepted' } };
};

const getLog: Handler = (cp, p) => {
  const requestId = int(p.requestId) ?? 0;
  const logType = p.logType === 'SecurityLog' ? 'SecurityLog' : 'DiagnosticsLog';
  const filename = `${safeName(cp.identity)}-${logType}-${fileStamp(cp.now())}.log`;
  const location = String(p.log?.remoteLocation ?? '');
  return {
    conf: { status: 'Accepted', filename },
    after: async () => {
      const s = cp.state;
      const content = diagnosticsText(cp, logType, str(p.log?.oldestTimestamp), str(p.log?.latestTimestamp));
      s.logRequestId = requestId;
      let ok = false;
      await withRetries(
        cp,
        p.retries,
        p.retryInterval,
        async () => {
          s.logStatus = 'Uploading';
          await cp.call('LogStatusNotification', { status: 'Uploading', requestId });
          await step(cp);
          await uploadAsAdvertised(cp, location, filename, content);
          ok = true;
        },
        async () => {
          s.logStatus = 'UploadFailure';
          await cp.call('LogStatusNotification', { status: 'UploadFailure', requestId });
        },
      );
      if (ok) {
        s.logStatus = 'Uploaded';
        await cp.call('LogStatusNotification', { status: 'Uploaded', requestId });
      }
      s.logStatus = 'Idle';
      s.logRequestId = undefined;
    },
  };
};

const signedUpdateFirmware: Handler = (cp, p) => {
  const requestId = int(p.requestId) ?? 0;
  const fw = (p.firmware ?? {}) as {
    location?: string;
    retrieveDateTime?: string;
    installDateTime?: string;
    signingCertificate?: string;
    signature?: string;
  };
  let signingCert: X509Certificate;
  try {
    signingCert = new X509Certificate(String(fw.signingCertificate ?? ''));
  } catch {
    return {
      conf: { status: 'InvalidCertificate' },
      after: () => cp.securityEventNotification('InvalidFirmwareSigningCertificate', 'Signing certificate could not be parsed').then(() => undefined),
    };
  }
  const s = cp.state;
  const notify = async (status: SignedFirmwareStatus) => {
    s.signedFirmwareStatus = status;
    s.signedFirmwareRequestId = requestId;
    await cp.call('SignedFirmwareStatusNotification', { status, requestId });
  };
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      const retrieve = Date.parse(fw.retrieveDateTime ?? '');
      if (Number.isFinite(retrieve) && retrieve > cp.now()) {
        await notify('DownloadScheduled');
        await until(cp, fw.retrieveDateTime);
      }
      if (cp.stopped) return;
      let failed = false;
      const data = await withRetries(
        cp,
        p.retries,
        p.retryInterval,
        async () => {
          await notify('Downloading');
          return fetchFirmware(cp, String(fw.location ?? ''));
        },
        async () => {
          failed = true;
          await notify('DownloadFailed');
        },
      );
      if (failed || data === undefined) {
        s.signedFirmwareStatus = 'Idle';
        return;
      }
      await step(cp);
      await notify('Downloaded');
      if (cp.options.verifyFirmwareSignature) {
        let valid = false;
        try {
          valid = createVerify('sha256')
            .update(data)
            .verify(signingCert.publicKey, Buffer.from(String(fw.signature ?? ''), 'base64'));
        } catch {
          valid = false;
        }
        if (!valid) {
          await notify('InvalidSignature');
          await cp.securityEventNotification('InvalidFirmwareSignature', 'Firmware signature verification failed');
          s.signedFirmwareStatus = 'Idle';
          return;
        }
      }
      await notify('SignatureVerified');
      const install = Date.parse(fw.installDateTime ?? '');
      if (Number.isFinite(install) && install > cp.now()) {
        await notify('InstallScheduled');
        await until(cp, fw.installDateTime);
      }
      await cp.whenIdle();
      if (cp.stopped) return;
      await step(cp);
      await notify('Installing');
      await step(cp);
      await notify('InstallRebooting');
      await cp.reboot(undefined);
      if (cp.stopped) return;
      await notify('Installed');
      await cp.securityEventNotification('FirmwareUpdated', `Firmware updated (request ${requestId})`);
      s.signedFirmwareStatus = 'Idle';
      s.signedFirmwareRequestId = undefined;
    },
  };
};

// ----------------------------------------------------------------------------------------------------------------
// Dispatch
// ----------------------------------------------------------------------------------------------------------------

export const DEFAULT_HANDLERS: Readonly<Record<string, Handler>> = {
  // Core
  ChangeAvailability: changeAvailability,
  ChangeConfiguration: changeConfiguration,
  ClearCache: clearCache,
  DataTransfer: dataTransfer,
  GetConfiguration: getConfiguration,
  RemoteStartTransaction: remoteStartTransaction,
  RemoteStopTransaction: remoteStopTransaction,
  Reset: reset,
  UnlockConnector: unlockConnector,
  // Firmware management
  GetDiagnostics: getDiagnostics,
  UpdateFirmware: updateFirmware,
  // Local auth list
  GetLocalListVersion: getLocalListVersion,
  SendLocalList: sendLocalList,
  // Reservation
  ReserveNow: reserveNow,
  CancelReservation: cancelReservation,
  // Remote trigger
  TriggerMessage: triggerMessage,
  // Smart charging
  SetChargingProfile: setChargingProfile,
  ClearChargingProfile: clearChargingProfile,
  GetCompositeSchedule: getCompositeSchedule,
  // Security whitepaper
  CertificateSigned: certificateSigned,
  DeleteCertificate: deleteCertificate,
  ExtendedTriggerMessage: extendedTriggerMessage,
  GetInstalledCertificateIds: getInstalledCertificateIds,
  GetLog: getLog,
  InstallCertificate: installCertificate,
  SignedUpdateFirmware: signedUpdateFirmware,
};

/**
 * The default answer to a CSMS CALL. Unknown actions get NotImplemented; actions of a feature profile the
 * station does not list in SupportedFeatureProfiles get NotSupported (security calls are always supported).
 */
export async function defaultAnswer(cp: SimulatedChargePoint, action: string, payload: JsonObject): Promise<DefaultAnswer> {
  const handler = Object.prototype.hasOwnProperty.call(DEFAULT_HANDLERS, action) ? DEFAULT_HANDLERS[action] : undefined;
  if (!handler) throw new OcppCallError('NotImplemented', `Action ${action} is not implemented`);
  if (isOcppAction(action)) {
    const profile = ocppMessages[action].profile;
    if (profile !== 'Security' && profile !== 'Core' && !supportsProfile(cp, profile)) {
      throw new OcppCallError('NotSupported', `Feature profile ${profile} is not supported`);
    }
  }
  return handler(cp, payload);
}
