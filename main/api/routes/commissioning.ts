import type { CommissioningRunDto, CommissioningTemplateDto, CommissioningTemplateUpdate, ListResponse } from '../../../shared/api/types.js';
import { CommissioningRunRequestBody, CommissioningTemplateBody } from '../../../shared/api/request-bodies.js';
import { isCheckId } from '../../csms/commissioning/checks.js';
import { renderReportHtml } from '../../csms/commissioning/report-html.js';
import { ApiHttpError, notFound, readJsonObject, validationFailed } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';
import type { ApiContext } from '../context.js';
import { bodyProblems } from '../validate.js';
import { identityProblem } from './charge-points.js';

/** Each check id of a list that is not one (`checks[2]`). */
function checkProblems(checks: unknown): Record<string, string> {
  if (!Array.isArray(checks)) return {};
  return Object.fromEntries(
    checks.flatMap((id, i) =>
      typeof id === 'string' && !isCheckId(id) ? [[`checks[${i}]`, `is not a check (${id}); see GET /api/commissioning-templates`]] : [],
    ),
  );
}

/** The run, if it is one of this station's. */
function runOf(ctx: ApiContext, chargePointId: string, runId: string): CommissioningRunDto {
  const id = Number(runId);
  const run = Number.isInteger(id) ? ctx.commissioning.get(id) : undefined;
  if (!run || run.chargePointId !== chargePointId) throw notFound(`Commissioning run ${runId} of ${chargePointId}`);
  return run;
}

/** Commissioning runs and templates (docs/api.md "Commissioning"). */
export function commissioningRoutes(router: Router): void {
  router.post('/api/charge-points/:id/commissioning-runs', async ({ req, params, ctx }) => {
    const body = await readJsonObject(req);
    const problems = { ...bodyProblems(CommissioningRunRequestBody, body), ...checkProblems(body.checks) };
    if (body.template !== undefined && body.checks !== undefined) problems.checks = 'give a template or a list of checks, not both';
    if (Object.keys(problems).length) throw validationFailed(problems);
    const outcome = await ctx.commissioning.start(params.id!, body);
    switch (outcome.kind) {
      case 'started':
        return reply(201, outcome.run);
      case 'unknown-station':
        throw notFound(`Charge point ${params.id}`);
      case 'busy':
        throw new ApiHttpError(409, 'API_ERR_CONFLICT', `Commissioning run ${outcome.runId} is still running on ${params.id}: one run at a time`);
      case 'unknown-template':
        throw validationFailed({ template: `is not a template (${outcome.template}); see GET /api/commissioning-templates` });
      case 'unknown-checks':
        throw validationFailed({ checks: `unknown checks: ${outcome.checks.join(', ')}` });
    }
  });

  router.get('/api/charge-points/:id/commissioning-runs', ({ params, ctx }): ListResponse<CommissioningRunDto> => {
    const items = ctx.commissioning.list(params.id!);
    return { items, total: items.length };
  });

  router.get('/api/charge-points/:id/commissioning-runs/:runId', ({ params, ctx }) => runOf(ctx, params.id!, params.runId!));

  router.get('/api/charge-points/:id/commissioning-runs/:runId/report.json', ({ params, res, ctx }) => {
    const run = runOf(ctx, params.id!, params.runId!);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="commissioning-${encodeURIComponent(run.chargePointId)}-${run.id}.json"`,
    });
    res.end(JSON.stringify(run, null, 2));
    return HANDLED;
  });

  router.get('/api/charge-points/:id/commissioning-runs/:runId/report.html', ({ params, res, ctx }) => {
    const run = runOf(ctx, params.id!, params.runId!);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The report is data the stations sent: no script may run in it.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(renderReportHtml(run));
    return HANDLED;
  });

  router.get('/api/commissioning-templates', ({ ctx }): ListResponse<CommissioningTemplateDto> => {
    const items = ctx.commissioning.templates();
    return { items, total: items.length };
  });

  router.put('/api/commissioning-templates/:name', async ({ req, params, ctx }) => {
    const name = params.name!;
    const body = await readJsonObject(req);
    const problems = { ...bodyProblems(CommissioningTemplateBody, body), ...checkProblems(body.checks) };
    if (identityProblem(name)) problems.name = identityProblem(name)!;
    if (Object.keys(problems).length) throw validationFailed(problems);
    if (ctx.commissioning.isBuiltIn(name))
      throw new ApiHttpError(409, 'API_ERR_CONFLICT', `${name} is a built-in template: save yours under another name`);
    const update = body as CommissioningTemplateUpdate;
    const template = {
      name,
      ...(update.description !== undefined ? { description: update.description } : {}),
      checks: update.checks.filter(isCheckId),
    };
    const existed = await ctx.commissioningRecords.putTemplate(template);
    return reply(existed ? 200 : 201, { ...template, builtIn: false });
  });

  router.delete('/api/commissioning-templates/:name', async ({ params, ctx }) => {
    if (ctx.commissioning.isBuiltIn(params.name!)) throw new ApiHttpError(409, 'API_ERR_CONFLICT', `${params.name} is a built-in template`);
    if (!(await ctx.commissioningRecords.deleteTemplate(params.name!))) throw notFound(`Commissioning template ${params.name}`);
    return reply(204);
  });
}
