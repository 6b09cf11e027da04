/**
 * The site power sharing (services/site-power.ts) sends its TxProfiles and TxDefaultProfiles through the operator
 * operations, like an operator's SetChargingProfile (OCPP 1.6 §5.16): refused in a registration state that does not
 * allow it, logged in the message log, and recorded by the charging-profile follow-up when accepted. It only sends
 * to stations the operator put in a site, which is the operator asking for it.
 */
import { CallFailure } from '../rpc/errors.js';
import type { SitePower } from '../services/site-power.js';
import type { OperatorOperations } from './operator-operations.js';

export function registerSitePower(ops: OperatorOperations, sitePower: SitePower): void {
  const detach = sitePower.attach(async (chargePointId, request) => {
    try {
      const outcome = await ops.send(chargePointId, 'SetChargingProfile', request);
      // §5.16: Accepted, Rejected or NotSupported; a CALLERROR (e.g. NotImplemented) refuses it as well.
      if (outcome.kind === 'result') return outcome.payload.status === 'Accepted' ? 'accepted' : 'rejected';
      return 'rejected';
    } catch (err) {
      // No answer (timeout, disconnected, not connected, not allowed now): it may or may not have applied it.
      if (err instanceof CallFailure) return 'no-answer';
      throw err;
    }
  });
  ops.onStop(detach);
}
