/**
 * `npm run bench:console` (README "Performance"): is the operator console smooth while 1,000 stations each send one message a
 * second? Starts the headless server (from source, temp data folder, free ports, registration policy accept), drives
 * the bench's lean fleet against it in steady mode (the realistic mix: MeterValues, StatusNotification changes,
 * running transactions), opens the console in Chromium and measures, per view, in the page: SSE batches and events
 * received per second, API requests per second, React commits per second, frame times (requestAnimationFrame
 * deltas), long tasks, main-thread time and JS heap. The renderer is not changed for this: counting is done by an
 * init script that wraps EventSource and plays React DevTools' hook, and by the DevTools protocol.
 * Results: bench-results/console-latest.{md,json}; the table is printed at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from '../e2e/support/server.js';
import { BenchChild, REPO_ROOT } from './child-process.js';
import { readFlags } from './config.js';
import type { ConnectResult, RunResult, Totals } from './load/fleet.js';
import type { BenchAction } from './load/traffic.js';
import { machineLoad, readCpuTimes, waitForQuiet, type MachineLoad } from './machine.js';
import { summarize, type Summary } from './stats.js';
import { startCpuProfile, stopCpuProfile } from './console-profile.js';

const IDENTITY_PREFIX = 'BENCH-CP-';
const ID_TAG_PREFIX = 'TAG';
const LONG_FRAME_MS = 50;

const USAGE = `npm run bench:console -- [flags]
  --quick             short windows (overview 15 s, other views 8 s)
  --stations N        fleet size (default 1000)
  --duration S        overview window, seconds (default 60; quick 15)
  --view-duration S   Transactions, Message log and Stations windows, seconds each (default 20; quick 8)
  --quiet-wait S      wait at most S seconds for the machine to go quiet first (default 60; quick 0)
  --also V,V          more views to measure after those, by their route (e.g. local-lists,files,reservations), each
                      for the --view-duration window
  --out DIR           results folder (default bench-results)
  --cpu-profile       also profile the page during each view's window: <out>/console-<view>.cpuprofile and the
                      functions with the most self time (console-profile.ts)`;

interface Plan {
  quick: boolean;
  stations: number;
  overviewMs: number;
  viewMs: number;
  /** Fleet warm-up before any measurement, and settling time after opening a view. */
  warmupMs: number;
  settleMs: number;
  quietWaitMs: number;
  outDir: string;
  cpuProfile: boolean;
  /** More views by their route's first segment (renderer/src/app/views.ts), named by their heading once open. */
  also: string[];
}

