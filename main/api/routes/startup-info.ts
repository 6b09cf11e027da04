/**
 * The startup options (flags / environment, README "Settings") as this process runs with them: the Settings view
 * shows them read-only, since changing one needs a restart. Ports are the ones actually bound (a flag of 0 means
 * "any free port").
 */
import type { StartupInfoDto } from '../../../shared/api/types.js';
import { databaseFile } from '../../csms/config/app-paths.js';
import type { Router } from '../router.js';

export function startupInfoRoutes(router: Router): void {
  router.get('/api/settings/startup', ({ req, ctx }): StartupInfoDto => {
    const { startup } = ctx.central;
    return {
      dataDir: startup.dataDir,
      databaseFile: databaseFile(startup.dataDir),
      ocppHost: startup.ocppHost,
      ocppPort: ctx.central.ocppAddress.port,
      ocppTlsPort: ctx.central.ocppTlsAddress?.port ?? null,
      apiHost: startup.apiHost,
      // The port this request came in on: the API's own, whatever the flag said.
      apiPort: req.socket.localPort ?? startup.apiPort,
      fileHttpPort: ctx.files?.httpPort ?? null,
      ftpPort: ctx.files ? ctx.files.ftpPort : null,
      advertisedHost: ctx.files?.urls.advertisedHost ?? startup.advertisedHost ?? null,
      syncMode: startup.syncMode,
      flags: {
        dataDir: '--data-dir',
        databaseFile: '--data-dir',
        ocppHost: '--ocpp-host',
        ocppPort: '--ocpp-port',
        ocppTlsPort: '--ocpp-tls-port',
        apiHost: '--api-host',
        apiPort: '--api-port',
        fileHttpPort: '--file-port',
        ftpPort: '--ftp-port',
        advertisedHost: '--advertised-host',
        syncMode: '--sync-mode',
      },
    };
  });
}
