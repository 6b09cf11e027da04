#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise the same central system headless, with the
// reason and the OCPP URL printed. Arguments after `npm start --` are passed on (see `npm run serve -- --help`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const downloadTimeoutMs = 120_000;

function electronBinary() {
  try {
    const path = require('electron'); // the package's main export is the path of its binary
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * `npm install` keeps the electron package without running its download script (package.json `allowScripts`), so
 * installing never fails or hangs where the binary's host cannot be reached. Fetch the binary here instead, once,
 * with a time limit; where that fails the console runs headless and says why.
 */
function downloadElectronBinary() {
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return 'the electron package is not installed';
  }
  console.log('Downloading the Electron binary (once; about 100 MB)…');
  const download = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: downloadTimeoutMs });
  if (download.status === 0 && electronBinary()) return null;
  const why =
    download.error?.code === 'ETIMEDOUT'
      ? `no answer within ${downloadTimeoutMs / 1000} s`
      : (download.stderr ?? '').trim().split('\n')[0] || `exit code ${download.status}`;
  return `its binary could not be downloaded (${why})`;
}

function headless(reason) {
  const child = spawn(process.execPath, ['dist/main/headless/serve.js', ...args], {
    stdio: 'inherit',
    env: { ...process.env, CSMS_START_REASON: reason },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  // The central system's own exit code (e.g. 4: a port in use) is passed on; killed by a signal is a failure too.
  child.on('exit', (code) => process.exit(code ?? 1));
}

// Exit codes with which the central system refused to start and said why (main/services/startup-failure.ts):
// the desktop app showed that in a dialog, so there is nothing to fall back from.
const STARTUP_REFUSAL_EXIT_CODES = new Set([2, 3, 4, 5]);

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const missing = electronBinary() ? null : hasDisplay ? downloadElectronBinary() : null;
const binary = electronBinary();
if (!hasDisplay) {
  headless('no display available for the desktop app, so the console runs headless');
} else if (!binary) {
  headless(`Electron cannot run here: ${missing ?? 'its binary is missing'}; the console runs headless`);
} else if (spawnSync(process.execPath, ['scripts/build.mjs', 'shell'], { stdio: 'inherit' }).status !== 0) {
  headless('the desktop shell failed to build');
} else {
  const started = Date.now();
  const child = spawn(binary, ['.', '--', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => {
    // Electron that dies at once (missing libraries, no GPU, sandbox refused) falls back to headless.
    if (code !== 0 && !STARTUP_REFUSAL_EXIT_CODES.has(code) && Date.now() - started < 5000)
      headless(`the desktop app exited at start (code ${code})`);
    else process.exit(code ?? 1);
  });
}
