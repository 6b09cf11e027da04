/**
 * `npm run bench:large`: the central system after years of data (README "Performance", large database).
 *
 * 1. Builds the large database in a data folder (generate.ts), or reuses the one built there with the same options.
 * 2. Starts the real headless server (dist/main/headless/serve.js, built first) on that folder several times and
 *    times each start: process start → the API answers, and the parts the server logs (open, migrations check,
 *    integrity check, start-up caches).
 * 3. Times every list, search and first export page of the operator API (cases.ts) over HTTP, p50/p95 of repeated
 *    calls with varied parameters, against the targets (≤ 100 ms p95, start ≤ 3 s).
 * Writes bench-results/large-latest.md (and .json) and prints the report.
 *
 * Flags: --transactions N (1,000,000) --message-log-rows N (10,000,000) --stations N --id-tags N
 * --readings-per-transaction N --data-dir DIR (default <tmp>/csms-large-db) --regenerate --repeats N (20)
 * --starts N (3) --generate-only --server-dir DIR (run the server built in another checkout, e.g. the code before a
 * change, against the same data; its dist/ must be built) --compare FILE.json (a previous run's .json: its p95 beside
 * this run's) --heavy-reads mix|station-list|exports (what runs beside the heartbeating station: the heaviest reads in
 * turn, only the whole station list, as a console reloads it, or the largest answers: the whole audit export, the id
 * tags' CSV and 10,000-row log pages) --out PATH (the report's path without .md/.json).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../child-process.js';
import { measureAnswersUnderReads, type AnswersUnderReads } from './answers-under-reads.js';
import { queryCases, type QueryCase } from './cases.js';
import {
  DEFAULT_GENERATE,
  generateLargeDatabase,
  GENERATED_MARKER,
  LARGE_DB_API_TOKEN,
  type GenerateOptions,
  type GenerateReport,
} from './generate.js';
import { SeededRandom } from '../../support/seeded-random.js';

const TARGET_P95_MS = 100;
const TARGET_START_MS = 3_000;

const { values: flags } = parseArgs({
  options: {
    transactions: { type: 'string' },
    'message-log-rows': { type: 'string' },
    stations: { type: 'string' },
    'id-tags': { type: 'string' },
    'readings-per-transaction': { type: 'string' },
    'data-dir': { type: 'string' },
    regenerate: { type: 'boolean' },
    repeats: { type: 'string' },
    starts: { type: 'string' },
    'generate-only': { type: 'boolean' },
    'server-dir': { type: 'string' },
    compare: { type: 'string' },
    'heavy-reads': { type: 'string' },
    out: { type: 'string' },
  },
});
/** Which reads run beside the heartbeating station: the whole mix, only the station list (the console's), or the exports. */
type HeavyReads = 'mix' | 'station-list' | 'exports';
const heavyReads = ((value: string): HeavyReads => {
  if (value === 'mix' || value === 'station-list' || value === 'exports') return value;
  throw new Error(`--heavy-reads must be mix, station-list or exports, got ${value}`);
})(flags['heavy-reads'] ?? 'mix');

