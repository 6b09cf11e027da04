import type { OcppRequest, OcppResponse } from '../../../shared/ocpp/actions.js';

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
