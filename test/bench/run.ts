/**
 * `npm run bench` (README "Performance"): the central system (a) against a bare `ws` responder (b) and an `ocpp-rpc` strict
 * server (c), under the same load, in the same run. Each server runs in its own child process (its CPU and memory
 * measured alone), the load generator in another; all traffic stays on 127.0.0.1. Scenarios run one server at a
 * time, (a), (b), (c) back to back, so they share the machine's state. Results: bench-results/latest.{json,md}
 * plus a timestamped copy; the summary is printed at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { FD_LIMIT, REPO_ROOT } from './child-process.js';
import { parseFlags, SERVERS, USAGE, type Plan } from './config.js';
import { renderMarkdown, type BenchResults } from './report.js';
import { connectScenario, loadScenario, profileFilePath } from './scenarios.js';
import { waitForQuiet } from './machine.js';
import { evaluateTargets } from './targets.js';
import { stationDayScenario } from './station-day.js';

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function fdLimit(): string {
  const probe = spawnSync('bash', ['-c', `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; ulimit -n`], {
    encoding: 'utf8',
  });
  return probe.stdout.trim() || 'unknown';
}

let quietBudgetMs = 0;
/** After this moment (ms since epoch) no more waiting for quiet and no reruns, so the run ends in time. */
let extraTimeDeadline = 0;
const CONTAMINATED_PCT = 25;

