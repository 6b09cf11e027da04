/**
 * Everything the product runs, in start order: the central system, the file services chargers use (firmware,
 * diagnostics), and the operator API. Headless mode and the desktop shell both start it from here, so they
 * cannot drift apart. Stops in the reverse order.
 */
import { startApiServer, type ApiServer } from '../api/index.js';
import { CentralSystem } from '../csms/central-system.js';
import { databaseFile } from '../csms/config/app-paths.js';
import type { CliConfig } from '../csms/config/cli.js';
import { DEFAULT_FILE_HTTP_PORT, DEFAULT_FTP_PORT, startFileServices, type FileServices } from '../csms/files/index.js';
import { ocppUrls } from '../csms/network.js';
import { join } from 'node:path';
import { createOperatorOperations } from '../csms/operations/index.js';
import type { OperatorOperations } from '../csms/operations/operator-operations.js';
import { SimulationRuns } from './simulation-runs.js';
import { SimulatorFleet } from './simulator-fleet.js';

/** A path as the shell reads it back unchanged (quoted only when it needs to be; cmd.exe knows only double quotes). */
function shellQuoted(path: string): string {
  if (process.platform === 'win32') return /[\s&|<>^]/.test(path) ? `"${path}"` : path;
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

export interface RunningServices {
  csms: CentralSystem;
  files: FileServices;
  operations: OperatorOperations;
  api: ApiServer;
  /** What to tell the operator: where chargers connect, where data lives, the API and file URLs. */
  /**
   * What to tell the operator. The API token is a secret: it is included only when `showToken` (a terminal, or
   * CSMS_PRINT_TOKEN=1), never by default, so a service's log (journald, Windows event log) does not keep it.
   */
  summary(options?: { showToken?: boolean }): string[];
  stop(): Promise<void>;
}

export interface StartServicesConfig extends Pick<CliConfig, 'startup' | 'overrides'>, Partial<Pick<CliConfig, 'dataDirGiven'>> {
  /** Where the central system's own warnings and errors go (default: the console). */
  logger?: Pick<Console, 'info' | 'warn' | 'error'>;
}

export async function startServices(config: StartServicesConfig): Promise<RunningServices> {
  const { startup } = config;
  const csms = await CentralSystem.start({ startup, overrides: config.overrides, ...(config.logger ? { logger: config.logger } : {}) });
  const filePort = startup.filePort ?? DEFAULT_FILE_HTTP_PORT;
  const ftpPort = startup.ftpPort === undefined ? DEFAULT_FTP_PORT : startup.ftpPort;
  let files: FileServices;
  try {
    // Chargers fetch firmware and upload diagnostics over the LAN: the file servers bind where OCPP binds.
    files = await startFileServices({
      csms,
      dataDir: startup.dataDir,
      host: startup.ocppHost,
      httpPort: filePort,
      ftpPort,
      ftpPassivePorts: startup.ftpPassivePorts,
      advertisedHost: startup.advertisedHost,
    });
  } catch (err) {
    // A listener that cannot bind throws a ListenError naming its port, flag and holder (csms/network.ts).
    await csms.stop();
    throw err;
  }
  const operations = createOperatorOperations(csms, { fileUrls: files.urls });
  // Simulated stations started from the console connect to this central system's own OCPP port.
  const simulators = new SimulatorFleet(csms);
  // Scenario runs and replays (docs/scenarios.md) use the same port.
  const simulationRuns = new SimulationRuns(csms);
  let api: ApiServer;
  try {
    api = await startApiServer({ csms, operations, files, host: startup.apiHost, port: startup.apiPort, simulators, simulationRuns });
  } catch (err) {
    operations.stop();
    await files.close();
    await csms.stop();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    csms,
    files,
    operations,
    api,
    summary({ showToken = false } = {}) {
      // The token belongs to the data folder: the command that prints it must name the same one.
      const showTokenCommand = `npm run serve --${config.dataDirGiven ? ` --data-dir ${shellQuoted(startup.dataDir)}` : ''} --show-token`;
      const tokenHint = `not printed: see Settings in the console, or \`${showTokenCommand}\``;
      const advertised = files.urls.advertisedHost.includes(':') ? `[${files.urls.advertisedHost}]` : files.urls.advertisedHost;
      return [
        showToken ? `  Console: ${api.url}/#token=${api.token}` : `  Console: ${api.url}/ (API token ${tokenHint})`,
        '  Connect charge points to:',
        ...ocppUrls(startup.ocppHost, csms.ocppAddress.port).map((url) => `    ${url}`),
        // Security profiles 2 and 3 (README "Security profiles"): chargers must trust the CA named here.
        ...(csms.ocppTlsAddress
          ? [
              ...ocppUrls(startup.ocppHost, csms.ocppTlsAddress.port, 'wss').map((url) => `    ${url}  (TLS: security profile 2/3)`),
              `  TLS CA certificate for chargers: ${startup.tls?.caFile ?? join(csms.tls!.material.directory, 'ca.pem')} (also GET /api/security/ca.pem)`,
            ]
          : []),
        `  Subprotocol: ocpp1.6. Unknown identities: ${csms.settings().registrationPolicy}.`,
        `  Data: ${databaseFile(startup.dataDir)}`,
        ...(csms.restored
          ? [`  Restored from ${csms.restored.source}; the previous database is kept at ${csms.restored.setAsidePath ?? '(there was none)'}`]
          : []),
        `  Backups: ${csms.backups.dir} (${csms.settings().backupIntervalHours > 0 ? `every ${csms.settings().backupIntervalHours} h` : 'automatic backups off'}, keep ${csms.settings().backupKeepCount})`,
        `  Operator API: ${api.url}/api (token: ${showToken ? api.token : tokenHint})`,
        `  Firmware/diagnostics files: http://${advertised}:${files.httpPort}/ (${files.ftpPort === null ? 'FTP off' : `FTP :${files.ftpPort}`})`,
      ];
    },
    stop() {
      // Simulated stations first: they say goodbye (close 1001) while the central system still listens.
      stopped ??= Promise.all([simulationRuns.stopAll(), simulators.stopAll()])
        .then(() => api.close())
        .then(() => files.close())
        // The operations' timers and subscriptions end before the database they write to closes.
        .then(() => operations.stop())
        .then(() => csms.stop());
      return stopped;
    },
  };
}
