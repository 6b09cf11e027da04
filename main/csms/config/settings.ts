/**
 * Settings of the central system. Two kinds:
 * - startup options (where to listen, where the data lives): flags and environment variables, fixed while running;
 * - runtime settings (how to treat stations): stored in the database, changeable from the console and the API,
 *   and overridable at start by flags (a flag wins for that run).
 */

import type { ServerLimits } from '../server/limits.js';

export type RegistrationPolicy = 'reject' | 'pending' | 'accept';

export interface RuntimeSettings {
  /** Heartbeat interval given in BootNotification.conf when Accepted (OCPP 1.6 §4.2). */
  heartbeatIntervalSec: number;
  /** Interval given in BootNotification.conf when Pending or Rejected: the minimum wait before the next boot. */
  bootRetryIntervalSec: number;
  /** What happens to an identity we do not know: refused (HTTP 404), admitted as Pending, or accepted. */
  registrationPolicy: RegistrationPolicy;
  /** How long we wait for a station's answer to our CALL (OCPP 1.6 §4.1.1 leaves it to the implementation). */
  callTimeoutMs: number;
  /** WebSocket ping interval; a station that answers no ping and sends nothing for two intervals is dropped. */
  pingIntervalSec: number;
  /** Send `.sss` in timestamps we send. Off by default: some OCTT builds choke on milliseconds (ocpp-rpc#42). */
  timestampMilliseconds: boolean;
  /** Message-log rows older than this are pruned. 0 keeps them forever. */
  messageLogRetentionDays: number;
  /**
   * `strict`: a schema-invalid CALL gets a CALLERROR. `lenient`: it is processed when it can be, and the violation is
   * recorded in the message log (real chargers send numbers as strings and the like: interop notes).
   */
  validationMode: 'strict' | 'lenient';
  /** Hours between automatic online backups into `<data folder>/backups/` (issue 6); 0 = no automatic backups. */
  backupIntervalHours: number;
  /** How many backups of each kind (automatic, manual) are kept; older ones are removed after a new one is verified. */
  backupKeepCount: number;
  /**
   * A station unheard for longer than this: its open transactions are flagged "unconfirmed" and no longer make
   * their tags refused as ConcurrentTx elsewhere (README "Transactions and id tags"). 0 = three heartbeat intervals.
   */
  unconfirmedAfterSec: number;
  /** Id tags without their own setting may charge at several connectors at once (shared fleet cards). */
  allowConcurrentTxByDefault: boolean;
  /**
   * Largest size of the data folder (database, WAL, backups, files), in MiB; 0 = no budget. Above it the oldest
   * message-log rows are pruned (storage/disk-budget.ts). Absent at first start: a share of the free disk space is
   * recorded then, so the default does not drift as the disk fills.
   */
  dataFolderBudgetMiB: number;
  /**
   * When the budget needs more room than the message log gives: the meter readings of transactions that ended more
   * than this many months ago may go (the transactions and their totals stay). 0 = never (the operator must allow it).
   */
  meterDetailPruneAfterMonths: number;
}

/** The time after which an unheard station's sessions are unconfirmed, in ms. */
export function unconfirmedAfterMs(settings: Pick<RuntimeSettings, 'unconfirmedAfterSec' | 'heartbeatIntervalSec'>): number {
  return (settings.unconfirmedAfterSec > 0 ? settings.unconfirmedAfterSec : 3 * settings.heartbeatIntervalSec) * 1000;
}

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = {
  heartbeatIntervalSec: 300,
  bootRetryIntervalSec: 60,
  registrationPolicy: 'pending',
  callTimeoutMs: 30_000,
  pingIntervalSec: 60,
  timestampMilliseconds: false,
  messageLogRetentionDays: 90,
  validationMode: 'strict',
  backupIntervalHours: 24,
  backupKeepCount: 7,
  unconfirmedAfterSec: 0,
  allowConcurrentTxByDefault: false,
  // The real default is recorded at first start from the free space (storage/disk-budget.ts defaultBudgetMiB).
  dataFolderBudgetMiB: 0,
  meterDetailPruneAfterMonths: 0,
};

