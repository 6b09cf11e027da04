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

export async function serve(argv: string[], reason?: string): Promise<CentralSystem> {
  const config = parseCli(argv);
  if (config.help) {
    console.log(CLI_HELP);
    process.exit(0);
  }
  const csms = await CentralSystem.start({ startup: config.startup, overrides: config.overrides });
  const { port } = csms.ocppAddress;
  let api: ApiServer;
  try {
    api = await startApiServer({ csms, operations: createOperatorOperations(csms), host: config.startup.apiHost, port: config.startup.apiPort });
  } catch (err) {
    await csms.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw Object.assign(new Error(`API port ${config.startup.apiPort} is in use. Choose another with --api-port.`), { code: 'EADDRINUSE' });
    throw err;
  }
  const lines = [
    '',
    'OCPP 1.6J central system running (headless).',
    ...(reason ? [`  (${reason})`] : []),
    '  Connect charge points to:',
    ...ocppUrls(config.startup.ocppHost, port).map((url) => `    ${url}`),
    `  Subprotocol: ocpp1.6. Unknown identities: ${csms.settings().registrationPolicy}.`,
    `  Data: ${databaseFile(config.startup.dataDir)}`,
    `  Operator API: ${api.url}/api (token: ${api.token})`,
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
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Port already in use: ${(err as Error).message}. Choose another with --ocpp-port.`);
    else console.error(err);
    process.exit(1);
  });
}
