import type { OcppRequest, OcppResponse } from '../../../shared/ocpp/actions.js';
import type { Handler } from './context.js';

export type VendorDataTransferHandler = (chargePointId: string, request: OcppRequest<'DataTransfer'>) => OcppResponse<'DataTransfer'>;

/** Vendor extensions register here by vendorId (OCPP 1.6 §4.3); matching is exact, as the spec says. */
export class VendorDataTransferRegistry {
  private readonly handlers = new Map<string, VendorDataTransferHandler>();

  register(vendorId: string, handler: VendorDataTransferHandler): () => void {
    this.handlers.set(vendorId, handler);
    return () => this.handlers.delete(vendorId);
  }

  get(vendorId: string): VendorDataTransferHandler | undefined {
    return this.handlers.get(vendorId);
  }
}

/** DataTransfer from a station: an unknown vendorId gets UnknownVendorId and no data (OCPP 1.6 §4.3, TC_064). */
export const dataTransfer: Handler<'DataTransfer'> = (ctx, req) => {
  const vendorHandler = ctx.services.vendorDataTransfer.get(req.vendorId);
  const response: OcppResponse<'DataTransfer'> = vendorHandler ? vendorHandler(ctx.chargePointId, req) : { status: 'UnknownVendorId' };
  ctx.repos.stationReports.recordDataTransfer(ctx.chargePointId, req.vendorId, req.messageId ?? null, req.data ?? null, response.status, ctx.nowIso);
  return response;
};
