/**
 * One connector of the simulated station and what it holds: status, availability, the running transaction, a
 * reservation, its meter. Connector 0 is the charge point as a whole (OCPP 1.6 §3.2).
 */
import type { ChargePointErrorCode, ChargePointStatus } from '../../shared/ocpp/messages/core.js';
import type { MeterModel } from './meter.js';

export type AvailabilityType = 'Operative' | 'Inoperative';

export interface TransactionState {
  transactionId: number;
  idTag: string;
  meterStart: number;
  /** ms since the epoch. */
  startedAt: number;
  reservationId?: number;
}

export interface ReservationState {
  reservationId: number;
  idTag: string;
  parentIdTag?: string;
  expiryDate: string;
}

export class Connector {
  status: ChargePointStatus = 'Available';
  errorCode: ChargePointErrorCode = 'NoError';
  availability: AvailabilityType = 'Operative';
  /** A ChangeAvailability answered Scheduled, applied when the transaction ends. */
  scheduledAvailability: AvailabilityType | undefined;
  transaction: TransactionState | undefined;
  reservation: ReservationState | undefined;
  /** @internal Expiry of the reservation (owned by the station's timers). */
  reservationTimer: NodeJS.Timeout | undefined;
  /** @internal Periodic MeterValues while charging (owned by the station's messages). */
  meterTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly meter: MeterModel,
  ) {}

  get transactionId(): number | undefined {
    return this.transaction?.transactionId;
  }

  /** Energy register (Wh). */
  get meterWh(): number {
    return this.meter.wh;
  }
}
