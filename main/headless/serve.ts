/**
 * Headless mode: the central system under plain Node, for depot PCs run as a service, CI and tests.
 * `npm run serve -- --help` lists the options.
 */
import { CLI_HELP, CliError, parseCli } from '../csms/config/cli.js';
import { attachActivityLog, consoleLikeLogger, createLogger } from '../services/activity-log.js';
import { startServices, type RunningServices } from '../services/start-services.js';
import { describeStartupFailure } from '../services/startup-failure.js';
import { readStoredApiToken } from './show-token.js';

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
  const log = createLogger({ level: config.logLevel });
  const services = await startServices({ ...config, logger: consoleLikeLogger(log) });
  attachActivityLog(services, log);
  // The token is a secret: printed to a terminal (or when asked), never into a service's log.
  const showToken = process.stdout.isTTY === true || process.env.CSMS_PRINT_TOKEN === '1';
  const lines = [
    '',
    'OCPP 1.6J central system running (headless).',
    ...(reason ? [`  (${reason})`] : []),
    ...services.summary({ showToken }),
    '  Stop with Ctrl+C.',
    '',
  ];
  console.log(lines.join('\n'));
  log.info(
    {
      event: 'start',
      ocppPort: services.csms.ocppAddress.port,
      ocppTlsPort: services.csms.ocppTlsAddress?.port ?? null,
      apiPort: services.api.port,
      filePort: services.files.httpPort,
      ftpPort: services.files.ftpPort,
      dataDir: config.startup.dataDir,
    },
    'central system started',
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'stop', signal }, `${signal}: stopping…`);
    services.stop().then(
      () => {
        log.info({ event: 'stopped' }, 'central system stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ event: 'stopped', err }, 'the central system did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return services;
}

/**
 * The command line: start, or say why not and exit with a code that tells a service manager what kind of problem
 * it was (main/services/startup-failure.ts). A start never ends silently: should the process run out of work before
 * the start completed or failed, that is reported as a failure too.
 */
export function runServeCli(argv: string[], reason?: string): void {
  let settled = false;
  const fail = (err: unknown) => {
    settled = true;
    const failure = describeStartupFailure(err);
    console.error(err instanceof CliError ? `${failure.message}\n\n${CLI_HELP}` : failure.message);
    process.exit(failure.exitCode);
  };
  process.once('beforeExit', () => {
    if (!settled) fail(new Error('the start ended without completing or reporting an error'));
  });
  serve(argv, reason).then(() => (settled = true), fail);
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint) runServeCli(process.argv.slice(2), process.env.CSMS_START_REASON);
