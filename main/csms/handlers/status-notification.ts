import { ACCEPTED } from '../storage/repositories/transactions.js';
import type { Handler, HandlerContext } from './context.js';
import { dropUnusedTxProfiles } from './tx-profiles.js';

/** Statuses that end a reservation on the connector (OCPP 1.6 §5.13: a reserved connector that becomes unusable). */
const RESERVATION_ENDING = new Set(['Faulted', 'Unavailable']);
/** Statuses of a connector with no transaction on it (§4.9): a refused start still open there was dropped. */
const NO_TRANSACTION = new Set(['Available', 'Preparing']);

/**
 * StatusNotification (OCPP 1.6 §4.9). Any transition is accepted (errata 3.22); connectors are created on first
 * sight, including connector 0 (the whole station). The timestamp is optional in practice (interop notes).
 */
export const statusNotification: Handler<'StatusNotification'> = (ctx, req) => {
  ctx.repos.connectors.recordStatus({
    chargePointId: ctx.chargePointId,
    connectorId: req.connectorId,
    status: req.status,
    errorCode: req.errorCode,
    info: req.info,
    vendorId: req.vendorId,
    vendorErrorCode: req.vendorErrorCode,
    cpTimestamp: req.timestamp,
    receivedAt: ctx.nowIso,
  });
  if (RESERVATION_ENDING.has(req.status)) {
    // Connector 0 stands for the whole station: every reservation on it ends.
    const reservations =
      req.connectorId === 0
        ? ctx.repos.reservations.activeForChargePoint(ctx.chargePointId)
        : ctx.repos.reservations.activeOnConnector(ctx.chargePointId, req.connectorId);
    for (const reservation of reservations) {
      ctx.repos.reservations.end(reservation.id, 'Ended', `Connector ${req.connectorId} became ${req.status}`, ctx.nowIso);
      ctx.emit('reservation.changed', { chargePointId: ctx.chargePointId, reservationId: reservation.id, status: 'Ended' });
    }
  }
  if (req.connectorId > 0 && NO_TRANSACTION.has(req.status)) closeDroppedRefusedStarts(ctx, req.connectorId, req.status);
  if (req.connectorId > 0 && req.status === 'Available') dropUnusedTxProfiles(ctx, req.connectorId);
  ctx.emit('connector.status', { chargePointId: ctx.chargePointId, connectorId: req.connectorId, status: req.status, errorCode: req.errorCode });
  return {};
};

/**
 * Many stations drop a start we refused without sending StopTransaction (OCPP 1.6 §5.17 StopTransactionOnInvalidId
 * makes stopping optional). Once the connector says it has no transaction, the refused start is over: closed as
 * stale, its stop, if one still comes, replaces that closure (stop-transaction.ts).
 */
function closeDroppedRefusedStarts(ctx: HandlerContext, connectorId: number, status: string): void {
  for (const tx of ctx.repos.transactions.openOnConnector(ctx.chargePointId, connectorId)) {
    if (tx.start_status === ACCEPTED) continue;
    ctx.repos.transactions.stop({
      id: tx.id,
      meterStopWh: tx.last_meter_wh === null ? null : Math.round(tx.last_meter_wh),
      stoppedCpAt: null,
      reason: 'DeAuthorized',
      idTag: null,
      endedBy: 'stale',
      note: `Refused start (${tx.start_status}) dropped by the station: connector ${connectorId} reported ${status} without a StopTransaction`,
      receivedAt: ctx.nowIso,
    });
    ctx.emit('transaction.stopped', { chargePointId: ctx.chargePointId, transactionId: tx.id, reason: 'DeAuthorized' });
  }
}
