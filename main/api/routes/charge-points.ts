import {
  MAX_STATION_IDS_PER_LIST,
  type ChargePointDto,
  type ChargePointUpdate,
  type FormatRefusalDto,
  type ListResponse,
} from '../../../shared/api/types.js';
import { parseFrame } from '../../../shared/ocpp/rpc-frames.js';
import { hasControlCharacter } from '../../csms/domain/control-characters.js';
import { IDENTITY_MAX_LENGTH } from '../../csms/server/handshake.js';
import type { ApiContext } from '../context.js';
import { connectionEventDto, refusedHandshakeDto } from '../../csms/services/dto.js';
import { ApiHttpError, intParam, notFound, readJsonObject, sendSerialisedJson, validationFailed } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';
import { ChargePointUpdateBody } from '../../../shared/api/request-bodies.js';
import { bodyProblems } from '../validate.js';

/** The same rule the OCPP handshake applies to identities (also for the ids of sites, which live in URLs the same way). */
export function identityProblem(id: string): string | undefined {
  return id.length < 1 || id.length > IDENTITY_MAX_LENGTH || hasControlCharacter(id)
    ? `must be 1 to ${IDENTITY_MAX_LENGTH} printable characters`
    : undefined;
}

/** How far back the doctor looks for CALLs refused for their format: the newest rows of the message log. */
const FORMAT_REFUSAL_WINDOW_ROWS = 100_000;

export function findChargePoint(ctx: ApiContext, id: string): ChargePointDto | undefined {
  return ctx.stations.view(id, ctx.connections.has(id));
}

export function chargePointRoutes(router: Router): void {
  // A ListResponse<ChargePointDto> (storage/reader/station-list.ts), serialised by the reader worker. `?id=A&id=B`:
  // only those stations (the ones that exist), so a console that saw a few hundred of thousands change fetches those.
  router.get('/api/charge-points', async ({ res, query, ctx }) => {
    const ids = query.has('id') ? query.getAll('id') : undefined;
    if (ids && ids.length > MAX_STATION_IDS_PER_LIST)
      throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `at most ${MAX_STATION_IDS_PER_LIST} id parameters per request (got ${ids.length})`);
    sendSerialisedJson(res, 200, await ctx.stations.listJson(ids));
    return HANDLED;
  });

  router.get(
    '/api/charge-points/:id',
    ({ params, ctx }) => findChargePoint(ctx, params.id!) ?? Promise.reject(notFound(`Charge point ${params.id}`)),
  );

  router.put('/api/charge-points/:id', async ({ req, params, ctx }) => {
    const id = params.id!;
    const body = await readJsonObject(req);
    const problems = bodyProblems(ChargePointUpdateBody, body);
    const idProblem = identityProblem(id);
    if (idProblem) problems.id = idProblem;
    if (Object.keys(problems).length) throw validationFailed(problems);
    const update = body as ChargePointUpdate;
    const { existed } = await ctx.stations.upsert({
      id,
      description: update.description,
      registrationStatus: update.registrationStatus,
      securityProfile: update.securityProfile,
      password: update.password,
      validationMode: update.validationMode,
    });
    return reply(existed ? 200 : 201, findChargePoint(ctx, id));
  });

  router.delete('/api/charge-points/:id', async ({ params, ctx }) => {
    const id = params.id!;
    if (!ctx.stations.has(id)) throw notFound(`Charge point ${id}`);
    if (ctx.connections.has(id)) throw new ApiHttpError(409, 'API_ERR_CONFLICT', `${id} is connected; it cannot be deleted while connected`);
    if (!(await ctx.stations.delete(id))) throw notFound(`Charge point ${id}`);
    return reply(204);
  });

  router.get('/api/charge-points/:id/connection-events', ({ params, query, ctx }) => {
    const items = ctx.handshakes.history(params.id!, intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100).map(connectionEventDto);
    return { items };
  });

  router.get('/api/doctor/format-refusals', async ({ ctx }): Promise<ListResponse<FormatRefusalDto>> => {
    const refusals = await ctx.messageLog.formatRefusals(FORMAT_REFUSAL_WINDOW_ROWS);
    const globalMode = ctx.settings.current().validationMode;
    const items = refusals.flatMap((refusal): FormatRefusalDto[] => {
      const station = ctx.stations.get(refusal.charge_point_id);
      // Only stations read strictly now: lenient mode is what the doctor offers.
      if (!station || (station.validation_mode ?? globalMode) === 'lenient') return [];
      const last = ctx.messageLog.get(refusal.last_id);
      if (!last) return [];
      const answer = parseFrame(last.frame);
      return [
        {
          chargePointId: station.id,
          refusedCount: refusal.refused,
          lastAt: last.at,
          lastAction: last.action,
          lastErrorCode: last.error_code ?? '',
          lastDescription: answer.kind === 'error' ? answer.errorDescription : '',
          validationMode: station.validation_mode,
        },
      ];
    });
    return { items, total: items.length };
  });

  router.get('/api/handshakes/refused', ({ query, ctx }) => ({
    items: ctx.handshakes.recentRefused(intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100).map(refusedHandshakeDto),
  }));
}
