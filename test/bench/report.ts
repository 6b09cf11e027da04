/**
 * Results as JSON, and the readable summary: one markdown table per scenario with (a), (b), (c) side by side
 * and the ratios (a)/(b) and (a)/(c), then the targets.
 */
import { BENCH_ACTIONS } from './load/traffic.js';
import type { ServerKey } from './config.js';
import { SERVERS } from './config.js';
import type { StoredCheck } from './db-check.js';
import type { ProfileSummary } from './profile.js';
import type { IdleFigures, LoadFigures, StormFigures } from './scenarios.js';
import type { StationDayFigures } from './station-day.js';
import { ratio } from './stats.js';
import type { TargetOutcome } from './targets.js';

type PerServer<T> = Partial<Record<ServerKey, T>>;

export interface BenchResults {
  meta: {
    startedAt: string;
    finishedAt?: string;
    durationSec?: number;
    quick: boolean;
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    fdLimit: string;
    /** 1/5/15-minute load average when the run started (anything above ~0.5 means others were busy). */
    loadAverage: number[];
    /** Time spent waiting for other processes to go quiet before measurements. */
    quietWaitSec: number;
    /** Measurements repeated because other processes were busy (the least disturbed one is kept). */
    reruns: number;
    syncMode: string;
    plan: unknown;
  };
  storm?: { stations: number; servers: PerServer<StormFigures> };
  idle?: { stations: number; servers: PerServer<IdleFigures> };
  steady: Array<{ stations: number; servers: PerServer<LoadFigures> }>;
  saturation?: { stations: number; servers: PerServer<LoadFigures> };
  /** (a) only: bytes stored per station-day (station-day.ts). */
  stationDay?: StationDayFigures;
  stored: Array<{ scenario: string; check: StoredCheck }>;
  profile?: ProfileSummary & { messagesPerSec: number };
  /** --profile with the steady scenario: a profiled steady fleet of (a) at the smallest size, after the measured ones. */
  steadyProfile?: ProfileSummary & { stations: number; messagesPerSec: number };
  /** --profile with the storm scenario: a profiled storm of (a), after the measured one. */
  stormProfile?: ProfileSummary & { stations: number; timeToAllAcceptedMs: number };
  targets: TargetOutcome[];
  failures: string[];
}

