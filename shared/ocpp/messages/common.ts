/**
 * Building blocks shared by several OCPP 1.6J messages: primitive helpers (CiString, dateTime, URI, decimal),
 * the data types of OCPP 1.6 §7 used by more than one feature profile, and their enumerations.
 *
 * Every enumeration is exported twice: as a readonly array of its values (for drop-downs and for the schema) and
 * as the union type of those values. Every object schema sets `additionalProperties: false`, because OCPP-J 1.6
 * errata §3.2 states that a payload must not contain fields the schema does not define.
 */
import { Type, type Static, type TObject, type TProperties, type TString, type TUnsafe } from '@sinclair/typebox';

// ---------------------------------------------------------------------------------------------------------------
// Primitive helpers
// ---------------------------------------------------------------------------------------------------------------

/**
 * A string enumeration written as a plain JSON Schema `enum` (not TypeBox's anyOf-of-consts), so that a wrong
 * value yields a single `enum` error, which the validator maps to PropertyConstraintViolation.
 */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/**
 * CiStringNType (OCPP 1.6 §7): a case-insensitive string of at most N characters. The official JSON schemas
 * only carry the length, so the payload validator checks only that: what a station sends is taken as it comes. The
 * `ciString` annotation marks the type for what the operator sends, where the whole rule applies (printable ASCII
 * too: shared/ocpp/cistring.ts, used by the operator API and every console form).
 */
export function CiString(maxLength: number): TString {
  return Type.String({ maxLength, [CI_STRING_ANNOTATION]: true });
}

/** The JSON Schema keyword that marks a CiString (an annotation: it validates nothing by itself). */
export const CI_STRING_ANNOTATION = 'ciString';

/**
 * A PEM text (RFC 7468: certificates, chains, CSRs) where the security white paper gives a CiString length: bounded
 * like one, but multi-line by nature, so not held to the printable-ASCII rule an operator's CiString is.
 */
export function PemText(maxLength: number): TString {
  return Type.String({ maxLength });
}

/**
 * dateTime: RFC 3339 via ajv-formats' `date-time`. OCPP 1.6 "Time notations" requires receivers to handle
 * fractional seconds and time-zone offsets, which this format accepts; a time without any zone is rejected.
 */
export function DateTime(): TString {
  return Type.String({ format: 'date-time' });
}

/** anyURI fields (e.g. firmware and diagnostics locations). `maxLength` is set where the spec bounds it. */
export function Uri(maxLength?: number): TString {
  return Type.String(maxLength === undefined ? { format: 'uri' } : { format: 'uri', maxLength });
}

/**
 * decimal with one digit after the point: the official schemas put `multipleOf: 0.1` on charging limits and
 * minChargingRate. (The validator sets ajv's `multipleOfPrecision` so that 16.1 is not rejected by float noise.)
 */
export function Decimal1() {
  return Type.Number({ multipleOf: 0.1 });
}

/** An object type nested inside a message: closed to extra fields (OCPP-J errata §3.2). */
export function Struct<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: false });
}

/** The `$id` namespace. ajv 8.20 rejects `urn:X` ids without a namespace identifier, hence `urn:ocpp16:`. */
export const OCPP16_SCHEMA_ID_PREFIX = 'urn:ocpp16:';

/** The payload schema of a CALL (`<Action>.req`). */
export function RequestSchema<P extends TProperties>(action: string, properties: P): TObject<P> {
  return Type.Object(properties, { $id: `${OCPP16_SCHEMA_ID_PREFIX}${action}.req`, additionalProperties: false });
}

/** The payload schema of a CALLRESULT (`<Action>.conf`). */
export function ResponseSchema<P extends TProperties>(action: string, properties: P): TObject<P> {
  return Type.Object(properties, { $id: `${OCPP16_SCHEMA_ID_PREFIX}${action}.conf`, additionalProperties: false });
}

/** IdToken (OCPP 1.6 §7): CiString20Type. */
export const IdToken = CiString(20);

// ---------------------------------------------------------------------------------------------------------------
// Authorization (OCPP 1.6 §7: AuthorizationStatus, IdTagInfo)
// ---------------------------------------------------------------------------------------------------------------

