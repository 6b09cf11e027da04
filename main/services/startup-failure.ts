/**
 * What the operator is told when the central system cannot start, and the exit code a service manager sees. Headless
 * mode prints it, the desktop shell shows it in a dialog: one wording for both (README "Settings", exit codes).
 */
import { CliError } from '../csms/config/cli.js';
import { ListenError } from '../csms/network.js';
import { DataFolderInUseError } from '../csms/storage/data-folder-lock.js';
import { StorageError } from '../csms/storage/storage-error.js';

/** Exit codes of a start that failed (0 is a clean stop). */
export const EXIT_CODES = {
  /** Anything not listed below. */
  failure: 1,
  /** An invalid option. */
  invalidOption: 2,
  /** The database cannot be used: corrupt, read-only, full, a failed restore (README "Backups and restore"). */
  storage: 3,
  /** A listener cannot bind its port (in use, not permitted, address not of this machine). */
  portUnavailable: 4,
  /** Another central system holds the data folder. */
  dataFolderInUse: 5,
} as const;

export interface StartupFailure {
  /** Short, for a dialog's title. */
  title: string;
  /** Whole sentences: what failed, why, and what to do. */
  message: string;
  exitCode: number;
}

export function describeStartupFailure(err: unknown): StartupFailure {
  if (err instanceof CliError) return { title: 'Invalid option', message: `Invalid option: ${err.message}`, exitCode: EXIT_CODES.invalidOption };
  if (err instanceof ListenError) {
    const title = err.code === 'EADDRINUSE' ? `Port ${err.port} is already in use` : `Cannot listen on port ${err.port}`;
    return { title, message: err.message, exitCode: EXIT_CODES.portUnavailable };
  }
  if (err instanceof DataFolderInUseError) return { title: 'Data folder in use', message: err.message, exitCode: EXIT_CODES.dataFolderInUse };
  if (err instanceof StorageError)
    return { title: 'Cannot open the database', message: `Cannot open the database (${err.kind}):\n${err.message}`, exitCode: EXIT_CODES.storage };
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { title: 'The central system could not start', message: `The central system could not start: ${message}`, exitCode: EXIT_CODES.failure };
}