export function fmt(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (digits !== undefined) return value.toFixed(digits);
  const abs = Math.abs(value);
  if (Number.isInteger(value) || abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

type Row = [label: string, pick: (key: ServerKey) => number | null | undefined, showRatio?: boolean];

function table(servers: ServerKey[], rows: Row[]): string {
  const withRatios = servers.includes('a');
  const ratioCols = withRatios ? (['b', 'c'] as ServerKey[]).filter((k) => servers.includes(k)) : [];
  const head = ['', ...servers.map((k) => SERVERS[k].label), ...ratioCols.map((k) => `(a)/(${k})`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const [label, pick, showRatio = true] of rows) {
    const values = servers.map((k) => pick(k));
    const ratios = ratioCols.map((k) => (showRatio ? fmt(ratio(pick('a'), pick(k)), 2) : ''));
    lines.push(`| ${label} | ${values.map((v) => fmt(v)).join(' | ')}${ratios.length ? ` | ${ratios.join(' | ')}` : ''} |`);
  }
  return lines.join('\n');
}

function serversOf<T>(map: PerServer<T>): ServerKey[] {
  return (['a', 'b', 'c'] as ServerKey[]).filter((k) => map[k] !== undefined);
}

function loadRows(get: (k: ServerKey) => LoadFigures | undefined, latencyActions: boolean): Row[] {
  const rows: Row[] = [
    ['messages/s (answered in window)', (k) => get(k)?.run.messagesPerSec],
    ['latency all p50 (ms)', (k) => get(k)?.run.all.p50],
    ['latency all p95 (ms)', (k) => get(k)?.run.all.p95],
    ['latency all p99 (ms)', (k) => get(k)?.run.all.p99],
    ['latency all max (ms)', (k) => get(k)?.run.all.max],
  ];
  if (latencyActions) {
    for (const action of BENCH_ACTIONS) {
      if (action === 'BootNotification') continue;
      for (const p of ['p50', 'p95', 'p99', 'max'] as const) rows.push([`${action} ${p} (ms)`, (k) => get(k)?.run.perAction[action]?.latencyMs[p]]);
    }
  }
  rows.push(
    ['server CPU (% of one core)', (k) => get(k)?.serverCpuPct],
    ['server CPU per message (µs)', (k) => get(k)?.serverCpuUsPerMsg],
    ['server main thread busy (% of the window)', (k) => get(k)?.serverLoopBusyPct],
    ['server event-loop delay p99 (ms)', (k) => get(k)?.serverLoopDelayMs.p99],
    ['server event-loop delay max (ms)', (k) => get(k)?.serverLoopDelayMs.max],
    ['server RSS at end (MiB)', (k) => get(k)?.serverRssMiB],
    ['DB growth per message, sqlite+wal files (bytes)', (k) => get(k)?.db?.fileBytesPerMessage, false],
    ['DB growth per message, committed pages (bytes)', (k) => get(k)?.db?.pageBytesPerMessage, false],
    ['stored per message, database + WAL after checkpoint (bytes)', (k) => get(k)?.db?.storedBytesPerMessage, false],
    ['group commit: messages per batch', (k) => get(k)?.db?.groupCommit.unitsPerBatch, false],
    ['group commit: COMMIT on the answering thread per batch (ms)', (k) => get(k)?.db?.groupCommit.commitMsPerBatch, false],
    ['group commit: COMMITs over 5 ms', (k) => get(k)?.db?.groupCommit.slowCommits, false],
    [
      'message-log rows packed in the pack worker (%)',
      (k) => {
        const packer = get(k)?.db?.packer;
        return packer ? (packer.worker / Math.max(1, packer.worker + packer.inline)) * 100 : undefined;
      },
      false,
    ],
    ['CALLERRORs received', (k) => Object.values(get(k)?.run.errorCodes ?? {}).reduce((s, n) => s + n, 0), false],
    ['sends deferred (previous CALL still open)', (k) => get(k)?.run.deferredSends, false],
    ['unanswered after drain', (k) => get(k)?.run.unanswered, false],
    ['connections dropped', (k) => get(k)?.run.droppedConnections, false],
    ['generator CPU (% of one core)', (k) => get(k)?.run.generator.cpuPct, false],
    ['generator event-loop delay p99 (ms)', (k) => get(k)?.run.generator.loopDelayP99Ms, false],
    ['other processes on the machine (% of one core)', (k) => get(k)?.machine?.otherPct, false],
  );
  return rows;
}

/** Runs during which something else on the machine used more than 15 % of a core. */
function contaminatedRuns(results: BenchResults): string[] {
  const found: string[] = [];
  const check = (what: string, other: number | undefined) => {
    if (other !== undefined && other > 15) found.push(`${what} ${other.toFixed(0)}`);
  };
  for (const k of ['a', 'b', 'c'] as ServerKey[]) check(`storm ${k}`, results.storm?.servers[k]?.machine?.otherPct);
  for (const steady of results.steady)
    for (const k of ['a', 'b', 'c'] as ServerKey[]) check(`steady ${steady.stations} ${k}`, steady.servers[k]?.machine?.otherPct);
  for (const k of ['a', 'b', 'c'] as ServerKey[]) check(`saturation ${k}`, results.saturation?.servers[k]?.machine?.otherPct);
  return found;
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.meta;
  const out: string[] = [];
  out.push(`# Benchmark: central system vs bare ws vs ocpp-rpc${m.quick ? ' (quick)' : ''}`);
  out.push('');
  out.push(
    `${m.startedAt} · Node ${m.node} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGiB} GiB · fd limit ${m.fdLimit} · load average at start ${m.loadAverage.map((v) => v.toFixed(2)).join(' ')} · (a) SQLite synchronous=${m.syncMode} · ` +
      `loopback only; generator and servers share the cores${m.durationSec ? ` · run took ${m.durationSec.toFixed(0)} s` : ''}` +
      (m.quietWaitSec > 1 || m.reruns > 0 ? ` (of which ${m.quietWaitSec.toFixed(0)} s waiting for a quiet machine, ${m.reruns} reruns)` : ''),
  );
  out.push('');
  out.push(
    '(a) = the project central system as shipped (validation, SQLite, group commit, message log); (b) = bare `ws` parse + fixed reply; (c) = `ocpp-rpc` strict mode, no storage. Ratios are (a) divided by the other; for latency and CPU lower is better, for messages/s higher is better.',
  );

  const busy = contaminatedRuns(results);
  if (busy.length) {
    out.push(
      '',
      `⚠ Other processes used CPU during some measurements (% of one core): ${busy.join('; ')}. Those figures are pessimistic; rerun on a quiet machine to confirm.`,
    );
  }

  out.push('', '## Targets', '', '| target | status | measured | detail |', '|---|---|---|---|');
  for (const t of results.targets) {
    const status =
      t.status === 'not measured'
        ? 'not measured'
        : `${t.status === 'met' ? '✅ met' : '❌ missed'}${t.atTargetSize ? '' : ' (indicative: other fleet size)'}`;
    out.push(`| ${t.target} | ${status} | ${t.measured} | ${t.detail} |`);
  }

  if (results.storm) {
    const s = results.storm.servers;
    out.push('', `## 1. Connection storm: ${results.storm.stations.toLocaleString('en-US')} stations connect and boot at once`, '');
    out.push(
      table(serversOf(s), [
        ['accepted', (k) => s[k]?.accepted, false],
        ['failed / refused / timed out', (k) => (s[k] ? s[k].failed + s[k].refused + s[k].timedOut : undefined), false],
        ['time to all accepted (s)', (k) => (s[k]?.timeToAllAcceptedMs ?? Number.NaN) / 1000],
        ['connect → open p50 (ms)', (k) => s[k]?.openMs.p50],
        ['connect → boot accepted p50 (ms)', (k) => s[k]?.acceptMs.p50],
        ['connect → boot accepted p99 (ms)', (k) => s[k]?.acceptMs.p99],
        ['connect → boot accepted max (ms)', (k) => s[k]?.acceptMs.max],
        ['server CPU during storm (% of one core)', (k) => s[k]?.serverCpuPct],
        ['server event-loop delay max (ms)', (k) => s[k]?.serverLoopDelayMs?.max],
        ['storage commits (fsyncs) during storm', (k) => s[k]?.commits, false],
        ['listen-queue overflows (kernel)', (k) => s[k]?.listenOverflows, false],
        ['generator CPU (% of one core)', (k) => s[k]?.generatorCpuPct, false],
        ['other processes on the machine (% of one core)', (k) => s[k]?.machine?.otherPct, false],
      ]),
    );
    const errors = serversOf(s)
      .filter((k) => Object.keys(s[k]!.errors).length)
      .map((k) => `${SERVERS[k].label}: ${JSON.stringify(s[k]!.errors)}`);
    if (errors.length) out.push('', `Connection errors: ${errors.join('; ')}`);
  }

  if (results.idle) {
    const s = results.idle.servers;
    out.push(
      '',
      `## 4. Idle memory: ${results.idle.stations.toLocaleString('en-US')} stations connected and booted (server child, after forced GC)`,
      '',
    );
    out.push(
      table(serversOf(s), [
        ['stations connected', (k) => s[k]?.stations, false],
        ['RSS per station (KiB)', (k) => s[k]?.rssPerStationKiB],
        ['JS heap per station (KiB)', (k) => s[k]?.heapPerStationKiB],
        ['RSS before (MiB)', (k) => s[k]?.baselineRssMiB],
        ['RSS connected (MiB)', (k) => s[k]?.rssMiB],
        ['heap used connected (MiB)', (k) => s[k]?.heapUsedMiB],
      ]),
    );
  }

  for (const steady of results.steady) {
    const s = steady.servers;
    out.push('', `## 2. Steady fleet: ${steady.stations.toLocaleString('en-US')} stations × 1 message/s, realistic mix (open loop)`, '');
    out.push(
      table(
        serversOf(s),
        loadRows((k) => s[k], true),
      ),
    );
  }

  if (results.saturation) {
    const s = results.saturation.servers;
    out.push('', `## 3. Saturation: ${results.saturation.stations.toLocaleString('en-US')} stations, closed loop, one outstanding CALL each`, '');
    out.push(
      table(
        serversOf(s),
        loadRows((k) => s[k], true),
      ),
    );
  }

  if (results.stationDay) {
    const d = results.stationDay;
    out.push('', `## 5. Bytes stored per station-day: ${d.stations} stations each play one day (central system only)`, '');
    out.push(
      'MeterValues every 60 s all day (7 sampled values), a Heartbeat every 300 s, four charging sessions; database + WAL measured after a TRUNCATE checkpoint before and after.',
      '',
    );
    out.push('| | (a) central system |', '|---|---:|');
    out.push(`| messages per station-day | ${fmt(d.messagesPerStationDay)} |`);
    out.push(`| bytes stored per station-day | ${fmt(d.bytesPerStationDay)} (${fmt(d.bytesPerStationDay / 1_048_576, 2)} MiB) |`);
    out.push(`| bytes stored per message | ${fmt(d.bytesPerMessage)} |`);
    out.push(`| unanswered or refused CALLs | ${d.unanswered} |`);
    out.push(`| time to play the day (s) | ${fmt(d.elapsedSec)} |`);
  }

  if (results.stored.length) {
    out.push(
      '',
      "## Acknowledged vs stored in (a)'s database (after SIGKILL)",
      '',
      '| run | acknowledged CALLRESULTs | CALLRESULTs stored | Start acked / stored | Stop acked / stored | lost |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const { scenario, check } of results.stored) {
      const acked = Object.values(check.perAction).reduce((n, a) => n + a.acked, 0);
      const stored = Object.values(check.perAction).reduce((n, a) => n + a.stored, 0);
      const t = check.transactions;
      out.push(
        `| ${scenario} | ${fmt(acked)} | ${fmt(stored)} | ${t.ackedStarts} / ${t.stored} | ${t.ackedStops} / ${t.storedStops} | ${check.lost} |`,
      );
    }
  }

  const profileTables = (p: ProfileSummary) => {
    out.push('Self time by module:', '', '| module | ms | % |', '|---|---:|---:|');
    for (const e of p.byModule) out.push(`| ${e.module} | ${fmt(e.ms)} | ${fmt(e.pct, 1)} |`);
    out.push(
      '',
      'Self time by the nearest frame of our own code (natives count for their caller; the storage rows are what a storage worker would take):',
      '',
      '| part | ms | % |',
      '|---|---:|---:|',
    );
    for (const e of p.byOwnCode ?? []) out.push(`| ${e.part} | ${fmt(e.ms)} | ${fmt(e.pct, 1)} |`);
    out.push('', 'Top functions by self time:', '', '| function | where | ms | % |', '|---|---|---:|---:|');
    for (const e of p.topSelf) out.push(`| ${e.name} | ${e.where} | ${fmt(e.ms)} | ${fmt(e.pct, 1)} |`);
    out.push('', 'Project functions by inclusive time:', '', '| function | where | ms | % |', '|---|---|---:|---:|');
    for (const e of p.topInclusiveProject) out.push(`| ${e.name} | ${e.where} | ${fmt(e.ms)} | ${fmt(e.pct, 1)} |`);
  };
  if (results.profile) {
    const p = results.profile;
    out.push('', `## CPU profile of (a) under saturation (${fmt(p.messagesPerSec)} msg/s while profiled, ${fmt(p.totalMs)} ms sampled)`, '');
    profileTables(p);
  }
  if (results.steadyProfile) {
    const p = results.steadyProfile;
    out.push(
      '',
      `## CPU profile of (a) in the steady fleet (${fmt(p.stations)} stations × 1 msg/s, ${fmt(p.messagesPerSec)} msg/s answered while profiled, ${fmt(p.totalMs)} ms sampled)`,
      '',
    );
    profileTables(p);
  }
  if (results.stormProfile) {
    const p = results.stormProfile;
    out.push(
      '',
      `## CPU profile of (a) during the storm (${fmt(p.stations)} stations, all accepted in ${fmt(p.timeToAllAcceptedMs / 1000, 2)} s while profiled, ${fmt(p.totalMs)} ms sampled)`,
      '',
    );
    profileTables(p);
  }

  if (results.failures.length) out.push('', '## Failures', '', ...results.failures.map((f) => `- ${f}`));
  out.push('');
  return out.join('\n');
}
