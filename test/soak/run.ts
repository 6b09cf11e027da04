/**
 * Two soaks. `npm run soak -- --mode mixed [--minutes 60]`: sessions, operator calls, a restart and a SIGKILL,
 * reconciled with the database (mixed.ts).
 *
 * The load soak (the default, `--mode load`): `npm run soak -- --stations 1000 --minutes 10 [--period-ms 5000]
 * [--sample-sec 60]`. A thousand lean stations (test/bench's fleet) send the realistic mix open-loop for the whole
 * run against the central system in a child process (synchronous=FULL, as shipped). Every sample interval: the
 * server's RSS and heap after GC, its open file descriptors (/proc/<pid>/fd) and the latency percentiles of that
 * interval. Verdict "flat": the last third of the samples against the first third, within tolerances. Result:
 * bench-results/soak-latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchChild, REPO_ROOT } from '../bench/child-process.js';
import { Fleet } from '../bench/load/fleet.js';
import type { ServerSnapshot } from '../bench/servers/runtime.js';
import { runMixedSoak } from './mixed.js';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    stations: { type: 'string' },
    minutes: { type: 'string' },
    'period-ms': { type: 'string' },
    'sample-sec': { type: 'string' },
    out: { type: 'string' },
  },
});
if (values.mode === 'mixed') {
  const pass = await runMixedSoak({
    minutes: Number(values.minutes ?? 60),
    stations: Number(values.stations ?? 40),
    sampleSec: Number(values['sample-sec'] ?? 300),
    out: values.out ?? join(REPO_ROOT, 'bench-results', 'soak-mixed-latest.md'),
    command: `npm run soak -- ${process.argv.slice(2).join(' ')}`,
  });
  process.exit(pass ? 0 : 1);
} else if (values.mode !== undefined && values.mode !== 'load') {
  console.error(`--mode must be load (the default) or mixed, not ${values.mode}`);
  process.exit(2);
}
const stations = Number(values.stations ?? 1000);
const minutes = Number(values.minutes ?? 10);
const periodMs = Number(values['period-ms'] ?? 5000);
const sampleSec = Number(values['sample-sec'] ?? 60);
const samples = Math.max(3, Math.round((minutes * 60) / sampleSec));

/** Tolerances of "flat" (last third vs first third of the samples). */
const TOLERANCE = { rssMiB: 24, rssPct: 15, heapMiB: 12, heapPct: 25, fds: 10, p99Factor: 2, p99SlackMs: 25 };

interface Sample {
  atSec: number;
  rss: number;
  heapUsed: number;
  fds: number;
  connections: number;
  replies: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  unanswered: number;
  dropped: number;
  errors: number;
}

console.log(`soak: ${stations} stations, one message each per ${periodMs} ms, ${samples} samples of ${sampleSec} s`);
const child = BenchChild.spawn({
  entry: '../fuzz/server-child.ts',
  nodeFlags: ['--expose-gc'],
  config: { syncMode: 'FULL', overrides: { registrationPolicy: 'accept' } },
});
const { port } = await child.waitForEvent<{ port: number }>('ready');
const snapshot = () => child.request<ServerSnapshot>('snapshot', { gc: true });
const fleet = new Fleet();
const connect = await fleet.connect({
  url: `ws://127.0.0.1:${port}/ocpp`,
  count: stations,
  identityPrefix: 'SOAK-',
  idTagPrefix: 'SOAKTAG',
  timeoutMs: 120_000,
});
console.log(`connected and booted ${connect.accepted}/${stations} in ${(connect.elapsedMs / 1000).toFixed(1)} s`);

const started = new Date();
const rows: Sample[] = [];
const t0 = performance.now();
for (let i = 0; i < samples; i++) {
  const run = await fleet.run({ mode: 'open', periodMs, warmupMs: 0, durationMs: sampleSec * 1000, drainMs: 5000 });
  const snap = await snapshot();
  const errors = Object.values(run.errorCodes).reduce((a, b) => a + b, 0);
  const row: Sample = {
    atSec: Math.round((performance.now() - t0) / 1000),
    rss: snap.rss,
    heapUsed: snap.heapUsed,
    fds: (snap.extra as { fds: number }).fds,
    connections: snap.connections,
    replies: run.repliesInWindow,
    p50: run.all.p50,
    p95: run.all.p95,
    p99: run.all.p99,
    max: run.all.max,
    unanswered: run.unanswered,
    dropped: run.droppedConnections,
    errors,
  };
  rows.push(row);
  console.log(
    `  ${row.atSec} s: RSS ${(row.rss / 2 ** 20).toFixed(1)} MiB, heap ${(row.heapUsed / 2 ** 20).toFixed(1)} MiB, fds ${row.fds}, ${row.connections} connected, ${row.replies} replies, p50 ${row.p50.toFixed(1)} / p99 ${row.p99.toFixed(1)} ms`,
  );
}
fleet.close();
await child.request('stop').catch(() => {});
await child.exited;

