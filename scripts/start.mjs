#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise the same central system headless, with the
// reason and the OCPP URL printed. Arguments after `npm start --` are passed on (see `npm run serve -- --help`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // the package's main export is the path of its binary
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function headless(reason) {
  const child = spawn(process.execPath, ['dist/main/headless/serve.js', ...args], { stdio: 'inherit', env: { ...process.env, CSMS_START_REASON: reason } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!binary) {
  headless('Electron is not installed here (its binary could not be downloaded), so the console runs headless');
} else if (!hasDisplay) {
  headless('no display available for the desktop app, so the console runs headless');
} else {
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.app.json'], { stdio: 'inherit' });
  if (build.status !== 0) {
    headless('the desktop shell failed to build');
  } else {
    const started = Date.now();
    const child = spawn(binary, ['.', '--', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => {
      // Electron that dies at once (missing libraries, no GPU, sandbox refused) falls back to headless.
      if (code !== 0 && Date.now() - started < 5000) headless(`the desktop app exited at start (code ${code})`);
      else process.exit(code ?? 0);
    });
  }
}