function count(name: keyof typeof flags, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${String(raw)}`);
  return n;
}

const options: GenerateOptions = {
  dataDir: flags['data-dir'] ?? join(tmpdir(), 'csms-large-db'),
  transactions: count('transactions', DEFAULT_GENERATE.transactions),
  messageLogRows: count('message-log-rows', DEFAULT_GENERATE.messageLogRows),
  stations: Math.max(1, count('stations', DEFAULT_GENERATE.stations)),
  idTags: Math.max(1, count('id-tags', DEFAULT_GENERATE.idTags)),
  readingsPerTransaction: Math.max(1, count('readings-per-transaction', DEFAULT_GENERATE.readingsPerTransaction)),
  seed: DEFAULT_GENERATE.seed,
};
const repeats = Math.max(3, count('repeats', 20));
/** The checkout whose built server runs: this one unless --server-dir names another. */
const SERVER_DIR = flags['server-dir'] ?? REPO_ROOT;
const starts = Math.max(1, count('starts', 3));

/** The database in the folder, when it was generated with these options; else a new one. */
function database(): { report: GenerateReport; reused: boolean } {
  const marker = join(options.dataDir, GENERATED_MARKER);
  if (!flags.regenerate && existsSync(marker)) {
    const report = JSON.parse(readFileSync(marker, 'utf8')) as GenerateReport;
    if (JSON.stringify(report.options) === JSON.stringify(options)) return { report, reused: true };
  }
  return { report: generateLargeDatabase(options), reused: false };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

interface Server {
  apiUrl: string;
  ocppPort: number;
  /** Process start → the API answered (ms). */
  startMs: number;
  /** The parts the server logged for its start (ms by part), when it logged them. */
  parts: Record<string, number>;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** What the server logs about its start (main/csms/central-system.ts): `started in N ms (part ms, part ms, ...)`. */
function parseStartupParts(output: string): Record<string, number> {
  const match = /started in (\d+) ms \(([^)]*)\)/.exec(output);
  if (!match) return {};
  const parts: Record<string, number> = { 'central system': Number(match[1]) };
  for (const part of match[2]!.split(', ')) {
    const [name, value] = part.split(' ');
    if (name && value !== undefined) parts[name] = Number(value);
  }
  return parts;
}

async function startServer(): Promise<Server> {
  const apiPort = await freePort();
  const ocppPort = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(SERVER_DIR, 'dist/main/headless/serve.js'),
      '--data-dir',
      options.dataDir,
      '--api-port',
      String(apiPort),
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      String(ocppPort),
      '--file-port',
      '0',
      '--ftp-port',
      'off',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSMS_LOG_LEVEL: 'info' } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before answering:\n${output}`);
    if (performance.now() - started > 300_000) throw new Error(`the server did not answer within 300 s:\n${output}`);
    try {
      const res = await fetch(`${apiUrl}/api/status`, { headers: { authorization: `Bearer ${LARGE_DB_API_TOKEN}` } });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  // The start's log line may trail the first answer by a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    apiUrl,
    ocppPort,
    startMs,
    parts: parseStartupParts(output),
    output: () => output,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface CaseResult {
  name: string;
  p50: number;
  p95: number;
  max: number;
  /** Items in the last answer (lists), or bytes (exports). */
  size: string;
  errors: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeCase(apiUrl: string, queryCase: QueryCase): Promise<CaseResult> {
  const times: number[] = [];
  let size = '';
  let errors = 0;
  // One call first, unmeasured: the statement cache and the page cache of a server that has run a while.
  for (let i = 0; i <= repeats; i++) {
    const path = queryCase.path();
    const started = performance.now();
    const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${LARGE_DB_API_TOKEN}` } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (i > 0) times.push(ms);
    if (!res.ok) {
      errors++;
      size = `HTTP ${res.status}: ${body.slice(0, 80)}`;
      continue;
    }
    if (res.headers.get('content-type')?.startsWith('application/json')) {
      const parsed = JSON.parse(body) as { items?: unknown[] } | unknown[] | null;
      size = Array.isArray(parsed)
        ? `${parsed.length} items`
        : parsed && Array.isArray(parsed.items)
          ? `${parsed.items.length} items`
          : `${body.length} B`;
    } else size = `${body.length} B`;
  }
  times.sort((a, b) => a - b);
  return { name: queryCase.name, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, size, errors };
}

async function fetchJson<T>(apiUrl: string, path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${LARGE_DB_API_TOKEN}` } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  const { report: generated, reused } = database();
  if (flags['generate-only']) return;
  if (SERVER_DIR === REPO_ROOT) await run(process.execPath, ['scripts/build.mjs', 'main']);

  const startResults: Array<{ startMs: number; parts: Record<string, number> }> = [];
  let server: Server | undefined;
  for (let i = 0; i < starts; i++) {
    server = await startServer();
    startResults.push({ startMs: server.startMs, parts: server.parts });
    console.log(`start ${i + 1}: ${ms(server.startMs)} ms ${JSON.stringify(server.parts)}`);
    if (i < starts - 1) await server.stop();
  }
  const live = server!;
  try {
    // The start may leave its integrity check running in a worker; the queries are timed without it beside them.
    const waitStarted = performance.now();
    while (/goes on in the background/.test(live.output()) && !/integrity check (finished|:)/.test(live.output())) {
      if (performance.now() - waitStarted > 600_000) throw new Error('the background integrity check did not finish within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const backgroundCheck = /integrity check finished in the background: sound \((\d+) ms\)/.exec(live.output());
    if (backgroundCheck) console.log(`background integrity check: ${backgroundCheck[1]} ms`);
    const first = await fetchJson<{ items: Array<{ id: number }> }>(live.apiUrl, '/api/message-log?limit=1');
    const audit = await fetchJson<{ items: Array<{ id: number }> }>(live.apiUrl, '/api/audit?limit=1');
    const anomalies = await fetchJson<{ items: Array<{ id: number }> }>(live.apiUrl, '/api/anomalies?limit=1');
    const stations = await fetchJson<{ items: Array<{ id: string }> }>(live.apiUrl, '/api/charge-points');
    const tags = await fetchJson<{ items: Array<{ idTag: string }> }>(live.apiUrl, '/api/id-tags?limit=100000');
    const cases = queryCases(new SeededRandom(7), {
      stationIds: stations.items.map((s) => s.id),
      idTags: tags.items.map((t) => t.idTag),
      transactions: generated.rows.transactions ?? 0,
      nowMs: generated.nowMs,
      maxMessageLogId: first.items[0]?.id ?? 1,
      maxAuditId: audit.items[0]?.id ?? 1,
      maxAnomalyId: anomalies.items[0]?.id ?? 1,
    });
    const results: CaseResult[] = [];
    for (const queryCase of cases) {
      const result = await timeCase(live.apiUrl, queryCase);
      results.push(result);
      console.log(
        `${result.p95 <= TARGET_P95_MS ? 'ok  ' : 'MISS'} ${result.name}: p50 ${ms(result.p50)} ms, p95 ${ms(result.p95)} ms (${result.size})`,
      );
    }
    const stationIds = stations.items.map((s) => s.id);
    let turn = 0;
    const answers = await measureAnswersUnderReads({
      apiUrl: live.apiUrl,
      ocppPort: live.ocppPort,
      token: LARGE_DB_API_TOKEN,
      // The reads that cost the most: a text search that finds nothing (it unpacks its whole window), the doctor's
      // refusal count, one station's full CSV export, a long page of the log, the whole station list (a console
      // reloads it when most stations changed, at most every 2 s: renderer/src/store/station-fetch.ts).
      // The exports: the largest answers the API gives (the whole audit trail is 100,000 entries here, ~34 MB).
      heavyPaths: () =>
        heavyReads === 'station-list'
          ? '/api/charge-points'
          : heavyReads === 'exports'
            ? ['/api/audit.ndjson', '/api/id-tags.csv', '/api/message-log?limit=10000'][turn++ % 3]!
            : [
                `/api/message-log?text=nothing-like-this-${turn}&limit=200`,
                '/api/doctor/format-refusals',
                `/api/transactions.csv?chargePointId=${encodeURIComponent(stationIds[turn % stationIds.length]!)}`,
                '/api/message-log?limit=1000',
                '/api/charge-points',
              ][turn++ % 5]!,
    });
    console.log(`answers while heavy reads run: ${JSON.stringify(answers)}`);
    const text =
      reportText(generated, reused, startResults, results, backgroundCheck ? Number(backgroundCheck[1]) : undefined) +
      answersText(answers, heavyReads);
    const out = flags.out ?? join(REPO_ROOT, 'bench-results', 'large-latest');
    writeFileSync(`${out}.md`, text);
    writeFileSync(
      `${out}.json`,
      JSON.stringify({ generated, startResults, backgroundCheck: backgroundCheck?.[1], results, repeats, answers }, null, 2),
    );
    console.log(`\n${text}`);
  } finally {
    await live.stop();
  }
}

/** The p95 of each case in a previous run's .json (--compare), and when and how it ran. */
function earlierRun(): { p95: Map<string, number>; note: string } | undefined {
  if (!flags.compare) return undefined;
  const earlier = JSON.parse(readFileSync(flags.compare, 'utf8')) as {
    results: CaseResult[];
    repeats?: number;
    startResults?: Array<{ startMs: number }>;
  };
  const starts = (earlier.startResults ?? []).map((s) => ms(s.startMs)).join(', ');
  return { p95: new Map(earlier.results.map((r) => [r.name, r.p95])), note: `${earlier.repeats ?? '?'} calls per case; start ${starts} ms` };
}

function reportText(
  generated: GenerateReport,
  reused: boolean,
  startResults: Array<{ startMs: number; parts: Record<string, number> }>,
  results: CaseResult[],
  backgroundCheckMs: number | undefined,
): string {
  const o = generated.options;
  const totalRows = Object.values(generated.rows).reduce((a, b) => a + b, 0);
  // A start that applied a migration (the first start of a new version on an old database) is shown, not judged.
  const migrated = (s: { parts: Record<string, number> }) => (s.parts.migrations ?? 0) > 500;
  const judged = startResults.filter((s) => !migrated(s));
  const sortedStarts = (judged.length ? judged : startResults).map((s) => s.startMs).sort((a, b) => a - b);
  const medianStart = sortedStarts[Math.floor(sortedStarts.length / 2)]!;
  const partNames = [...new Set(startResults.flatMap((s) => Object.keys(s.parts)))];
  const misses = results.filter((r) => r.p95 > TARGET_P95_MS || r.errors > 0);
  const earlier = earlierRun();
  const lines = [
    `# Large database benchmark`,
    '',
    `${new Date().toISOString()} · load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' / ',
      )} on ${cpus().length} cores${SERVER_DIR === REPO_ROOT ? '' : ` · server from ${SERVER_DIR}`} · \`npm run bench:large -- --transactions ${o.transactions} --message-log-rows ${o.messageLogRows}\` · ${o.stations} stations, ${o.idTags} id tags, ${o.readingsPerTransaction} readings per transaction`,
    '',
    `Targets: every list/search ≤ ${TARGET_P95_MS} ms p95 (HTTP, ${repeats} calls with varied parameters after one unmeasured call); start ≤ ${TARGET_START_MS} ms (process start → API answering).`,
    '',
    `**${misses.length === 0 ? 'All cases within target' : `${misses.length} case(s) miss the target`}; start ${ms(medianStart)} ms (${medianStart <= TARGET_START_MS ? 'within' : 'over'} target).**`,
    '',
    '## Generated database',
    '',
    `${reused ? 'Reused (generated earlier with the same options)' : 'Generated now'}: ${totalRows.toLocaleString('en')} rows in ${generated.totalSeconds.toFixed(1)} s (${Math.round(totalRows / generated.totalSeconds).toLocaleString('en')} rows/s), file ${mib(generated.fileBytes)}.`,
    '',
    '| table | rows | seconds | rows/s |',
    '|---|---:|---:|---:|',
    ...Object.entries(generated.rows).map(([table, rows]) => {
      const seconds = generated.seconds[table] ?? generated.seconds['transactions + meter_readings + status_changes'];
      return `| ${table} | ${rows.toLocaleString('en')} | ${seconds !== undefined ? seconds.toFixed(1) : ''} | ${seconds ? Math.round(rows / seconds).toLocaleString('en') : ''} |`;
    }),
    '',
    '(transactions, meter_readings and status_changes are written together; their seconds are shared.)',
    '',
    '## Start-up',
    '',
    `Process start → API answering, ${startResults.length} starts (warm page cache), median ${ms(medianStart)} ms${judged.length < startResults.length ? ' (of the starts that applied no migration)' : ''}. Parts as the server logs them (ms); \`integrityCheck\` is the time the start waited for the check before going on with it in the background${backgroundCheckMs !== undefined ? ` (it then finished in ${ms(backgroundCheckMs)} ms)` : ''}:`,
    '',
    `| start | total | ${partNames.join(' | ')} |`,
    `|---|---:|${partNames.map(() => '---:').join('|')}|`,
    ...startResults.map(
      (s, i) =>
        `| ${i + 1}${migrated(s) ? ' (migrated)' : ''} | ${ms(s.startMs)} | ${partNames.map((p) => (s.parts[p] === undefined ? '' : ms(s.parts[p]))).join(' | ')} |`,
    ),
    '',
    '## Queries',
    '',
    ...(earlier ? [`\`before p95\`: ${flags.compare} (${earlier.note}).`, ''] : []),
    `| query | p50 ms | p95 ms | max ms | last answer | target |${earlier ? ' before p95 ms |' : ''}`,
    `|---|---:|---:|---:|---|---|${earlier ? '---:|' : ''}`,
    ...results.map((r) => {
      const verdict = r.errors ? `${r.errors} errors` : r.p95 <= TARGET_P95_MS ? 'ok' : '**miss**';
      const row = `| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.size} | ${verdict} |`;
      const before = earlier?.p95.get(r.name);
      return earlier ? `${row} ${before === undefined ? '' : ms(before)} |` : row;
    }),
    '',
  ];
  return lines.join('\n');
}

function answersText(a: AnswersUnderReads, heavyReads: HeavyReads): string {
  const row = (name: string, t: AnswersUnderReads['quiet']) => `| ${name} | ${t.samples} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.max)} |`;
  const reads =
    heavyReads === 'station-list'
      ? 'the whole station list'
      : heavyReads === 'exports'
        ? "the whole audit trail's export, the id tags' CSV and 10,000-row log pages"
        : "text searches that find nothing, the connection doctor's refusal count, a station's CSV export, 1,000-row log pages and the whole station list";
  return [
    '',
    "## A station's answers while the heaviest reads run",
    '',
    `One station sends Heartbeats (5 ms apart), alone and then while two API clients read, without pause, ${reads}`,
    `(${a.heavyReads} reads${a.heavyReadErrors ? `, ${a.heavyReadErrors} failed` : ''}). Round trip in ms:`,
    '',
    '| phase | answers | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    row('alone', a.quiet),
    row('during heavy reads', a.underReads),
    '',
  ].join('\n');
}

await main();
