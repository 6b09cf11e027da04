/**
 * The JSON bodies the operator API takes, each defined once as a TypeBox schema: its TypeScript type (re-exported
 * by ./types.ts for the client and the console) and the server's check (field-problems.ts: a 422 naming each bad
 * field). Paths and answers are in docs/api.md.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ChargingProfile } from '../smart-charging/index.js';
import { DATE_TIME_FORMAT, ID_TOKEN_FORMAT } from './field-problems.js';

/** Text of at most `maxLength` characters (at least `minLength`). */
const Text = (maxLength: number, minLength = 0) => Type.String({ maxLength, ...(minLength > 0 ? { minLength } : {}) });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** An id tag the operator gives: IdToken (OCPP 1.6 §7.28), printable ASCII, no spaces at either end. */
const IdTokenText = Type.String({ format: ID_TOKEN_FORMAT });
/** OCPP 1.6 connectorId and transactionId are integers; the database keeps them as 32-bit signed. */
const INT32_MAX = 2_147_483_647;
/** Any JSON object: the route checks it further (a charging profile against its OCPP definition). */
const JsonObjectField = Type.Record(Type.String(), Type.Unknown());

/** PUT /api/charge-points/{id}: creates the station when unknown. Absent fields stay as they are. */
export const ChargePointUpdateBody = Type.Object(
  {
    description: Type.Optional(Text(500)),
    registrationStatus: Type.Optional(Type.Union([Type.Literal('Accepted'), Type.Literal('Pending'), Type.Literal('Rejected')])),
    /** Security profile 1 password; null removes it. */
    password: Type.Optional(Nullable(Text(256, 1))),
    securityProfile: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
    /** The station's own validation mode; null: the global setting. */
    validationMode: Type.Optional(Nullable(Type.Union([Type.Literal('strict'), Type.Literal('lenient')]))),
  },
  { additionalProperties: false },
);
export type ChargePointUpdate = Static<typeof ChargePointUpdateBody>;

/** PUT /api/id-tags/{idTag}: the whole record (edits the tag; a script may also create one this way). */
export const IdTagUpdateBody = Type.Object(
  {
    status: Type.Union([Type.Literal('Accepted'), Type.Literal('Blocked'), Type.Literal('Expired'), Type.Literal('Invalid')]),
    expiryDate: Type.Optional(Nullable(Type.String({ format: DATE_TIME_FORMAT }))),
    parentIdTag: Type.Optional(Nullable(IdTokenText)),
    description: Type.Optional(Text(500)),
    /** Several sessions at once allowed (true), refused as ConcurrentTx (false), or the default setting (null); absent: unchanged. */
    allowConcurrentTx: Type.Optional(Nullable(Type.Boolean())),
  },
  { additionalProperties: false },
);
export type IdTagUpdate = Static<typeof IdTagUpdateBody>;

/** POST /api/id-tags: a new tag; 409 API_ERR_CONFLICT (details.fields.idTag) when it exists already. */
export const IdTagCreateBody = Type.Object({ idTag: IdTokenText, ...IdTagUpdateBody.properties }, { additionalProperties: false });
export type IdTagCreate = Static<typeof IdTagCreateBody>;

/** POST /api/transactions/{id}/close: the operator closes a stuck transaction. */
export const TransactionCloseBody = Type.Object({ note: Type.Optional(Text(1000)) }, { additionalProperties: false });

/** PUT /api/charge-points/{id}/security-settings */
export const StationSecuritySettingsUpdateBody = Type.Object(
  {
    allowForeignCertificateCn: Type.Optional(Type.Boolean()),
    uploadProtocol: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('ftp'), Type.Literal('http')])),
  },
  { additionalProperties: false },
);
export type StationSecuritySettingsUpdate = Static<typeof StationSecuritySettingsUpdateBody>;

/** POST /api/charge-points/{id}/local-list/sync */
export const LocalListSyncBody = Type.Object(
  {
    /** The id tags the list should hold; default: every id tag in the database. */
    idTags: Type.Optional(Type.Array(Text(20, 1))),
  },
  { additionalProperties: false },
);

/** The name of a profile in the library (the path's `{name}`, and the install body's `name`). */
const LibraryProfileName = Text(100, 1);

/** PUT /api/charging-profiles/{name}: creates (201) or replaces (200). The profile is checked as OCPP 1.6 defines it. */
export const LibraryProfileUpdateBody = Type.Object(
  { description: Type.Optional(Text(500)), profile: JsonObjectField },
  { additionalProperties: false },
);
export type LibraryProfileUpdate = Omit<Static<typeof LibraryProfileUpdateBody>, 'profile'> & { profile: ChargingProfile };

/** POST /api/charging-profiles/check: advice only, so any JSON object is taken as the profile. */
export const ProfileCheckBody = Type.Object(
  {
    connectorId: Type.Integer({ minimum: 0, maximum: INT32_MAX }),
    profile: JsonObjectField,
    /** The message the profile travels in; default SetChargingProfile. */
    context: Type.Optional(Type.Union([Type.Literal('SetChargingProfile'), Type.Literal('RemoteStartTransaction')])),
  },
  { additionalProperties: false },
);
export type ProfileCheckRequest = Omit<Static<typeof ProfileCheckBody>, 'profile'> & { profile: ChargingProfile };

/** POST /api/charge-points/{id}/charging-profiles/install: SetChargingProfile with a library profile. */
export const ProfileInstallBody = Type.Object(
  {
    /** The library profile's name. */
    name: LibraryProfileName,
    connectorId: Type.Integer({ minimum: 0, maximum: INT32_MAX }),
    /** Put into the profile's transactionId (TxProfile). */
    transactionId: Type.Optional(Type.Integer({ minimum: 1, maximum: INT32_MAX })),
  },
  { additionalProperties: false },
);
export type ProfileInstallRequest = Static<typeof ProfileInstallBody>;