function parseFlags(argv: string[]): Plan | 'help' {
  const flags = readFlags(argv, ['quick', 'stations', 'duration', 'view-duration', 'quiet-wait', 'out', 'cpu-profile', 'also', 'help'], USAGE);
  if (flags.has('help')) return 'help';
  const num = (name: string, fallback: number) => {
    const value = flags.get(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got "${String(value)}"`);
    return n;
  };
  const quick = flags.has('quick');
  return {
    quick,
    stations: Math.round(num('stations', 1000)),
    overviewMs: num('duration', quick ? 15 : 60) * 1000,
    viewMs: num('view-duration', quick ? 8 : 20) * 1000,
    warmupMs: quick ? 5000 : 10_000,
    settleMs: quick ? 3000 : 5000,
    quietWaitMs: num('quiet-wait', quick ? 0 : 60) * 1000,
    outDir: typeof flags.get('out') === 'string' ? (flags.get('out') as string) : 'bench-results',
    cpuProfile: flags.has('cpu-profile'),
    also: typeof flags.get('also') === 'string' ? (flags.get('also') as string).split(',').filter(Boolean) : [],
  };
}

function log(message: string): void {
  process.stderr.write(`[bench:console ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// In the page: counters installed before the console's own scripts run.

interface PageCounters {
  sseMessages: number;
  sseEvents: number;
  sseBytes: number;
  eventTypes: Record<string, number>;
  reactCommits: number;
  frameDeltasMs: number[];
  longTaskCount: number;
  longTaskMs: number;
  heapUsedBytes: number | null;
  sinceMs: number;
  nowMs: number;
}

/**
 * The page's globals that installCounters uses or adds. The bench is type-checked without the DOM library, so it
 * names the few it needs here (a type only: nothing of it is serialised into the page).
 */
interface PageGlobals {
  __consoleBench: unknown;
  __consoleBenchReset: () => void;
  __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown;
  EventSource: new (url: string, init?: unknown) => { addEventListener(type: 'message', listener: (message: { data: string }) => void): void };
  requestAnimationFrame(callback: (timeMs: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number }> }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
}

/** Runs in the page (serialised by Playwright): must not reference anything outside itself. */
function installCounters(): void {
  const w = globalThis as unknown as PageGlobals;
  const c = {
    sseMessages: 0,
    sseEvents: 0,
    sseBytes: 0,
    eventTypes: {} as Record<string, number>,
    reactCommits: 0,
    frameDeltasMs: [] as number[],
    longTaskCount: 0,
    longTaskMs: 0,
    sinceMs: performance.now(),
  };
  w.__consoleBench = c;
  // SSE: a subclass that also listens to 'message' (the console uses onmessage; both fire). Counting parses each
  // batch a second time: a small extra cost, charged to the console here.
  const Native = w.EventSource;
  w.EventSource = class CountingEventSource extends Native {
    constructor(url: string, init?: unknown) {
      super(url, init);
      this.addEventListener('message', (message: { data: string }) => {
        const data = message.data;
        c.sseMessages++;
        c.sseBytes += data.length;
        try {
          const batch = JSON.parse(data) as Array<{ type: string }>;
          c.sseEvents += batch.length;
          for (const event of batch) c.eventTypes[event.type] = (c.eventTypes[event.type] ?? 0) + 1;
        } catch {
          // not a batch; the console skips it too
        }
      });
    }
  };
  // React commits: the hook React DevTools installs (production builds report commits to it too).
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    onCommitFiberRoot: () => void c.reactCommits++,
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    checkDCE: () => {},
  };
  // Frames: requestAnimationFrame deltas, always running.
  let last = 0;
  const tick = (t: number) => {
    if (last) c.frameDeltasMs.push(t - last);
    last = t;
    w.requestAnimationFrame(tick);
  };
  w.requestAnimationFrame(tick);
  try {
    new w.PerformanceObserver((list: { getEntries(): Array<{ duration: number }> }) => {
      for (const entry of list.getEntries()) {
        c.longTaskCount++;
        c.longTaskMs += entry.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API
  }
  w.__consoleBenchReset = () => {
    c.sseMessages = c.sseEvents = c.sseBytes = c.reactCommits = c.longTaskCount = c.longTaskMs = 0;
    c.eventTypes = {};
    c.frameDeltasMs = [];
    c.sinceMs = performance.now();
  };
}

async function resetCounters(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { __consoleBenchReset(): void }).__consoleBenchReset());
}

async function readCounters(page: Page): Promise<PageCounters> {
  return page.evaluate(() => {
    const c = (globalThis as unknown as { __consoleBench: Omit<PageCounters, 'heapUsedBytes' | 'nowMs'> }).__consoleBench;
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { ...c, heapUsedBytes: memory ? memory.usedJSHeapSize : null, nowMs: performance.now() };
  });
}

async function devtoolsMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

// ---------------------------------------------------------------------------------------------------------------
// Processes: CPU of the server, the generator and Chromium (all descendants of this process), from /proc.

interface Proc {
  pid: number;
  ppid: number;
  cpuMs: number;
  cmd: string;
}

function readProcs(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      procs.set(Number(name), { pid: Number(name), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, cmd });
    } catch {
      // gone meanwhile
    }
  }
  return procs;
}

type ProcGroup = 'server' | 'generator' | 'browser';

/** CPU ms so far of each group among this process's descendants (group = the first ancestor that names one). */
function groupCpuMs(): Record<ProcGroup, number> {
  const procs = readProcs();
  const out: Record<ProcGroup, number> = { server: 0, generator: 0, browser: 0 };
  const classify = (p: Proc): ProcGroup | undefined => {
    if (p.cmd.includes('headless/serve.ts')) return 'server';
    if (p.cmd.includes('load/generator.ts')) return 'generator';
    if (/chrom/i.test(p.cmd)) return 'browser';
    return undefined;
  };
  for (const p of procs.values()) {
    let group: ProcGroup | undefined;
    let isOurs = false;
    for (let q: Proc | undefined = p, hops = 0; q && hops < 20; q = procs.get(q.ppid), hops++) {
      group ??= classify(q);
      if (q.ppid === process.pid) {
        isOurs = true;
        break;
      }
    }
    if (isOurs && group) out[group] += p.cpuMs;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface ViewFigures {
  view: string;
  windowSec: number;
  sseMessagesPerSec: number;
  sseEventsPerSec: number;
  sseKiBPerSec: number;
  eventsPerBatch: number;
  eventTypesPerSec: Record<string, number>;
  apiRequestsPerSec: number;
  /** Requests per second by path pattern (ids replaced by :id), most frequent first. */
  apiRequestsByPathPerSec: Record<string, number>;
  reactCommitsPerSec: number;
  framesPerSec: number;
  frameMs: Summary;
  longFrameShare: number;
  longTasks: { count: number; totalMs: number; perSec: number };
  /** Share of the window the renderer's main thread spent in tasks / script / layout / style (DevTools metrics). */
  mainThread: { taskPct: number; scriptPct: number; layoutPct: number; styleRecalcPct: number } | null;
  heapMiB: { start: number | null; end: number | null };
  /** % of one core over the window. */
  cpuPct: { server: number; generator: number; browser: number };
  machine?: MachineLoad;
  /** OCPP messages answered per second during the window (the fleet's real rate). */
  fleetMsgPerSec: number;
}

interface Results {
  meta: {
    startedAt: string;
    quick: boolean;
    node: string;
    chromium: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    loadAverage: number[];
    quietWaitSec: number;
    rendererBuiltAt: string | null;
    plan: Plan;
  };
  fleet?: {
    connect: Omit<ConnectResult, 'openMs' | 'acceptMs'>;
    run?: Pick<RunResult, 'messagesPerSec' | 'mix' | 'all' | 'unanswered' | 'droppedConnections' | 'errorCodes'>;
  };
  views: ViewFigures[];
  failures: string[];
}

const answered = (t: Record<BenchAction, Totals>) => Object.values(t).reduce((sum, x) => sum + x.results + x.errors, 0);

function pathPattern(url: string): string {
  const u = new URL(url);
  return u.pathname
    .split('/')
    .map((seg, i) => (i > 2 && seg ? ':id' : seg))
    .join('/');
}

async function measureView(
  page: Page,
  cdp: CDPSession,
  load: BenchChild,
  view: { name: string; hash: string; heading?: string },
  windowMs: number,
  settleMs: number,
  requests: { byPath: Map<string, number> },
  profileFile?: string,
): Promise<ViewFigures> {
  type Doc = { document: { querySelector(s: string): { textContent: string | null } | null } };
  const headingNow = () => page.evaluate(() => (globalThis as unknown as Doc).document.querySelector('h1')?.textContent ?? '');
  const previous = await headingNow();
  await page.evaluate((hash) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), view.hash);
  if (view.heading) await page.getByRole('heading', { name: view.heading, level: 1 }).waitFor({ timeout: 30_000 });
  else {
    // A view given by its route: open once its heading is another than the last view's, and named by it.
    await page.waitForFunction(
      (prev) => {
        const text = (globalThis as unknown as Doc).document.querySelector('h1')?.textContent;
        return !!text && text !== prev;
      },
      previous,
      { timeout: 30_000 },
    );
    view.name = await headingNow();
  }
  await new Promise((r) => setTimeout(r, settleMs));
  log(`${view.name}: measuring ${windowMs / 1000} s`);
  await resetCounters(page);
  const start = await readCounters(page);
  const metrics0 = await devtoolsMetrics(cdp);
  const cpu0 = groupCpuMs();
  const machine0 = readCpuTimes();
  const totals0 = await load.request<Record<BenchAction, Totals>>('totals');
  const t0 = performance.now();
  requests.byPath.clear();
  if (profileFile) await startCpuProfile(cdp);
  await new Promise((r) => setTimeout(r, windowMs));
  const end = await readCounters(page);
  if (profileFile) {
    const hot = await stopCpuProfile(cdp, profileFile);
    log(`${view.name}: profile in ${profileFile}; most self time:`);
    for (const f of hot) log(`  ${f.selfPct.toFixed(1).padStart(5)} %  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.where}`);
  }
  const wallMs = performance.now() - t0;
  const metrics1 = await devtoolsMetrics(cdp);
  const cpu1 = groupCpuMs();
  const machine1 = readCpuTimes();
  const totals1 = await load.request<Record<BenchAction, Totals>>('totals');
  const byPath = [...requests.byPath.entries()].sort((a, b) => b[1] - a[1]);

  const sec = (end.nowMs - end.sinceMs) / 1000;
  const rate = (n: number) => n / sec;
  const frames = summarize(end.frameDeltasMs);
  const cpuPct = (k: ProcGroup) => ((cpu1[k] - cpu0[k]) / wallMs) * 100;
  const metricSec = (name: string) => (metrics1[name] ?? Number.NaN) - (metrics0[name] ?? Number.NaN);
  const metricWallSec = metricSec('Timestamp');
  const pct = (name: string) => (metricSec(name) / metricWallSec) * 100;
  const ours = cpuPct('server') + cpuPct('generator') + cpuPct('browser');
  return {
    view: view.name,
    windowSec: sec,
    sseMessagesPerSec: rate(end.sseMessages),
    sseEventsPerSec: rate(end.sseEvents),
    sseKiBPerSec: rate(end.sseBytes) / 1024,
    eventsPerBatch: end.sseMessages ? end.sseEvents / end.sseMessages : 0,
    eventTypesPerSec: Object.fromEntries(
      Object.entries(end.eventTypes)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => [k, rate(n)]),
    ),
    apiRequestsPerSec: byPath.reduce((s, [, n]) => s + n, 0) / (wallMs / 1000),
    apiRequestsByPathPerSec: Object.fromEntries(byPath.map(([k, n]) => [k, n / (wallMs / 1000)])),
    reactCommitsPerSec: rate(end.reactCommits),
    framesPerSec: rate(end.frameDeltasMs.length),
    frameMs: frames,
    longFrameShare: end.frameDeltasMs.length ? end.frameDeltasMs.filter((d) => d > LONG_FRAME_MS).length / end.frameDeltasMs.length : 0,
    longTasks: { count: end.longTaskCount, totalMs: end.longTaskMs, perSec: rate(end.longTaskCount) },
    mainThread:
      Number.isFinite(metricWallSec) && metricWallSec > 0
        ? {
            taskPct: pct('TaskDuration'),
            scriptPct: pct('ScriptDuration'),
            layoutPct: pct('LayoutDuration'),
            styleRecalcPct: pct('RecalcStyleDuration'),
          }
        : null,
    heapMiB: {
      start: start.heapUsedBytes === null ? null : start.heapUsedBytes / 2 ** 20,
      end: end.heapUsedBytes === null ? null : end.heapUsedBytes / 2 ** 20,
    },
    cpuPct: { server: cpuPct('server'), generator: cpuPct('generator'), browser: cpuPct('browser') },
    machine: machineLoad(machine0, machine1, ours),
    fleetMsgPerSec: (answered(totals1) - answered(totals0)) / (wallMs / 1000),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const f0 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(0));
const f1 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(1));
const pctStr = (share: number) => `${(share * 100).toFixed(1)} %`;

function renderMarkdown(r: Results): string {
  const lines: string[] = [];
  lines.push(`# Console smoothness: ${r.meta.plan.stations} stations × 1 msg/s`, '');
  lines.push(`Run ${r.meta.startedAt}${r.meta.quick ? ' (quick)' : ''}; \`npm run bench:console\` (test/bench/console-smoothness.ts).`, '');
  const cols = r.views.map((v) => v.view);
  const row = (label: string, cell: (v: ViewFigures) => string) => `| ${label} | ${r.views.map(cell).join(' | ')} |`;
  lines.push(`| | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
  lines.push(
    row('window', (v) => `${f0(v.windowSec)} s`),
    row('fleet: OCPP messages answered / s', (v) => f0(v.fleetMsgPerSec)),
    row('SSE batches / s', (v) => f1(v.sseMessagesPerSec)),
    row('events / s received', (v) => f0(v.sseEventsPerSec)),
    row('events per batch', (v) => f0(v.eventsPerBatch)),
    row('SSE KiB / s', (v) => f1(v.sseKiBPerSec)),
    row('API requests / s', (v) => f1(v.apiRequestsPerSec)),
    row('React commits / s', (v) => f1(v.reactCommitsPerSec)),
    row('frames / s', (v) => f1(v.framesPerSec)),
    row('frame time p50 / p95 / p99 / max (ms)', (v) => `${f1(v.frameMs.p50)} / ${f1(v.frameMs.p95)} / ${f1(v.frameMs.p99)} / ${f0(v.frameMs.max)}`),
    row(`long frames (> ${LONG_FRAME_MS} ms)`, (v) => pctStr(v.longFrameShare)),
    row(
      'long tasks: count, total ms (per s)',
      (v) => `${v.longTasks.count}, ${f0(v.longTasks.totalMs)} (${f1(v.longTasks.totalMs / v.windowSec)} ms/s)`,
    ),
    row('main thread busy: tasks / script / layout / style', (v) =>
      v.mainThread
        ? `${f0(v.mainThread.taskPct)} / ${f0(v.mainThread.scriptPct)} / ${f0(v.mainThread.layoutPct)} / ${f0(v.mainThread.styleRecalcPct)} %`
        : '–',
    ),
    row('JS heap start → end (MiB)', (v) => `${f1(v.heapMiB.start)} → ${f1(v.heapMiB.end)}`),
    row('CPU % of a core: server / generator / Chromium', (v) => `${f0(v.cpuPct.server)} / ${f0(v.cpuPct.generator)} / ${f0(v.cpuPct.browser)}`),
    row('other processes (% of a core)', (v) => f0(v.machine?.otherPct)),
  );
  lines.push('', 'API requests per second by path (top 5):', '');
  for (const v of r.views) {
    const top = Object.entries(v.apiRequestsByPathPerSec)
      .slice(0, 5)
      .map(([p, n]) => `\`${p}\` ${n.toFixed(2)}`);
    lines.push(`- ${v.view}: ${top.length ? top.join(', ') : 'none'}`);
  }
  lines.push('', 'Events per second by type:', '');
  for (const v of r.views)
    lines.push(
      `- ${v.view}: ${
        Object.entries(v.eventTypesPerSec)
          .map(([t, n]) => `${t} ${n.toFixed(0)}`)
          .join(', ') || 'none'
      }`,
    );
  if (r.fleet) {
    const c = r.fleet.connect;
    lines.push(
      '',
      `Fleet: ${c.accepted} of ${c.requested} stations accepted (${f1(c.elapsedMs / 1000)} s to connect)` +
        (r.fleet.run
          ? `; whole run ${f0(r.fleet.run.messagesPerSec)} msg/s, server latency p50 ${f1(r.fleet.run.all.p50)} ms, p99 ${f1(r.fleet.run.all.p99)} ms, ${r.fleet.run.unanswered} unanswered, ${r.fleet.run.droppedConnections} dropped.`
          : '.'),
    );
  }
  const p = r.meta.plan;
  lines.push(
    '',
    '## Settings',
    '',
    `- ${p.stations} stations of the bench's lean generator, open loop, one CALL per station per second, the realistic mix (60 % MeterValues with 7 sampled values, 20 % StatusNotification, 5 % each Authorize / StartTransaction / StopTransaction / Heartbeat; id tags seeded as Accepted, so transactions run); fleet warm-up ${p.warmupMs / 1000} s.`,
    `- Headless server from source (\`main/headless/serve.ts\` via tsx), temp data folder, \`--registration-policy accept\`, default settings otherwise (SQLite synchronous=FULL).`,
    `- Console in Chromium ${r.meta.chromium} (headless, 1440×900, --no-sandbox --disable-gpu --enable-precise-memory-info), opened at its Console URL; views in this order: Overview ${p.overviewMs / 1000} s, Transactions, Message log (live), Stations${p.also.length ? ` and ${p.also.map((v) => `#/${v}`).join(', ')}` : ''} ${p.viewMs / 1000} s each, each after ${p.settleMs / 1000} s of settling.`,
    `- In the page, unchanged console: an init script wraps EventSource (counts batches, events, bytes; it parses each batch once more) and installs a React DevTools hook (counts commits); frame times are requestAnimationFrame deltas; long tasks from PerformanceObserver('longtask'); main-thread shares from DevTools Performance.getMetrics; heap from performance.memory. API requests = page requests to /api/ except the event stream.`,
    `- Everything on one machine: server, generator and Chromium share the cores, so frame times include CPU contention.`,
    '',
    '## Machine',
    '',
    `- ${r.meta.cpus} × ${r.meta.cpuModel}, ${r.meta.memoryGiB} GiB, Node ${r.meta.node}; load average at start ${r.meta.loadAverage.map((n) => n.toFixed(2)).join(' ')}; waited ${f0(r.meta.quietWaitSec)} s for quiet; console build ${r.meta.rendererBuiltAt ?? 'unknown'}.`,
  );
  if (r.failures.length) lines.push('', '## Failures', '', ...r.failures.map((f) => `- ${f}`));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------------

async function seedIdTags(server: ConsoleServer, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await server.api.putIdTag(`${ID_TAG_PREFIX}${next++}`, { status: 'Accepted' });
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function main(): Promise<void> {
  let plan: Plan | 'help';
  try {
    plan = parseFlags(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (plan === 'help') return void console.log(USAGE);

  const index = join(REPO_ROOT, 'dist/renderer/index.html');
  if (!existsSync(index)) {
    log('console not built; npm run build:renderer …');
    const built = spawnSync('npm', ['run', 'build:renderer'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:renderer failed');
  }
  const started = new Date();
  const results: Results = {
    meta: {
      startedAt: started.toISOString(),
      quick: plan.quick,
      node: process.versions.node,
      chromium: 'unknown',
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg(),
      quietWaitSec: 0,
      rendererBuiltAt: existsSync(index) ? statSync(index).mtime.toISOString() : null,
      plan,
    },
    views: [],
    failures: [],
  };
  if (plan.quietWaitMs > 0) {
    results.meta.quietWaitSec = (await waitForQuiet(plan.quietWaitMs)) / 1000;
    if (results.meta.quietWaitSec > 1.5) log(`waited ${results.meta.quietWaitSec.toFixed(0)} s for other processes to go quiet`);
  }

  let server: ConsoleServer | undefined;
  let load: BenchChild | undefined;
  let browser: Browser | undefined;
  try {
    log('starting the headless server …');
    server = await startConsoleServer(['--registration-policy', 'accept']);
    await seedIdTags(server, plan.stations);
    load = BenchChild.spawn({ entry: './load/generator.ts' });
    await load.waitForEvent('ready', 120_000);
    log(`connecting ${plan.stations} stations …`);
    const connected = await load.request<ConnectResult>('connect', {
      url: server.ocppBaseUrl.replace(/\/$/, ''),
      count: plan.stations,
      identityPrefix: IDENTITY_PREFIX,
      idTagPrefix: ID_TAG_PREFIX,
      timeoutMs: 60_000,
    });
    const { openMs: _o, acceptMs: _a, ...connect } = connected;
    results.fleet = { connect };
    if (connected.accepted === 0) throw new Error(`no station was accepted: ${JSON.stringify(connected.errors)}`);
    log(`${connected.accepted} stations accepted; steady load starts`);

    // One open-loop run covering every window (with slack for navigation); the totals give each window's rate.
    const views = [
      { name: 'Overview', hash: '#/', heading: 'Overview', windowMs: plan.overviewMs },
      { name: 'Transactions', hash: '#/transactions', heading: 'Transactions', windowMs: plan.viewMs },
      { name: 'Message log', hash: '#/message-log', heading: 'Message log', windowMs: plan.viewMs },
      { name: 'Stations', hash: '#/stations', heading: 'Stations', windowMs: plan.viewMs },
      ...plan.also.map((route): { name: string; hash: string; heading?: string; windowMs: number } => ({
        name: route,
        hash: `#/${route}`,
        windowMs: plan.viewMs,
      })),
    ];
    const plannedMs = views.reduce((sum, v) => sum + v.windowMs + plan.settleMs + 3000, plan.warmupMs + 15_000);
    const loadDone = load.request<RunResult>(
      'run',
      { mode: 'open', periodMs: 1000, warmupMs: 0, durationMs: plannedMs, drainMs: 5000 },
      plannedMs + 60_000,
    );
    loadDone.catch(() => {});

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-precise-memory-info',
      ],
    });
    results.meta.chromium = browser.version();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild, keepNames) wraps named functions in a `__name` helper that does not exist in the page.
    await context.addInitScript({ content: `var __name = (fn) => fn;\n(${installCounters.toString()})();` });
    const page = await context.newPage();
    const requests = { byPath: new Map<string, number>() };
    page.on('request', (request) => {
      const url = request.url();
      if (!url.includes('/api/') || url.includes('/api/events')) return;
      const key = pathPattern(url);
      requests.byPath.set(key, (requests.byPath.get(key) ?? 0) + 1);
    });
    page.on('pageerror', (err) => results.failures.push(`page error: ${err.message.split('\n')[0]}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.consoleUrl);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, plan.warmupMs));

    for (const view of views) {
      try {
        const profileFile = plan.cpuProfile
          ? join(resolve(REPO_ROOT, plan.outDir), `console-${view.name.toLowerCase().replace(/\W+/g, '-')}.cpuprofile`)
          : undefined;
        results.views.push(await measureView(page, cdp, load, view, view.windowMs, plan.settleMs, requests, profileFile));
      } catch (err) {
        results.failures.push(`${view.name}: ${(err as Error).message.split('\n')[0]}`);
        log(`FAILED ${view.name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    await browser.close();
    browser = undefined;
    log('waiting for the load run to end …');
    const run = await loadDone.catch((err: Error) => (results.failures.push(`load run: ${err.message.split('\n')[0]}`), undefined));
    if (run)
      results.fleet.run = {
        messagesPerSec: run.messagesPerSec,
        mix: run.mix,
        all: run.all,
        unanswered: run.unanswered,
        droppedConnections: run.droppedConnections,
        errorCodes: run.errorCodes,
      };
  } catch (err) {
    results.failures.push((err as Error).message.split('\n')[0]!);
    log(`FAILED ${(err as Error).message}`);
  } finally {
    await browser?.close().catch(() => {});
    if (load) {
      await load.request('close').catch(() => {});
      await load.kill();
    }
    await server?.stop();
  }

  const outDir = resolve(REPO_ROOT, plan.outDir);
  mkdirSync(outDir, { recursive: true });
  const base = plan.quick ? 'console-latest-quick' : 'console-latest';
  const markdown = renderMarkdown(results);
  writeFileSync(join(outDir, `${base}.json`), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(outDir, `${base}.md`), markdown);
  console.log(markdown);
  log(`wrote ${join(plan.outDir, base)}.{md,json}`);
  if (results.views.length === 0) process.exitCode = 1;
}

await main();
