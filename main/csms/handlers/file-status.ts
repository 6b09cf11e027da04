import type { Handler, HandlerContext } from './context.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';

/**
 * Each notification goes into the station's history and into the timeline of the file job it belongs to (by
 * requestId for GetLog / SignedUpdateFirmware, else the open job of its kind); a terminal status ends that job, and
 * with it the job's upload credential. The station's diagnostics status follows DiagnosticsStatusNotification only:
 * a log upload (white paper GetLog) is another job with its own statuses.
 */
function record(ctx: HandlerContext, kind: FileStatusKind, status: string, requestId: number | null): void {
  const jobId = ctx.repos.fileJobs.jobForNotification(ctx.chargePointId, kind, requestId);
  ctx.repos.stationReports.recordFileStatus(ctx.chargePointId, kind, status, requestId, ctx.nowIso, jobId);
  if (jobId !== null) ctx.repos.fileJobs.recordStationStatus(jobId, kind, status, ctx.nowIso);
  if (kind === 'firmware' || kind === 'signedFirmware') ctx.repos.chargePoints.setFileStatus(ctx.chargePointId, 'firmware', status, ctx.nowIso);
  if (kind === 'diagnostics') ctx.repos.chargePoints.setFileStatus(ctx.chargePointId, 'diagnostics', status, ctx.nowIso);
  ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind, status });
  if (jobId !== null) ctx.emit('fileJob.changed', { chargePointId: ctx.chargePointId, jobId, kind, status });
}

/** FirmwareStatusNotification (OCPP 1.6 §4.5): kept as a timeline per station. `Idle` only follows a trigger. */
export const firmwareStatusNotification: Handler<'FirmwareStatusNotification'> = (ctx, req) => {
  record(ctx, 'firmware', req.status, null);
  return {};
};

/** DiagnosticsStatusNotification (OCPP 1.6 §4.4). */
export const diagnosticsStatusNotification: Handler<'DiagnosticsStatusNotification'> = (ctx, req) => {
  record(ctx, 'diagnostics', req.status, null);
  return {};
};

/** LogStatusNotification (security white paper, GetLog use case). */
export const logStatusNotification: Handler<'LogStatusNotification'> = (ctx, req) => {
  record(ctx, 'log', req.status, req.requestId ?? null);
  return {};
};

/** SignedFirmwareStatusNotification (security white paper, secure firmware update). */
export const signedFirmwareStatusNotification: Handler<'SignedFirmwareStatusNotification'> = (ctx, req) => {
  record(ctx, 'signedFirmware', req.status, req.requestId ?? null);
  return {};
};
