#!/usr/bin/env node
// Runs after `npm install`. The desktop shell (main/app) is type-checked against the `electron` package's own type
// declarations, so that package must be installed even where its binary cannot be downloaded.
//
// npm 11 and later read package.json `allowScripts`, which keeps electron's download script from running at install
// (`npm start` fetches the binary when it first needs it). npm 10 ignores that field, runs the script, and when the
// download fails it silently drops the whole optional package, type declarations included. Put the package back
// here, from the npm registry, without its script, and say so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

if (!existsSync(join(electronDir, 'package.json'))) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  if (!version) {
    console.error('postinstall: package-lock.json names no electron version; the desktop shell cannot be type-checked.');
    process.exit(1);
  }
  console.log(
    `postinstall: npm dropped the optional electron package (its binary could not be downloaded); installing electron@${version} without its binary, for its type declarations.`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'electron-pack-'));
  try {
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    const pack = spawnSync(npm[0], [...npm.slice(1), 'pack', `electron@${version}`, '--pack-destination', scratch, '--silent'], {
      cwd: scratch,
      encoding: 'utf8',
      shell: npm.length === 1 && process.platform === 'win32',
    });
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) {
      console.error(`postinstall: could not fetch electron@${version} from the npm registry:\n${pack.stderr}`);
      process.exit(1);
    }
    mkdirSync(electronDir, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', join(scratch, tarball), '-C', electronDir, '--strip-components=1'], { encoding: 'utf8' });
    if (untar.status !== 0) {
      rmSync(electronDir, { recursive: true, force: true });
      console.error(`postinstall: could not unpack electron@${version}: ${untar.stderr || untar.error}`);
      process.exit(1);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
