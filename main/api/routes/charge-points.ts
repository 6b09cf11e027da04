import type { ChargePointDto, ChargePointUpdate, FormatRefusalDto, ListResponse } from '../../../shared/api/types.js';
import { parseFrame } from '../../../shared/ocpp/rpc-frames.js';
import { IDENTITY_MAX_LENGTH } from '../../csms/server/handshake.js';
import type { ChargePointRow } from '../../csms/storage/repositories/charge-points.js';
import type { ApiContext } from '../context.js';
import { chargePointDto, connectionEventDto, refusedHandshakeDto } from '../dto.js';
import { ApiHttpError, intParam, notFound, readJsonObject, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';
import { checkFields, integer, nullable, oneOf, text } from '../validate.js';

/** The same rule the OCPP handshake applies to identities. */
function identityProblem(id: string): string | undefined {
  return id.length < 1 || id.length > IDENTITY_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(id)
    ? `must be 1 to ${IDENTITY_MAX_LENGTH} printable characters`
    : undefined;
}

/** How far back the doctor looks for CALLs refused for their format: the newest rows of the message log. */
const FORMAT_REFUSAL_WINDOW_ROWS = 100_000;

const UPDATE_FIELDS = {
  description: text(500),
  registrationStatus: oneOf(['Accepted', 'Pending', 'Rejected']),
  password: nullable(text(256, 1)),
  securityProfile: integer(0, 3),
  validationMode: nullable(oneOf(['strict', 'lenient'])),
};

export function findChargePoint(ctx: ApiContext, id: string): ChargePointDto | undefined {
  const row = ctx.csms.repos.chargePoints.get(id);
  return row && chargePointDto(withLastHeard(ctx, row), !!ctx.csms.connection(id), ctx.csms.repos.connectors.list(id));
}

/** The stored last-seen time is written every few seconds; the time heard in memory is the current one. */
function withLastHeard(ctx: ApiContext, row: ChargePointRow): ChargePointRow {
  const heard = ctx.csms.lastHeard.latest(row.id, row.last_seen_at);
  return heard === row.last_seen_at ? row : { ...row, last_seen_at: heard };
}

export function chargePointRoutes(router: Router): void {
  router.get('/api/charge-points', ({ ctx }): ListResponse<ChargePointDto> => {
    const connected = new Set(ctx.csms.connectedIds());
    const items = ctx.csms.repos.chargePoints
      .list()
      .map((row) => chargePointDto(withLastHeard(ctx, row), connected.has(row.id), ctx.csms.repos.connectors.list(row.id)));
    return { items, total: items.length };
  });

  router.get(
    '/api/charge-points/:id',
    ({ params, ctx }) => findChargePoint(ctx, params.id!) ?? Promise.reject(notFound(`Charge point ${params.id}`)),
  );

  router.put('/api/charge-points/:id', async ({ req, params, ctx }) => {
    const id = params.id!;
    const body = await readJsonObject(req);
    const problems = checkFields(body, UPDATE_FIELDS);
    const idProblem = identityProblem(id);
    if (idProblem) problems.id = idProblem;
    if (Object.keys(problems).length) throw validationFailed(problems);
    const update = body as ChargePointUpdate;
    const existed = !!ctx.csms.repos.chargePoints.get(id);
    await ctx.csms.upsertChargePoint({
      id,
      description: update.description,
      registrationStatus: update.registrationStatus,
      securityProfile: update.securityProfile,
      password: update.password,
    });
    if (update.validationMode !== undefined) {
      const now = ctx.csms.clock.now().toISOString();
      await ctx.csms.groupCommit.run(() => ctx.csms.repos.chargePoints.update(id, { validationMode: update.validationMode }, now));
      ctx.csms.events.emit('chargePoint.changed', { chargePointId: id });
    }
    return reply(existed ? 200 : 201, findChargePoint(ctx, id));
  });

  router.delete('/api/charge-points/:id', async ({ params, ctx }) => {
    const id = params.id!;
    if (!ctx.csms.repos.chargePoints.get(id)) throw notFound(`Charge point ${id}`);
    if (ctx.csms.connection(id)) throw new ApiHttpError(409, 'API_ERR_CONFLICT', `${id} is connected; it cannot be deleted while connected`);
    await ctx.csms.groupCommit.run(() => ctx.csms.repos.chargePoints.delete(id));
    ctx.csms.lastHeard.forget(id);
    ctx.csms.forgetVerifiedPassword(id);
    ctx.csms.events.emit('chargePoint.changed', { chargePointId: id });
    return reply(204);
  });

  router.get('/api/charge-points/:id/connection-events', ({ params, query, ctx }) => {
    const items = ctx.csms.repos.connectionEvents
      .eventsFor(params.id!, intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100)
      .map(connectionEventDto);
    return { items };
  });

  router.get('/api/doctor/format-refusals', ({ ctx }): ListResponse<FormatRefusalDto> => {
    const globalMode = ctx.csms.settings().validationMode;
    const items = ctx.csms.repos.messageLog.formatRefusals(FORMAT_REFUSAL_WINDOW_ROWS).flatMap((refusal): FormatRefusalDto[] => {
      const station = ctx.csms.repos.chargePoints.get(refusal.charge_point_id);
      // Only stations read strictly now: lenient mode is what the doctor offers.
      if (!station || (station.validation_mode ?? globalMode) === 'lenient') return [];
      const last = ctx.csms.repos.messageLog.get(refusal.last_id);
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
    items: ctx.csms.repos.connectionEvents.recentRefused(intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100).map(refusedHandshakeDto),
  }));
}
