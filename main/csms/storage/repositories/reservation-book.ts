import type { ReservationDto } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { ActiveReservations, type ReservationRow, type ReservationStatus } from './reservations.js';

export interface ReservationFilter {
  chargePointId?: string;
  status?: ReservationStatus | readonly ReservationStatus[];
  limit?: number;
}

/**
 * The operator side of reservations (ReserveNow / CancelReservation / expiry). The core side (used by a
 * StartTransaction, ended by Faulted/Unavailable) is in reservations.ts.
 */
export class ReservationBookRepository {
  private readonly nextIdStmt;
  private readonly upsertStmt;
  private readonly statusStmt;
  private readonly activeRows: ActiveReservations;

  constructor(private readonly db: Db) {
    this.activeRows = ActiveReservations.of(db);
    this.nextIdStmt = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM reservations');
    // ReserveNow with a reservationId that exists replaces that reservation (OCPP 1.6 §5.13).
    this.upsertStmt = db.prepare(
      `INSERT INTO reservations (id, charge_point_id, connector_id, id_tag, parent_id_tag, expiry_date, status, created_at, updated_at)
       VALUES (@id, @chargePointId, @connectorId, @idTag, @parentIdTag, @expiryDate, 'Requested', @now, @now)
       ON CONFLICT(id) DO UPDATE SET charge_point_id = excluded.charge_point_id, connector_id = excluded.connector_id,
         id_tag = excluded.id_tag, parent_id_tag = excluded.parent_id_tag, expiry_date = excluded.expiry_date,
         status = 'Requested', station_answer = NULL, transaction_id = NULL, ended_reason = NULL, updated_at = excluded.updated_at`,
    );
    this.statusStmt = db.prepare(
      `UPDATE reservations SET status = @status, station_answer = COALESCE(@stationAnswer, station_answer),
         ended_reason = COALESCE(@reason, ended_reason), updated_at = @now
       WHERE id = @id`,
    );
  }

  /** The next free reservationId: the largest ever used + 1 (unique across stations). */
  nextId(): number {
    return this.nextIdStmt.get()!.next;
  }

  /** Written before ReserveNow is sent (status Requested). */
  request(input: Pick<ReservationDto, 'id' | 'chargePointId' | 'connectorId' | 'idTag' | 'parentIdTag' | 'expiryDate'> & { now: string }): void {
    this.upsertStmt.run(input);
    // It may replace an Active one (same id).
    this.activeRows.changed(input.id, 'Requested');
  }

  setStatus(id: number, status: ReservationStatus, now: string, extra: { stationAnswer?: string; reason?: string } = {}): boolean {
    const changed = this.statusStmt.run({ id, status, now, stationAnswer: extra.stationAnswer ?? null, reason: extra.reason ?? null }).changes > 0;
    if (changed) this.activeRows.changed(id, status);
    return changed;
  }

  /** Every Active reservation of every station, soonest expiry first (from memory; the rows are frozen). */
  active(): readonly ReservationRow[] {
    return this.activeRows.all();
  }

  /**
   * Newest first. Each status is read on its own through the (status, id) index and the pages merged here: one
   * query with `status IN (...)` would sort every match of every status.
   */
  list(filter: ReservationFilter = {}): ReservationRow[] {
    const limit = filter.limit ?? 500;
    const station = filter.chargePointId !== undefined ? 'charge_point_id = @chargePointId' : '';
    if (filter.status === undefined) return this.page(station ? `WHERE ${station}` : '', { chargePointId: filter.chargePointId }, limit);
    const statuses = [...new Set(typeof filter.status === 'string' ? [filter.status] : filter.status)];
    return statuses
      .flatMap((status) =>
        this.page(`WHERE status = @status${station ? ` AND ${station}` : ''}`, { status, chargePointId: filter.chargePointId }, limit),
      )
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }

  private page(where: string, params: Record<string, unknown>, limit: number): ReservationRow[] {
    const named = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    return this.db
      .prepare<Record<string, unknown>, ReservationRow>(`SELECT * FROM reservations ${where} ORDER BY id DESC LIMIT @limit`)
      .all({ ...named, limit });
  }
}
