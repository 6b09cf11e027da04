/**
 * Scenario runs and replays started through the operator API (docs/scenarios.md "Operator API", docs/api.md
 * "Scenarios and replays"): each runs in this process against the central system's own OCPP port, over real
 * sockets, like the console's simulated stations (simulator-fleet.ts). A run answers at once with its id; its
 * status is read while it runs and its result kept once it ended (the latest MAX_KEPT_RUNS runs).
 *
 * Identities: those a run uses are registered Accepted when unknown, as the fleet registers its stations (the
 * operator who starts a run has approved them by that act). An identity whose station is connected is refused, so
 * a run never takes over a charger's connection; nor may two runs use one identity at once.
 */
import { randomUUID } from 'node:crypto';
import type { ReplayRunDto, ReplayRunSummary, Scenario, ScenarioRunDto, ScenarioRunSummary } from '../../shared/api/scenario.js';
import { ReplayBody } from '../../shared/api/scenario.js';
import type { CentralSystem } from '../csms/central-system.js';
import { checkScenario } from '../simulator/scenario/check.js';
import { recordingFromEntries, parseExport, type Recording } from '../simulator/scenario/replay/export-file.js';
import { replay } from '../simulator/scenario/replay/replayer.js';
import { runScenario } from '../simulator/scenario/runner.js';
import { schemaProblems } from '../simulator/scenario/schema-walk.js';
import { FleetError, ownOcppUrl } from './simulator-fleet.js';

/** Ended runs kept for GET (the oldest ended one is forgotten first). */
export const MAX_KEPT_RUNS = 50;
/** Runs at once. */
export const MAX_RUNNING = 10;

interface Run<Dto> {
  dto: Dto;
  identities: string[];
  abort: AbortController;
  done: Promise<void>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `{ 'steps[2].status': 'must be …' }`: the API's 422 `details.fields`, keyed by path. */
function byPath(problems: readonly { path: string; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.path || 'body'] ??= p.message;
  return fields;
}

export class SimulationRuns {
  private readonly scenarios = new Map<string, Run<ScenarioRunDto>>();
  private readonly replays = new Map<string, Run<ReplayRunDto>>();
  private stopped = false;

  constructor(private readonly csms: CentralSystem) {}

  private running(): Run<unknown>[] {
    return [...this.scenarios.values(), ...this.replays.values()].filter((r) => (r.dto as { status: string }).status === 'running');
  }

  /** Refuse identities that are in use; register the unknown ones Accepted. */
  private async admit(identities: readonly string[]): Promise<void> {
    if (this.stopped) throw new FleetError('conflict', 'The central system is stopping');
    if (this.running().length >= MAX_RUNNING) throw new FleetError('conflict', `At most ${MAX_RUNNING} scenario runs and replays at once`);
    const busy = new Set(this.running().flatMap((r) => r.identities));
    for (const id of identities) {
      if (busy.has(id)) throw new FleetError('conflict', `${id} is used by another run`);
      if (this.csms.services.connections.has(id))
        throw new FleetError('conflict', `${id} is connected: a run does not take over a station's connection`);
    }
    for (const id of identities)
      if (!this.csms.services.stations.has(id))
        await this.csms.services.stations.upsert({ id, registrationStatus: 'Accepted', description: 'Simulated station (scenario run or replay)' });
  }

