import type { Handler, HandlerContext } from './context.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';

function record(ctx: HandlerContext, kind: FileStatusKind, status: string, requestId: number | null): void {
  ctx.repos.stationReports.recordFileStatus(ctx.chargePointId, kind, status, requestId, ctx.nowIso);
  if (kind === 'firmware' || kind === 'signedFirmware') ctx.repos.chargePoints.setFileStatus(ctx.chargePointId, 'firmware', status, ctx.nowIso);
  if (kind === 'diagnostics' || kind === 'log') ctx.repos.chargePoints.setFileStatus(ctx.chargePointId, 'diagnostics', status, ctx.nowIso);
  ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind, status });
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
