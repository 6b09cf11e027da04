import { parseArgs } from 'node:util';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LOG_LEVELS, type LogLevel } from '../log-levels.js';
import { defaultDataDir } from './app-paths.js';
import { DEFAULT_FILE_HTTP_PORT, DEFAULT_FTP_PASSIVE_PORTS, DEFAULT_FTP_PORT } from '../files/index.js';
import { fieldProblem } from '../../../shared/api/field-problems.js';
import { RuntimeSettingsSchema } from '../../../shared/api/settings.js';
import { DEFAULT_SERVER_LIMITS, ServerLimitsSchema, type ServerLimits } from '../server/limits.js';
import { DEFAULT_API_PORT, DEFAULT_OCPP_PORT, SUGGESTED_OCPP_TLS_PORT, type RuntimeSettings, type StartupOptions } from './settings.js';

export interface CliConfig {
  startup: StartupOptions;
  overrides: Partial<RuntimeSettings>;
  help: boolean;
  /** Print the stored API token and exit (the startup summary prints it only to a terminal). */
  showToken: boolean;
  /** Whether the data folder was chosen (flag or environment), so hints can name it. */
  dataDirGiven: boolean;
  /** Least severe level written to the log (README "The log"). */
  logLevel: LogLevel;
}

export const CLI_HELP = `Options (each also as an environment variable; a flag wins):
  --data-dir DIR              CSMS_DATA_DIR            database and files (default: the OS app-data folder)
  --ocpp-host ADDR            CSMS_OCPP_HOST           OCPP WebSocket bind address (default 0.0.0.0)
  --ocpp-port N               CSMS_OCPP_PORT           OCPP WebSocket port (default ${DEFAULT_OCPP_PORT}; 0 = any free port)
  --api-host ADDR             CSMS_API_HOST            operator API / console bind address (default 127.0.0.1)
  --api-port N                CSMS_API_PORT            operator API / console port (default ${DEFAULT_API_PORT})
  --file-port N               CSMS_FILE_PORT           firmware/diagnostics HTTP file server port (default ${DEFAULT_FILE_HTTP_PORT}; 0 = any free port)
  --ftp-port N|off            CSMS_FTP_PORT            FTP receiver for diagnostics/logs (default ${DEFAULT_FTP_PORT}; 0 = any free port; off = no FTP)
  --ftp-passive-ports A-B     CSMS_FTP_PASSIVE_PORTS   FTP passive data port range (default ${DEFAULT_FTP_PASSIVE_PORTS[0]}-${DEFAULT_FTP_PASSIVE_PORTS[1]})
  --advertised-host HOST      CSMS_ADVERTISED_HOST     host named in file URLs sent to chargers (default: first LAN IPv4 address)
  --sync-mode FULL|NORMAL     CSMS_SYNC_MODE           SQLite durability (default FULL)
  --restore-backup NAME|FILE  (flag only)              restore a backup before starting; the current database is kept in <data-dir>/set-aside
  --ocpp-tls-port N|off       CSMS_OCPP_TLS_PORT       wss listener for security profiles 2/3 (default off; e.g. ${SUGGESTED_OCPP_TLS_PORT}; 0 = any free port)
  --tls-cert FILE[,FILE]      CSMS_TLS_CERT            server certificate PEM(s) (default: generated in <data-dir>/tls)
  --tls-key FILE[,FILE]       CSMS_TLS_KEY             their private keys, in the same order
  --tls-ca FILE               CSMS_TLS_CA              CA that station certificates must chain to (default: the local CA)
  --tls-ca-key FILE           CSMS_TLS_CA_KEY          that CA's key, to sign station CSRs (without it SignCertificate is Rejected)
  --heartbeat-interval SEC    CSMS_HEARTBEAT_INTERVAL  heartbeat interval sent to stations
  --registration-policy P     CSMS_REGISTRATION_POLICY reject | pending | accept, for unknown identities
  --call-timeout-ms MS        CSMS_CALL_TIMEOUT_MS     how long to wait for a station's answer
  --timestamp-ms true|false   CSMS_TIMESTAMP_MS        send milliseconds in timestamps
  --validation-mode M         CSMS_VALIDATION_MODE     strict | lenient
Limits (README "Limits"; a count of 0 turns that limit off):
  --max-frame-bytes N         CSMS_MAX_FRAME_BYTES     largest OCPP frame; bigger closes with 1009 (default ${DEFAULT_SERVER_LIMITS.maxFrameBytes})
  --max-send-buffer-bytes N   CSMS_MAX_SEND_BUFFER_BYTES  unread bytes queued to one station before it is dropped (default ${DEFAULT_SERVER_LIMITS.maxSendBufferBytes})
  --bad-message-budget N      CSMS_BAD_MESSAGE_BUDGET  invalid frames per window before closing with 1008 (default ${DEFAULT_SERVER_LIMITS.badMessageBudget})
  --bad-message-window-ms MS  CSMS_BAD_MESSAGE_WINDOW_MS  window of that budget (default ${DEFAULT_SERVER_LIMITS.badMessageWindowMs})
  --handshake-burst N         CSMS_HANDSHAKE_BURST     upgrade attempts per remote address at once (default ${DEFAULT_SERVER_LIMITS.handshakeBurstPerAddress})
  --handshake-rate N          CSMS_HANDSHAKE_RATE      upgrade attempts per remote address per second (default ${DEFAULT_SERVER_LIMITS.handshakeRatePerAddressPerSec})
  --handshake-limit-loopback true|false  CSMS_HANDSHAKE_LIMIT_LOOPBACK  rate-limit loopback too (default ${DEFAULT_SERVER_LIMITS.handshakeLimitLoopback})
  --identity-replace-max N    CSMS_IDENTITY_REPLACE_MAX  replacements of one identity per window before refusing (default ${DEFAULT_SERVER_LIMITS.identityReplaceMax})
  --identity-replace-window-ms MS  CSMS_IDENTITY_REPLACE_WINDOW_MS  (default ${DEFAULT_SERVER_LIMITS.identityReplaceWindowMs})
  --max-header-bytes N        CSMS_MAX_HEADER_BYTES    largest HTTP request head; bigger gets 431 (default ${DEFAULT_SERVER_LIMITS.maxHeaderBytes})
  --headers-timeout-ms MS     CSMS_HEADERS_TIMEOUT_MS  time to send the HTTP request head (default ${DEFAULT_SERVER_LIMITS.headersTimeoutMs})
  --request-timeout-ms MS     CSMS_REQUEST_TIMEOUT_MS  time to send a whole OCPP/API request (default ${DEFAULT_SERVER_LIMITS.requestTimeoutMs})
  --log-level L               CSMS_LOG_LEVEL           least severe log level: fatal | error | warn | info | debug | silent (default info)
  --show-token                                         print the stored API token (of --data-dir) and exit
  --help`;

