import type {
  LibraryProfileDto,
  LibraryProfilePutResponse,
  ListResponse,
  LocalScheduleDto,
  ProfileCheckResponse,
  ProfileInstallResponse,
} from '../../../shared/api/types.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import {
  checkChargingProfile,
  computeCompositeSchedule,
  sampleSchedule,
  type ChargingProfile,
  type ProfileContext,
} from '../../../shared/smart-charging/index.js';
import { adviseChargingProfile } from '../../csms/operations/index.js';
import type { LibraryProfile } from '../../csms/services/profile-library.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, intParam, notFound, readJsonObject, stringParam, validationFailed } from '../http.js';
import { reply, type Router } from '../router.js';
import { LibraryProfileUpdateBody, ProfileCheckBody, ProfileInstallBody } from '../../../shared/api/request-bodies.js';
import { bodyProblems, valueProblem } from '../validate.js';
import { callResponse, sendOperation } from './calls.js';

const MAX_SCHEDULE_SEC = 31 * 86_400;

const libraryDto = (p: LibraryProfile): LibraryProfileDto => ({ ...p });

/** 422 with the OCPP schema issues when `profile` is not a valid ChargingProfile (checked as SetChargingProfile carries it). */
function requireValidProfile(ctx: ApiContext, profile: unknown): ChargingProfile {
  const outcome = ctx.central.validator.request('SetChargingProfile', { connectorId: 0, csChargingProfiles: profile });
  if (!outcome.ok)
    throw new ApiHttpError(422, 'API_ERR_VALIDATION', `Not a valid OCPP ChargingProfile: ${outcome.description}`, { issues: outcome.issues });
  return profile as ChargingProfile;
}

/** Advice on a library profile, which belongs to no connector yet: checked as for connector 0 (ChargePointMaxProfile) or 1. */
function libraryAdvice(profile: ChargingProfile) {
  return checkChargingProfile(profile, { connectorId: profile.chargingProfilePurpose === 'ChargePointMaxProfile' ? 0 : 1 });
}

function requireChargePoint(ctx: ApiContext, id: string): void {
  if (!ctx.stations.has(id)) throw notFound(`Charge point ${id}`);
}

/**
 * Smart charging for the operator (README "What the central system does"): the charging profile library, advisory profile checks, installing a
 * library profile on a station, and the composite schedule a station follows computed from what it accepted.
 */
export function smartChargingRoutes(router: Router): void {
  router.get('/api/charging-profiles', ({ ctx }): ListResponse<LibraryProfileDto> => {
    const items = ctx.profileLibrary.list().map(libraryDto);
    return { items, total: items.length };
  });

  router.get('/api/charging-profiles/:name', ({ params, ctx }): LibraryProfileDto => {
    const found = ctx.profileLibrary.get(params.name!);
    if (!found) throw notFound(`Charging profile ${params.name}`);
    return libraryDto(found);
  });

  router.put('/api/charging-profiles/:name', async ({ req, params, ctx }) => {
    const name = params.name!;
    const body = await readJsonObject(req);
    const problems = bodyProblems(LibraryProfileUpdateBody, body);
    const nameProblem = valueProblem(ProfileInstallBody, 'name', name);
    if (nameProblem) problems.name = nameProblem;
    if (Object.keys(problems).length) throw validationFailed(problems);
    const profile = requireValidProfile(ctx, body.profile);
    const existed = !!ctx.profileLibrary.get(name);
    const stored = await ctx.profileLibrary.save({ name, description: (body.description as string | undefined) ?? '', profile });
    const answer: LibraryProfilePutResponse = { ...libraryDto(stored), problems: libraryAdvice(profile) };
    return reply(existed ? 200 : 201, answer);
  });

  router.delete('/api/charging-profiles/:name', async ({ params, ctx }) => {
    const deleted = await ctx.profileLibrary.delete(params.name!);
    if (!deleted) throw notFound(`Charging profile ${params.name}`);
    return reply(204);
  });

  // Advice only: any profile may be sent (conformance tests send invalid ones on purpose).
  router.post('/api/charging-profiles/check', async ({ req }): Promise<ProfileCheckResponse> => {
    const body = await readJsonObject(req);
    const problems = bodyProblems(ProfileCheckBody, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const context = (body.context as ProfileContext | undefined) ?? 'SetChargingProfile';
    return { problems: checkChargingProfile(body.profile as ChargingProfile, { connectorId: body.connectorId as number, context }) };
  });

  router.post('/api/charge-points/:id/charging-profiles/install', async ({ req, params, query, ctx }): Promise<ProfileInstallResponse> => {
    const id = params.id!;
    const body = await readJsonObject(req);
    const problems = bodyProblems(ProfileInstallBody, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const entry = ctx.profileLibrary.get(body.name as string);
    if (!entry) throw notFound(`Charging profile ${String(body.name)}`);
    const profile = { ...entry.profile, ...(body.transactionId !== undefined ? { transactionId: body.transactionId as number } : {}) };
    const request: JsonObject = { connectorId: body.connectorId, csChargingProfiles: profile };
    const advice = adviseChargingProfile(ctx.operations, id, 'SetChargingProfile', request);
    const timeoutMs = intParam(query, 'timeoutMs', { min: 100, max: 600_000 });
    const outcome = await sendOperation(ctx, id, 'SetChargingProfile', request, timeoutMs === undefined ? {} : { timeoutMs });
    return { ...callResponse(outcome), problems: advice };
  });

  router.get('/api/charge-points/:id/schedule', ({ params, query, ctx }): LocalScheduleDto => {
    const id = params.id!;
    const connectorId = intParam(query, 'connectorId', { min: 0 });
    if (connectorId === undefined) throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', 'connectorId is required');
    const durationSec = intParam(query, 'durationSec', { min: 1, max: MAX_SCHEDULE_SEC }) ?? 86_400;
    const stepSec = intParam(query, 'stepSec', { min: 1, max: MAX_SCHEDULE_SEC });
    const unit = stringParam(query, 'unit');
    if (unit !== undefined && unit !== 'A' && unit !== 'W') throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', 'unit must be A or W');
    requireChargePoint(ctx, id);
    const installed = ctx.operationsRecords.installedProfiles(id);
    const tx = connectorId > 0 ? ctx.transactions.openOnConnector(id, connectorId).at(-1) : undefined;
    const schedule = computeCompositeSchedule({
      installed,
      connectorId,
      start: ctx.central.clock.now(),
      durationSec,
      ...(unit ? { chargingRateUnit: unit } : {}),
      transaction: tx ? { id: tx.id, startedAt: new Date(tx.started_cp_at) } : null,
    });
    return {
      chargePointId: id,
      connectorId,
      transactionId: tx?.id ?? null,
      installedCount: installed.length,
      schedule: {
        scheduleStart: schedule.scheduleStart.toISOString(),
        duration: schedule.duration,
        chargingRateUnit: schedule.chargingRateUnit,
        periods: schedule.periods.map((p) => ({ ...p })),
      },
      samples: sampleSchedule(schedule, stepSec === undefined ? {} : { stepSec }).map((s) => ({ at: s.at.toISOString(), limit: s.limit })),
      reported: ctx.operationsRecords.reportedSchedule(id, connectorId) ?? null,
    };
  });
}
