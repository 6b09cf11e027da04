/**
 * `npm run simulate` (docs/scenarios.md "Command line"):
 *
 *   npm run simulate -- scenario.json [--url ws://host:8180/ocpp] [--json]
 *   npm run simulate -- --replay export.ndjson [--speed 10 | --as-fast-as-possible] [--url …] [--json]
 *   npm run simulate -- --print-schema
 *
 * Exit code 0: passed (a replay: the central system answered as recorded); 1: failed (or answered differently);
 * 2: a bad file or bad arguments, with every problem named.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scenarioJsonSchema } from '../../../shared/api/scenario.js';
import { DEFAULT_OCPP_PORT } from '../../csms/config/settings.js';
import { parseScenario, problemLines } from './check.js';
import { parseExport } from './replay/export-file.js';
import { replay } from './replay/replayer.js';
import { runScenario } from './runner.js';
import { replaySummary, scenarioSummary } from './summary.js';

const USAGE = `Usage:
  npm run simulate -- <scenario.json> [--url ws://127.0.0.1:${DEFAULT_OCPP_PORT}/ocpp] [--json]
  npm run simulate -- --replay <export.ndjson> [--speed N | --as-fast-as-possible] [--identity ID] [--url …] [--json]
  npm run simulate -- --print-schema`;

const BAD_INPUT = 2;

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(BAD_INPUT);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    fail([`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        replay: { type: 'string' },
        speed: { type: 'string' },
        'as-fast-as-possible': { type: 'boolean' },
        identity: { type: 'string' },
        json: { type: 'boolean' },
        'print-schema': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail([err instanceof Error ? err.message : String(err), USAGE]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['print-schema']) {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const url = values.url ?? `ws://127.0.0.1:${DEFAULT_OCPP_PORT}/ocpp`;
  if (!/^wss?:\/\//.test(url)) fail([`--url must be a ws:// or wss:// address, not ${url}`]);
  const print = (lines: string[], json: unknown) =>
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${lines.join('\n')}\n`);

  if (values.replay !== undefined) {
    if (positionals.length) fail([`--replay takes no scenario file (got ${positionals.join(' ')})`, USAGE]);
    let speed: number | 'max' = 1;
    if (values['as-fast-as-possible']) speed = 'max';
    else if (values.speed !== undefined) {
      speed = Number(values.speed);
      if (!Number.isFinite(speed) || speed <= 0) fail([`--speed must be a number above 0, not ${values.speed}`]);
    }
    const read = parseExport(readText(values.replay));
    if (!read.ok) fail([`${values.replay} is not a usable message-log export:`, ...read.problems.map((p) => `  ${p}`)]);
    const result = await replay(read.recording, { url, speed, ...(values.identity ? { identity: values.identity } : {}) });
    print(replaySummary(result), result);
    return result.identical && !result.error ? 0 : 1;
  }

  if (positionals.length !== 1)
    fail([positionals.length ? `One scenario file at a time (got ${positionals.length})` : 'No scenario file given', USAGE]);
  const file = positionals[0]!;
  const checked = parseScenario(readText(file));
  if (!checked.ok) fail([`${file} is not a valid scenario:`, ...problemLines(checked.problems).map((line) => `  ${line}`)]);
  const result = await runScenario(checked.scenario, {
    url,
    onStep: values.json ? undefined : (s) => process.stderr.write(`  ${s.ok ? 'ok  ' : 'FAIL'} step ${s.index} ${s.do}: ${s.message}\n`),
  });
  print(scenarioSummary(result), result);
  return result.passed ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
