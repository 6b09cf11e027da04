import type { InstalledProfile } from '../../../shared/smart-charging/index.js';
import type { HandlerContext } from './context.js';

const isTxProfileOn = (entry: InstalledProfile, connectorId: number) =>
  entry.connectorId === connectorId && entry.profile.chargingProfilePurpose === 'TxProfile';

/**
 * A TxProfile belongs to one transaction (OCPP 1.6 §3.13.1). The one sent with an accepted RemoteStartTransaction
 * waits (`awaitingStart`) for the start it asked for; that start takes it, even when it supersedes a stale
 * transaction on the same connector, whose own TxProfiles end with it. Runs inside the StartTransaction's batch,
 * so the `transaction.stopped` follow-up of the superseded transaction finds the new profile already bound.
 */
export function bindTxProfiles(ctx: HandlerContext, connectorId: number, idTag: string, transactionId: number, superseded: readonly number[]): void {
  const installed = ctx.repos.chargingProfiles.installed(ctx.chargePointId);
  if (!installed.some((entry) => isTxProfileOn(entry, connectorId))) return;
  let changed = false;
  const next: InstalledProfile[] = [];
  for (const entry of installed) {
    if (!isTxProfileOn(entry, connectorId)) next.push(entry);
    else if (entry.profile.transactionId !== undefined && superseded.includes(entry.profile.transactionId)) changed = true;
    else if (entry.awaitingStart && entry.awaitingStart.idTag.toLowerCase() === idTag.toLowerCase()) {
      const { awaitingStart: _bound, ...rest } = entry;
      next.push({ ...rest, profile: { ...entry.profile, transactionId } });
      changed = true;
    } else next.push(entry);
  }
  if (!changed) return;
  ctx.repos.chargingProfiles.setInstalled(ctx.chargePointId, next, ctx.nowIso);
  ctx.emit('chargingProfiles.changed', { chargePointId: ctx.chargePointId });
}

/**
 * The connector is Available again and the start a RemoteStartTransaction asked for never came (no EV plugged in
 * within ConnectionTimeOut, OCPP 1.6 §9.1.8): the station discarded the TxProfile that came with it, and so do we.
 */
export function dropUnusedTxProfiles(ctx: HandlerContext, connectorId: number): void {
  const installed = ctx.repos.chargingProfiles.installed(ctx.chargePointId);
  const next = installed.filter((entry) => !(isTxProfileOn(entry, connectorId) && entry.awaitingStart));
  if (next.length === installed.length) return;
  ctx.repos.chargingProfiles.setInstalled(ctx.chargePointId, next, ctx.nowIso);
  ctx.emit('chargingProfiles.changed', { chargePointId: ctx.chargePointId });
}
