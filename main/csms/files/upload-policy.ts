/**
 * How a station uploads diagnostics and logs to the built-in file server (README "Firmware and diagnostics files"):
 * - the protocol follows what the station advertises in its `SupportedFileTransferProtocols` configuration key
 *   (OCPP 1.6 §9.1; read from its last GetConfiguration snapshot) or the operator's per-station setting: FTP only
 *   where it is advertised and the FTP receiver runs, HTTP otherwise (every station that uploads at all over the
 *   web does HTTP POST/PUT);
 * - each upload job gets its own credential: user = the station identity, a random password, valid until the job
 *   ends (its terminal status notification, a refusal or failure) and at most `UPLOAD_CREDENTIAL_MAX_LIFETIME_MS`.
 *   Only its SHA-256 is stored; the password is sent once, in the location, and redacted everywhere it is kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Repositories } from '../storage/repositories/index.js';

/** A station that never reports its upload's end still loses the credential after this long. */
export const UPLOAD_CREDENTIAL_MAX_LIFETIME_MS = 24 * 3_600_000;
const PASSWORD_BYTES = 16;

export type UploadProtocol = 'ftp' | 'http';

/** 32 hex characters: safe in a URL's userinfo and an FTP PASS line without any escaping. */
export function newUploadPassword(): string {
  return randomBytes(PASSWORD_BYTES).toString('hex');
}

/** A random 128-bit password needs no slow hash: SHA-256 cannot be reversed and guessing 2^128 is out of reach. */
export function credentialSha256(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

/** SupportedFileTransferProtocols of the station's last configuration snapshot, upper-cased; null when unknown. */
export function advertisedProtocols(repos: Repositories, chargePointId: string): string[] | null {
  const entry = repos.configurationSnapshots.get(chargePointId)?.entries.find((e) => /^SupportedFileTransferProtocols$/i.test(e.key));
  if (entry?.value === undefined) return null;
  return entry.value
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
}

/** The protocol a GetDiagnostics / GetLog without a location uses for this station, and why (shown in the console). */
export function chooseUploadProtocol(repos: Repositories, chargePointId: string, ftpRunning: boolean): { protocol: UploadProtocol; reason: string } {
  const setting = repos.stationSecurity.get(chargePointId).uploadProtocol;
  if (setting === 'http') return { protocol: 'http', reason: 'HTTP set for this station' };
  if (setting === 'ftp') {
    return ftpRunning
      ? { protocol: 'ftp', reason: 'FTP set for this station' }
      : { protocol: 'http', reason: 'FTP set for this station, but the FTP receiver is off' };
  }
  const advertised = advertisedProtocols(repos, chargePointId);
  if (advertised === null) return { protocol: 'http', reason: 'SupportedFileTransferProtocols not known (no GetConfiguration yet)' };
  const list = advertised.join(',') || '(empty)';
  if (advertised.includes('FTP')) {
    return ftpRunning
      ? { protocol: 'ftp', reason: `the station advertises FTP (SupportedFileTransferProtocols = ${list})` }
      : { protocol: 'http', reason: `the station advertises ${list}, but the FTP receiver is off` };
  }
  return { protocol: 'http', reason: `FTP not advertised (SupportedFileTransferProtocols = ${list})` };
}

/** The job an upload with this login belongs to, if the credential is one of the station's open jobs. */
export function authorizeUpload(
  repos: Pick<Repositories, 'chargePoints' | 'fileJobs'>,
  user: string,
  password: string,
  now: Date,
): { chargePointId: string; jobId: number } | undefined {
  if (!user || !password || !repos.chargePoints.get(user)) return undefined;
  const jobId = repos.fileJobs.jobForCredential(user, credentialSha256(password), now.toISOString());
  return jobId === undefined ? undefined : { chargePointId: user, jobId };
}
