/**
 * Reservation profile (OCPP 1.6 §5.1, §5.13; messages in §6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdToken, RequestSchema, ResponseSchema, StringEnum } from './common.js';

/** ReservationStatus (OCPP 1.6 §7). */
export const RESERVATION_STATUSES = ['Accepted', 'Faulted', 'Occupied', 'Rejected', 'Unavailable'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** CancelReservationStatus (OCPP 1.6 §7). */
export const CANCEL_RESERVATION_STATUSES = ['Accepted', 'Rejected'] as const;
export type CancelReservationStatus = (typeof CANCEL_RESERVATION_STATUSES)[number];

/** connectorId 0 reserves the Charge Point as a whole (if ReserveConnectorZeroSupported). */
export const ReserveNowRequest = RequestSchema('ReserveNow', {
  connectorId: Type.Integer(),
  expiryDate: DateTime(),
  idTag: IdToken,
  parentIdTag: Type.Optional(IdToken),
  reservationId: Type.Integer(),
});
export const ReserveNowResponse = ResponseSchema('ReserveNow', {
  status: StringEnum(RESERVATION_STATUSES),
});

export const CancelReservationRequest = RequestSchema('CancelReservation', {
  reservationId: Type.Integer(),
});
export const CancelReservationResponse = ResponseSchema('CancelReservation', {
  status: StringEnum(CANCEL_RESERVATION_STATUSES),
});

export type ReserveNowRequest = Static<typeof ReserveNowRequest>;
export type ReserveNowResponse = Static<typeof ReserveNowResponse>;
export type CancelReservationRequest = Static<typeof CancelReservationRequest>;
export type CancelReservationResponse = Static<typeof CancelReservationResponse>;
