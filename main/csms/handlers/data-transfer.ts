import type { OcppResponse } from '../../../shared/ocpp/actions.js';
import type { Handler } from './context.js';

/** DataTransfer from a station: an unknown vendorId gets UnknownVendorId and no data (OCPP 1.6 §4.3, TC_064). */
export const dataTransfer: Handler<'DataTransfer'> = (ctx, req) => {
  const vendorHandler = ctx.services.vendorDataTransfer.get(req.vendorId);
  const response: OcppResponse<'DataTransfer'> = vendorHandler ? vendorHandler(ctx.chargePointId, req) : { status: 'UnknownVendorId' };
  ctx.repos.stationReports.recordDataTransfer(ctx.chargePointId, req.vendorId, req.messageId ?? null, req.data ?? null, response.status, ctx.nowIso);
  return response;
};
