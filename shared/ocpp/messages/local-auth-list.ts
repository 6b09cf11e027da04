/**
 * Local Auth List Management profile (OCPP 1.6 §5.10, §5.15; messages in §6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { IdTagInfo, IdToken, RequestSchema, ResponseSchema, StringEnum, Struct } from './common.js';

/** UpdateType (OCPP 1.6 §7). */
export const UPDATE_TYPES = ['Differential', 'Full'] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];

/** UpdateStatus (OCPP 1.6 §7). */
export const UPDATE_STATUSES = ['Accepted', 'Failed', 'NotSupported', 'VersionMismatch'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const GetLocalListVersionRequest = RequestSchema('GetLocalListVersion', {});
/** 0 means the list is empty and -1 that local lists are not supported (OCPP 1.6 §5.10): no lower bound. */
export const GetLocalListVersionResponse = ResponseSchema('GetLocalListVersion', {
  listVersion: Type.Integer(),
});

/**
 * AuthorizationData (OCPP 1.6 §7), as corrected by the errata: `idTagInfo` is optional and, when present, is a
 * full IdTagInfo whose `status` is required. In a Differential update an entry without `idTagInfo` deletes that
 * idTag; the spec requires `idTagInfo` on every entry of a Full update, a cross-field rule that the official
 * schema does not express, so callers building a Full list must check it themselves.
 */
export const AuthorizationData = Struct({
  idTag: IdToken,
  idTagInfo: Type.Optional(IdTagInfo),
});

/** An absent or empty list with updateType Full clears the Charge Point's list (OCPP 1.6 §5.15). */
export const SendLocalListRequest = RequestSchema('SendLocalList', {
  listVersion: Type.Integer(),
  localAuthorizationList: Type.Optional(Type.Array(AuthorizationData)),
  updateType: StringEnum(UPDATE_TYPES),
});
export const SendLocalListResponse = ResponseSchema('SendLocalList', {
  status: StringEnum(UPDATE_STATUSES),
});

export type GetLocalListVersionRequest = Static<typeof GetLocalListVersionRequest>;
export type GetLocalListVersionResponse = Static<typeof GetLocalListVersionResponse>;
export type AuthorizationData = Static<typeof AuthorizationData>;
export type SendLocalListRequest = Static<typeof SendLocalListRequest>;
export type SendLocalListResponse = Static<typeof SendLocalListResponse>;
