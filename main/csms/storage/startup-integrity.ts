/**
 * The integrity check of the start, bounded in time (README "Backups and restore", integrity check at start).
 *
 * `PRAGMA quick_check` reads every page of the file (integrity.ts), so its time grows with the database: on the
 * large database of the benchmark (README "Performance") it takes seconds, more than the whole start may. The
 * check therefore runs in a process of its own with a read-only connection, and the start waits
 * for it to the end when the file is small (up to `ALWAYS_WAIT_MAX_BYTES`), else at most `START_CHECK_BUDGET_MS`:
 * - finished (a small file, or a big one checked in time): as before, a corrupt file refuses to start and nothing is
 *   written to it;
 * - still running: the central system starts and the check goes on in the background at a lower priority, reading one snapshot (WAL
 *   readers never block the writer). Problems it then finds are logged and shown as a critical storage alert
 *   (`GET /api/storage`, the console's system alerts) until the next start checks again; the operator restores a
 *   backup (README "Backups and restore"). A clean result is logged with its time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { SQLITE_DRIVER_PATH } from './database.js';
import type { StorageAlert } from './disk-budget.js';

/**
 * How long the start waits for the check of a big file before going on with it in the background; a file up to
 * ALWAYS_WAIT_MAX_BYTES is always waited for (its check takes a few hundred ms, so it keeps the old guarantee: a
 * damaged file is refused before anything writes to it).
 */
export const START_CHECK_BUDGET_MS = 500;
export const ALWAYS_WAIT_MAX_BYTES = 128 * 1024 * 1024;

/** Of the check's process once the start went on without it: below normal, so the central system's work goes first. */
const CHECK_PRIORITY = 10;

export type IntegrityCheckState =
  | { state: 'running'; since: string }
  | { state: 'ok'; checkedAt: string; durationMs: number }
  | { state: 'problems'; checkedAt: string; problems: string[] }
  | { state: 'failed'; error: string };

type Logger = Pick<Console, 'info' | 'error'>;

/**
 * The check's program: a process of its own rather than a worker thread, because a worker cannot be stopped while
 * SQLite runs (terminate waits for the native call, seconds to minutes on a big file) and a process can, at once,
 * when the central system stops. Plain JavaScript evaluated from a string, like the backup worker's. Prints one
 * JSON line: the problems (empty: sound), or the error that is not about corruption.
 */
const CHECK_SOURCE = `
const Database = require(process.argv[1]);
let out;
try {
  const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
  try {
    let problems = db.pragma('quick_check(' + Number(process.argv[3]) + ')').map((r) => r.quick_check);
    if (problems.length === 1 && problems[0] === 'ok') problems = [];
    out = { problems };
  } finally {
    db.close();
  }
} catch (err) {
  const code = String((err && err.code) || '');
  out = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? { problems: [err.message] } : { error: String((err && err.message) || err) };
}
process.stdout.write(JSON.stringify(out) + '\\n');
`;

/** At most this many problems are reported (integrity.ts says why). */
const MAX_REPORTED_PROBLEMS = 10;

function runCheck(file: string): { child: ChildProcess; result: Promise<string[]> } {
  // Under Electron, execPath is the app: ELECTRON_RUN_AS_NODE makes it the plain Node it embeds.
  const child = spawn(process.execPath, ['-e', CHECK_SOURCE, SQLITE_DRIVER_PATH, file, String(MAX_REPORTED_PROBLEMS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    windowsHide: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<string[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      try {
        const out = JSON.parse(stdout) as { problems?: string[]; error?: string };
        if (out.problems) resolve(out.problems);
        else reject(new Error(out.error ?? 'no result'));
      } catch {
        reject(new Error(`the check stopped (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''}`));
      }
    });
  });
  return { child, result };
}

export class StartupIntegrityCheck {
  private current: IntegrityCheckState;
  private readonly done: Promise<string[] | Error>;
  private logger: Logger | undefined;
  private cancelled = false;

  private constructor(
    private readonly child: ChildProcess,
    result: Promise<string[]>,
    private readonly startedMs: number,
  ) {
    this.current = { state: 'running', since: new Date().toISOString() };
    this.done = result.then(
      (problems) => {
        this.current = problems.length
          ? { state: 'problems', checkedAt: new Date().toISOString(), problems }
          : { state: 'ok', checkedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - this.startedMs) };
        this.report();
        return problems;
      },
      (err: unknown) => {
        const error = err instanceof Error ? err : new Error(String(err));
        if (!this.cancelled) this.current = { state: 'failed', error: error.message };
        this.report();
        return error;
      },
    );
  }

  /** Start checking `file` (an existing database) in a process of its own. */
  static begin(file: string): StartupIntegrityCheck {
    const startedMs = performance.now();
    const { child, result } = runCheck(file);
    return new StartupIntegrityCheck(child, result, startedMs);
  }

  /**
   * The problems found when the check ends within `budgetMs` (empty: sound; Infinity: wait for the end), or
   * undefined when it still runs.
   * An error that is not about corruption (the file cannot be opened) is thrown, as opening would throw it.
   */
  async resultWithin(budgetMs: number): Promise<string[] | undefined> {
    if (!Number.isFinite(budgetMs)) {
      const outcome = await this.done;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)));
    const outcome = await Promise.race([this.done, timeout]);
    clearTimeout(timer);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /** From now on, the end of a check still running is logged (the start went on without it). */
  continueInBackground(logger: Logger): void {
    this.logger = logger;
    try {
      if (this.child.pid !== undefined && this.current.state === 'running') setPriority(this.child.pid, CHECK_PRIORITY);
    } catch {
      /* not allowed here (or it just ended): it runs at normal priority */
    }
    if (this.current.state !== 'running') this.report();
  }

  state(): IntegrityCheckState {
    return this.current;
  }

  /** A critical alert while the background check has found problems or could not run. */
  alerts(): StorageAlert[] {
    const s = this.current;
    if (s.state === 'problems')
      return [
        {
          key: 'integrity:critical',
          kind: 'integrity',
          level: 'critical',
          since: s.checkedAt,
          text: `The database is damaged (PRAGMA quick_check: ${s.problems.slice(0, 3).join('; ')}). Make a backup of what is there, then restore the newest sound backup (README "Backups and restore").`,
        },
      ];
    if (s.state === 'failed')
      return [
        {
          key: 'integrity:warning',
          kind: 'integrity',
          level: 'warning',
          since: new Date().toISOString(),
          text: `The database's integrity check could not run: ${s.error}`,
        },
      ];
    return [];
  }

  /** Stop a check still running (the central system stops): its process ends at once, it only read. */
  async stop(): Promise<void> {
    if (this.current.state !== 'running') return;
    this.cancelled = true;
    this.child.kill('SIGKILL');
    await this.done;
  }

  private report(): void {
    const logger = this.logger;
    if (!logger) return;
    this.logger = undefined;
    const s = this.current;
    if (s.state === 'ok') logger.info(`[csms] integrity check finished in the background: sound (${s.durationMs} ms)`);
    else if (s.state === 'problems') logger.error(`[csms] integrity check: the database is damaged: ${s.problems.slice(0, 3).join('; ')}`);
    else if (s.state === 'failed') logger.error(`[csms] the integrity check could not run: ${s.error}`);
  }
}
