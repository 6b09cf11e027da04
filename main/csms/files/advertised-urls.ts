/**
 * The URLs the central system puts in UpdateFirmware.location and GetDiagnostics.location / GetLog.log.remoteLocation
 * (issue #3): they must name this machine as a charger on the LAN reaches it, so the host is a setting
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
  /** `http://<host>:<httpPort>/firmware/<name>` */
  firmware(name: string): string;
  /** `http://<host>:<httpPort>/upload/<chargePointId>/` (multipart POST, or PUT with a file name appended) */
  httpUpload(chargePointId: string): string;
  /** `ftp://<chargePointId>:<secret>@<host>:<ftpPort>/` */
  ftpUpload(chargePointId: string): string;
  /** The default upload location for GetDiagnostics / GetLog (FTP unless `preferredUpload` says http). */
  upload(chargePointId: string): string;
  /** Whether a firmware file of that name exists (so an operator's `firmwareFile` can be checked). */
  hasFirmware?(name: string): boolean;
}

export interface FileUrlOptions {
  advertisedHost?: string;
  httpPort: number;
  ftpPort?: number;
  /** The FTP upload secret (password). */
  uploadSecret: string | (() => string);
  /** Default `ftp` (many chargers upload only by FTP); `http` when no FTP port is given. */
  preferredUpload?: 'ftp' | 'http';
  hasFirmware?(name: string): boolean;
}

function hostPart(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function createFileUrls(options: FileUrlOptions): FileUrls {
  const host = hostPart(options.advertisedHost || firstLanIPv4());
  const secret = () => (typeof options.uploadSecret === 'function' ? options.uploadSecret() : options.uploadSecret);
  const preferred = options.ftpPort === undefined ? 'http' : (options.preferredUpload ?? 'ftp');
  const urls: FileUrls = {
    advertisedHost: options.advertisedHost || firstLanIPv4(),
    firmware: (name) => `http://${host}:${options.httpPort}/firmware/${encodeURIComponent(name)}`,
    httpUpload: (chargePointId) => `http://${host}:${options.httpPort}/upload/${encodeURIComponent(chargePointId)}/`,
    ftpUpload: (chargePointId) => {
      if (options.ftpPort === undefined) throw new Error('no FTP receiver');
      return `ftp://${encodeURIComponent(chargePointId)}:${encodeURIComponent(secret())}@${host}:${options.ftpPort}/`;
    },
    upload: (chargePointId) => (preferred === 'ftp' ? urls.ftpUpload(chargePointId) : urls.httpUpload(chargePointId)),
    hasFirmware: options.hasFirmware,
  };
  return urls;
}
