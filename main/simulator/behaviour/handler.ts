/**
 * What a default behaviour is: a function of the station's scripting API and the central system's request
 * (already checked against the action's schema) that returns the conf and, optionally, a follow-up flow.
 */
import type { CentralSystemAction, OcppRequest, OcppResponse } from '../../../shared/ocpp/actions.js';
import type { StationScript } from '../scripting.js';

export interface DefaultAnswer<A extends CentralSystemAction = CentralSystemAction> {
  conf: OcppResponse<A>;
  /** Runs after the CALLRESULT has been sent (follow-up messages). */
  after?: () => Promise<unknown>;
}

export type Handler<A extends CentralSystemAction> = (cp: StationScript, request: OcppRequest<A>) => DefaultAnswer<A> | Promise<DefaultAnswer<A>>;

/** Whether `connectorId` names a connector of this station (0 = the charge point as a whole). */
export function isConnectorId(cp: StationScript, connectorId: number): boolean {
  return connectorId >= 0 && connectorId <= cp.connectorCount;
}

/** Wait until `iso`, if it is in the future. */
export async function until(cp: StationScript, iso: string | undefined): Promise<void> {
  if (!iso) return;
  const t = Date.parse(iso);
  if (Number.isFinite(t)) await cp.sleep(t - cp.now());
}

/** Whether `iso` is a time after now. */
export function isFuture(cp: StationScript, iso: string | undefined): boolean {
  const t = Date.parse(iso ?? '');
  return Number.isFinite(t) && t > cp.now();
}

/** The pause between the steps of a firmware/diagnostics/log flow (the stepDelayMs option). */
export function step(cp: StationScript): Promise<void> {
  return cp.sleep(cp.options.stepDelayMs ?? 0);
}
