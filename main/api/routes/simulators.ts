/**
 * Simulated stations started from the console (docs/api.md "Simulated stations"): the fleet lives in the same
 * process as the central system and connects to its OCPP port over real sockets (main/services/simulator-fleet.ts).
 */
import { SimulatorActionBody } from '../../../shared/api/request-bodies.js';
import type { ListResponse, SimulatorAction, SimulatorDto, SimulatorStartResponse } from '../../../shared/api/types.js';
import { FleetError, type SimulatorFleet } from '../../services/simulator-fleet.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';
import { checkedBody } from '../validate.js';

const ACTIONS: readonly SimulatorAction[] = ['plug-in', 'start', 'stop', 'unplug', 'fault', 'clear-fault', 'reconnect', 'disconnect'];

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
    const request = checkedBody(SimulatorActionBody, await readJsonObject(req));
    try {
      return await fleet.act(params.id!, action, request);
    } catch (err) {
      throw toHttp(err);
    }
  });
}
