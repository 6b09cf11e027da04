/**
 * The reservations the operator made (OCPP 1.6 §5.13 ReserveNow, §5.3 CancelReservation): each change of a
 * reservation's status is written in one unit of the group commit and announced as `reservation.changed` after it
 * committed. Owns the expiry sweep, which its owner starts and stops. A reservation used by a StartTransaction or
 * ended by a Faulted/Unavailable connector is the core handlers' business.
 */
import type { ReservationStatus } from '../storage/repositories/reservations.js';
import { storedNow, type StoreDeps } from './store-deps.js';

/** A ReserveNow.req as the Requested row keeps it. */
export interface RequestedReservation {
  /** The id the operator chose; the next free one when absent. */
  reservationId?: number;
  connectorId: number;
  idTag: string;
  parentIdTag?: string;
  expiryDate: string;
}

export interface ReservationBookDeps extends StoreDeps {
  /** The central system's database connection: the sweep does nothing once it is closed. */
  readonly db: { readonly open: boolean };
}

export class ReservationBook {
  private sweep?: NodeJS.Timeout;

  constructor(private readonly deps: ReservationBookDeps) {}

  /** The next free reservationId (the largest ever used + 1, unique across stations). */
  nextId(): number {
    return this.deps.repos.reservationBook.nextId();
  }

  /**
   * Writes the Requested row before ReserveNow goes out; returns its id. Id and row are one synchronous step, so
   * two ReserveNow in the same turn get different ids.
   */
  async request(chargePointId: string, reservation: RequestedReservation): Promise<number> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const id = await groupCommit.run(() => {
      const reservationId = reservation.reservationId ?? repos.reservationBook.nextId();
      repos.reservationBook.request({
        id: reservationId,
        chargePointId,
        connectorId: reservation.connectorId,
        idTag: reservation.idTag,
        parentIdTag: reservation.parentIdTag ?? null,
        expiryDate: reservation.expiryDate,
        now,
      });
      return reservationId;
    });
    this.changed(chargePointId, id, 'Requested');
    return id;
  }

  /** The station's ReserveNow.conf: Accepted makes it Active, any other answer Refused. */
  async answered(chargePointId: string, reservationId: number, stationAnswer: string): Promise<void> {
    const status = stationAnswer === 'Accepted' ? 'Active' : 'Refused';
    await this.setStatus(chargePointId, reservationId, status, { stationAnswer });
    // An Accepted reservation may already be past its expiry date.
    await this.expireDue();
  }

  /** ReserveNow got no usable answer: a reservation still Requested is Refused, with why. */
  async unanswered(chargePointId: string, reservationId: number, why: string): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const refused = await groupCommit.run(
      () =>
        repos.reservations.get(reservationId)?.status === 'Requested' &&
        repos.reservationBook.setStatus(reservationId, 'Refused', now, { stationAnswer: why }),
    );
    if (refused) this.changed(chargePointId, reservationId, 'Refused');
  }

  /** An accepted CancelReservation: only a reservation of this station that is still open is cancelled. */
  async cancelled(chargePointId: string, reservationId: number): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const cancelled = await groupCommit.run(() => {
      const row = repos.reservations.get(reservationId);
      if (!row || row.charge_point_id !== chargePointId || (row.status !== 'Active' && row.status !== 'Requested')) return false;
      return repos.reservationBook.setStatus(reservationId, 'Cancelled', now, { reason: 'Cancelled by the operator' });
    });
    if (cancelled) this.changed(chargePointId, reservationId, 'Cancelled');
  }

  /** Moves Active reservations past their expiry date to Expired; resolves with their ids once committed. */
  async expireDue(): Promise<number[]> {
    const { repos, groupCommit, clock } = this.deps;
    const nowMs = clock.now().getTime();
    // Read before any unit: nearly every tick finds nothing due, and a unit opens a write transaction (BEGIN
    // IMMEDIATE, COMMIT, then a sync of the WAL) — once a second, for nothing, on an idle depot PC. The unit runs in
    // this same turn, so what was read is still what the database holds.
    const due = repos.reservationBook.active().filter((r) => {
      const at = Date.parse(r.expiry_date);
      return Number.isFinite(at) && at <= nowMs;
    });
    if (due.length === 0) return [];
    const now = storedNow(this.deps);
    const expired = await groupCommit.run(() => {
      for (const r of due) repos.reservationBook.setStatus(r.id, 'Expired', now, { reason: 'Expiry date passed' });
      return due;
    });
    for (const r of expired) this.changed(r.charge_point_id, r.id, 'Expired');
    return expired.map((r) => r.id);
  }

  /**
   * Checks for due reservations every `intervalMs` until `stopExpirySweep` (cheap: only Active reservations are
   * read). The timer never keeps the process alive on its own; its owner stops it on shutdown.
   */
  startExpirySweep(intervalMs = 1000): void {
    if (this.sweep) return;
    this.sweep = setInterval(() => {
      if (!this.deps.db.open) {
        this.stopExpirySweep();
        return;
      }
      // A failed unit is reported by the group commit; the next tick tries again.
      this.expireDue().catch(() => undefined);
    }, intervalMs);
    this.sweep.unref();
  }

  stopExpirySweep(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  get expirySweepRunning(): boolean {
    return this.sweep !== undefined;
  }

  private async setStatus(
    chargePointId: string,
    reservationId: number,
    status: ReservationStatus,
    extra: { stationAnswer?: string; reason?: string },
  ): Promise<void> {
    const now = storedNow(this.deps);
    await this.deps.groupCommit.run(() => this.deps.repos.reservationBook.setStatus(reservationId, status, now, extra));
    this.changed(chargePointId, reservationId, status);
  }

  private changed(chargePointId: string, reservationId: number, status: ReservationStatus): void {
    this.deps.events.emit('reservation.changed', { chargePointId, reservationId, status });
  }
}
