/**
 * ReserveNow / CancelReservation (OCPP 1.6 §5.13, §5.3; OCTT TC_046–TC_053) and reservation expiry.
 * The row is written (Requested) before ReserveNow goes out, so a reservationId is never handed out twice; the
 * answer makes it Active or Refused. A used reservation (StartTransaction) and one ended by Faulted/Unavailable
 * are the core handlers' business.
 */
import type { OperatorOperations } from './operator-operations.js';
import { failureText, isInt } from './support.js';

export function registerReservations(ops: OperatorOperations): void {
  const book = ops.stores.reservations;

  ops.register('ReserveNow', {
    async prepare(chargePointId, payload) {
      const { reservationId, connectorId, idTag, parentIdTag, expiryDate } = payload;
      const given = isInt(reservationId) ? reservationId : undefined;
      if (isInt(connectorId) && typeof idTag === 'string' && typeof expiryDate === 'string') {
        const reservation = { connectorId, idTag, expiryDate, ...(typeof parentIdTag === 'string' ? { parentIdTag } : {}) };
        return { ...payload, reservationId: await book.request(chargePointId, { ...reservation, reservationId: given }) };
      }
      // Not a ReserveNow the schema takes: nothing is stored, the call tells the operator what is wrong.
      return given === undefined && reservationId === undefined ? { ...payload, reservationId: book.nextId() } : payload;
    },
    applied: (chargePointId, request, response) => book.answered(chargePointId, request.reservationId, response.status),
    async failed(chargePointId, request, problem) {
      if (isInt(request.reservationId)) await book.unanswered(chargePointId, request.reservationId, failureText(problem));
    },
  });

  ops.register('CancelReservation', {
    async applied(chargePointId, request, response) {
      // Only a reservation of this station that is still open (TC_052 sends an id that is not one).
      if (response.status === 'Accepted') await book.cancelled(chargePointId, request.reservationId);
    },
  });

  book.startExpirySweep();
  ops.onStop(() => book.stopExpirySweep());
}
