/**
 * The URLs the central system puts in UpdateFirmware.location and GetDiagnostics.location / GetLog.log.remoteLocation
 * (README "Firmware and diagnostics files"): they must name this machine as a charger on the LAN reaches it, so the host is a setting
 * (`advertisedHost`), by default the first non-internal IPv4 address of this machine.
 */
import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address of this machine, else 127.0.0.1. */
export function firstLanIPv4(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

export interface FileUrls {
  readonly advertisedHost: string;
  /** Whether the FTP receiver runs (else every upload is HTTP). */
  readonly ftpRunning: boolean;
  /** `http://<host>:<httpPort>/firmware/<name>` */
  firmware(name: string): string;
  /** `http://<chargePointId>:<password>@<host>:<httpPort>/upload/<chargePointId>/` (multipart POST, or PUT with a file name appended); without a password, no userinfo. */
  httpUpload(chargePointId: string, password?: string): string;
  /** `ftp://<chargePointId>:<password>@<host>:<ftpPort>/`; throws when no FTP receiver runs. */
  ftpUpload(chargePointId: string, password?: string): string;
  /** Whether a firmware file of that name exists (so an operator's `firmwareFile` can be checked). */
  hasFirmware?(name: string): boolean;
}

export interface FileUrlOptions {
  advertisedHost?: string;
  httpPort: number;
  ftpPort?: number;
  hasFirmware?(name: string): boolean;
}

function hostPart(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function userinfo(chargePointId: string, password: string | undefined): string {
  return password === undefined ? '' : `${encodeURIComponent(chargePointId)}:${encodeURIComponent(password)}@`;
}

export function createFileUrls(options: FileUrlOptions): FileUrls {
  const host = hostPart(options.advertisedHost || firstLanIPv4());
  return {
    advertisedHost: options.advertisedHost || firstLanIPv4(),
    ftpRunning: options.ftpPort !== undefined,
    firmware: (name) => `http://${host}:${options.httpPort}/firmware/${encodeURIComponent(name)}`,
    httpUpload: (chargePointId, password) =>
      `http://${userinfo(chargePointId, password)}${host}:${options.httpPort}/upload/${encodeURIComponent(chargePointId)}/`,
    ftpUpload: (chargePointId, password) => {
      if (options.ftpPort === undefined) throw new Error('no FTP receiver');
      return `ftp://${userinfo(chargePointId, password)}${host}:${options.ftpPort}/`;
    },
    ...(options.hasFirmware ? { hasFirmware: options.hasFirmware.bind(options) } : {}),
  };
}
