/**
 * SetChargingProfile / ClearChargingProfile / GetCompositeSchedule and the TxProfile of a RemoteStartTransaction
 * (OCPP 1.6 §3.13, §5.5, §5.7, §5.16; OCTT TC_056–TC_067): the profile set each station accepted, modelled with
 * the shared stacking rules, and the last composite schedule per connector. Profile problems are advice only: the
 * operator may send anything (OCTT sends odd values on purpose).
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { OcppValidator } from '../../../shared/ocpp/validator.js';
import {
  checkChargingProfile,
  clearProfiles,
  installProfile,
  type ChargingProfile,
  type ProfileProblem,
} from '../../../shared/smart-charging/index.js';
import type { OperatorOperations } from './operator-operations.js';
import { isRequestOf } from './support.js';

/**
 * Advice on a profile about to be sent (SetChargingProfile.req or RemoteStartTransaction.req); never blocks. A
 * request that breaks the action's schema gets none: the call refuses it with the schema's reason.
 */
export function adviseChargingProfile(
  ops: Pick<OperatorOperations, 'host' | 'stores'>,
  chargePointId: string,
  action: 'SetChargingProfile' | 'RemoteStartTransaction',
  request: JsonObject,
): ProfileProblem[] {
  const target = profileOf(ops.host.validator, action, request);
  if (!target) return [];
  const { profile, connectorId } = target;
  const open = connectorId > 0 ? ops.stores.transactions.open(chargePointId, connectorId) : [];
  try {
    return checkChargingProfile(profile, {
      connectorId,
      activeTransactionId: connectorId > 0 ? (open.at(-1)?.id ?? null) : undefined,
      context: action,
    });
  } catch {
    return [];
  }
}

/** The profile a schema-valid request carries and its connector (0 = none given); RemoteStartTransaction may carry none. */
function profileOf(
  validator: OcppValidator,
  action: 'SetChargingProfile' | 'RemoteStartTransaction',
  request: JsonObject,
): { profile: ChargingProfile; connectorId: number } | undefined {
  if (action === 'SetChargingProfile') {
    return isRequestOf(validator, action, request) ? { profile: request.csChargingProfiles, connectorId: request.connectorId } : undefined;
  }
  if (!isRequestOf(validator, action, request) || !request.chargingProfile) return undefined;
  return { profile: request.chargingProfile, connectorId: request.connectorId ?? 0 };
}

export function registerChargingProfiles(ops: OperatorOperations): void {
  const { chargingProfiles, transactions } = ops.stores;
  const { clock } = ops.host;

  ops.register('SetChargingProfile', {
    async applied(chargePointId, { connectorId, csChargingProfiles }, { status }) {
      if (status !== 'Accepted') return;
      await chargingProfiles.change(chargePointId, (installed) => installProfile(installed, connectorId, csChargingProfiles).installed);
    },
  });

  ops.register('ClearChargingProfile', {
    async applied(chargePointId, request, { status }) {
      // Unknown = nothing matched on the station: whatever we still hold that matches is stale too.
      if (status !== 'Accepted' && status !== 'Unknown') return;
      await chargingProfiles.change(chargePointId, (installed) => clearProfiles(installed, request).installed);
    },
  });

  ops.register('GetCompositeSchedule', {
    applied: (chargePointId, request, response) => chargingProfiles.recordCompositeSchedule(chargePointId, request.connectorId, request, response),
  });

  // When each RemoteStartTransaction went out: its start is the first one for its tag on its connector since then.
  const sentAt = new WeakMap<JsonObject, string>();
  ops.register('RemoteStartTransaction', {
    prepare(_chargePointId, request) {
      sentAt.set(request, clock.now().toISOString());
      return request;
    },
    async applied(chargePointId, request, { status }) {
      const { connectorId, chargingProfile, idTag } = request;
      // The TxProfile travels with the request; without a connectorId we cannot tell where the station put it.
      if (status !== 'Accepted' || !chargingProfile || connectorId === undefined) return;
      const requestedAt = sentAt.get(request) ?? clock.now().toISOString();
      await chargingProfiles.change(chargePointId, (installed) => {
        // The profile belongs to the transaction this start creates (§5.11). Its StartTransaction may already have
        // arrived (it can overtake this answer's processing); otherwise the start binds it (handlers/tx-profiles.ts).
        const started = transactions
          .open(chargePointId, connectorId)
          .find((tx) => tx.idTag.toLowerCase() === idTag.toLowerCase() && tx.startReceivedAt >= requestedAt);
        if (started) return installProfile(installed, connectorId, { ...chargingProfile, transactionId: started.id }).installed;
        const result = installProfile(installed, connectorId, chargingProfile).installed;
        const added = result.at(-1);
        return added ? [...result.slice(0, -1), { ...added, awaitingStart: { idTag, requestedAt } }] : result;
      });
    },
  });

  // A TxProfile lives as long as its transaction (§3.13.1).
  const stopListening = ops.host.events.on('transaction.stopped', ({ chargePointId, transactionId }) => {
    const connectorId = transactions.connectorOf(transactionId);
    // A failed unit is reported by the group commit; the profiles stay as they were.
    if (connectorId !== undefined) chargingProfiles.endTransaction(chargePointId, transactionId, connectorId).catch(() => undefined);
  });
  ops.onStop(stopListening);
}