/**
 * POST /api/simulators: starts `count` stations named `<idPrefix><n>` with the next free numbers. Absent fields:
 * `SIM-`, 1 station, 2 connectors, 11000 W, meter values every 10 s, reconnecting.
 */
export const SimulatorStartBody = Type.Object(
  {
    // The identity becomes the last URL path segment: characters every charger firmware accepts.
    idPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$', errorMessage: 'must be 1 to 40 characters: letters, digits, . _ -' })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    connectorCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    maxPowerW: Type.Optional(Type.Integer({ minimum: 1000, maximum: 350_000 })),
    /** MeterValueSampleInterval configuration key; 0 = no periodic meter values. */
    meterValueSampleIntervalSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    /** Reconnect with backoff after an unexpected drop. */
    autoReconnect: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SimulatorStartRequest = Static<typeof SimulatorStartBody>;

/** Body of POST /api/simulators/{id}/actions/{action}; which fields an action needs is the fleet's to say. */
export const SimulatorActionBody = Type.Object(
  {
    /** Default 1 (fault / clear-fault also take 0: the whole station); checked against the station's connectors. */
    connectorId: Type.Optional(Type.Integer()),
    /** For `start` (required). */
    idTag: Type.Optional(IdTokenText),
    /** For `fault`: a ChargePointErrorCode (default OtherError). */
    errorCode: Type.Optional(Type.String()),
    /** For `disconnect`: drop the socket without a close frame (a network failure; autoReconnect applies). */
    abrupt: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SimulatorActionRequest = Static<typeof SimulatorActionBody>;

/**
 * One time-of-day limit of a site: minutes of the site's local day, `toMinute` exclusive (1440 = midnight at the
 * end); a period with `toMinute` < `fromMinute` wraps midnight. Exactly one of limitA and limitW; 0 = no charging.
 */
export const SiteSchedulePeriodBody = Type.Object(
  {
    fromMinute: Type.Integer({ minimum: 0, maximum: 1439 }),
    toMinute: Type.Integer({ minimum: 0, maximum: 1440 }),
    limitA: Type.Optional(Type.Number({ minimum: 0 })),
    limitW: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type SiteSchedulePeriodDto = Static<typeof SiteSchedulePeriodBody>;

/**
 * PUT /api/sites/{siteId}: creates (201) or replaces (200) a site, all of it: stations left out of `stations` leave
 * the site. The limit fields are checked by the sites engine's own rules (main/csms/sites validateSiteLimits), which
 * name every wrong field; this schema gives their types. Exactly one of limitA (A per phase) and limitW (W).
 */
export const SiteUpdateBody = Type.Object(
  {
    name: Text(100, 1),
    limitA: Type.Optional(Type.Number()),
    limitW: Type.Optional(Type.Number()),
    phases: Type.Union([Type.Literal(1), Type.Literal(3)]),
    /** Phase-to-neutral voltage for W → A; absent: 230 V. */
    voltageV: Type.Optional(Type.Number()),
    /** Share of the limit kept free, 0 to 50 %. */
    marginPct: Type.Number(),
    /** The smallest current a session is given, else it is paused; absent: 6 A. */
    minSessionA: Type.Optional(Type.Number()),
    /** Charge point identities; each in at most one site. May be empty. */
    stations: Type.Array(Type.String()),
    /** Absent: no time-of-day limits. */
    schedule: Type.Optional(Type.Array(SiteSchedulePeriodBody)),
  },
  { additionalProperties: false },
);
export type SiteUpdate = Static<typeof SiteUpdateBody>;

/** One key of a configuration baseline: OCPP 1.6 ChangeConfiguration's key (CiString50) and value (CiString500). */
export const ConfigurationBaselineEntryBody = Type.Object({ key: Text(50, 1), value: Text(500) }, { additionalProperties: false });
export type ConfigurationBaselineEntry = Static<typeof ConfigurationBaselineEntryBody>;

/**
 * PUT /api/configuration-baselines/{name}: the keys and values stations should hold, and who follows it: stations
 * directly, and sites (their stations, unless a station has a baseline of its own). Each station and each site
 * follows one baseline at most. Values are kept exactly as given.
 */
export const ConfigurationBaselineUpdateBody = Type.Object(
  {
    description: Type.Optional(Text(500)),
    entries: Type.Array(ConfigurationBaselineEntryBody, { minItems: 1, maxItems: 500 }),
    stations: Type.Optional(Type.Array(Type.String())),
    sites: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type ConfigurationBaselineUpdate = Static<typeof ConfigurationBaselineUpdateBody>;

const CheckIdBody = Type.String({ minLength: 1, maxLength: 40 });

/**
 * POST /api/charge-points/{id}/commissioning-runs: which checks (a template's, or listed), the connector and the id
 * tag of the session checks, and who runs it (for the report).
 */
export const CommissioningRunRequestBody = Type.Object(
  {
    template: Type.Optional(Text(60, 1)),
    checks: Type.Optional(Type.Array(CheckIdBody, { minItems: 1, maxItems: 30 })),
    connectorId: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    testIdTag: Type.Optional(Text(20, 1)),
    operator: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type CommissioningRunRequest = Static<typeof CommissioningRunRequestBody>;

/** PUT /api/commissioning-templates/{name}. */
export const CommissioningTemplateBody = Type.Object(
  { description: Type.Optional(Text(200)), checks: Type.Array(CheckIdBody, { minItems: 1, maxItems: 30 }) },
  { additionalProperties: false },
);
export type CommissioningTemplateUpdate = Static<typeof CommissioningTemplateBody>;
