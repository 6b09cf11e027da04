import type { ListResponse, SiteAllocation, SiteDto, SiteEvent, SiteUpdate } from '../../../shared/api/types.js';
import { SiteUpdateBody } from '../../../shared/api/request-bodies.js';
import { validateSiteLimits } from '../../csms/sites/index.js';
import { ApiHttpError, intParam, notFound, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';
import { bodyProblems } from '../validate.js';
import { identityProblem } from './charge-points.js';

/** The fields the sites engine checks itself (main/csms/sites validate-site-limits.ts): its words, not the schema's. */
const LIMIT_FIELDS = ['limitA', 'limitW', 'phases', 'voltageV', 'marginPct', 'minSessionA', 'schedule'] as const;

/** Each problem of the station list by item (`stations[2]`): not an identity, or given twice. */
function stationProblems(stations: readonly unknown[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, number>();
  stations.forEach((id, index) => {
    const field = `stations[${index}]`;
    if (typeof id !== 'string') problems[field] = 'must be a charge point identity (a string)';
    else if (identityProblem(id)) problems[field] = identityProblem(id)!;
    else if (seen.has(id)) problems[field] = `repeats stations[${seen.get(id)}] (${id})`;
    else seen.set(id, index);
  });
  return problems;
}

/**
 * Every problem of a PUT, by field: the schema for the name, the station list and unknown fields; the sites engine's
 * `validateSiteLimits` for the limits (its paths, e.g. `schedule[1].toMinute`); the site id as an identity.
 */
function siteProblems(siteId: string, body: Record<string, unknown>): Record<string, string> {
  const problems = bodyProblems(SiteUpdateBody, body);
  for (const field of LIMIT_FIELDS) delete problems[field];
  // A list is checked item by item (`stations[3]`), which says more than the schema's first bad item.
  if (Array.isArray(body.stations)) {
    delete problems.stations;
    Object.assign(problems, stationProblems(body.stations));
  }
  const limits = Object.fromEntries(LIMIT_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
  for (const { field, message } of validateSiteLimits(limits)) {
    const key = field || 'body';
    problems[key] = problems[key] ? `${problems[key]}; ${message}` : message;
  }
  const idProblem = identityProblem(siteId);
  if (idProblem) problems.siteId = idProblem;
  return problems;
}

/** The field of each listed station, for the 422 and 409 answers (`stations[i]`). */
const stationField = (stations: readonly string[], id: string) => `stations[${stations.indexOf(id)}]`;

/**
 * Sites (docs/api.md "Sites"): stations behind one grid supply with a limit, stored and checked; how the central
 * system shares the limit now (the allocation) and its decisions and alerts (the events), docs/architecture.md "Sites".
 */
export function siteRoutes(router: Router): void {
  router.get('/api/sites', ({ ctx }): ListResponse<SiteDto> => {
    const items = ctx.sites.list();
    return { items, total: items.length };
  });

  router.get('/api/sites/:siteId', ({ params, ctx }): SiteDto => {
    const site = ctx.sites.get(params.siteId!);
    if (!site) throw notFound(`Site ${params.siteId}`);
    return site;
  });

  router.get('/api/sites/:siteId/allocation', ({ params, ctx }): SiteAllocation => {
    const allocation = ctx.sitePower.allocation(params.siteId!);
    if (!allocation) throw notFound(`Site ${params.siteId}`);
    return allocation;
  });

  router.get('/api/sites/:siteId/events', ({ params, query, ctx }): ListResponse<SiteEvent> => {
    const limit = intParam(query, 'limit', { min: 1, max: 500 }) ?? 100;
    const before = intParam(query, 'before', { min: 1 });
    const page = ctx.sitePower.events(params.siteId!, { limit, ...(before !== undefined ? { before } : {}) });
    if (!page) throw notFound(`Site ${params.siteId}`);
    return page;
  });

  router.put('/api/sites/:siteId', async ({ req, params, ctx }) => {
    const siteId = params.siteId!;
    const body = await readJsonObject(req);
    const problems = siteProblems(siteId, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const update = body as unknown as SiteUpdate;
    const outcome = await ctx.sites.save({ ...update, id: siteId });
    if (outcome.kind === 'unknownStations') {
      // Refused, not accepted with a warning: a mistyped identity would leave a real station outside the site's limit.
      throw validationFailed(
        Object.fromEntries(
          outcome.chargePointIds.map((id) => [
            stationField(update.stations, id),
            `is not a known station (${id}): add it first (PUT /api/charge-points/{id}) or let it connect once`,
          ]),
        ),
      );
    }
    if (outcome.kind === 'taken') {
      const words = outcome.taken.map((t) => `${t.chargePointId} belongs to site ${t.siteId}`).join(', ');
      throw new ApiHttpError(409, 'API_ERR_CONFLICT', `A station is behind one site only: ${words}; take it out of that site first`, {
        fields: Object.fromEntries(
          outcome.taken.map((t) => [stationField(update.stations, t.chargePointId), `belongs to site ${t.siteId}: take it out of that site first`]),
        ),
        taken: outcome.taken,
      });
    }
    return reply(outcome.existed ? 200 : 201, outcome.site);
  });

  router.delete('/api/sites/:siteId', async ({ params, ctx }) => {
    if (!(await ctx.sites.delete(params.siteId!))) throw notFound(`Site ${params.siteId}`);
    return reply(204);
  });
}
