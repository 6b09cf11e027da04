/**
 * Smart Charging profile (OCPP 1.6 §5.5, §5.7, §5.16; messages in §6). The ChargingProfile data types are in
 * common.ts because RemoteStartTransaction.req (Core) also carries one.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  CHARGING_PROFILE_PURPOSES,
  CHARGING_RATE_UNITS,
  ChargingProfile,
  ChargingSchedule,
  DateTime,
  RequestSchema,
  ResponseSchema,
  StringEnum,
} from './common.js';

/** ChargingProfileStatus (OCPP 1.6 §7). */
export const CHARGING_PROFILE_STATUSES = ['Accepted', 'Rejected', 'NotSupported'] as const;
export type ChargingProfileStatus = (typeof CHARGING_PROFILE_STATUSES)[number];

/** ClearChargingProfileStatus (OCPP 1.6 §7). */
export const CLEAR_CHARGING_PROFILE_STATUSES = ['Accepted', 'Unknown'] as const;
export type ClearChargingProfileStatus = (typeof CLEAR_CHARGING_PROFILE_STATUSES)[number];

/** GetCompositeScheduleStatus (OCPP 1.6 §7). */
export const GET_COMPOSITE_SCHEDULE_STATUSES = ['Accepted', 'Rejected'] as const;
export type GetCompositeScheduleStatus = (typeof GET_COMPOSITE_SCHEDULE_STATUSES)[number];

export const SetChargingProfileRequest = RequestSchema('SetChargingProfile', {
  connectorId: Type.Integer(),
  csChargingProfiles: ChargingProfile,
});
export const SetChargingProfileResponse = ResponseSchema('SetChargingProfile', {
  status: StringEnum(CHARGING_PROFILE_STATUSES),
});

/** Every field is an optional filter; an empty request clears all profiles (OCPP 1.6 §5.5). */
export const ClearChargingProfileRequest = RequestSchema('ClearChargingProfile', {
  id: Type.Optional(Type.Integer()),
  connectorId: Type.Optional(Type.Integer()),
  chargingProfilePurpose: Type.Optional(StringEnum(CHARGING_PROFILE_PURPOSES)),
  stackLevel: Type.Optional(Type.Integer()),
});
export const ClearChargingProfileResponse = ResponseSchema('ClearChargingProfile', {
  status: StringEnum(CLEAR_CHARGING_PROFILE_STATUSES),
});

/** `duration` in seconds; connectorId 0 asks for the whole Charge Point's expected consumption. */
export const GetCompositeScheduleRequest = RequestSchema('GetCompositeSchedule', {
  connectorId: Type.Integer(),
  duration: Type.Integer(),
  chargingRateUnit: Type.Optional(StringEnum(CHARGING_RATE_UNITS)),
});
/** Only `status` is required: the other fields are present when the status is Accepted. */
export const GetCompositeScheduleResponse = ResponseSchema('GetCompositeSchedule', {
  status: StringEnum(GET_COMPOSITE_SCHEDULE_STATUSES),
  connectorId: Type.Optional(Type.Integer()),
  scheduleStart: Type.Optional(DateTime()),
  chargingSchedule: Type.Optional(ChargingSchedule),
});

export type SetChargingProfileRequest = Static<typeof SetChargingProfileRequest>;
export type SetChargingProfileResponse = Static<typeof SetChargingProfileResponse>;
export type ClearChargingProfileRequest = Static<typeof ClearChargingProfileRequest>;
export type ClearChargingProfileResponse = Static<typeof ClearChargingProfileResponse>;
export type GetCompositeScheduleRequest = Static<typeof GetCompositeScheduleRequest>;
export type GetCompositeScheduleResponse = Static<typeof GetCompositeScheduleResponse>;
