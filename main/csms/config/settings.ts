/**
 * Settings of the central system. Two kinds:
 * - startup options (where to listen, where the data lives): flags and environment variables, fixed while running;
 * - runtime settings (how to treat stations): stored in the database, changeable from the console and the API,
 *   and overridable at start by flags (a flag wins for that run).
 */

import type { RuntimeSettings } from '../../../shared/api/settings.js';
import type { ServerLimits } from '../server/limits.js';

// The runtime settings are defined once, with the operator API (their schema gives type, defaults and checks).
export {
  DEFAULT_RUNTIME_SETTINGS,
  resolveRuntimeSettings,
  validateRuntimeSettings,
  type RegistrationPolicy,
  type RuntimeSettings,
} from '../../../shared/api/settings.js';

/** The time after which an unheard station's sessions are unconfirmed, in ms. */
export function unconfirmedAfterMs(settings: Pick<RuntimeSettings, 'unconfirmedAfterSec' | 'heartbeatIntervalSec'>): number {
  return (settings.unconfirmedAfterSec > 0 ? settings.unconfirmedAfterSec : 3 * settings.heartbeatIntervalSec) * 1000;
}

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
  /** Restore this backup (a name in `<dataDir>/backups/` or a path) before opening the database (README "Backups and restore"). */
  restoreBackup?: string;
  /** Bad-input limits (frame size, bad-message budget, handshake rate, timeouts...); defaults in server/limits.ts. */
  limits?: Partial<ServerLimits>;
}

export const DEFAULT_OCPP_PORT = 8180;
export const DEFAULT_API_PORT = 8181;
/** The conventional wss port, suggested in the help text and README. */
export const SUGGESTED_OCPP_TLS_PORT = 8443;