export class CliError extends Error {}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  return port;
}

function parseFtpPort(raw: string | undefined): number | null {
  if (raw !== undefined && raw.trim().toLowerCase() === 'off') return null;
  return parsePort('--ftp-port', raw, DEFAULT_FTP_PORT);
}

function parsePortRange(name: string, raw: string | undefined, fallback: readonly [number, number]): readonly [number, number] {
  if (raw === undefined || raw === '') return fallback;
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(raw);
  const first = match ? Number(match[1]) : NaN;
  const last = match ? Number(match[2]) : NaN;
  if (!match || first < 1 || last > 65_535 || first > last)
    throw new CliError(`${name} must be a range A-B of ports from 1 to 65535 with A <= B, got "${raw}"`);
  return [first, last];
}

function parseHost(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const host = raw.trim();
  if (!host || /[\s/@?#]/.test(host) || host.length > 253) throw new CliError(`${name} must be a host name or IP address, got "${raw}"`);
  return host;
}

/** Flag, environment variable and limit for each bad-input limit (server/limits.ts). */
const LIMIT_FLAGS: FlagTable<keyof ServerLimits> = [
  ['max-frame-bytes', 'CSMS_MAX_FRAME_BYTES', 'maxFrameBytes'],
  ['max-send-buffer-bytes', 'CSMS_MAX_SEND_BUFFER_BYTES', 'maxSendBufferBytes'],
  ['bad-message-budget', 'CSMS_BAD_MESSAGE_BUDGET', 'badMessageBudget'],
  ['bad-message-window-ms', 'CSMS_BAD_MESSAGE_WINDOW_MS', 'badMessageWindowMs'],
  ['handshake-burst', 'CSMS_HANDSHAKE_BURST', 'handshakeBurstPerAddress'],
  ['handshake-rate', 'CSMS_HANDSHAKE_RATE', 'handshakeRatePerAddressPerSec'],
  ['handshake-limit-loopback', 'CSMS_HANDSHAKE_LIMIT_LOOPBACK', 'handshakeLimitLoopback'],
  ['identity-replace-max', 'CSMS_IDENTITY_REPLACE_MAX', 'identityReplaceMax'],
  ['identity-replace-window-ms', 'CSMS_IDENTITY_REPLACE_WINDOW_MS', 'identityReplaceWindowMs'],
  ['max-header-bytes', 'CSMS_MAX_HEADER_BYTES', 'maxHeaderBytes'],
  ['headers-timeout-ms', 'CSMS_HEADERS_TIMEOUT_MS', 'headersTimeoutMs'],
  ['request-timeout-ms', 'CSMS_REQUEST_TIMEOUT_MS', 'requestTimeoutMs'],
];

/** Flag, environment variable and runtime setting for the settings a flag may override for one run. */
const SETTING_FLAGS: FlagTable<keyof RuntimeSettings> = [
  ['heartbeat-interval', 'CSMS_HEARTBEAT_INTERVAL', 'heartbeatIntervalSec'],
  ['registration-policy', 'CSMS_REGISTRATION_POLICY', 'registrationPolicy'],
  ['call-timeout-ms', 'CSMS_CALL_TIMEOUT_MS', 'callTimeoutMs'],
  ['timestamp-ms', 'CSMS_TIMESTAMP_MS', 'timestampMilliseconds'],
  ['validation-mode', 'CSMS_VALIDATION_MODE', 'validationMode'],
];

type FlagTable<K extends string> = ReadonlyArray<[flag: string, env: string, key: K]>;
type Pick = (flag: string, envName: string) => string | undefined;

/** A flag's text as the JSON value its schema wants: numbers for integers, true/false for booleans. */
function valueOfFlag(schema: TSchema, text: string): unknown {
  if (schema.type === 'integer') return text.trim() === '' ? NaN : Number(text);
  if (schema.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The values given by flag or environment for the fields of `schema` in `table`, each checked by its schema. */
function parseFlags<S extends TObject>(pick: Pick, table: FlagTable<keyof Static<S> & string>, schema: S): Partial<Static<S>> {
  const raw: Record<string, unknown> = {};
  for (const [flag, env, key] of table) {
    const text = pick(flag, env);
    if (text === undefined || text === '') continue;
    const field = schema.properties[key];
    if (!field) throw new CliError(`--${flag} names no option`);
    raw[key] = valueOfFlag(field, text);
    const problem = fieldProblem(schema, key, raw[key]);
    if (problem) throw new CliError(`--${flag} ${problem}, got "${text}"`);
  }
  // Each value passed its own schema above; this tells the compiler so.
  if (!Value.Check(Type.Partial(schema), raw)) throw new CliError(`invalid options: ${JSON.stringify(raw)}`);
  return raw;
}

/** Flags first, then environment variables, then defaults. Throws CliError with a clear message on bad values. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        'ocpp-host': { type: 'string' },
        'ocpp-port': { type: 'string' },
        'api-host': { type: 'string' },
        'api-port': { type: 'string' },
        'file-port': { type: 'string' },
        'ftp-port': { type: 'string' },
        'ftp-passive-ports': { type: 'string' },
        'advertised-host': { type: 'string' },
        'ocpp-tls-port': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-ca': { type: 'string' },
        'tls-ca-key': { type: 'string' },
        'sync-mode': { type: 'string' },
        'restore-backup': { type: 'string' },
        ...Object.fromEntries([...SETTING_FLAGS, ...LIMIT_FLAGS].map(([flag]) => [flag, { type: 'string' as const }])),
        help: { type: 'boolean' },
        'show-token': { type: 'boolean' },
        'log-level': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const pick: Pick = (flag, envName) => (values[flag] as string | undefined) ?? env[envName];

  const syncMode = (pick('sync-mode', 'CSMS_SYNC_MODE') ?? 'FULL').toUpperCase();
  if (syncMode !== 'FULL' && syncMode !== 'NORMAL') throw new CliError(`--sync-mode must be FULL or NORMAL, got "${syncMode}"`);

  const startup: StartupOptions = {
    dataDir: pick('data-dir', 'CSMS_DATA_DIR') || defaultDataDir(env),
    ocppHost: pick('ocpp-host', 'CSMS_OCPP_HOST') || '0.0.0.0',
    ocppPort: parsePort('--ocpp-port', pick('ocpp-port', 'CSMS_OCPP_PORT'), DEFAULT_OCPP_PORT),
    apiHost: pick('api-host', 'CSMS_API_HOST') || '127.0.0.1',
    apiPort: parsePort('--api-port', pick('api-port', 'CSMS_API_PORT'), DEFAULT_API_PORT),
    syncMode,
    filePort: parsePort('--file-port', pick('file-port', 'CSMS_FILE_PORT'), DEFAULT_FILE_HTTP_PORT),
    ftpPort: parseFtpPort(pick('ftp-port', 'CSMS_FTP_PORT')),
    ftpPassivePorts: parsePortRange('--ftp-passive-ports', pick('ftp-passive-ports', 'CSMS_FTP_PASSIVE_PORTS'), DEFAULT_FTP_PASSIVE_PORTS),
    advertisedHost: parseHost('--advertised-host', pick('advertised-host', 'CSMS_ADVERTISED_HOST')),
  };
  // Flag only, no environment variable: a restore left in the environment would be repeated at every start.
  const restoreBackup = (values['restore-backup'] as string | undefined)?.trim();
  if (values['restore-backup'] !== undefined && !restoreBackup) throw new CliError('--restore-backup needs a backup name or file');
  if (restoreBackup) startup.restoreBackup = restoreBackup;
  const limits = parseFlags(pick, LIMIT_FLAGS, ServerLimitsSchema);
  if (Object.keys(limits).length > 0) startup.limits = limits;
  const tlsPort = pick('ocpp-tls-port', 'CSMS_OCPP_TLS_PORT');
  startup.ocppTlsPort = !tlsPort || tlsPort.trim().toLowerCase() === 'off' ? null : parsePort('--ocpp-tls-port', tlsPort, SUGGESTED_OCPP_TLS_PORT);
  const files = (raw: string | undefined) =>
    raw
      ? raw
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : undefined;
  const tls = {
    certFiles: files(pick('tls-cert', 'CSMS_TLS_CERT')),
    keyFiles: files(pick('tls-key', 'CSMS_TLS_KEY')),
    caFile: pick('tls-ca', 'CSMS_TLS_CA') || undefined,
    caKeyFile: pick('tls-ca-key', 'CSMS_TLS_CA_KEY') || undefined,
  };
  if ((tls.certFiles?.length ?? 0) !== (tls.keyFiles?.length ?? 0))
    throw new CliError('--tls-cert and --tls-key must name as many files each (one key per certificate)');
  if (tls.caKeyFile && !tls.caFile) throw new CliError('--tls-ca-key needs --tls-ca');
  if (Object.values(tls).some((v) => v !== undefined)) startup.tls = tls;

  const overrides = parseFlags(pick, SETTING_FLAGS, RuntimeSettingsSchema);
  const logLevel = (pick('log-level', 'CSMS_LOG_LEVEL') ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return {
    startup,
    overrides,
    help: values.help === true,
    showToken: values['show-token'] === true,
    dataDirGiven: Boolean(pick('data-dir', 'CSMS_DATA_DIR')),
    logLevel: logLevel as LogLevel,
  };
}
