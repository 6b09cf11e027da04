import type { Handler } from './context.js';

/** Statuses that end a reservation on the connector (OCPP 1.6 §5.13: a reserved connector that becomes unusable). */
const RESERVATION_ENDING = new Set(['Faulted', 'Unavailable']);

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
  ctx.emit('connector.status', { chargePointId: ctx.chargePointId, connectorId: req.connectorId, status: req.status, errorCode: req.errorCode });
  return {};
};
