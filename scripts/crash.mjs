#!/usr/bin/env node
// `npm run crash -- --kills 20`: the crash test (test/integration/crash-recovery.test.ts) with more SIGKILLs under
// load than the five `npm test` runs. The count travels as CRASH_KILLS, since node:test passes no arguments to tests.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '20' } } });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) {
  console.error(`--kills must be a whole number, 1 or more (got ${values.kills})`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'test/integration/crash-recovery.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CRASH_KILLS: String(kills) },
});
process.exit(result.status ?? 1);
