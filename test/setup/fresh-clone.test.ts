/**
 * The README's set-up, as a newcomer meets it: a fresh clone of the committed project, `npm install`, then the
 * type check (desktop shell included) and `npm start`, on a machine where Electron's binary cannot be downloaded.
 * Nothing of this run's environment leaks in: no npm_* variables of the outer `npm test`, no ELECTRON_* settings;
 * the download is made to fail by pointing Electron's downloader at a closed local port, as on a machine that
 * reaches the npm registry and nothing else. Slow (each install builds better-sqlite3 from source), so it runs last.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const projectRoot = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'csms-fresh-clone-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of a newcomer's shell: this process's, less what `npm test` and Electron settings add. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|ELECTRON_|electron_)/i.test(key) || key === 'INIT_CWD' || key === 'DISPLAY' || key === 'WAYLAND_DISPLAY') continue;
    env[key] = value;
  }
  // Where the binary's host is unreachable: a refused connection, and an empty download cache.
  env.ELECTRON_MIRROR = 'http://127.0.0.1:9/';
  env.electron_config_cache = join(scratch, 'electron-cache');
  return env;
}

function freshClone(name: string): string {
  const dir = join(scratch, name);
  const clone = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, dir], { encoding: 'utf8' });
  assert.equal(clone.status, 0, clone.stderr);
  return dir;
}

function run(dir: string, command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: dir, env: newcomerEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 });
}

function lastLines(result: SpawnSyncReturns<string>, count = 30): string {
  return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-count).join('\n');
}

/** `npm start` in its own process group, until it prints the OCPP URL; returns everything it printed by then. */
async function startUntilUrl(dir: string): Promise<string> {
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  const child = spawn(
    'npm',
    [
      'start',
      '--',
      '--data-dir',
      dataDir,
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      '0',
      '--api-port',
      '0',
      '--file-port',
      '0',
      '--ftp-port',
      'off',
    ],
    {
      cwd: dir,
      env: newcomerEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no OCPP URL within 5 min:\n${output}`)), 5 * 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/ws:\/\/127\.0\.0\.1:\d+\/ocpp\/<chargePointId>/.test(output)) {
          clearTimeout(timer);
          resolve(output);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`npm start exited (${code}) before printing the OCPP URL:\n${output}`))));
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

function assertElectronTypesWithoutBinary(dir: string): void {
  assert.ok(existsSync(join(dir, 'node_modules/electron/electron.d.ts')), 'the electron package (its type declarations) is installed');
  assert.ok(!existsSync(join(dir, 'node_modules/electron/dist')), 'and its binary is not');
}

describe('a fresh clone where Electron cannot be downloaded', { concurrency: true }, () => {
  test('npm install, then the type check (desktop shell included) and npm start pass; a second start rebuilds nothing', async () => {
    const dir = freshClone('npm-here');
    const install = run(dir, 'npm', ['install']);
    assert.equal(install.status, 0, `npm install failed:\n${lastLines(install)}`);
    assertElectronTypesWithoutBinary(dir);

    const typecheck = run(dir, 'npm', ['run', 'typecheck']);
    assert.equal(typecheck.status, 0, `npm run typecheck failed:\n${lastLines(typecheck)}`);

    const first = await startUntilUrl(dir);
    assert.match(first, /build: main built in/);
    assert.match(first, /build: renderer built in/);
    assert.match(first, /no display available for the desktop app, so the console runs headless/);

    const second = await startUntilUrl(dir);
    assert.match(second, /build: main is up to date/);
    assert.match(second, /build: renderer is up to date/);
  });

  test('with npm 10 (which ignores allowScripts and drops electron when its download fails) the type check passes too', () => {
    const dir = freshClone('npm-10');
    const install = run(dir, 'npx', ['--yes', 'npm@10', 'install']);
    assert.equal(install.status, 0, `npm@10 install failed:\n${lastLines(install)}`);
    assert.match(install.stdout + install.stderr, /postinstall: npm dropped the optional electron package/);
    assertElectronTypesWithoutBinary(dir);

    const typecheck = run(dir, 'npm', ['run', 'typecheck']);
    assert.equal(typecheck.status, 0, `npm run typecheck failed:\n${lastLines(typecheck)}`);
  });
});