async function attempt<T>(results: BenchResults, what: string, work: () => Promise<T>): Promise<T | undefined> {
  if (quietBudgetMs > 0 && Date.now() < extraTimeDeadline) {
    const waited = await waitForQuiet(Math.min(quietBudgetMs, extraTimeDeadline - Date.now()));
    quietBudgetMs -= waited;
    results.meta.quietWaitSec += waited / 1000;
    if (waited > 1500)
      log(`waited ${(waited / 1000).toFixed(0)} s for other processes to go quiet (${(quietBudgetMs / 1000).toFixed(0)} s of waiting left)`);
  }
  const t0 = Date.now();
  log(`${what} …`);
  try {
    const value = await work();
    log(`${what} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (err) {
    const message = `${what}: ${(err as Error).message.split('\n')[0]}`;
    log(`FAILED ${message}`);
    results.failures.push(message);
    return undefined;
  }
}

/**
 * Run a measurement; if something else on the machine used more than a quarter of a core meanwhile (this machine
 * is shared), run it again while time allows and keep the least disturbed result.
 */
async function measure<T>(
  results: BenchResults,
  what: string,
  work: () => Promise<T>,
  otherPct: (value: T) => number | undefined,
): Promise<T | undefined> {
  let best: T | undefined;
  let bestOther = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const value = await attempt(results, round === 0 ? what : `${what} (rerun ${round}: the machine was busy)`, work);
    if (value === undefined) break;
    const other = otherPct(value) ?? 0;
    if (other < bestOther) {
      best = value;
      bestOther = other;
    }
    if (other <= CONTAMINATED_PCT || Date.now() >= extraTimeDeadline) break;
    results.meta.reruns++;
  }
  return best;
}

async function main(): Promise<void> {
  let plan: Plan | 'help';
  try {
    plan = parseFlags(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (plan === 'help') {
    console.log(USAGE);
    return;
  }
  quietBudgetMs = plan.quietWaitMs;
  const started = new Date();
  extraTimeDeadline = started.getTime() + plan.extraTimeUntilMs;
  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19) + (plan.quick ? '-quick' : '');
  const results: BenchResults = {
    meta: {
      startedAt: started.toISOString(),
      quick: plan.quick,
      node: process.versions.node,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      fdLimit: fdLimit(),
      loadAverage: loadavg(),
      quietWaitSec: 0,
      reruns: 0,
      syncMode: plan.syncMode,
      plan,
    },
    steady: [],
    stored: [],
    targets: [],
    failures: [],
  };
  // (a) runs the build that ships (servers/csms.ts): build it when its sources changed (scripts/build.mjs skips it
  // otherwise).
  if (plan.servers.includes('a')) {
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), 'main'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build main failed: (a) runs the dist/ build');
  }
  log(
    `plan: servers ${plan.servers.join(',')}; scenarios ${plan.scenarios.join(',')}; storm/idle ${plan.stormStations}, steady ${plan.steadyStations.join(',')}, saturation ${plan.saturationStations}`,
  );

  if (plan.scenarios.includes('storm') || plan.scenarios.includes('idle')) {
    if (plan.scenarios.includes('storm')) results.storm = { stations: plan.stormStations, servers: {} };
    if (plan.scenarios.includes('idle')) results.idle = { stations: plan.stormStations, servers: {} };
    for (const key of plan.servers) {
      const figures = await measure(
        results,
        `storm+idle ${SERVERS[key].label} × ${plan.stormStations}`,
        () => connectScenario(key, plan, plan.stormStations),
        (f) => f.storm.machine?.otherPct,
      );
      if (!figures) continue;
      if (results.storm) results.storm.servers[key] = figures.storm;
      if (results.idle) results.idle.servers[key] = figures.idle;
      if (figures.stored) results.stored.push({ scenario: `storm ${plan.stormStations}`, check: figures.stored });
    }
  }

  if (plan.scenarios.includes('steady')) {
    for (const stations of plan.steadyStations) {
      const entry: BenchResults['steady'][number] = { stations, servers: {} };
      results.steady.push(entry);
      for (const key of plan.servers) {
        const figures = await measure(
          results,
          `steady ${SERVERS[key].label} × ${stations}`,
          () => loadScenario(key, plan, stations, 'open'),
          (f) => f.machine?.otherPct,
        );
        if (!figures) continue;
        entry.servers[key] = figures;
        if (figures.stored) results.stored.push({ scenario: `steady ${stations}`, check: figures.stored });
      }
    }
  }

  if (plan.scenarios.includes('saturation')) {
    results.saturation = { stations: plan.saturationStations, servers: {} };
    for (const key of plan.servers) {
      const figures = await measure(
        results,
        `saturation ${SERVERS[key].label} × ${plan.saturationStations}`,
        () => loadScenario(key, plan, plan.saturationStations, 'closed'),
        (f) => f.machine?.otherPct,
      );
      if (!figures) continue;
      results.saturation.servers[key] = figures;
      if (figures.stored) results.stored.push({ scenario: `saturation ${plan.saturationStations}`, check: figures.stored });
    }
  }

  if (plan.scenarios.includes('station-day') && plan.servers.includes('a')) {
    const figures = await attempt(results, `station-day ${SERVERS.a.label} × ${plan.dayStations}`, () => stationDayScenario(plan, plan.dayStations));
    if (figures) results.stationDay = figures;
  }

  if (plan.profile && plan.servers.includes('a')) {
    mkdirSync(resolve(REPO_ROOT, plan.outDir), { recursive: true });
    const file = profileFilePath(plan, stamp);
    const figures = await attempt(results, `profiled saturation ${SERVERS.a.label} × ${plan.saturationStations}`, () =>
      loadScenario('a', plan, plan.saturationStations, 'closed', { profileFile: file }),
    );
    if (figures?.profile) results.profile = { ...figures.profile, messagesPerSec: figures.run.messagesPerSec };
  }

  // The steady fleet is where the latency targets are judged, and where each batch holds a few messages instead of
  // hundreds: what a batch costs shows here, not at saturation.
  if (plan.profile && plan.servers.includes('a') && plan.scenarios.includes('steady')) {
    const stations = Math.min(...plan.steadyStations);
    const file = profileFilePath(plan, stamp, 'steady');
    const figures = await attempt(results, `profiled steady ${SERVERS.a.label} × ${stations}`, () =>
      loadScenario('a', plan, stations, 'open', { profileFile: file }),
    );
    if (figures?.profile) results.steadyProfile = { ...figures.profile, stations, messagesPerSec: figures.run.messagesPerSec };
  }

  if (plan.profile && plan.servers.includes('a') && plan.scenarios.includes('storm')) {
    const file = profileFilePath(plan, stamp, 'storm');
    const figures = await attempt(results, `profiled storm ${SERVERS.a.label} × ${plan.stormStations}`, () =>
      connectScenario('a', plan, plan.stormStations, { profileFile: file }),
    );
    if (figures?.profile)
      results.stormProfile = { ...figures.profile, stations: figures.storm.accepted, timeToAllAcceptedMs: figures.storm.timeToAllAcceptedMs ?? NaN };
  }

  const finished = new Date();
  results.meta.finishedAt = finished.toISOString();
  results.meta.durationSec = (finished.getTime() - started.getTime()) / 1000;
  results.targets = evaluateTargets(results);

  const dir = resolve(REPO_ROOT, plan.outDir);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2);
  const markdown = renderMarkdown(results);
  writeFileSync(join(dir, `${stamp}.json`), json);
  writeFileSync(join(dir, `${stamp}.md`), markdown);
  writeFileSync(join(dir, plan.quick ? 'latest-quick.json' : 'latest.json'), json);
  writeFileSync(join(dir, plan.quick ? 'latest-quick.md' : 'latest.md'), markdown);
  console.log(markdown);
  log(
    `results: ${join(plan.outDir, `${stamp}.{json,md}`)} (and ${plan.quick ? 'latest-quick' : 'latest'}.{json,md}); took ${results.meta.durationSec.toFixed(0)} s`,
  );
  if (results.failures.length) process.exitCode = 1;
}

await main();
