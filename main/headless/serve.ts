/**
 * Headless mode: the central system under plain Node, for depot PCs run as a service, CI and tests.
 * `npm run serve -- --help` lists the options.
 */
import { CLI_HELP, CliError, parseCli } from '../csms/config/cli.js';
import { StorageError } from '../csms/storage/database.js';
import { startServices, type RunningServices } from '../services/start-services.js';
import { readStoredApiToken } from './show-token.js';

/** Exit code when the database cannot be used (corrupt, read-only, full, a failed restore): README "Backups and restore". */
export const STORAGE_ERROR_EXIT_CODE = 3;

export async function serve(argv: string[], reason?: string): Promise<RunningServices> {
  const config = parseCli(argv);
  if (config.help) {
    console.log(CLI_HELP);
    process.exit(0);
  }
  if (config.showToken) {
    const token = readStoredApiToken(config.startup.dataDir);
    if (!token) {
      console.error(`No API token stored yet in ${config.startup.dataDir}: start the server once.`);
      process.exit(1);
    }
    console.log(token);
    process.exit(0);
  }
  const services = await startServices(config);
  // The token is a secret: printed to a terminal (or when asked), never into a service's log.
  const showToken = process.stdout.isTTY === true || process.env.CSMS_PRINT_TOKEN === '1';
  const lines = ['', 'OCPP 1.6J central system running (headless).', ...(reason ? [`  (${reason})`] : []), ...services.summary({ showToken }), '  Stop with Ctrl+C.', ''];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    services.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return services;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint) {
  serve(process.argv.slice(2), process.env.CSMS_START_REASON).catch((err: unknown) => {
    if (err instanceof CliError) console.error(`Invalid option: ${err.message}\n\n${CLI_HELP}`);
    else if (err instanceof StorageError) console.error(`Cannot open the database (${err.kind}):\n${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const message = (err as Error).message;
      // Our own messages name their flag; a bare EADDRINUSE comes from the OCPP listener.
      console.error(/ with --/.test(message) ? message : `Port already in use: ${message}. Choose another with --ocpp-port.`);
    } else console.error(err);
    // A distinct exit code for storage problems, so a service manager or script can tell them from bad options.
    process.exit(err instanceof StorageError ? STORAGE_ERROR_EXIT_CODE : 1);
  });
}
