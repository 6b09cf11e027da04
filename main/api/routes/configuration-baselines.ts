import type {
  BaselineApplyResult,
  BaselineKeyResult,
  ConfigurationBaselineDto,
  ConfigurationBaselineUpdate,
  ConfigurationDrift,
  FleetDriftItem,
  ListResponse,
} from '../../../shared/api/types.js';
import { ConfigurationBaselineUpdateBody } from '../../../shared/api/request-bodies.js';
import { ciStringProblem } from '../../../shared/ocpp/cistring.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, intParam, notFound, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';
import { bodyProblems } from '../validate.js';
import { sendOperation } from './calls.js';
import { identityProblem } from './charge-points.js';

/** OCPP 1.6 ChangeConfiguration.req: key CiString50Type, value CiString500Type (§6.9, §7.1x). */
const KEY_MAX = 50;
const VALUE_MAX = 500;

/**
 * Every problem of a PUT by field: the schema's, then each entry as ChangeConfiguration will send it (printable
 * ASCII, lengths), a key given twice (keys are case-insensitive), and each listed station and site id.
 */
function baselineProblems(name: string, body: Record<string, unknown>): Record<string, string> {
  const problems = bodyProblems(ConfigurationBaselineUpdateBody, body);
  if (Array.isArray(body.entries)) {
    const seen = new Map<string, number>();
    body.entries.forEach((entry: unknown, i) => {
      if (typeof entry !== 'object' || entry === null) return;
      const { key, value } = entry as { key?: unknown; value?: unknown };
      if (typeof key === 'string') {
        const problem = ciStringProblem(key, KEY_MAX);
        if (problem && key.length > 0) problems[`entries[${i}].key`] = problem;
        const lower = key.toLowerCase();
        // A secret would be stored in the clear and shown to every reader of the baseline, and never seen back.
        if (lower === 'authorizationkey') problems[`entries[${i}].key`] = 'is a secret: set it per station (ChangeConfiguration), not in a baseline';
        else if (seen.has(lower))
          problems[`entries[${i}].key`] = `repeats entries[${seen.get(lower)}].key (${key}); configuration keys are case-insensitive`;
        else seen.set(lower, i);
      }
      if (typeof value === 'string') {
        const problem = ciStringProblem(value, VALUE_MAX);
        if (problem) problems[`entries[${i}].value`] = problem;
      }
    });
  }
  for (const list of ['stations', 'sites'] as const) {
    const ids = body[list];
    if (!Array.isArray(ids)) continue;
    ids.forEach((id: unknown, i) => {
      if (typeof id === 'string' && identityProblem(id)) problems[`${list}[${i}]`] = identityProblem(id)!;
      else if (typeof id === 'string' && ids.indexOf(id) !== i) problems[`${list}[${i}]`] = `repeats ${list}[${ids.indexOf(id)}] (${id})`;
    });
  }
  const nameProblem = identityProblem(name);
  if (nameProblem) problems.name = nameProblem;
  return problems;
}

/**
 * Bring a station to its baseline: read its configuration (GetConfiguration, so read-only flags and values are the
 * station's now), send ChangeConfiguration for each key that differs and can be changed, one after another (a
 * station may refuse concurrent calls), then read it again so the drift shown is what the station reports.
 */