  private keep<D>(runs: Map<string, Run<D>>, runId: string, run: Run<D>): void {
    runs.set(runId, run);
    const ended = [...runs.entries()].filter(([, r]) => (r.dto as { status: string }).status !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, runs.size - MAX_KEPT_RUNS))) runs.delete(id);
  }

  /** Check the scenario (422 by path when bad), then run it in the background. */
  async startScenario(body: unknown): Promise<ScenarioRunDto> {
    const checked = checkScenario(body);
    if (!checked.ok) throw new FleetError('invalid', 'Invalid scenario', byPath(checked.problems));
    const scenario: Scenario = checked.scenario;
    const identities = scenario.stations.map((s) => s.identity);
    await this.admit(identities);
    const runId = randomUUID();
    const dto: ScenarioRunDto = {
      runId,
      name: scenario.name,
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      stepsDone: 0,
      stepsTotal: scenario.steps.length,
      steps: [],
      result: null,
    };
    const abort = new AbortController();
    const done = runScenario(scenario, {
      url: ownOcppUrl(this.csms),
      signal: abort.signal,
      onStep: (step, n) => {
        dto.steps.push(step);
        dto.stepsDone = n;
      },
    })
      .then((result) => {
        dto.result = result;
        dto.steps = result.steps;
        dto.status = result.passed ? 'passed' : 'failed';
      })
      .catch((err: unknown) => {
        dto.status = 'failed';
        dto.result = {
          name: scenario.name,
          passed: false,
          startedAt: dto.startedAt,
          finishedAt: new Date().toISOString(),
          error: message(err),
          notes: [],
          steps: [],
          expectations: [],
        };
      })
      .finally(() => (dto.finishedAt = new Date().toISOString()));
    this.keep(this.scenarios, runId, { dto, identities, abort, done });
    return structuredClone(dto);
  }

  /** The kept scenario runs, newest first, without their steps and results (GET one for those). */
  scenarioRuns(): ScenarioRunSummary[] {
    return [...this.scenarios.values()].reverse().map(({ dto: { steps: _steps, result, ...rest } }) => ({
      ...rest,
      expectationsPassed: result ? result.expectations.filter((e) => e.passed).length : null,
      expectationsTotal: result ? result.expectations.length : null,
    }));
  }

  scenarioRun(runId: string): ScenarioRunDto | undefined {
    const run = this.scenarios.get(runId);
    return run ? structuredClone(run.dto) : undefined;
  }

  /** Read the export (422 naming its lines when bad), then replay it in the background. */
  async startReplay(body: Record<string, unknown>): Promise<ReplayRunDto> {
    const problems = schemaProblems(ReplayBody, body);
    if ((body.ndjson === undefined) === (body.lines === undefined))
      problems.push({ path: 'ndjson', message: 'give exactly one of ndjson and lines' });
    if (body.speed !== undefined && body.asFastAsPossible === true) problems.push({ path: 'speed', message: 'not with asFastAsPossible' });
    if (problems.length) throw new FleetError('invalid', 'Invalid replay request', byPath(problems));
    const request = body as { ndjson?: string; lines?: unknown[]; speed?: number; asFastAsPossible?: boolean; identity?: string };
    const read = request.ndjson !== undefined ? parseExport(request.ndjson) : recordingFromEntries(request.lines!);
    if (!read.ok)
      throw new FleetError('invalid', 'Not a usable message-log export', {
        [request.ndjson !== undefined ? 'ndjson' : 'lines']: read.problems.join('; '),
      });
    const recording: Recording = read.recording;
    const identity = request.identity ?? recording.station;
    await this.admit([identity]);
    const runId = randomUUID();
    const dto: ReplayRunDto = {
      runId,
      station: identity,
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      exchangesDone: 0,
      exchangesTotal: recording.stationCalls.length,
      result: null,
    };
    const abort = new AbortController();
    const speed = request.asFastAsPossible ? 'max' : (request.speed ?? 1);
    const done = replay(recording, { url: ownOcppUrl(this.csms), speed, identity, signal: abort.signal, onExchange: (n) => (dto.exchangesDone = n) })
      .then((result) => {
        dto.result = result;
        dto.status = result.identical ? 'passed' : 'failed';
      })
      .catch((err: unknown) => {
        dto.status = 'failed';
        const at = new Date().toISOString();
        dto.result = {
          station: identity,
          identical: false,
          startedAt: dto.startedAt,
          finishedAt: at,
          speed,
          exchanges: [],
          csmsCalls: { original: [], replayed: [] },
          differences: [],
          transactionIds: {},
          error: message(err),
        };
      })
      .finally(() => (dto.finishedAt = new Date().toISOString()));
    this.keep(this.replays, runId, { dto, identities: [identity], abort, done });
    return { ...dto };
  }

  /** The kept replays, newest first, without their results (GET one for that). */
  replayRuns(): ReplayRunSummary[] {
    return [...this.replays.values()]
      .reverse()
      .map(({ dto: { result, ...rest } }) => ({ ...rest, differences: result ? result.differences.length : null }));
  }

  replayRun(runId: string): ReplayRunDto | undefined {
    const run = this.replays.get(runId);
    return run ? structuredClone(run.dto) : undefined;
  }

  /** Stop every run (their stations close) and wait for them to end; no new one starts. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    const all = [...this.scenarios.values(), ...this.replays.values()];
    for (const run of all) run.abort.abort();
    await Promise.allSettled(all.map((r) => r.done));
  }
}
