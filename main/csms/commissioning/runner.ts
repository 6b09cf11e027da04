/**
 * Commissioning runs: a technician's sequence of checks on a connected station (docs/api.md "Commissioning"), each
 * ending Passed, Failed, Skipped or Needs the technician, with its evidence (every call it made and the answer) and
 * the values it read. One run at a time per station; the run's report is stored after every check, so a run
 * interrupted by a stop of the central system keeps what it found (and is marked stopped at the next start).
 */
import {
  COMMISSIONING_CHECK_TITLES,
  type CommissioningCheckId,
  type CommissioningCheckResult,
  type CommissioningExchange,
  type CommissioningRunDto,
  type CommissioningRunRequest,
  type CommissioningTemplateDto,
} from '../../../shared/api/types.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { OperatorOperations } from '../operations/operator-operations.js';
import { redactPayload } from '../rpc/redaction.js';
import type { CsmsServices } from '../services/index.js';
import { DEFAULT_WAITS, type CheckContext, type CommissioningWaits, type EventWatch, type RunState } from './check-context.js';
import { BUILT_IN_TEMPLATES, CHECKS, inRunOrder, isCheckId } from './checks.js';

/** The test tag the session checks start with when none is given; created Accepted if it does not exist. */
export const DEFAULT_TEST_ID_TAG = 'COMMISSION-TEST';
const DEFAULT_TEMPLATE = 'full';
/** A check that has not ended after this long is failed: one stuck station never keeps a run open forever. */
const CHECK_TIMEOUT_MS = 180_000;

export interface CommissioningDeps {
  services: Pick<CsmsServices, 'stations' | 'connections' | 'transactions' | 'idTags' | 'baselines' | 'commissioningRecords'>;
  events: CsmsEvents;
  clock: Clock;
  operations: Pick<OperatorOperations, 'send'>;
  fileServerAvailable: boolean;
  /** Shorter waits for tests; production uses DEFAULT_WAITS (the values docs/api.md states). */
  waits?: Partial<CommissioningWaits>;
}

export type StartOutcome =
  | { kind: 'started'; run: CommissioningRunDto }
  | { kind: 'unknown-station' }
  | { kind: 'busy'; runId: number }
  | { kind: 'unknown-template'; template: string }
  | { kind: 'unknown-checks'; checks: string[] };

export class CommissioningRuns {
  private readonly running = new Map<string, { runId: number; done: Promise<void> }>();
  private readonly ready: Promise<void>;
  private readonly waits: Readonly<CommissioningWaits>;

  constructor(private readonly deps: CommissioningDeps) {
    this.waits = { ...DEFAULT_WAITS, ...deps.waits };
    this.ready = deps.services.commissioningRecords.abandonRunning().catch(() => {});
  }

  templates(): CommissioningTemplateDto[] {
    const saved = this.deps.services.commissioningRecords.templates().filter((t) => !BUILT_IN_TEMPLATES.some((b) => b.name === t.name));
    return [...BUILT_IN_TEMPLATES, ...saved.map((t) => ({ ...t, builtIn: false }))];
  }

  template(name: string): CommissioningTemplateDto | undefined {
    return this.templates().find((t) => t.name === name);
  }

  isBuiltIn(name: string): boolean {
    return BUILT_IN_TEMPLATES.some((t) => t.name === name);
  }

  /** Start a run; it goes on in the background (GET the run to follow it). */
  async start(chargePointId: string, request: CommissioningRunRequest): Promise<StartOutcome> {
    await this.ready;
    const row = this.deps.services.stations.get(chargePointId);
    if (!row) return { kind: 'unknown-station' };
    const busy = this.running.get(chargePointId);
    if (busy) return { kind: 'busy', runId: busy.runId };
    let chosen: string[];
    let templateName: string | null = null;
    if (request.checks) chosen = request.checks;
    else {
      templateName = request.template ?? DEFAULT_TEMPLATE;
      const template = this.template(templateName);
      if (!template) return { kind: 'unknown-template', template: templateName };
      chosen = template.checks;
    }
    const unknown = chosen.filter((id) => !isCheckId(id));
    if (unknown.length) return { kind: 'unknown-checks', checks: unknown };
    const ids = inRunOrder(chosen as CommissioningCheckId[]);
    const testIdTag = request.testIdTag ?? DEFAULT_TEST_ID_TAG;
    const now = this.deps.clock.now().toISOString();
    const run = await this.deps.services.commissioningRecords.create({
      chargePointId,
      template: templateName,
      status: 'running',
      operator: request.operator ?? null,
      connectorId: request.connectorId ?? 1,
      testIdTag,
      station: {
        vendor: row.vendor,
        model: row.model,
        serial: row.charge_point_serial ?? row.charge_box_serial,
        firmware: row.firmware_version,
        securityProfile: row.security_profile,
      },
      checks: ids.map((id) => ({
        id,
        title: COMMISSIONING_CHECK_TITLES[id],
        status: 'pending',
        summary: '',
        values: {},
        exchanges: [],
        startedAt: null,
        finishedAt: null,
      })),
      configuration: null,
      changedSincePrevious: null,
      previousRunId: null,
      startedAt: now,
      finishedAt: null,
    });
    const done = this.perform(run).finally(() => this.release(run));
    this.running.set(chargePointId, { runId: run.id, done });
    return { kind: 'started', run: structuredClone(run) };
  }