const third = Math.max(1, Math.floor(rows.length / 3));
const mean = (list: Sample[], key: keyof Sample) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
const firstThird = rows.slice(0, third);
const lastThird = rows.slice(-third);
const check = (name: string, key: keyof Sample, ok: (a: number, b: number) => boolean, unit: (n: number) => string) => {
  const a = mean(firstThird, key);
  const b = mean(lastThird, key);
  return { name, first: unit(a), last: unit(b), flat: ok(a, b) };
};
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const checks = [
  check('RSS', 'rss', (a, b) => b - a <= Math.max(TOLERANCE.rssMiB * 2 ** 20, (a * TOLERANCE.rssPct) / 100), mib),
  check('heap after GC', 'heapUsed', (a, b) => b - a <= Math.max(TOLERANCE.heapMiB * 2 ** 20, (a * TOLERANCE.heapPct) / 100), mib),
  check(
    'open fds',
    'fds',
    (a, b) => b - a <= TOLERANCE.fds,
    (n) => n.toFixed(0),
  ),
  check(
    'p99 latency',
    'p99',
    (a, b) => b <= Math.max(a * TOLERANCE.p99Factor, a + TOLERANCE.p99SlackMs),
    (n) => `${n.toFixed(1)} ms`,
  ),
];
const noLoss = rows.every((r) => r.dropped === 0 && r.connections === stations);
const flat = checks.every((c) => c.flat) && noLoss;
const md = `# Soak (README "Fuzzing and soak")

- Started ${started.toISOString()}; Node ${process.version}; command \`npm run soak -- --stations ${stations} --minutes ${minutes} --period-ms ${periodMs} --sample-sec ${sampleSec}\`
- ${stations} stations connected and booted in ${(connect.elapsedMs / 1000).toFixed(1)} s (${connect.accepted} accepted), each sending the realistic mix (60 % MeterValues) once per ${periodMs} ms open-loop (${Math.round((stations * 1000) / periodMs)} msg/s offered); central system in its own process, SQLite synchronous=FULL
- **Verdict: ${flat ? 'flat' : 'NOT flat'}** (mean of the last third of the samples against the first third; tolerances: RSS +${TOLERANCE.rssMiB} MiB or +${TOLERANCE.rssPct} %, heap +${TOLERANCE.heapMiB} MiB or +${TOLERANCE.heapPct} %, fds +${TOLERANCE.fds}, p99 ×${TOLERANCE.p99Factor} or +${TOLERANCE.p99SlackMs} ms; no connection dropped)

| measure | first third | last third | flat |
|---|---:|---:|---|
${checks.map((c) => `| ${c.name} | ${c.first} | ${c.last} | ${c.flat ? 'yes' : 'NO'} |`).join('\n')}

## Samples (every ${sampleSec} s; server memory after forced GC; latency of CALLs sent in that interval)

| t (s) | RSS MiB | heap MiB | fds | connected | replies | p50 ms | p95 ms | p99 ms | max ms | unanswered | dropped | CALLERRORs |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.atSec} | ${(r.rss / 2 ** 20).toFixed(1)} | ${(r.heapUsed / 2 ** 20).toFixed(1)} | ${r.fds} | ${r.connections} | ${r.replies} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.unanswered} | ${r.dropped} | ${r.errors} |`).join('\n')}

The machine is shared (2 cores; other work ran at the same time), so absolute latencies are upper bounds; the verdict
compares the run with itself.
`;
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(values.out ?? join(dir, 'soak-latest.md'), md);
console.log(md.split('\n').slice(0, 12).join('\n'));
process.exit(flat ? 0 : 1);
