/**
 * SetChargingProfile / ClearChargingProfile / GetCompositeSchedule and the TxProfile of a RemoteStartTransaction
 * (OCPP 1.6 §3.13, §5.5, §5.7, §5.16; OCTT TC_056–TC_067): the profile set each station accepted, modelled with
 * the shared stacking rules, and the last composite schedule per connector. Profile problems are advice only: the
 * operator may send anything (OCTT sends odd values on purpose).
 */
import {
  checkChargingProfile,
  clearProfiles,
  endTransaction,
  installProfile,
  type ChargingProfile,
  type ProfileProblem,
} from '../../../shared/smart-charging/index.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CentralSystem } from '../central-system.js';
import type { OperatorOperations } from './operator-operations.js';
import { isInt, nowIso, statusOf } from './support.js';

/** Advice on a profile about to be sent (SetChargingProfile.req or RemoteStartTransaction.req); never blocks. */
export function adviseChargingProfile(
  csms: CentralSystem,
  chargePointId: string,
  action: 'SetChargingProfile' | 'RemoteStartTransaction',
  request: JsonObject,
): ProfileProblem[] {
  const profile = (action === 'SetChargingProfile' ? request.csChargingProfiles : request.chargingProfile) as ChargingProfile | undefined;
  if (!profile || typeof profile !== 'object') return [];
  const connectorId = isInt(request.connectorId) ? request.connectorId : 0;
  const open = connectorId > 0 ? csms.repos.transactions.openOnConnector(chargePointId, connectorId) : [];
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

export function registerChargingProfiles(ops: OperatorOperations): void {
  const csms = ops.csms;
  const changed = (chargePointId: string) => csms.events.emit('chargingProfiles.changed', { chargePointId });
  const update = async (chargePointId: string, change: (installed: ReturnType<typeof csms.repos.chargingProfiles.installed>) => typeof installed) => {
    const now = nowIso(csms);
    let installed: ReturnType<typeof csms.repos.chargingProfiles.installed> = [];
    await csms.groupCommit.run(() => {
      installed = change(csms.repos.chargingProfiles.installed(chargePointId));
      csms.repos.chargingProfiles.setInstalled(chargePointId, installed, now);
    });
    changed(chargePointId);
  };

  ops.register('SetChargingProfile', {
    async applied(chargePointId, request, response) {
      if (statusOf(response) !== 'Accepted' || !isInt(request.connectorId)) return;
      const connectorId = request.connectorId;
      await update(chargePointId, (installed) => installProfile(installed, connectorId, request.csChargingProfiles as ChargingProfile).installed);
    },
  });

  ops.register('ClearChargingProfile', {
    async applied(chargePointId, request, response) {
      const status = statusOf(response);
      // Unknown = nothing matched on the station: whatever we still hold that matches is stale too.
      if (status !== 'Accepted' && status !== 'Unknown') return;
      await update(chargePointId, (installed) => clearProfiles(installed, request).installed);
    },
  });

  ops.register('GetCompositeSchedule', {
    async applied(chargePointId, request, response) {
      const connectorId = isInt(request.connectorId) ? request.connectorId : 0;
      const now = nowIso(csms);
      await csms.groupCommit.run(() => csms.repos.chargingProfiles.recordCompositeSchedule(chargePointId, connectorId, request, response, now));
      csms.events.emit('compositeSchedule.changed', { chargePointId, connectorId });
    },
  });

  // When each RemoteStartTransaction went out: its start is the first one for its tag on its connector since then.
  const sentAt = new WeakMap<JsonObject, string>();
  ops.register('RemoteStartTransaction', {
    prepare(_chargePointId, request) {
      sentAt.set(request, nowIso(csms));
      return request;
    },
    async applied(chargePointId, request, response) {
      // The TxProfile travels with the request; without a connectorId we cannot tell where the station put it.
      if (statusOf(response) !== 'Accepted' || !request.chargingProfile || !isInt(request.connectorId)) return;
      const connectorId = request.connectorId;
      const idTag = String(request.idTag);
      const requestedAt = sentAt.get(request) ?? nowIso(csms);
      await update(chargePointId, (installed) => {
        // The profile belongs to the transaction this start creates (§5.11). Its StartTransaction may already have
        // arrived (it can overtake this answer's processing); otherwise the start binds it (handlers/tx-profiles.ts).
        const started = csms.repos.transactions
          .openOnConnector(chargePointId, connectorId)
          .find((tx) => tx.id_tag.toLowerCase() === idTag.toLowerCase() && tx.start_received_at >= requestedAt);
        const profile = request.chargingProfile as ChargingProfile;
        if (started) return installProfile(installed, connectorId, { ...profile, transactionId: started.id }).installed;
        const result = installProfile(installed, connectorId, profile).installed;
        const added = result.at(-1)!;
        return [...result.slice(0, -1), { ...added, awaitingStart: { idTag, requestedAt } }];
      });
    },
  });

  // A TxProfile lives as long as its transaction (§3.13.1).
  const listeners = listening.get(csms) ?? new Set<string>();
  listening.set(csms, listeners);
  if (!listeners.has('transaction.stopped')) {
    listeners.add('transaction.stopped');
    csms.events.on('transaction.stopped', ({ chargePointId, transactionId }) => {
      if (!csms.db.open) return;
      const installed = csms.repos.chargingProfiles.installed(chargePointId);
      if (!installed.some((p) => p.profile.chargingProfilePurpose === 'TxProfile')) return;
      const tx = csms.repos.transactions.get(transactionId);
      if (!tx) return;
      const now = nowIso(csms);
      csms.groupCommit.runDetached(() =>
        csms.repos.chargingProfiles.setInstalled(
          chargePointId,
          endTransaction(csms.repos.chargingProfiles.installed(chargePointId), tx.connector_id, transactionId).installed,
          now,
        ),
      );
      changed(chargePointId);
    });
  }
}

const listening = new WeakMap<CentralSystem, Set<string>>();
