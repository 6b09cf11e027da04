/**
 * One scenario against one server: start a fresh server child and a fresh load-generator child, drive the load,
 * read the server's figures at the right moments, then SIGKILL the server (so the central system's
 * acknowledged-vs-stored check runs on a database nobody flushed gracefully).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchChild, REPO_ROOT } from './child-process.js';
import { SERVERS, type Plan, type ServerKey } from './config.js';
import { checkStored, type StoredCheck } from './db-check.js';
import { machineLoad, readCpuTimes, type CpuTimes, type MachineLoad } from './machine.js';
import type { ConnectResult, RunResult, Totals } from './load/fleet.js';
import type { BenchAction } from './load/traffic.js';
import { summariseProfile, type ProfileSummary } from './profile.js';
import type { ServerSnapshot } from './servers/runtime.js';
import { cpuPercent, type Summary } from './stats.js';

const IDENTITY_PREFIX = 'BENCH-CP-';
const ID_TAG_PREFIX = 'TAG';
const KIB = 1024;
const MIB = 1024 * 1024;

export interface StormFigures extends Omit<ConnectResult, 'openMs' | 'acceptMs'> {
  openMs: Summary;
  acceptMs: Summary;
  listenOverflows: number;
  listenDrops: number;
  serverCpuPct: number;
  serverCpuMs: number;
  serverConnections: number;
  /** Server event-loop delay during the storm (ms). */
  serverLoopDelayMs: ServerSnapshot['loopDelay'];
  /** (a) only: storage commits during the storm (each one an fsync with synchronous=FULL). */
  commits?: number;
  /** The whole machine during the storm: how much CPU something else took. */
  machine?: MachineLoad;
}

export interface IdleFigures {
  stations: number;
  rssPerStationKiB: number;
  heapPerStationKiB: number;
  baselineRssMiB: number;
  rssMiB: number;
  heapUsedMiB: number;
}

export interface DbFigures {
  messages: number;
  /** Growth of csms.sqlite + csms.sqlite-wal per acknowledged message (the WAL file is reused, so this is lumpy). */
  fileBytesPerMessage: number;
  /** Growth of the committed database (page_count × page_size) per acknowledged message. */
  pageBytesPerMessage: number;
  /**
   * What a message costs on disk: growth of database + WAL between two TRUNCATE checkpoints (before the load and
   * after its drain), divided by the CALLs answered in between (a CALL and its answer count as one message).
   */
  storedBytesPerMessage: number;
  groupCommit: {
    batches: number;
    units: number;
    maxUnitsPerBatch: number;
    unitsPerBatch: number;
    /** Time of the COMMIT statements on the answering thread, per batch, and how many took over 5 ms. */
    commitMsPerBatch: number;
    slowCommits: number;
  };
  /** Message-log rows packed by the pack worker and on the answering thread. */
  packer: { worker: number; inline: number };
}

export interface LoadFigures {
  stations: number;
  accepted: number;
  run: RunResult;
  serverCpuPct: number;
  serverCpuUsPerMsg: number;
  serverRssMiB: number;
  /** Server event-loop delay during the measurement window (ms). */
  serverLoopDelayMs: ServerSnapshot['loopDelay'];
  /**
   * Share of the window the server's main thread (the one answering stations) was busy: unlike serverCpuPct it
   * leaves out worker threads (the pack and reader workers of (a)).
   */
  serverLoopBusyPct: number;
  /** The whole machine during the measurement window: how much CPU something else took. */
  machine?: MachineLoad;
  db?: DbFigures;
  stored?: StoredCheck;
}

export interface ConnectFigures {
  storm: StormFigures;
  idle: IdleFigures;
  stored?: StoredCheck;
}

export interface Session {
  server: BenchChild;
  load: BenchChild;
  url: string;
  /** (a)'s data folder: on the real disk (fsync matters), removed when the session ends. */
  dataDir?: string;
}

