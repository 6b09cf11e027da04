/**
 * The mixed soak (`npm run soak -- --mode mixed [--minutes 60] [--stations 40] [--sample-sec 300]`): the headless
 * central system in its own process (synchronous=FULL, as shipped) and simulated stations running sessions on
 * connector 1 by themselves, while an operator drives connector 2 over the operator API (RemoteStart/Stop) and sends
 * GetConfiguration, ChangeConfiguration and TriggerMessage. At a quarter of the run the server is stopped with
 * SIGTERM and started again, at half of it killed with SIGKILL and started again; the stations reconnect by
 * themselves. At the end the stations stop their sessions, the server stops cleanly and the database is reconciled
 * with what the stations sent (ledger.ts, reconcile.ts). The server's RSS is sampled every --sample-sec; memory must
 * level off over the last server lifetime. Result: bench-results/soak-mixed-latest.md (and .json).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ApiRequestError, createApiClient, type ApiClient } from '../../shared/api/index.js';
import { databaseFile } from '../../main/csms/config/app-paths.js';
import { readStoredApiToken } from '../../main/headless/show-token.js';
import { SimulatedChargePoint } from '../../main/simulator/index.js';
import { freeServerPorts, SERVER_ROOT, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Ledger } from './ledger.js';
import { reconcile, type Reconciliation } from './reconcile.js';

export interface MixedSoakOptions {
  minutes: number;
  stations: number;
  sampleSec: number;
  /** The result file (Markdown); the JSON goes next to it. */
  out: string;
  command: string;
}

const STATION_PREFIX = 'SOAK-MIX-';
/** Memory "levels off": over the last server lifetime, the last third of the RSS samples against the first third. */
const RSS_TOLERANCE = { mib: 24, pct: 15 };
/** Samples this soon after a server (re)start are left out of the memory verdict (at most one sample interval). */
const WARM_UP_SEC = 60;
/** Between the operator's calls (one at a time, to a random connected station). */
const OPERATOR_PAUSE_MS = { min: 3_000, max: 12_000 };
/** A station's own sessions on connector 1. */
const SESSION_MS = { min: 20_000, max: 90_000 };
const IDLE_MS = { min: 5_000, max: 30_000 };
/** How long a remote-started session on connector 2 runs before the operator stops it. */
const REMOTE_SESSION_MS = { min: 30_000, max: 120_000 };
const METER_INTERVALS_SEC = ['10', '15'];

interface RssSample {
  atSec: number;
  /** Which server process: 1 at the start, +1 at each restart. */
  life: number;
  /** Seconds since that server process was started. */
  lifeSec: number;
  rssMiB: number;
  connected: number;
  sessionsAnswered: number;
  samplesAnswered: number;
  operatorCalls: number;
  load1: number;
}

interface ServerEvent {
  atSec: number;
  what: string;
  downMs: number;
  connectedBefore: number;
}

const between = (range: { min: number; max: number }) => range.min + Math.floor(Math.random() * (range.max - range.min));
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** A sleep that ends early when `stop()` says so (checked every 250 ms). */
async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!stop() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, Math.min(250, end - Date.now())));
}