  get(runId: number): CommissioningRunDto | undefined {
    return this.deps.services.commissioningRecords.get(runId);
  }

  list(chargePointId: string): CommissioningRunDto[] {
    return this.deps.services.commissioningRecords.list(chargePointId);
  }

  /** Wait for every run in progress (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** The station may start its next run (only this run's entry goes: a later run may have taken the place). */
  private release(run: CommissioningRunDto): void {
    if (this.running.get(run.chargePointId)?.runId === run.id) this.running.delete(run.chargePointId);
  }

  private async perform(run: CommissioningRunDto): Promise<void> {
    const state: RunState = {};
    const records = this.deps.services.commissioningRecords;
    if (run.checks.some((c) => c.id === 'remote-start' || c.id === 'reservation')) await this.ensureTestTag(run.testIdTag);
    for (const result of run.checks) {
      result.status = 'running';
      result.startedAt = this.deps.clock.now().toISOString();
      await records.save(run);
      const exchanges: CommissioningExchange[] = [];
      const outcome = await this.runCheck(result.id, this.context(run, state, exchanges));
      Object.assign(result, { status: outcome.status, summary: outcome.summary, values: outcome.values ?? {}, exchanges });
      result.finishedAt = this.deps.clock.now().toISOString();
      if (result.id === 'configuration' && state.configuration) run.configuration = state.configuration;
      await records.save(run);
    }
    // A session the run started and did not stop is stopped: commissioning never leaves a station charging.
    if (state.transactionId !== undefined) {
      const exchanges: CommissioningExchange[] = [];
      await this.context(run, state, exchanges).call('RemoteStopTransaction', { transactionId: state.transactionId });
      const start = run.checks.find((c) => c.id === 'remote-start');
      if (start) start.exchanges.push(...exchanges);
    }
    const failed = run.checks.some((c) => c.status === 'failed' || c.status === 'needs-technician');
    run.status = failed ? 'failed' : 'passed';
    run.finishedAt = this.deps.clock.now().toISOString();
    const previous = records.previous(run.chargePointId, run.id);
    if (previous) {
      run.previousRunId = previous.id;
      const before = new Map(previous.checks.map((c) => [c.id, c.status]));
      run.changedSincePrevious = Object.fromEntries(
        run.checks.filter((c) => before.has(c.id) && before.get(c.id) !== c.status).map((c) => [c.id, before.get(c.id)!]),
      );
    }
    // Released in the turn the final state is written: a reader of the main connection sees that state as soon as it
    // is written, before its commit, and may start the next run at once (it must not be told this one still runs).
    const saved = records.save(run);
    this.release(run);
    await saved;
  }

  private async runCheck(
    id: CommissioningCheckId,
    ctx: CheckContext,
  ): Promise<{ status: CommissioningCheckResult['status']; summary: string; values?: Record<string, unknown> }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ status: 'failed'; summary: string }>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'failed', summary: `The check did not end within ${CHECK_TIMEOUT_MS / 1000} s.` }),
        CHECK_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([Promise.resolve().then(() => CHECKS[id].run(ctx)), timeout]);
    } catch (err) {
      return { status: 'failed', summary: `The check stopped on an error: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  private async ensureTestTag(idTag: string): Promise<void> {
    if (!this.deps.services.idTags.get(idTag)) await this.deps.services.idTags.upsert({ idTag, status: 'Accepted' });
  }

  private context(run: CommissioningRunDto, state: RunState, exchanges: CommissioningExchange[]): CheckContext {
    const { operations, events, clock, services } = this.deps;
    let lastRequest: JsonObject | undefined;
    return {
      chargePointId: run.chargePointId,
      connectorId: run.connectorId,
      testIdTag: run.testIdTag,
      services,
      state,
      fileServerAvailable: this.deps.fileServerAvailable,
      waits: this.waits,
      async call(action, payload, timeoutMs) {
        const at = clock.now().toISOString();
        // The report keeps no secret the message log would not (rpc/redaction.ts): an upload URL's password, an
        // AuthorizationKey; no check needs one.
        const redacted = (p: JsonObject) => redactPayload(action, p) ?? p;
        try {
          const outcome = await operations.send(run.chargePointId, action, payload, timeoutMs === undefined ? {} : { timeoutMs });
          const request = redacted(outcome.request);
          lastRequest = request;
          if (outcome.kind === 'result') {
            const response = redacted(outcome.payload);
            exchanges.push({ action, request, response, at });
            return response;
          }
          exchanges.push({ action, request, error: `${outcome.error.code}: ${outcome.error.description}`, at });
          return undefined;
        } catch (err) {
          const request = redacted(payload);
          lastRequest = request;
          exchanges.push({ action, request, error: err instanceof Error ? err.message : String(err), at });
          return undefined;
        }
      },
      lastRequest: () => lastRequest,
      watch(name, match) {
        const seen: unknown[] = [];
        let wake: (() => void) | undefined;
        const off = events.on(name, (payload) => {
          if (!match(payload)) return;
          seen.push(payload);
          wake?.();
        });
        const watch: EventWatch<typeof name> = {
          async next(timeoutMs) {
            if (seen.length === 0 && timeoutMs > 0) {
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, timeoutMs);
                wake = () => {
                  clearTimeout(timer);
                  resolve();
                };
              });
              wake = undefined;
            }
            return seen.shift() as never;
          },
          stop: off,
        };
        return watch;
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => clock.now(),
    };
  }
}
