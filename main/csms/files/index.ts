/**
 * File services of the central system (README "Firmware and diagnostics files"): firmware served over HTTP, diagnostics and logs received over
 * HTTP or FTP, stored under `<dataDir>/files/`, so chargers need no outside server. Node only.
 */
import type { CentralSystem } from '../central-system.js';
import { createFileUrls, type FileUrls } from './advertised-urls.js';
import { FileStore } from './file-store.js';
import { startFtpReceiver, type FtpReceiver } from './ftp-receiver.js';
import { startHttpFileServer, type StoredUpload } from './http-file-server.js';

// What the rest of the project uses of the file services; the parts import each other directly.
export { FileStore, FileStoreError, sanitizeFileName, stationDirName, type FirmwareFile } from './file-store.js';
export { startHttpFileServer, parseRange } from './http-file-server.js';

export const DEFAULT_FILE_HTTP_PORT = 8182;
export const DEFAULT_FTP_PORT = 2121;
export const DEFAULT_FTP_PASSIVE_PORTS: readonly [number, number] = [50000, 50019];
/**
 * Settings key of the one upload secret earlier versions shared between all stations. Uploads now need a per-job
 * credential (upload-policy.ts); the old secret is removed at start so it cannot be read back from the database.
 */
const LEGACY_UPLOAD_SECRET_SETTING = 'fileUploadSecret';

export interface FileServicesOptions {
  csms: CentralSystem;
  dataDir: string;
  /** Bind address of both servers, default `0.0.0.0` (chargers are on the LAN). */
  host?: string;
  /** 0 = any free port. */
  httpPort: number;
  /** 0 = any free port; `null` = no FTP receiver. */
  ftpPort: number | null;
  /** Passive data ports `[first, last]`; undefined = any free port. */
  ftpPassivePorts?: readonly [number, number];
  /** Host put in the URLs given to chargers; default the first non-internal IPv4 address. */
  advertisedHost?: string;
  maxUploadBytes?: number;
  maxFirmwareBytes?: number;
}

export interface FileServices {
  httpPort: number;
  /** null when no FTP receiver runs. */
  ftpPort: number | null;
  store: FileStore;
  urls: FileUrls;
  close(): Promise<void>;
}

export async function startFileServices(options: FileServicesOptions): Promise<FileServices> {
  const { csms } = options;
  const store = new FileStore({
    dataDir: options.dataDir,
    maxFirmwareBytes: options.maxFirmwareBytes,
    maxUploadBytes: options.maxUploadBytes,
    onFirmwareAdded: (file) =>
      csms.events.emit('file.stored', { area: 'firmware', chargePointId: null, name: file.name, size: file.size, via: 'operator' }),
  });
  if (csms.services.settings.storedValue(LEGACY_UPLOAD_SECRET_SETTING) !== undefined)
    await csms.services.settings.removeValue(LEGACY_UPLOAD_SECRET_SETTING);
  const receipts = csms.services.uploads;
  const authorize = (user: string, password: string) => receipts.authorize(user, password);
  const onUpload = (upload: StoredUpload) => receipts.received(upload);

  const host = options.host ?? '0.0.0.0';
  const http = await startHttpFileServer({
    store,
    host,
    port: options.httpPort,
    authorize,
    onUpload,
    maxHeaderBytes: csms.limits.maxHeaderBytes,
    headersTimeoutMs: csms.limits.headersTimeoutMs,
  });
  let ftp: FtpReceiver | undefined;
  try {
    if (options.ftpPort !== null)
      ftp = await startFtpReceiver({ store, host, port: options.ftpPort, passivePorts: options.ftpPassivePorts, authorize, onUpload });
  } catch (err) {
    await http.close();
    throw err;
  }
  const urls = createFileUrls({
    advertisedHost: options.advertisedHost,
    httpPort: http.port,
    ftpPort: ftp?.port,
    hasFirmware: (name) => store.firmwarePath(name) !== undefined,
  });
  return {
    httpPort: http.port,
    ftpPort: ftp?.port ?? null,
    store,
    urls,
    close: async () => {
      await Promise.all([http.close(), ftp?.close()]);
    },
  };
}