async function applyBaseline(ctx: ApiContext, chargePointId: string, timeoutMs: number | undefined): Promise<BaselineApplyResult> {
  const options = timeoutMs === undefined ? {} : { timeoutMs };
  const before = ctx.baselines.drift(chargePointId);
  if (!before) throw notFound(`Charge point ${chargePointId}`);
  if (before.baseline === null)
    throw new ApiHttpError(409, 'API_ERR_NOT_ALLOWED', `${chargePointId} follows no configuration baseline: assign one to it or to its site first`);
  const read = async () => {
    const outcome = await sendOperation(ctx, chargePointId, 'GetConfiguration', {}, options);
    if (outcome.kind === 'error')
      throw new ApiHttpError(
        409,
        'API_ERR_CONFLICT',
        `${chargePointId} answered GetConfiguration with ${outcome.error.code}: ${outcome.error.description}`,
      );
  };
  await read();
  const drift = ctx.baselines.drift(chargePointId)!;
  const results: BaselineKeyResult[] = [];
  for (const entry of drift.entries) {
    const base = { key: entry.key, value: entry.expected };
    if (entry.state === 'matches') continue;
    if (entry.state === 'differs-readonly') {
      results.push({ ...base, status: 'skipped', message: 'the station reports this key read-only' });
      continue;
    }
    if (entry.state === 'unknown-key') {
      results.push({ ...base, status: 'skipped', message: 'the station does not know this key (GetConfiguration unknownKey)' });
      continue;
    }
    // `differs`, and `not-reported` (a station may accept a key it does not list).
    try {
      const outcome = await sendOperation(ctx, chargePointId, 'ChangeConfiguration', { key: entry.key, value: entry.expected }, options);
      if (outcome.kind === 'error') results.push({ ...base, status: 'failed', message: `${outcome.error.code}: ${outcome.error.description}` });
      else results.push({ ...base, status: String(outcome.payload.status) as BaselineKeyResult['status'] });
    } catch (err) {
      results.push({ ...base, status: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }
  if (results.some((r) => r.status !== 'skipped')) await read();
  return {
    chargePointId,
    baseline: drift.baseline!,
    results,
    rebootRequired: results.some((r) => r.status === 'RebootRequired'),
    drift: ctx.baselines.drift(chargePointId)!,
  };
}

/** Configuration baselines and drift (docs/api.md "Configuration baselines"). */
export function configurationBaselineRoutes(router: Router): void {
  router.get('/api/configuration-baselines', ({ ctx }): ListResponse<ConfigurationBaselineDto> => {
    const items = ctx.baselines.list();
    return { items, total: items.length };
  });

  router.get('/api/configuration-baselines/:name', ({ params, ctx }): ConfigurationBaselineDto => {
    const baseline = ctx.baselines.get(params.name!);
    if (!baseline) throw notFound(`Configuration baseline ${params.name}`);
    return baseline;
  });

  router.put('/api/configuration-baselines/:name', async ({ req, params, ctx }) => {
    const name = params.name!;
    const body = await readJsonObject(req);
    const problems = baselineProblems(name, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const update = body as unknown as ConfigurationBaselineUpdate;
    const stations = update.stations ?? [];
    const sites = update.sites ?? [];
    const outcome = await ctx.baselines.save({ name, description: update.description, entries: update.entries, stations, sites });
    if (outcome.kind === 'unknown') {
      throw validationFailed({
        ...Object.fromEntries(outcome.stations.map((id) => [`stations[${stations.indexOf(id)}]`, `is not a known station (${id})`])),
        ...Object.fromEntries(outcome.sites.map((id) => [`sites[${sites.indexOf(id)}]`, `is not a known site (${id})`])),
      });
    }
    if (outcome.kind === 'taken') {
      const words = outcome.taken.map((t) => `${t.kind} ${t.id} follows baseline ${t.baseline}`).join(', ');
      throw new ApiHttpError(409, 'API_ERR_CONFLICT', `A station or site follows one baseline only: ${words}; take it out of that one first`, {
        fields: Object.fromEntries(
          outcome.taken.map((t) => {
            const list = t.kind === 'station' ? stations : sites;
            return [`${t.kind}s[${list.indexOf(t.id)}]`, `follows baseline ${t.baseline}: take it out of that one first`];
          }),
        ),
        taken: outcome.taken,
      });
    }
    return reply(outcome.existed ? 200 : 201, outcome.baseline);
  });

  router.delete('/api/configuration-baselines/:name', async ({ params, ctx }) => {
    if (!(await ctx.baselines.delete(params.name!))) throw notFound(`Configuration baseline ${params.name}`);
    return reply(204);
  });

  router.get('/api/configuration-drift', ({ ctx }): ListResponse<FleetDriftItem> => {
    const items = ctx.baselines.fleet();
    return { items, total: items.length };
  });

  router.get('/api/charge-points/:id/configuration-drift', ({ params, ctx }): ConfigurationDrift => {
    const drift = ctx.baselines.drift(params.id!);
    if (!drift) throw notFound(`Charge point ${params.id}`);
    return drift;
  });

  router.post('/api/charge-points/:id/configuration-baseline/apply', async ({ params, query, ctx }) => {
    const timeoutMs = intParam(query, 'timeoutMs', { min: 100, max: 600_000 });
    return applyBaseline(ctx, params.id!, timeoutMs);
  });
}
