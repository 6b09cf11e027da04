import type { ChargePointAction, OcppRequest, OcppResponse } from '../../../shared/ocpp/actions.js';
import type { RuntimeSettings } from '../config/settings.js';
import type { CsmsEventMap, CsmsEventName } from '../domain/events.js';
import type { ChargePointAdmission } from '../storage/repositories/charge-points.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { VendorDataTransferRegistry } from './vendor-data-transfer.js';

/** Services a handler may use besides storage; the operator and security layers plug in here. */
export interface HandlerServices {
  vendorDataTransfer: VendorDataTransferRegistry;
  /** Set once a CA is configured (security issue); SignCertificate is Rejected until then. */
  certificateSigner?: { canSign(chargePointId: string): boolean; requestSigning(chargePointId: string, csr: string): void };
  /** When a station was last heard: the in-memory time, newer than the stored one (domain/last-heard.ts). */
  lastHeard?: { latest(chargePointId: string, stored: string | null): string | null };
}

/**
 * Everything one CALL's handler sees. Handlers run synchronously inside the storage batch (see GroupCommit), so
 * what they write is committed before their reply is sent; events they emit are delivered after that commit.
 */
export interface HandlerContext {
  readonly chargePointId: string;
  readonly chargePoint: ChargePointAdmission;
  readonly now: Date;
  /** `now` as stored (ISO 8601 UTC with milliseconds). */
  readonly nowIso: string;
  readonly repos: Repositories;
  readonly settings: RuntimeSettings;
  readonly services: HandlerServices;
  /** Format a time we send, honouring the milliseconds setting (OCPP 1.6 §3.14: UTC). */
  formatTime(date: Date): string;
  /** Queue an event for after the commit. */
  emit<E extends CsmsEventName>(name: E, payload: CsmsEventMap[E]): void;
}

export type Handler<A extends ChargePointAction> = (ctx: HandlerContext, request: OcppRequest<A>) => OcppResponse<A>;
