/**
 * ReserveNow / CancelReservation (OCPP 1.6 §5.13, §5.3; OCTT TC_046–TC_053) and reservation expiry.
 * The row is written (Requested) before ReserveNow goes out, so a reservationId is never handed out twice; the
 * answer makes it Active or Refused. A used reservation (StartTransaction) and one ended by Faulted/Unavailable
 * are the core handlers' business.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CentralSystem } from '../central-system.js';
import type { OperatorOperations } from './operator-operations.js';
import { failureText, isInt, nowIso, statusOf } from './support.js';

export function registerReservations(ops: OperatorOperations): void {
  const csms = ops.csms;
  const emit = (chargePointId: string, reservationId: number, status: string) =>
    csms.events.emit('reservation.changed', { chargePointId, reservationId, status });

  ops.register('ReserveNow', {
    async prepare(chargePointId, payload) {
      const request: JsonObject = { ...payload };
      const now = nowIso(csms);
      // Id and row in one synchronous step: two ReserveNow in the same turn get different ids.
      await csms.groupCommit.run(() => {
        if (!isInt(request.reservationId)) request.reservationId = csms.repos.reservationBook.nextId();
        if (typeof request.idTag === 'string' && isInt(request.connectorId) && typeof request.expiryDate === 'string') {
          csms.repos.reservationBook.request({
            id: request.reservationId as number,
            chargePointId,
            connectorId: request.connectorId,
            idTag: request.idTag,
            parentIdTag: typeof request.parentIdTag === 'string' ? request.parentIdTag : null,
            expiryDate: request.expiryDate,
            now,
          });
        }
      });
      emit(chargePointId, request.reservationId as number, 'Requested');
      return request;
    },
    async applied(chargePointId, request, response) {
      const id = request.reservationId as number;
      const answer = statusOf(response);
      const status = answer === 'Accepted' ? 'Active' : 'Refused';
      await csms.groupCommit.run(() => csms.repos.reservationBook.setStatus(id, status, nowIso(csms), { stationAnswer: answer }));
      emit(chargePointId, id, status);
      // An Accepted reservation may already be past its expiry date.
      reservationExpiry(csms).schedule();
    },
    async failed(chargePointId, request, error) {
      if (!isInt(request.reservationId) || csms.repos.reservations.get(request.reservationId)?.status !== 'Requested') return;
      const id = request.reservationId;
      await csms.groupCommit.run(() => csms.repos.reservationBook.setStatus(id, 'Refused', nowIso(csms), { stationAnswer: failureText(error) }));
      emit(chargePointId, id, 'Refused');
    },
  });

  ops.register('CancelReservation', {
    async applied(chargePointId, request, response) {
      if (statusOf(response) !== 'Accepted' || !isInt(request.reservationId)) return;
      const id = request.reservationId;
      const row = csms.repos.reservations.get(id);
      // Only a reservation of this station that is still open (TC_052 sends an id that is not one).
      if (!row || row.charge_point_id !== chargePointId || (row.status !== 'Active' && row.status !== 'Requested')) return;
      await csms.groupCommit.run(() => csms.repos.reservationBook.setStatus(id, 'Cancelled', nowIso(csms), { reason: 'Cancelled by the operator' }));
      emit(chargePointId, id, 'Cancelled');
    },
  });

  reservationExpiry(csms).start();
}

/**
 * Moves Active reservations past their expiry date to Expired. One per central system; checks every second
 * (cheap: only Active reservations are read) and never keeps the process alive.
 */
export class ReservationExpiry {
  private timer?: NodeJS.Timeout;

  constructor(private readonly csms: CentralSystem) {}

  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.schedule(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Expire what is due now (synchronous write in the current batch); returns the expired reservation ids. */
  schedule(): number[] {
    const csms = this.csms;
    if (!csms.db.open) {
      this.stop();
      return [];
    }
    const nowMs = csms.clock.now().getTime();
    const due = csms.repos.reservationBook.active().filter((r) => {
      const at = Date.parse(r.expiry_date);
      return Number.isFinite(at) && at <= nowMs;
    });
    if (due.length === 0) return [];
    const now = nowIso(csms);
    csms.groupCommit.runDetached(() => {
      for (const r of due) csms.repos.reservationBook.setStatus(r.id, 'Expired', now, { reason: 'Expiry date passed' });
    });
    for (const r of due) csms.events.emit('reservation.changed', { chargePointId: r.charge_point_id, reservationId: r.id, status: 'Expired' });
    return due.map((r) => r.id);
  }
}

const expiries = new WeakMap<CentralSystem, ReservationExpiry>();

export function reservationExpiry(csms: CentralSystem): ReservationExpiry {
  let expiry = expiries.get(csms);
  if (!expiry) expiries.set(csms, (expiry = new ReservationExpiry(csms)));
  return expiry;
}
