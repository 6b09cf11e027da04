/**
 * Runs a checked scenario (check.ts) against a central system: builds its simulated stations, runs the steps in
 * order, logs every frame, then judges the expectations (expectations.ts). The result says pass or fail per
 * expectation with its frames, and overall; a step that could not be done, or the run's timeout, fails the run.
 */
import type { Scenario, ScenarioResult, ScenarioStation, ScenarioStepResult } from '../../../shared/api/scenario.js';
import { SimulatedChargePoint } from '../charge-point.js';
import { judgeExpectations } from './expectations.js';
import { FrameLog, type Exchange } from './frame-log.js';
import { runStep } from './steps.js';

/** How long a run may take unless the scenario says (timeoutSec). */
export const DEFAULT_SCENARIO_TIMEOUT_SEC = 300;

export interface ScenarioRunOptions {
  /** The central system's OCPP endpoint without the identity, e.g. ws://127.0.0.1:8180/ocpp. */
  url: string;
  /** After each step (for a live status). */
  onStep?: (result: ScenarioStepResult, done: number, total: number) => void;
  /** Stops the run as if it had timed out. */
  signal?: AbortSignal;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function stationOf(station: ScenarioStation, url: string): SimulatedChargePoint {
  const o = station.options ?? {};
  return new SimulatedChargePoint({
    url,
    identity: station.identity,
    connectorCount: station.connectors ?? 1,
    ...(station.password ? { password: station.password } : {}),
    vendor: station.boot?.chargePointVendor ?? 'Simulated',
    model: station.boot?.chargePointModel ?? 'Scenario station',
    heartbeats: o.heartbeats ?? false,
    callTimeoutMs: o.callTimeoutMs ?? 10_000,
    meter: { maxPowerW: o.maxPowerW ?? 11_000 },
    // No periodic MeterValues unless asked: a scenario's traffic is what its steps say.
    configuration: { MeterValueSampleInterval: String(o.meterValueSampleIntervalSec ?? 0), ...o.configuration },
  });
}

/** The end of a run waits until no frame has gone either way for QUIET_MS, at most SETTLE_MAX_MS. */
const QUIET_MS = 300;
const SETTLE_MAX_MS = 5_000;

async function settle(log: FrameLog, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  while (Date.now() < deadline && !signal.aborted) {
    const lastMs = log.frames.at(-1)?.atMs ?? 0;
    const quietForMs = Date.now() - lastMs;
    if (quietForMs >= QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS - quietForMs));
  }
}

export async function runScenario(scenario: Scenario, options: ScenarioRunOptions): Promise<ScenarioResult> {
  const runStartMs = Date.now();
  const log = new FrameLog();
  const stations = new Map(scenario.stations.map((s) => [s.identity, { spec: s, cp: stationOf(s, options.url) }]));
  const notes: string[] = [];
  for (const { cp } of stations.values()) {
    log.attach(cp);
    // Follow-up flows (a RemoteStart's session, a Reset's reboot) report their failures here rather than throw.
    cp.on('behaviour-error', (err) => notes.push(`${cp.identity}: ${err.message}`));
  }
  const timeoutSec = scenario.timeoutSec ?? DEFAULT_SCENARIO_TIMEOUT_SEC;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`the run took longer than its timeout of ${timeoutSec} s`)), timeoutSec * 1000);
  const onOuterAbort = () => abort.abort(new Error('the run was stopped'));
  options.signal?.addEventListener('abort', onOuterAbort);
  const aborted = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason as Error)));
  aborted.catch(() => {});

  const steps: ScenarioStepResult[] = [];
  const labelStartMs = new Map<string, number>();
  const consumed = new Set<Exchange>();
  let error: string | null = null;
  const firstIdentity = scenario.stations[0]!.identity;
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const { spec, cp } = stations.get(step.station ?? firstIdentity)!;
      const startedMs = Date.now();
      if (step.label !== undefined) labelStartMs.set(step.label, startedMs);
      let ok = true;
      let words: string;
      try {
        words = await Promise.race([runStep({ cp, station: spec, signal: abort.signal, exchanges: () => log.exchanges(), consumed }, step), aborted]);
      } catch (err) {
        ok = false;
        words = abort.signal.aborted ? message(abort.signal.reason) : message(err);
      }
      const result: ScenarioStepResult = {
        index,
        do: step.do,
        station: cp.identity,
        ...(step.label !== undefined ? { label: step.label } : {}),
        ok,
        message: words,
        startedAt: new Date(startedMs).toISOString(),
        finishedAt: new Date().toISOString(),
      };
      steps.push(result);
      options.onStep?.(result, steps.length, scenario.steps.length);
      if (!ok) {
        error = `step ${index} (${step.do}${step.label ? ` "${step.label}"` : ''}) failed: ${words}`;
        break;
      }
    }
    // Follow-ups of the last answers (a RemoteStop's StopTransaction) still run: let the traffic settle first.
    if (error === null) await settle(log, abort.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.allSettled([...stations.values()].map(({ cp }) => cp.close(1000, 'Scenario ended')));
  }

  const expectations = judgeExpectations(scenario.expectations ?? [], log.exchanges(), { defaultStation: firstIdentity, runStartMs, labelStartMs });
  return {
    name: scenario.name,
    passed: error === null && expectations.every((e) => e.passed),
    startedAt: new Date(runStartMs).toISOString(),
    finishedAt: new Date().toISOString(),
    error,
    notes,
    steps,
    expectations,
  };
}