export const AUTHORIZATION_STATUSES = ['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/** IdTagInfo (OCPP 1.6 §7). Shared by Authorize.conf, StartTransaction.conf, StopTransaction.conf and SendLocalList.req. */
export const IdTagInfo = Struct({
  expiryDate: Type.Optional(DateTime()),
  parentIdTag: Type.Optional(IdToken),
  status: StringEnum(AUTHORIZATION_STATUSES),
});

// ---------------------------------------------------------------------------------------------------------------
// Meter values (OCPP 1.6 §7: MeterValue, SampledValue and their enumerations)
// ---------------------------------------------------------------------------------------------------------------

/** ReadingContext (OCPP 1.6 §7). */
export const READING_CONTEXTS = [
  'Interruption.Begin',
  'Interruption.End',
  'Other',
  'Sample.Clock',
  'Sample.Periodic',
  'Transaction.Begin',
  'Transaction.End',
  'Trigger',
] as const;
export type ReadingContext = (typeof READING_CONTEXTS)[number];

/** ValueFormat (OCPP 1.6 §7). */
export const VALUE_FORMATS = ['Raw', 'SignedData'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/** Measurand (OCPP 1.6 §7). */
export const MEASURANDS = [
  'Current.Export',
  'Current.Import',
  'Current.Offered',
  'Energy.Active.Export.Register',
  'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register',
  'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval',
  'Energy.Active.Import.Interval',
  'Energy.Reactive.Export.Interval',
  'Energy.Reactive.Import.Interval',
  'Frequency',
  'Power.Active.Export',
  'Power.Active.Import',
  'Power.Factor',
  'Power.Offered',
  'Power.Reactive.Export',
  'Power.Reactive.Import',
  'RPM',
  'SoC',
  'Temperature',
  'Voltage',
] as const;
export type Measurand = (typeof MEASURANDS)[number];

/** Phase (OCPP 1.6 §7). */
export const PHASES = ['L1', 'L2', 'L3', 'N', 'L1-N', 'L2-N', 'L3-N', 'L1-L2', 'L2-L3', 'L3-L1'] as const;
export type Phase = (typeof PHASES)[number];

/** Location (OCPP 1.6 §7). */
export const LOCATIONS = ['Body', 'Cable', 'EV', 'Inlet', 'Outlet'] as const;
export type Location = (typeof LOCATIONS)[number];

/**
 * UnitOfMeasure (OCPP 1.6 §7). The spec's original spelling is `Celcius`; the OCPP 1.6 errata added the
 * correct `Celsius`, and the OCPP-J errata asks Central Systems to accept both, since Charge Points in the field
 * keep sending the old one. Both are therefore valid.
 */
export const UNITS_OF_MEASURE = [
  'Wh',
  'kWh',
  'varh',
  'kvarh',
  'W',
  'kW',
  'VA',
  'kVA',
  'var',
  'kvar',
  'A',
  'V',
  'Celsius',
  'Celcius',
  'Fahrenheit',
  'K',
  'Percent',
] as const;
export type UnitOfMeasure = (typeof UNITS_OF_MEASURE)[number];

/** SampledValue (OCPP 1.6 §7). `value` is a string: raw decimal or signed data, depending on `format`. */
export const SampledValue = Struct({
  value: Type.String(),
  context: Type.Optional(StringEnum(READING_CONTEXTS)),
  format: Type.Optional(StringEnum(VALUE_FORMATS)),
  measurand: Type.Optional(StringEnum(MEASURANDS)),
  phase: Type.Optional(StringEnum(PHASES)),
  location: Type.Optional(StringEnum(LOCATIONS)),
  unit: Type.Optional(StringEnum(UNITS_OF_MEASURE)),
});

/**
 * MeterValue (OCPP 1.6 §7). The spec's cardinality for `sampledValue` is 1..*, but the official schema has no
 * `minItems`; we follow the schema, so an empty array is tolerated on receipt.
 */
export const MeterValue = Struct({
  timestamp: DateTime(),
  sampledValue: Type.Array(SampledValue),
});

// ---------------------------------------------------------------------------------------------------------------
// Smart charging data types (OCPP 1.6 §7: ChargingProfile and the types it contains)
// ---------------------------------------------------------------------------------------------------------------

/** ChargingProfilePurposeType (OCPP 1.6 §7). */
export const CHARGING_PROFILE_PURPOSES = ['ChargePointMaxProfile', 'TxDefaultProfile', 'TxProfile'] as const;
export type ChargingProfilePurpose = (typeof CHARGING_PROFILE_PURPOSES)[number];

/** ChargingProfileKindType (OCPP 1.6 §7). */
export const CHARGING_PROFILE_KINDS = ['Absolute', 'Recurring', 'Relative'] as const;
export type ChargingProfileKind = (typeof CHARGING_PROFILE_KINDS)[number];

/** RecurrencyKindType (OCPP 1.6 §7). */
export const RECURRENCY_KINDS = ['Daily', 'Weekly'] as const;
export type RecurrencyKind = (typeof RECURRENCY_KINDS)[number];

/** ChargingRateUnitType (OCPP 1.6 §7). */
export const CHARGING_RATE_UNITS = ['A', 'W'] as const;
export type ChargingRateUnit = (typeof CHARGING_RATE_UNITS)[number];

/** ChargingSchedulePeriod (OCPP 1.6 §7). `limit` is a decimal with one fractional digit. */
export const ChargingSchedulePeriod = Struct({
  startPeriod: Type.Integer(),
  limit: Decimal1(),
  numberPhases: Type.Optional(Type.Integer()),
});

/** ChargingSchedule (OCPP 1.6 §7). */
export const ChargingSchedule = Struct({
  duration: Type.Optional(Type.Integer()),
  startSchedule: Type.Optional(DateTime()),
  chargingRateUnit: StringEnum(CHARGING_RATE_UNITS),
  chargingSchedulePeriod: Type.Array(ChargingSchedulePeriod),
  minChargingRate: Type.Optional(Decimal1()),
});

/** ChargingProfile (OCPP 1.6 §7). Used by RemoteStartTransaction.req and SetChargingProfile.req. */
export const ChargingProfile = Struct({
  chargingProfileId: Type.Integer(),
  transactionId: Type.Optional(Type.Integer()),
  stackLevel: Type.Integer(),
  chargingProfilePurpose: StringEnum(CHARGING_PROFILE_PURPOSES),
  chargingProfileKind: StringEnum(CHARGING_PROFILE_KINDS),
  recurrencyKind: Type.Optional(StringEnum(RECURRENCY_KINDS)),
  validFrom: Type.Optional(DateTime()),
  validTo: Type.Optional(DateTime()),
  chargingSchedule: ChargingSchedule,
});

// ---------------------------------------------------------------------------------------------------------------
// Certificates (security white paper "Improved security for OCPP 1.6-J", Edition 3, data types)
// ---------------------------------------------------------------------------------------------------------------

/** HashAlgorithmEnumType (security white paper, data types). */
export const HASH_ALGORITHMS = ['SHA256', 'SHA384', 'SHA512'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/**
 * CertificateHashDataType (security white paper, data types): identifies a certificate by its issuer hashes and serial number.
 * The hashes are hex strings (at most 128 characters, room for SHA512); the serial number at most 40.
 */
export const CertificateHashData = Struct({
  hashAlgorithm: StringEnum(HASH_ALGORITHMS),
  issuerNameHash: CiString(128),
  issuerKeyHash: CiString(128),
  serialNumber: CiString(40),
});

// Static types, named like their schemas (TypeBox convention: one name for the value and for the type).
export type IdTagInfo = Static<typeof IdTagInfo>;
export type SampledValue = Static<typeof SampledValue>;
export type MeterValue = Static<typeof MeterValue>;
export type ChargingSchedulePeriod = Static<typeof ChargingSchedulePeriod>;
export type ChargingSchedule = Static<typeof ChargingSchedule>;
export type ChargingProfile = Static<typeof ChargingProfile>;
export type CertificateHashData = Static<typeof CertificateHashData>;
