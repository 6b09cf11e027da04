/**
 * The station's file flows, one for each direction: a firmware update (UpdateFirmware, OCPP 1.6 §5.19; and the
 * security whitepaper's SignedUpdateFirmware) downloads, optionally verifies, waits for the transactions to end,
 * installs and reboots; an upload (GetDiagnostics §5.9, GetLog) sends a report file. Each call reports its
 * progress in its own status notification; the steps, retries and failures are the same.
 */
import { createHash, createVerify, type X509Certificate } from 'node:crypto';
import type { SignedFirmwareStatus } from '../../../shared/ocpp/messages/security.js';
import type { StationScript } from '../scripting.js';
import { download, upload } from '../transfer.js';
import { isFuture, step, until } from './handler.js';

/** The steps of a firmware update, named as in SignedFirmwareStatusNotification (a superset of UpdateFirmware's). */
export type FirmwarePhase = SignedFirmwareStatus;
/** The steps of an upload. */
export type UploadPhase = 'Uploading' | 'Uploaded' | 'Failed' | 'Idle';

export interface Retries {
  retries?: number;
  retryInterval?: number;
}

export interface FirmwareUpdate extends Retries {
  location: string;
  retrieveAt?: string;
  installAt?: string;
  /** Check the downloaded file (signature); a false result stops the update as InvalidSignature. */
  verify?: (data: Buffer) => boolean;
  /** Record and report a step (Idle: the update is over, nothing is sent). */
  report: (phase: FirmwarePhase) => Promise<unknown>;
}

export interface UploadJob extends Retries {
  location: string;
  fileName: string;
  content: Buffer;
  report: (phase: UploadPhase) => Promise<unknown>;
}

/** Try `attempt` 1 + retries times, `retryInterval` seconds apart. Undefined when all failed or the station closed. */
async function withRetries<T>(cp: StationScript, retries: Retries, attempt: () => Promise<T>): Promise<T | undefined> {
  const attempts = 1 + Math.max(0, retries.retries ?? 0);
  for (let i = 0; i < attempts; i++) {
    try {
      return await attempt();
    } catch {
      if (cp.stopped || i === attempts - 1) return undefined;
      await cp.sleep(Math.max(0, retries.retryInterval ?? 0) * 1000);
    }
  }
  return undefined;
}

/** Download `location` for real if http(s)/ftp; other schemes are simulated (success with no data). */
async function fetchFirmware(cp: StationScript, location: string): Promise<Buffer> {
  const scheme = URL.canParse(location) ? new URL(location).protocol : undefined;
  if (scheme === undefined) throw new Error(`Invalid firmware location ${location}`);
  if (scheme !== 'http:' && scheme !== 'https:' && scheme !== 'ftp:') return Buffer.alloc(0);
  const data = await download(location, cp.options.transfer);
  cp.state.lastFirmwareDownload = { location, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  return data;
}

/**
 * A station uploads only over the protocols it advertises in SupportedFileTransferProtocols (OCPP 1.6 §9.1.30): an
 * HTTP-only station given an ftp:// location fails the upload, as a real one would.
 */
async function uploadAsAdvertised(cp: StationScript, job: UploadJob): Promise<void> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(job.location)?.[1]?.toUpperCase() ?? '';
  const supported = cp.state.configuration.getList('SupportedFileTransferProtocols').map((p) => p.toUpperCase());
  if (supported.length > 0 && !supported.includes(scheme))
    throw new Error(`${scheme || 'this'} location not supported (SupportedFileTransferProtocols = ${supported.join(',')})`);
  await upload(job.location, job.fileName, job.content, cp.options.transfer);
}

/** A firmware update from download to the reboot into the new firmware. */
export async function updateFirmware(cp: StationScript, update: FirmwareUpdate): Promise<void> {
  const { report } = update;
  if (isFuture(cp, update.retrieveAt)) await report('DownloadScheduled');
  await until(cp, update.retrieveAt);
  if (cp.stopped) return;
  const data = await withRetries(cp, update, async () => {
    await report('Downloading');
    return fetchFirmware(cp, update.location);
  });
  if (data === undefined) {
    if (!cp.stopped) await report('DownloadFailed');
    await report('Idle');
    return;
  }
  await step(cp);
  await report('Downloaded');
  if (update.verify) {
    if (!update.verify(data)) {
      await report('InvalidSignature');
      await report('Idle');
      return;
    }
    await report('SignatureVerified');
  }
  if (isFuture(cp, update.installAt)) {
    await report('InstallScheduled');
    await until(cp, update.installAt);
  }
  await cp.whenIdle();
  if (cp.stopped) return;
  await step(cp);
  await report('Installing');
  await step(cp);
  await report('InstallRebooting');
  await cp.reboot(undefined);
  if (cp.stopped) return;
  await report('Installed');
  await report('Idle');
}

/** Whether `signature` (base64) signs `data` with the key of `signer` (SHA-256). */
export function signatureValid(data: Buffer, signature: string, signer: X509Certificate): boolean {
  try {
    return createVerify('sha256').update(data).verify(signer.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** An upload of a report file, retried as asked. */
export async function uploadFile(cp: StationScript, job: UploadJob): Promise<void> {
  const uploaded = await withRetries(cp, job, async () => {
    await job.report('Uploading');
    await step(cp);
    await uploadAsAdvertised(cp, job);
    return true;
  });
  if (uploaded) await job.report('Uploaded');
  else if (!cp.stopped) await job.report('Failed');
  await job.report('Idle');
}

/** The text of a diagnostics or log file: the station's identity and the state of its connectors. */
export function reportText(cp: StationScript, kind: string, from?: string, to?: string): Buffer {
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

/** A file name for a report: the identity (made safe) and a compact UTC timestamp. */
export function reportFileName(cp: StationScript, kind: string, extension: string): string {
  const identity = cp.identity.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  const stamp = new Date(cp.now())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${identity}-${kind}-${stamp}.${extension}`;
}