export async function startSession(key: ServerKey, plan: Plan, seedIdTags: number): Promise<Session> {
  const dataDir = key === 'a' ? mkdtempSync(join(tmpdir(), 'csms-bench-')) : undefined;
  const server = BenchChild.spawn({
    entry: SERVERS[key].entry,
    nodeFlags: ['--expose-gc'],
    config: { seedIdTags, idTagPrefix: ID_TAG_PREFIX, syncMode: plan.syncMode, dataDir },
  });
  const load = BenchChild.spawn({ entry: './load/generator.ts' });
  try {
    const [ready] = await Promise.all([server.waitForEvent<{ port: number }>('ready', 120_000), load.waitForEvent('ready', 120_000)]);
    return { server, load, url: `ws://127.0.0.1:${ready.port}/ocpp`, dataDir };
  } catch (err) {
    await Promise.all([server.kill(), load.kill()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export async function endSession(session: Session): Promise<void> {
  await session.server.kill();
  await session.load.request('close').catch(() => {});
  await session.load.kill();
  if (session.dataDir) rmSync(session.dataDir, { recursive: true, force: true });
}

function snapshot(server: BenchChild, gc = false, resetLoopDelay = false): Promise<ServerSnapshot> {
  return server.request<ServerSnapshot>('snapshot', { gc, resetLoopDelay });
}

/** (a) only: database + WAL bytes right after a TRUNCATE checkpoint (servers/csms.ts). */
export async function checkpointedBytes(server: BenchChild): Promise<number> {
  const sizes = await server.request<{ sqliteBytes: number; walBytes: number }>('checkpoint');
  return sizes.sqliteBytes + sizes.walBytes;
}

const cpuUs = (s: ServerSnapshot) => s.cpuUserUs + s.cpuSystemUs;
const commitCount = (s: ServerSnapshot) => (s.extra.groupCommit as { batches: number } | undefined)?.batches ?? 0;

/** TcpExt ListenOverflows/ListenDrops: SYNs or accepts dropped because a listen queue was full (loopback is ours). */
function listenCounters(): { overflows: number; drops: number } {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    const get = (name: string) => Number(values[names.indexOf(name)] ?? 0);
    return { overflows: get('ListenOverflows'), drops: get('ListenDrops') };
  } catch {
    return { overflows: Number.NaN, drops: Number.NaN };
  }
}

function connectOptions(session: Session, plan: Plan, count: number) {
  return {
    url: session.url,
    count,
    identityPrefix: IDENTITY_PREFIX,
    idTagPrefix: ID_TAG_PREFIX,
    timeoutMs: 60_000,
    sourceAddresses: plan.sourceAddresses,
  };
}

/** Call after the server child is dead: reads what (a) left on disk. */
function storedCheck(key: ServerKey, snap: ServerSnapshot, totals: Record<BenchAction, Totals>): StoredCheck | undefined {
  return key === 'a' ? checkStored(String(snap.extra.dbFile), totals) : undefined;
}

/** Storm and idle memory: N stations connect and boot at once, then sit idle. */
export async function connectScenario(
  key: ServerKey,
  plan: Plan,
  count: number,
  options: { profileFile?: string } = {},
): Promise<ConnectFigures & { profile?: ProfileSummary }> {
  const session = await startSession(key, plan, 0);
  try {
    const base = await snapshot(session.server, true, true);
    const net0 = listenCounters();
    const machine0 = readCpuTimes();
    if (options.profileFile) await session.server.request('profileStart');
    const result = await session.load.request<ConnectResult>('connect', connectOptions(session, plan, count));
    if (options.profileFile) await session.server.request('profileStop', { file: options.profileFile });
    const afterStorm = await snapshot(session.server);
    const machine1 = readCpuTimes();
    const net1 = listenCounters();
    await new Promise((resolve) => setTimeout(resolve, plan.idleSettleMs));
    const idle = await snapshot(session.server, true);
    const totals = await session.load.request<Record<BenchAction, Totals>>('totals');
    const connected = Math.max(1, idle.connections);
    const stormServerPct = cpuPercent(cpuUs(afterStorm) - cpuUs(base), result.elapsedMs);
    const figures: ConnectFigures = {
      storm: {
        ...result,
        listenOverflows: net1.overflows - net0.overflows,
        listenDrops: net1.drops - net0.drops,
        serverCpuMs: (cpuUs(afterStorm) - cpuUs(base)) / 1000,
        serverCpuPct: stormServerPct,
        serverConnections: afterStorm.connections,
        serverLoopDelayMs: afterStorm.loopDelay,
        commits: key === 'a' ? commitCount(afterStorm) - commitCount(base) : undefined,
        machine: machineLoad(machine0, machine1, stormServerPct + result.generatorCpuPct),
      },
      idle: {
        stations: idle.connections,
        rssPerStationKiB: (idle.rss - base.rss) / connected / KIB,
        heapPerStationKiB: (idle.heapUsed - base.heapUsed) / connected / KIB,
        baselineRssMiB: base.rss / MIB,
        rssMiB: idle.rss / MIB,
        heapUsedMiB: idle.heapUsed / MIB,
      },
    };
    await session.server.kill();
    figures.stored = storedCheck(key, idle, totals);
    if (options.profileFile) return { ...figures, profile: summariseProfile(options.profileFile) };
    return figures;
  } finally {
    await endSession(session);
  }
}

/** Steady fleet (open loop, one CALL per station per second) or saturation (closed loop). */
export async function loadScenario(
  key: ServerKey,
  plan: Plan,
  stations: number,
  mode: 'open' | 'closed',
  options: { profileFile?: string } = {},
): Promise<LoadFigures & { profile?: ProfileSummary }> {
  const session = await startSession(key, plan, stations);
  try {
    const connected = await session.load.request<ConnectResult>('connect', connectOptions(session, plan, stations));
    if (connected.accepted === 0) throw new Error(`${SERVERS[key].label}: no station was accepted (${JSON.stringify(connected.errors)})`);
    const storedBefore = key === 'a' ? await checkpointedBytes(session.server) : 0;
    const before = await snapshot(session.server);
    const totalsBefore = await session.load.request<Record<BenchAction, Totals>>('totals');
    const marks: Record<string, Promise<ServerSnapshot>> = {};
    const machineAt: Record<string, CpuTimes | undefined> = {};
    const profiling: Promise<unknown>[] = [];
    const off = session.load.onEvent((event) => {
      if (event.name !== 'mark') return;
      const name = (event.data as { name: string }).name;
      machineAt[name] = readCpuTimes();
      marks[name] = snapshot(session.server, false, name === 'measure-start');
      if (options.profileFile && name === 'measure-start') profiling.push(session.server.request('profileStart'));
      if (options.profileFile && name === 'measure-end') profiling.push(session.server.request('profileStop', { file: options.profileFile }));
    });
    const timing = mode === 'open' ? plan.steady : plan.saturation;
    const run = await session.load.request<RunResult>('run', {
      mode,
      periodMs: 1000,
      warmupMs: timing.warmupMs,
      durationMs: timing.durationMs,
      drainMs: 10_000,
    });
    off();
    const start = await marks['measure-start']!;
    const end = await marks['measure-end']!;
    await Promise.all(profiling);
    const after = await snapshot(session.server);
    const totals = await session.load.request<Record<BenchAction, Totals>>('totals');
    const storedAfter = key === 'a' ? await checkpointedBytes(session.server) : 0;
    const windowCpuUs = cpuUs(end) - cpuUs(start);
    const serverCpuPct = cpuPercent(windowCpuUs, end.at - start.at);
    const figures: LoadFigures & { profile?: ProfileSummary } = {
      stations,
      accepted: connected.accepted,
      run,
      serverCpuPct,
      machine: machineLoad(machineAt['measure-start'], machineAt['measure-end'], serverCpuPct + run.generator.cpuPct),
      serverCpuUsPerMsg: run.repliesInWindow > 0 ? windowCpuUs / run.repliesInWindow : Number.NaN,
      serverRssMiB: after.rss / MIB,
      serverLoopDelayMs: end.loopDelay,
      serverLoopBusyPct: ((end.loopActiveMs - start.loopActiveMs) / Math.max(1, end.at - start.at)) * 100,
    };
    if (key === 'a') {
      const answered = (t: Record<BenchAction, Totals>) => Object.values(t).reduce((sum, x) => sum + x.results + x.errors, 0);
      const messages = answered(totals) - answered(totalsBefore);
      const bytes = (s: ServerSnapshot) => Number(s.extra.sqliteBytes) + Number(s.extra.walBytes);
      type CommitStats = { batches: number; units: number; maxUnitsPerBatch: number; commitMs?: number; slowCommits?: number };
      const gc0 = before.extra.groupCommit as CommitStats;
      const gc1 = after.extra.groupCommit as CommitStats;
      const batches = gc1.batches - gc0.batches;
      const packed0 = before.extra.packer as DbFigures['packer'];
      const packed1 = after.extra.packer as DbFigures['packer'];
      figures.db = {
        messages,
        fileBytesPerMessage: (bytes(after) - bytes(before)) / Math.max(1, messages),
        pageBytesPerMessage: (Number(after.extra.pageBytes) - Number(before.extra.pageBytes)) / Math.max(1, messages),
        storedBytesPerMessage: (storedAfter - storedBefore) / Math.max(1, messages),
        groupCommit: {
          batches,
          units: gc1.units - gc0.units,
          maxUnitsPerBatch: gc1.maxUnitsPerBatch,
          unitsPerBatch: (gc1.units - gc0.units) / Math.max(1, batches),
          commitMsPerBatch: ((gc1.commitMs ?? Number.NaN) - (gc0.commitMs ?? Number.NaN)) / Math.max(1, batches),
          slowCommits: (gc1.slowCommits ?? Number.NaN) - (gc0.slowCommits ?? Number.NaN),
        },
        packer: { worker: packed1.worker - packed0.worker, inline: packed1.inline - packed0.inline },
      };
    }
    await session.server.kill();
    figures.stored = storedCheck(key, after, totals);
    if (options.profileFile) figures.profile = summariseProfile(options.profileFile);
    return figures;
  } finally {
    await endSession(session);
  }
}

export function profileFilePath(plan: Plan, stamp: string, scenario: 'saturation' | 'steady' | 'storm' = 'saturation'): string {
  return join(resolve(REPO_ROOT, plan.outDir), `profile-${scenario}-a-${stamp}.cpuprofile`);
}