export async function runMixedSoak(options: MixedSoakOptions): Promise<boolean> {
  const durationMs = options.minutes * 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-soak-mixed-'));
  const ports = await freeServerPorts();
  const startedAt = new Date();
  const t0 = Date.now();
  const sinceStartSec = () => Math.round((Date.now() - t0) / 1000);
  const revision = (() => {
    // A copy of a commit (git archive) has no .git: its runner names the revision.
    if (process.env.SOAK_REVISION) return process.env.SOAK_REVISION;
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: SERVER_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return 'unknown';
    }
  })();
  console.log(
    `soak (mixed): ${options.stations} stations, ${options.minutes} min, SIGTERM restart at ${options.minutes / 4} min, SIGKILL at ${options.minutes / 2} min; data in ${dataDir}`,
  );

  let server: ServerProcess = await startServerProcess({ dataDir, ports });
  let life = 1;
  let lifeStartedAt = Date.now();
  const client: ApiClient = createApiClient({ baseUrl: `http://127.0.0.1:${ports.apiPort}`, token: readStoredApiToken(dataDir)! });
  const idTag = (station: number, connectorId: number) => `SOAKTAG-${station}-${connectorId}`;
  for (let i = 0; i < options.stations; i++) for (const c of [1, 2]) await client.putIdTag(idTag(i, c), { status: 'Accepted' });

  const ledger = new Ledger();
  const stations = Array.from({ length: options.stations }, (_, i) => {
    const cp = new SimulatedChargePoint({
      url: `ws://127.0.0.1:${ports.ocppPort}/ocpp`,
      identity: `${STATION_PREFIX}${String(i).padStart(3, '0')}`,
      connectorCount: 2,
      autoReconnect: true,
      reconnectDelayMs: 500,
      maxReconnectDelayMs: 4_000,
      heartbeats: true,
      callTimeoutMs: 30_000,
      configuration: { MeterValueSampleInterval: '10', MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import' },
    });
    ledger.attach(cp);
    return cp;
  });
  await Promise.all(stations.map((cp) => cp.start()));
  console.log(`  ${stations.filter((cp) => cp.connected).length} stations connected and booted`);

  let ending = false;
  const flowErrors = new Map<string, number>();
  const noteError = (err: unknown) => {
    const name = err instanceof Error ? `${err.name}: ${err.message.replace(/\d+/g, 'N').slice(0, 80)}` : String(err);
    flowErrors.set(name, (flowErrors.get(name) ?? 0) + 1);
  };

  // Each station: sessions on connector 1 of its own accord, through restarts. Like a station that keeps its
  // transaction messages until they are delivered (OCPP 1.6, "Transaction-related messages"), a StopTransaction cut
  // off by a restart is sent again, unchanged, once the station is back; the central system records it once.
  const queuedStops = stations.map(
    () => new Map<number, { transactionId: number; meterStop: number; timestamp: string; reason: 'Local'; idTag: string }>(),
  );
  const sendQueuedStops = async (i: number) => {
    for (const [transactionId, stop] of queuedStops[i]!) {
      await stations[i]!.stopTransaction(stop);
      queuedStops[i]!.delete(transactionId);
    }
  };
  const stopOwnSession = async (i: number) => {
    const cp = stations[i]!;
    const c = cp.connector(1)!;
    const tx = c.transaction!;
    queuedStops[i]!.set(tx.transactionId, {
      transactionId: tx.transactionId,
      meterStop: c.meterWh,
      timestamp: cp.timestamp(),
      reason: 'Local',
      idTag: tx.idTag,
    });
    await sendQueuedStops(i);
    await cp.setStatus(1, 'Finishing');
    await cp.setStatus(1, 'Available');
  };
  const stationLoops = stations.map(async (cp, i) => {
    while (!ending) {
      await sleepUnless(between(IDLE_MS), () => ending);
      if (ending) break;
      if (!cp.connected) continue;
      try {
        await sendQueuedStops(i);
        if (!cp.connector(1)!.transaction && cp.connector(1)!.status !== 'Available') await cp.setStatus(1, 'Available');
        if (!cp.connector(1)!.transaction) {
          await cp.startSession({ connectorId: 1, idTag: idTag(i, 1) });
          await sleepUnless(between(SESSION_MS), () => ending);
        }
        if (cp.connector(1)!.transaction) await stopOwnSession(i);
      } catch (err) {
        noteError(err);
      }
    }
  });

  // The operator: one call at a time to a random connected station, over the operator API.
  const operatorCalls = new Map<string, { answered: number; callErrors: number; failed: number }>();
  const remoteStarted = new Map<number, number>();
  const operatorLoop = (async () => {
    while (!ending) {
      await sleepUnless(between(OPERATOR_PAUSE_MS), () => ending);
      if (ending) break;
      const candidates = stations.map((cp, i) => ({ cp, i })).filter(({ cp }) => cp.connected);
      if (candidates.length === 0) continue;
      const { cp, i } = pick(candidates);
      const remoteTx = cp.connector(2)!.transaction;
      let action: string;
      let payload: Record<string, unknown>;
      if (remoteTx && Date.now() >= (remoteStarted.get(i) ?? 0)) {
        action = 'RemoteStopTransaction';
        payload = { transactionId: remoteTx.transactionId };
      } else if (!remoteTx && Math.random() < 0.5) {
        action = 'RemoteStartTransaction';
        payload = { connectorId: 2, idTag: idTag(i, 2) };
        remoteStarted.set(i, Date.now() + between(REMOTE_SESSION_MS));
      } else {
        [action, payload] = pick<[string, Record<string, unknown>]>([
          ['GetConfiguration', { key: ['MeterValueSampleInterval', 'HeartbeatInterval'] }],
          ['ChangeConfiguration', { key: 'MeterValueSampleInterval', value: pick(METER_INTERVALS_SEC) }],
          ['TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: pick([1, 2]) }],
          ['TriggerMessage', { requestedMessage: 'Heartbeat' }],
        ]);
      }
      let counts = operatorCalls.get(action);
      if (!counts) operatorCalls.set(action, (counts = { answered: 0, callErrors: 0, failed: 0 }));
      try {
        const response = await client.call(cp.identity, action, payload, { timeoutMs: 30_000 });
        if ('error' in response) counts.callErrors++;
        else counts.answered++;
      } catch (err) {
        // The station or the server went away mid-call (around the restarts): the API says so, nothing is lost.
        counts.failed++;
        if (!(err instanceof ApiRequestError) && !(err instanceof TypeError)) noteError(err);
      }
    }
  })();

  const samples: RssSample[] = [];
  const serverEvents: ServerEvent[] = [];
  const sample = () => {
    const row: RssSample = {
      atSec: sinceStartSec(),
      life,
      lifeSec: Math.round((Date.now() - lifeStartedAt) / 1000),
      rssMiB: rssMiB(server.child.pid),
      connected: stations.filter((cp) => cp.connected).length,
      sessionsAnswered: ledger.starts.size,
      samplesAnswered: ledger.answeredSampleCount,
      operatorCalls: [...operatorCalls.values()].reduce((n, c) => n + c.answered + c.callErrors + c.failed, 0),
      load1: loadavg()[0]!,
    };
    samples.push(row);
    console.log(
      `  ${(row.atSec / 60).toFixed(1)} min: server #${row.life} RSS ${row.rssMiB.toFixed(1)} MiB, ${row.connected} connected, ${row.sessionsAnswered} sessions, ${row.samplesAnswered} meter values, ${row.operatorCalls} operator calls, load ${row.load1.toFixed(2)}`,
    );
  };
  const restart = async (how: 'SIGTERM' | 'SIGKILL') => {
    const connectedBefore = stations.filter((cp) => cp.connected).length;
    const at = sinceStartSec();
    const down = Date.now();
    console.log(`  ${(at / 60).toFixed(1)} min: ${how} (RSS ${rssMiB(server.child.pid).toFixed(1)} MiB before)`);
    if (how === 'SIGKILL') await server.kill();
    else await server.stop();
    server = await startServerProcess({ dataDir, ports });
    life++;
    lifeStartedAt = Date.now();
    serverEvents.push({
      atSec: at,
      what: how === 'SIGKILL' ? 'SIGKILL, started again' : 'SIGTERM (clean stop), started again',
      downMs: Date.now() - down,
      connectedBefore,
    });
  };

  const plan = [
    { atMs: durationMs / 4, run: () => restart('SIGTERM') },
    { atMs: durationMs / 2, run: () => restart('SIGKILL') },
  ];
  let nextSampleMs = options.sampleSec * 1000;
  while (Date.now() - t0 < durationMs) {
    const elapsed = Date.now() - t0;
    if (plan.length > 0 && elapsed >= plan[0]!.atMs) await plan.shift()!.run();
    else if (elapsed >= nextSampleMs) {
      sample();
      nextSampleMs += options.sampleSec * 1000;
    } else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (samples.length === 0 || samples.at(-1)!.atSec < sinceStartSec() - 5) sample();

  // The end: the stations finish their sessions (connector 2's too), then disconnect; the server stops cleanly.
  console.log('  ending: stopping sessions, closing stations, stopping the server');
  ending = true;
  await Promise.all([...stationLoops, operatorLoop]);
  const settleDeadline = Date.now() + 120_000;
  const unfinished = () =>
    stations.map((cp, i) => ({ cp, i })).filter(({ cp, i }) => queuedStops[i]!.size > 0 || cp.state.connectors.some((c) => c.transaction));
  for (;;) {
    const open = unfinished();
    if (open.length === 0 || Date.now() > settleDeadline) break;
    await Promise.all(
      open.map(async ({ cp, i }) => {
        if (!cp.connected) return;
        try {
          await sendQueuedStops(i);
          if (cp.connector(1)!.transaction) await stopOwnSession(i);
          if (cp.connector(2)!.transaction) await cp.stopSession({ connectorId: 2 });
        } catch (err) {
          noteError(err);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const leftOpen = unfinished().length;
  await Promise.all(stations.map((cp) => cp.close()));
  await server.stop();
  const endedAt = new Date();

  const result = reconcile(databaseFile(dataDir), ledger, STATION_PREFIX);
  // A sample taken while the server is still starting and the stations reconnect says nothing about a leak.
  const warmUpSec = Math.min(WARM_UP_SEC, options.sampleSec);
  const memory = memoryVerdict(
    samples.filter((s) => s.life === life && s.lifeSec >= warmUpSec),
    warmUpSec,
  );
  const pass = result.problems.length === 0 && memory.levelled;
  const report = {
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    command: options.command,
    revision,
    node: process.version,
    cpus: cpus().length,
    options,
    verdict: pass ? 'PASS' : 'FAIL',
    reconciliation: result,
    memory,
    serverEvents,
    samples,
    stationActions: Object.fromEntries(ledger.actions),
    operatorCalls: Object.fromEntries(operatorCalls),
    flowErrors: Object.fromEntries(flowErrors),
    stationsWithSessionsLeftOpen: leftOpen,
  };
  writeFileSync(options.out.replace(/\.md$/, '') + '.json', JSON.stringify(report, null, 2) + '\n');
  const md = markdown(report, result, memory);
  writeFileSync(options.out, md);
  console.log(md.split('\n').slice(0, 16).join('\n'));
  rmSync(dataDir, { recursive: true, force: true });
  return pass;
}

interface MemoryVerdict {
  life: number;
  firstThirdMiB: number;
  lastThirdMiB: number;
  levelled: boolean;
  note: string;
}

function memoryVerdict(lastLife: RssSample[], warmUpSec: number): MemoryVerdict {
  const life = lastLife[0]?.life ?? 0;
  if (lastLife.length < 3)
    return {
      life,
      firstThirdMiB: NaN,
      lastThirdMiB: NaN,
      levelled: false,
      note: `only ${lastLife.length} samples taken ${warmUpSec} s or more after the last restart: too few to judge`,
    };
  const third = Math.max(1, Math.floor(lastLife.length / 3));
  const mean = (list: RssSample[]) => list.reduce((sum, s) => sum + s.rssMiB, 0) / list.length;
  const first = mean(lastLife.slice(0, third));
  const last = mean(lastLife.slice(-third));
  const levelled = last - first <= Math.max(RSS_TOLERANCE.mib, (first * RSS_TOLERANCE.pct) / 100);
  return {
    life,
    firstThirdMiB: first,
    lastThirdMiB: last,
    levelled,
    note: `${lastLife.length} samples of server #${life} taken ${warmUpSec} s or more after its start`,
  };
}

function markdown(
  report: Record<string, unknown> & { samples: RssSample[]; serverEvents: ServerEvent[] },
  r: Reconciliation,
  memory: MemoryVerdict,
): string {
  const o = report.options as MixedSoakOptions;
  const actions = report.stationActions as Record<string, { answered: number; callErrors: number; unanswered: number }>;
  const operator = report.operatorCalls as Record<string, { answered: number; callErrors: number; failed: number }>;
  const flowErrors = report.flowErrors as Record<string, number>;
  const durationMin = (Date.parse(report.endedAt as string) - Date.parse(report.startedAt as string)) / 60_000;
  return `# Soak, mixed: sessions, operator calls, a restart and a SIGKILL

- Started ${report.startedAt as string}, ended ${report.endedAt as string} (${durationMin.toFixed(1)} min with the wind-down); revision ${report.revision as string}; Node ${report.node as string}; ${report.cpus as number} CPU cores shared with other work
- Command: \`${o.command}\`
- ${o.stations} simulated stations (2 connectors) against the headless central system in its own process (SQLite synchronous=FULL): sessions on connector 1 by the stations themselves, remote-started sessions on connector 2 and other operator calls over the operator API; SIGTERM + start at ${o.minutes / 4} min, SIGKILL + start at ${o.minutes / 2} min
- **Verdict: ${report.verdict as string}** — ${r.problems.length === 0 ? 'reconciled exactly' : `${r.problems.length} reconciliation problem(s)`}; memory ${memory.levelled ? 'levelled off' : 'did NOT level off'} (${memory.note}: ${memory.firstThirdMiB.toFixed(1)} → ${memory.lastThirdMiB.toFixed(1)} MiB, first third against last third, tolerance +${RSS_TOLERANCE.mib} MiB or +${RSS_TOLERANCE.pct} %)

## Reconciliation (what the stations sent and got answered, against the database after the last clean stop)

| check | result |
|---|---:|
| transactions answered (StartTransaction) | ${r.transactionsAcked} |
| … stored with the start sent (station, connector, meterStart, timestamp) | ${r.transactionsAcked - r.problems.filter((p) => / start sent | is not stored/.test(p)).length} |
| stops answered, stored with the meterStop sent and its transactionData | ${r.stopsAcked} |
| meter values answered inside transactions / stored | ${r.samplesAcked} / ${r.samplesStored} |
| transactions whose stored sample count includes unanswered MeterValues (allowed) | ${r.samplesWithinUnanswered} |
| stored transactions whose start went unanswered (committed, reply lost; allowed) | ${r.storedUnansweredStarts} |
| stored transactions of the soak's stations | ${r.transactionsStored} |
| connector statuses checked against the last answered StatusNotification | ${r.connectorsChecked} |
| implied disconnects recorded after the SIGKILL | ${r.impliedDisconnects} |
| integrity_check | ${r.integrity} |
| problems | ${r.problems.length} |
${r.problems.length ? `\n${r.problems.map((p) => `- ${p}`).join('\n')}\n` : ''}
## Server events

| t (min) | what | connected before | down (s) |
|---:|---|---:|---:|
${report.serverEvents.map((e) => `| ${(e.atSec / 60).toFixed(1)} | ${e.what} | ${e.connectedBefore} | ${(e.downMs / 1000).toFixed(1)} |`).join('\n')}

## Samples (every ${o.sampleSec} s; RSS of the server process from /proc)

| t (min) | server | RSS MiB | connected | sessions answered | meter values answered | operator calls | load (1 min) |
|---:|---:|---:|---:|---:|---:|---:|---:|
${report.samples.map((s) => `| ${(s.atSec / 60).toFixed(1)} | #${s.life} | ${s.rssMiB.toFixed(1)} | ${s.connected} | ${s.sessionsAnswered} | ${s.samplesAnswered} | ${s.operatorCalls} | ${s.load1.toFixed(2)} |`).join('\n')}

## Station CALLs (answered / CALLERROR / unanswered when the connection went away)

| action | answered | CALLERROR | unanswered |
|---|---:|---:|---:|
${Object.entries(actions)
  .sort()
  .map(([a, c]) => `| ${a} | ${c.answered} | ${c.callErrors} | ${c.unanswered} |`)
  .join('\n')}

## Operator calls over the API (answered / CALLERROR / failed: station or server away)

| action | answered | CALLERROR | failed |
|---|---:|---:|---:|
${Object.entries(operator)
  .sort()
  .map(([a, c]) => `| ${a} | ${c.answered} | ${c.callErrors} | ${c.failed} |`)
  .join('\n')}

Stations with a session still open after the wind-down: ${report.stationsWithSessionsLeftOpen as number}. Station flows cut short (by the restarts): ${
    Object.keys(flowErrors).length === 0
      ? 'none'
      : Object.entries(flowErrors)
          .map(([e, n]) => `${n} × ${e}`)
          .join('; ')
  }.

The machine is shared (other engineers' builds and tests ran at the same time; see the load column), so timings
are upper bounds; the reconciliation does not depend on them.
`;
}
