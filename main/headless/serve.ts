/**
 * Headless mode: the central system under plain Node, for depot PCs run as a service, CI and tests.
 * `npm run serve -- --help` lists the options.
 */
import { CentralSystem } from '../csms/central-system.js';
import { CLI_HELP, CliError, parseCli } from '../csms/config/cli.js';
import { databaseFile } from '../csms/config/app-paths.js';
import { ocppUrls } from '../csms/network.js';
import { StorageError } from '../csms/storage/database.js';
import { createOperatorOperations } from '../csms/operations/index.js';
import { startApiServer, type ApiServer } from '../api/index.js';
import { DEFAULT_FILE_HTTP_PORT, DEFAULT_FTP_PORT, startFileServices, type FileServices } from '../csms/files/index.js';

function inUse(message: string): Error {
  return Object.assign(new Error(message), { code: 'EADDRINUSE' });
}

export async function serve(argv: string[], reason?: string): Promise<CentralSystem> {
  const config = parseCli(argv);
  if (config.help) {
    console.log(CLI_HELP);
    process.exit(0);
  }
  const csms = await CentralSystem.start({ startup: config.startup, overrides: config.overrides });
  const { port } = csms.ocppAddress;
  const { startup } = config;
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
    await csms.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw inUse(`A file services port (HTTP ${filePort}${ftpPort === null ? '' : `, FTP ${ftpPort}`}) is in use. Choose others with --file-port / --ftp-port (or --ftp-port off).`);
    throw err;
  }
  let api: ApiServer;
  try {
    api = await startApiServer({ csms, operations: createOperatorOperations(csms, { fileUrls: files.urls }), files, host: startup.apiHost, port: startup.apiPort });
  } catch (err) {
    await files.close();
    await csms.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw inUse(`API port ${startup.apiPort} is in use. Choose another with --api-port.`);
    throw err;
  }
  const advertised = files.urls.advertisedHost.includes(':') ? `[${files.urls.advertisedHost}]` : files.urls.advertisedHost;
  const lines = [
    '',
    'OCPP 1.6J central system running (headless).',
    ...(reason ? [`  (${reason})`] : []),
    '  Connect charge points to:',
    ...ocppUrls(config.startup.ocppHost, port).map((url) => `    ${url}`),
    `  Subprotocol: ocpp1.6. Unknown identities: ${csms.settings().registrationPolicy}.`,
    `  Data: ${databaseFile(config.startup.dataDir)}`,
    `  Operator API: ${api.url}/api (token: ${api.token})`,
    `  Firmware/diagnostics files: http://${advertised}:${files.httpPort}/ (${files.ftpPort === null ? 'FTP off' : `FTP :${files.ftpPort}`})`,
    '  Stop with Ctrl+C.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    api
      .close()
      .then(() => files.close())
      .then(() => csms.stop())
      .then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return csms;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint) {
  serve(process.argv.slice(2), process.env.CSMS_START_REASON).catch((err: unknown) => {
    if (err instanceof CliError) console.error(`Invalid option: ${err.message}\n\n${CLI_HELP}`);
    else if (err instanceof StorageError) console.error(`Cannot open the database (${err.kind}): ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const message = (err as Error).message;
      // Our own messages name their flag; a bare EADDRINUSE comes from the OCPP listener.
      console.error(/ with --/.test(message) ? message : `Port already in use: ${message}. Choose another with --ocpp-port.`);
    }
    else console.error(err);
    process.exit(1);
  });
}
