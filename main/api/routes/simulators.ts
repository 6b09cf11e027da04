/**
 * Simulated stations started from the console (docs/api.md "Simulated stations"): the fleet lives in the same
 * process as the central system and connects to its OCPP port over real sockets (main/services/simulator-fleet.ts).
 */
import { idTokenProblem } from '../../../shared/ocpp/cistring.js';
import type { ListResponse, SimulatorAction, SimulatorDto, SimulatorStartResponse } from '../../../shared/api/types.js';
import { FleetError, type SimulatorFleet } from '../../services/simulator-fleet.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';

const ACTIONS: readonly SimulatorAction[] = ['plug-in', 'start', 'stop', 'unplug', 'fault', 'clear-fault', 'reconnect', 'disconnect'];
const ACTION_FIELDS = ['connectorId', 'idTag', 'errorCode', 'abrupt'];

function fleetOf(ctx: ApiContext): SimulatorFleet {
  if (!ctx.simulators) throw new ApiHttpError(503, 'API_ERR_UNAVAILABLE', 'Simulated stations are not available in this process');
  return ctx.simulators;
}

function toHttp(err: unknown): unknown {
  if (!(err instanceof FleetError)) return err;
  if (err.kind === 'invalid') return validationFailed(err.fields ?? {}, err.message);
  if (err.kind === 'not-found') return new ApiHttpError(404, 'API_ERR_NOT_FOUND', err.message);
  return new ApiHttpError(409, 'API_ERR_CONFLICT', err.message);
}

export function simulatorRoutes(router: Router): void {
  router.get('/api/simulators', ({ ctx }): ListResponse<SimulatorDto> => {
    const items = fleetOf(ctx).list();
    return { items, total: items.length };
  });

  router.post('/api/simulators', async ({ req, ctx }) => {
    const fleet = fleetOf(ctx);
    const body = await readJsonObject(req);
    try {
      const items = await fleet.start(body);
      return reply(201, { items } satisfies SimulatorStartResponse);
    } catch (err) {
      throw toHttp(err);
    }
  });

  router.get('/api/simulators/:id', ({ params, ctx }) => {
    const found = fleetOf(ctx).get(params.id!);
    if (!found) throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `Simulator ${params.id} not found`);
    return found;
  });

  router.delete('/api/simulators/:id', async ({ params, ctx }) => {
    try {
      await fleetOf(ctx).remove(params.id!);
    } catch (err) {
      throw toHttp(err);
    }
    return reply(204);
  });

  router.post('/api/simulators/:id/actions/:action', async ({ req, params, ctx }) => {
    const fleet = fleetOf(ctx);
    const action = params.action as SimulatorAction;
    if (!ACTIONS.includes(action))
      throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `No simulator action ${params.action} (one of ${ACTIONS.join(', ')})`);
    const body = await readJsonObject(req);
    const problems: Record<string, string> = {};
    for (const key of Object.keys(body)) if (!ACTION_FIELDS.includes(key)) problems[key] = 'is not a known field';
    if (body.connectorId !== undefined && (typeof body.connectorId !== 'number' || !Number.isInteger(body.connectorId)))
      problems.connectorId = 'must be an integer';
    if (body.idTag !== undefined) {
      // The same IdToken rule as every form and route that takes an id tag (shared/ocpp/cistring.ts).
      const idTagProblem = typeof body.idTag !== 'string' ? 'must be a string' : idTokenProblem(body.idTag);
      if (idTagProblem) problems.idTag = idTagProblem;
    }
    if (body.errorCode !== undefined && typeof body.errorCode !== 'string') problems.errorCode = 'must be a string';
    if (body.abrupt !== undefined && typeof body.abrupt !== 'boolean') problems.abrupt = 'must be true or false';
    if (Object.keys(problems).length) throw validationFailed(problems);
    try {
      return await fleet.act(params.id!, action, body);
    } catch (err) {
      throw toHttp(err);
    }
  });
}
