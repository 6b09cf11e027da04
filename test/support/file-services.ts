import { startFileServices, type FileServices, type FileServicesOptions } from '../../main/csms/files/index.js';
import type { Harness } from './csms-harness.js';

/** The built-in file servers (HTTP and FTP) of a test's central system, on loopback and free ports. */
export function startLoopbackFileServices(
  h: Harness,
  limits: Pick<FileServicesOptions, 'maxUploadBytes' | 'maxFirmwareBytes'> = {},
): Promise<FileServices> {
  return startFileServices({ csms: h.csms, dataDir: h.dataDir, host: '127.0.0.1', httpPort: 0, ftpPort: 0, advertisedHost: '127.0.0.1', ...limits });
}