export interface StartupOptions {
  /**
   * Port of the wss listener (security profiles 2 and 3, README "Security profiles"); 0 = any free port.
   * Absent or null: no TLS listener (the CLI's default is off too; `--ocpp-tls-port 8443` turns it on).
   */
  ocppTlsPort?: number | null;
  /** The operator's own TLS files; what is left out is generated in `<dataDir>/tls` (security/tls-material.ts). */
  tls?: import('../security/tls-material.js').TlsFileOptions;
  /** Where the database and files live. */
  dataDir: string;
  /** OCPP listens on all interfaces by default: chargers are on the LAN. */
  ocppHost: string;
  /** 0 = pick a free port (tests). */
  ocppPort: number;
  /** The operator API and headless console listen on loopback by default. */
  apiHost: string;
  apiPort: number;
  /** SQLite durability: FULL survives power cuts, NORMAL only crashes. */
  syncMode: 'FULL' | 'NORMAL';
  /** HTTP file server port (firmware downloads, diagnostics uploads); default 8182, 0 = any free port. */
  filePort?: number;
  /** FTP receiver port for diagnostics/logs; default 2121, 0 = any free port, null = no FTP receiver. */
  ftpPort?: number | null;
  /** FTP passive data ports `[first, last]`; default 50000-50019. */
  ftpPassivePorts?: readonly [number, number];
  /** Host put in the file URLs given to chargers; default the first non-internal IPv4 address. */
  advertisedHost?: string;
  /** Restore this backup (a name in `<dataDir>/backups/` or a path) before opening the database (issue 6). */
  restoreBackup?: string;
  /** Bad-input limits (frame size, bad-message budget, handshake rate, timeouts...); defaults in server/limits.ts. */
  limits?: Partial<ServerLimits>;
}

export const DEFAULT_OCPP_PORT = 8180;
export const DEFAULT_API_PORT = 8181;
/** The conventional wss port, suggested in the help text and README. */
export const SUGGESTED_OCPP_TLS_PORT = 8443;

/** Validate runtime settings from any source (database, API, flags). Returns the problems found, by field. */
export function validateRuntimeSettings(input: Partial<Record<keyof RuntimeSettings, unknown>>): Record<string, string> {
  const problems: Record<string, string> = {};
  const int = (key: keyof RuntimeSettings, min: number, max: number) => {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      problems[key] = `must be an integer from ${min} to ${max}`;
  };
  int('heartbeatIntervalSec', 1, 86_400);
  int('bootRetryIntervalSec', 1, 86_400);
  int('callTimeoutMs', 100, 600_000);
  int('pingIntervalSec', 0, 3_600);
  int('messageLogRetentionDays', 0, 36_500);
  int('backupIntervalHours', 0, 8_760);
  int('backupKeepCount', 1, 1_000);
  int('unconfirmedAfterSec', 0, 604_800);
  int('dataFolderBudgetMiB', 0, 1_073_741_824);
  int('meterDetailPruneAfterMonths', 0, 1_200);
  if (input.registrationPolicy !== undefined && !['reject', 'pending', 'accept'].includes(input.registrationPolicy as string))
    problems.registrationPolicy = 'must be one of reject, pending, accept';
  if (input.timestampMilliseconds !== undefined && typeof input.timestampMilliseconds !== 'boolean')
    problems.timestampMilliseconds = 'must be true or false';
  if (input.validationMode !== undefined && !['strict', 'lenient'].includes(input.validationMode as string))
    problems.validationMode = 'must be strict or lenient';
  if (input.allowConcurrentTxByDefault !== undefined && typeof input.allowConcurrentTxByDefault !== 'boolean')
    problems.allowConcurrentTxByDefault = 'must be true or false';
  return problems;
}

/** Merge stored values over the defaults, dropping any that no longer validate (never refuse to start over one). */
export function resolveRuntimeSettings(stored: Record<string, unknown>, overrides: Partial<RuntimeSettings> = {}): RuntimeSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_RUNTIME_SETTINGS };
  for (const key of Object.keys(DEFAULT_RUNTIME_SETTINGS) as (keyof RuntimeSettings)[]) {
    if (key in stored && Object.keys(validateRuntimeSettings({ [key]: stored[key] })).length === 0) merged[key] = stored[key];
    if (overrides[key] !== undefined) merged[key] = overrides[key];
  }
  return merged as unknown as RuntimeSettings;
}
