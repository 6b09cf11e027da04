#!/usr/bin/env node
// Runs Node's test runner (with tsx for TypeScript) on every *.test.ts under the given folders (or on the given files).
// Node 20's `--test` does not expand globs itself, so we list the files here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const roots = args.filter((a) => !a.startsWith('--'));

function collect(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return collect(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

const files = roots.flatMap((root) => (statSync(root).isDirectory() ? collect(root) : [root]));
if (files.length === 0) {
  console.error(`No test files under ${roots.join(', ')}`);
  process.exit(1);
}
// The spec reporter unless the caller names its own (`npm run coverage` does).
const reporter = flags.some((f) => f.startsWith('--test-reporter=')) ? [] : ['--test-reporter=spec'];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporter, ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
