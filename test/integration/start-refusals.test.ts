/**
 * A start that cannot work says so and exits non-zero, never silently: a port held by another program (each
 * listener: OCPP, wss, API, file HTTP, FTP) and a data folder held by another central system, in real processes,
 * with real sockets, through `npm run serve`'s entry point and `npm start`'s headless fallback (scripts/start.mjs).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { EXIT_CODES } from '../../main/services/startup-failure.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SERVE = join(REPO, 'main/headless/serve.ts');
const START_TIMEOUT_MS = 90_000;

const cleanups: (() => void | Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'csms-refusal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Another program holding a TCP port: a plain Node listener in its own process. */
async function portHolder(host = '127.0.0.1'): Promise<{ port: number; pid: number }> {
  const child = spawn(
    process.execPath,
    ['-e', `const s = require('node:net').createServer(); s.listen(0, ${JSON.stringify(host)}, () => console.log(s.address().port));`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  cleanups.push(() => stopChild(child));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`port holder exited with ${code}`)));
  });
  return { port, pid: child.pid! };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

interface Finished {
  code: number | null;
  output: string;
}

/** Runs a command to its end (it must end by itself: a refused start exits). */
function runToExit(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd ?? REPO, env: options.env ?? process.env });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`did not exit within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

/** Every listener on a free port (0) on loopback, FTP included, unless overridden. */
function serveArgs(dataDir: string, overrides: string[] = []): string[] {
  return [
    '--data-dir',
    dataDir,
    '--ocpp-host',
    '127.0.0.1',
    '--ocpp-port',
    '0',
    '--api-host',
    '127.0.0.1',
    '--api-port',
    '0',
    '--file-port',
    '0',
    '--ftp-port',
    '0',
    ...overrides,
  ];
}

/** A headless server that keeps running; resolves once it printed its summary. */
async function runningServer(dataDir: string, extra: string[] = []): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...serveArgs(dataDir, extra)], { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
  cleanups.push(() => stopChild(child));
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no summary printed:\n${output}`)), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      output += d;
      if (/Operator API: /.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a port that is taken stops the start with the port, its flag and its holder', () => {
  const cases = [
    { listener: 'OCPP listener (ws://)', flag: '--ocpp-port', args: (port: number) => ['--ocpp-port', String(port)] },
    { listener: 'OCPP TLS listener (wss://)', flag: '--ocpp-tls-port', args: (port: number) => ['--ocpp-tls-port', String(port)] },
    { listener: 'operator API and console', flag: '--api-port', args: (port: number) => ['--api-port', String(port)] },
    { listener: 'firmware/diagnostics file server (HTTP)', flag: '--file-port', args: (port: number) => ['--file-port', String(port)] },
    { listener: 'FTP receiver', flag: '--ftp-port', args: (port: number) => ['--ftp-port', String(port)] },
  ];
  for (const c of cases) {
    test(`npm run serve with the ${c.listener} port held by another program: exit code 4, the port, ${c.flag} and the holder's PID`, async () => {
      const holder = await portHolder();
      const dataDir = tempDir();
      const { code, output } = await runToExit(['--import', 'tsx', SERVE, ...serveArgs(dataDir, c.args(holder.port))]);
      assert.equal(code, EXIT_CODES.portUnavailable, output);
      assert.match(output, new RegExp(`The ${escape(c.listener)} cannot listen: port ${holder.port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(output, new RegExp(`held by PID ${holder.pid}: .*node`));
      assert.match(output, new RegExp(`choose another port with ${c.flag}`));
      // Nothing half-started is left behind: the data folder is free again for the next try.
      const retry = await runningServer(dataDir);
      assert.match(retry.output(), /Connect charge points to:/);
    });
  }

  test("npm start's headless fallback: the same message and a non-zero exit code, not a silent exit 0", async () => {
    const holder = await portHolder();
    const dataDir = tempDir();
    // scripts/start.mjs as npm runs it, from a folder whose dist/ holds a serve.js that loads the sources (no build).
    const root = tempDir();
    mkdirSync(join(root, 'dist/main/headless'), { recursive: true });
    writeFileSync(
      join(root, 'dist/main/headless/serve.js'),
      [
        `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};`,
        'register();',
        `const { runServeCli } = await import(${JSON.stringify(new URL('../../main/headless/serve.ts', import.meta.url).href)});`,
        'runServeCli(process.argv.slice(2), process.env.CSMS_START_REASON);',
      ].join('\n'),
    );
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const { code, output } = await runToExit([join(REPO, 'scripts/start.mjs'), ...serveArgs(dataDir, ['--ocpp-port', String(holder.port)])], {
      cwd: root,
      env,
    });
    assert.equal(code, EXIT_CODES.portUnavailable, output);
    assert.match(output, new RegExp(`port ${holder.port} on 127\\.0\\.0\\.1 is already in use\\. It is held by PID ${holder.pid}`));
    assert.match(output, /--ocpp-port/);
  });
});

describe('one central system per data folder', () => {
  test('a second server on the same data folder refuses to start, naming the PID of the first, which keeps running', async () => {
    const dataDir = tempDir();
    const first = await runningServer(dataDir);
    const second = await runToExit(['--import', 'tsx', SERVE, ...serveArgs(dataDir)]);
    assert.equal(second.code, EXIT_CODES.dataFolderInUse, second.output);
    assert.match(second.output, new RegExp(`data folder ${escape(dataDir)}: it is in use by another central system \\(PID ${first.child.pid}\\b`));
    assert.match(second.output, /--data-dir/);
    assert.equal(first.child.exitCode, null, 'the first server still runs');
    // Once the first is gone, even killed without a chance to clean up, the folder is free: no stale lock.
    await stopChild(first.child);
    const third = await runningServer(dataDir);
    assert.match(third.output(), /Connect charge points to:/);
  });

  test('a restore refuses while the data folder is in use, and the database is left as it was', async () => {
    const dataDir = tempDir();
    const running = await runningServer(dataDir);
    // A good backup (a copy of this very database), so only the folder being in use can stop the restore.
    const backup = join(tempDir(), 'good-backup.sqlite');
    const reader = new Database(join(dataDir, 'csms.sqlite'), { readonly: true });
    reader.exec(`VACUUM INTO '${backup}'`);
    reader.close();
    const restore = await runToExit(['--import', 'tsx', SERVE, ...serveArgs(dataDir, ['--restore-backup', backup])]);
    assert.equal(restore.code, EXIT_CODES.dataFolderInUse, restore.output);
    assert.match(
      restore.output,
      new RegExp(
        `Cannot restore a backup into the data folder ${escape(dataDir)}: it is in use by another central system \\(PID ${running.child.pid}\\b`,
      ),
    );
    assert.equal(existsSync(join(dataDir, 'set-aside')), false, 'the database in use was not set aside');
    assert.equal(existsSync(join(dataDir, 'csms.sqlite.restoring')), false, 'no copy was staged');
    assert.equal(running.child.exitCode, null, 'the running server still runs');
    // With the server stopped the same restore goes through: it was the folder being in use that stopped it.
    await stopChild(running.child);
    const restored = await runningServer(dataDir, ['--restore-backup', backup]);
    assert.match(restored.output(), /Restored from /);
  });
});
