/**
 * Scenario runs and replays (docs/api.md "Scenarios and replays", docs/scenarios.md): started and read through
 * the SimulationRuns service (main/services/simulation-runs.ts), which runs them against this central system.
 */
import type { ReplayRunSummary, ScenarioRunSummary } from '../../../shared/api/scenario.js';
import type { ListResponse } from '../../../shared/api/types.js';
import { FleetError } from '../../services/simulator-fleet.js';
import type { SimulationRuns } from '../../services/simulation-runs.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, readJson, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';

function runsOf(ctx: ApiContext): SimulationRuns {
  if (!ctx.simulationRuns) throw new ApiHttpError(503, 'API_ERR_UNAVAILABLE', 'Scenario runs are not available in this process');
  return ctx.simulationRuns;
}

function toHttp(err: unknown): unknown {
  if (!(err instanceof FleetError)) return err;
  if (err.kind === 'invalid') return validationFailed(err.fields ?? {}, err.message);
  if (err.kind === 'not-found') return new ApiHttpError(404, 'API_ERR_NOT_FOUND', err.message);
  return new ApiHttpError(409, 'API_ERR_CONFLICT', err.message);
}

export function simulationRunRoutes(router: Router): void {
  router.post('/api/simulators/scenarios', async ({ req, ctx }) => {
    const runs = runsOf(ctx);
    // The scenario is checked as a whole, with the path of every bad field (a body that is not an object too).
    const body = await readJson(req);
    try {
      return reply(202, await runs.startScenario(body));
    } catch (err) {
      throw toHttp(err);
    }
  });

  // Before GET /api/simulators/:id (simulators.ts), which would take "scenarios" for a station id.
  router.get('/api/simulators/scenarios', ({ ctx }): ListResponse<ScenarioRunSummary> => ({ items: runsOf(ctx).scenarioRuns() }));

  router.get('/api/simulators/scenarios/:runId', ({ params, ctx }) => {
    const run = runsOf(ctx).scenarioRun(params.runId!);
    if (!run) throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `Scenario run ${params.runId} not found`);
    return run;
  });

  router.post('/api/simulators/replays', async ({ req, ctx }) => {
    const runs = runsOf(ctx);
    const body = await readJsonObject(req);
    try {
      return reply(202, await runs.startReplay(body));
    } catch (err) {
      throw toHttp(err);
    }
  });

  router.get('/api/simulators/replays', ({ ctx }): ListResponse<ReplayRunSummary> => ({ items: runsOf(ctx).replayRuns() }));

  router.get('/api/simulators/replays/:runId', ({ params, ctx }) => {
    const run = runsOf(ctx).replayRun(params.runId!);
    if (!run) throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `Replay ${params.runId} not found`);
    return run;
  });
}
