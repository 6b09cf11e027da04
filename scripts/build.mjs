#!/usr/bin/env node
// `npm run build [main|renderer|shell ...]`: builds what is stale, and only that.
//   main      the central system and headless server (tsc -p tsconfig.json → dist/main, dist/shared)
//   renderer  the console (Vite → dist/renderer)
//   shell     the desktop shell (tsc -p tsconfig.app.json → dist/main/app); built by `npm start` when Electron runs
// With no target: main and renderer. Each target keeps a fingerprint of its inputs (the path and content of every
// source file, its configs and the lockfile) in dist/.build/; when the fingerprint matches and the output is there,
// the target is not rebuilt, so a second `npm start` starts at once. `--force` rebuilds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampDir = join(root, 'dist', '.build');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

/** Every input that changes a target's output; `output` is a file whose absence means "never built". */
const targets = {
  main: {
    inputs: ['main', 'shared', 'tsconfig.json', 'package-lock.json'],
    skip: (path) => path.startsWith('main/app/'),
    output: 'dist/main/headless/serve.js',
    build: () => run(process.execPath, [tsc, '-p', 'tsconfig.json']),
  },
  renderer: {
    inputs: ['renderer', 'shared', 'package-lock.json'],
    skip: () => false,
    output: 'dist/renderer/index.html',
    build: async () => {
      const { build } = await import('vite');
      await build({ configFile: join(root, 'renderer', 'vite.config.ts') });
      return true;
    },
  },
  shell: {
    inputs: ['main', 'shared', 'tsconfig.json', 'tsconfig.app.json', 'package-lock.json'],
    skip: () => false,
    output: 'dist/main/app/electron-main.js',
    build: () => run(process.execPath, [tsc, '-p', 'tsconfig.app.json']),
  },
};

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

/** Paths (relative to the project, '/'-separated) of the files under each input: a folder or a single file. */
function listFiles(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => listFiles(`${path}/${entry.name}`));
}

function fingerprint(target) {
  const hash = createHash('sha256');
  const files = target.inputs
    .flatMap(listFiles)
    .filter((path) => !target.skip(path))
    .sort();
  for (const path of files)
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(root, path)))
      .update('\0');
  return hash.digest('hex');
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : ['main', 'renderer'];

for (const name of selected) {
  const target = targets[name];
  if (!target) {
    console.error(`build: unknown target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  const stamp = join(stampDir, `${name}.sha256`);
  const current = fingerprint(target);
  const built = existsSync(join(root, target.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current;
  if (built && !force) {
    console.log(`build: ${name} is up to date`);
    continue;
  }
  // A build that fails or is interrupted must not leave a stamp saying it is current.
  rmSync(stamp, { force: true });
  const started = Date.now();
  if (!(await target.build())) {
    console.error(`build: ${name} failed`);
    process.exit(1);
  }
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, current);
  console.log(`build: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
