/**
 * The runtime settings of the central system, defined once: each setting's type, default, range and words. From
 * this schema come the TypeScript type (`RuntimeSettings`, the API's `SettingsDto`), the defaults, the check of
 * stored values, flags and `PATCH /api/settings` (field-problems.ts), and the console's setting fields (label,
 * limits and help text). The unit is in the name (`…Sec`, `…Ms`, `…MiB`) and in the label.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldProblem, fieldProblems, unitOfField, type FieldProblems } from './field-problems.js';

function Whole(minimum: number, maximum: number, defaultValue: number, title: string, description: string) {
  return Type.Integer({ minimum, maximum, default: defaultValue, title, description });
}

export const RuntimeSettingsSchema = Type.Object(
  {
    heartbeatIntervalSec: Whole(1, 86_400, 300, 'Heartbeat interval', 'Sent in an Accepted BootNotification.conf (OCPP 1.6 §4.2).'),
    bootRetryIntervalSec: Whole(
      1,
      86_400,
      60,
      'Boot retry interval',
      'Sent with Pending or Rejected in BootNotification.conf: the least time before the station boots again.',
    ),
    registrationPolicy: Type.Union([Type.Literal('pending'), Type.Literal('accept'), Type.Literal('reject')], {
      default: 'pending',
      title: 'Registration policy',
      description: 'Identities we do not know: admitted as Pending for the operator to decide, accepted at once, or refused (HTTP 404).',
    }),
    callTimeoutMs: Whole(
      100,
      600_000,
      30_000,
      'Response timeout',
      'How long to wait for a station’s answer to our CALL (OCPP-J 1.6 §4.1.1 leaves it to the implementation).',
    ),
    pingIntervalSec: Whole(
      0,
      3_600,
      60,
      'WebSocket ping interval',
      'A station that answers no ping and sends nothing for two intervals is dropped; 0 = off.',
    ),
    timestampMilliseconds: Type.Boolean({
      default: false,
      title: 'Milliseconds in timestamps',
      description: 'Send .sss in the timestamps we send. Off by default: some test tools reject it.',
    }),
    validationMode: Type.Union([Type.Literal('strict'), Type.Literal('lenient')], {
      default: 'strict',
      title: 'Message validation',
      description:
        'strict: a schema-invalid CALL gets a CALLERROR; lenient: it is processed when it can be and the violation is kept in the message log (real chargers send numbers as strings and the like).',
    }),
    messageLogRetentionDays: Whole(0, 36_500, 90, 'Message log retention', 'Older message-log rows are pruned; 0 = keep them forever.'),
    backupIntervalHours: Whole(
      0,
      8_760,
      24,
      'Automatic backup every',
      'Hours between automatic online backups into <data folder>/backups/; 0 = no automatic backups.',
    ),
    backupKeepCount: Whole(1, 1_000, 7, 'Backups kept', 'Of each kind (automatic, manual); older ones are removed after a new one is verified.'),
    unconfirmedAfterSec: Whole(
      0,
      604_800,
      0,
      'Sessions unconfirmed after',
      'A station unheard this long: its open sessions are flagged unconfirmed and no longer block their cards as ConcurrentTx elsewhere (README "Transactions and id tags"); 0 = three heartbeat intervals.',
    ),
    // The real default is recorded at first start from the free disk space (storage/disk-budget.ts), so it does
    // not drift as the disk fills; 0 here is only what a database without that record reads.
    dataFolderBudgetMiB: Whole(
      0,
      1_073_741_824,
      0,
      'Data folder budget',
      'Largest size of the data folder (database, WAL, backups, files); above it the oldest message-log rows are pruned; 0 = no budget.',
    ),
    meterDetailPruneAfterMonths: Whole(
      0,
      1_200,
      0,
      'Prune meter detail after',
      'When the message log alone cannot make room for the budget: meter readings of transactions that ended this long ago may go (transactions and totals stay); 0 = never.',
    ),
    sitePowerMinUpdateIntervalSec: Whole(
      0,
      3_600,
      10,
      'Site profile updates at most every',
      'A site session’s TxProfile is raised at most this often (lowering is never delayed), so measured-draw noise does not flood stations (docs/architecture.md "Sites").',
    ),
    allowConcurrentTxByDefault: Type.Boolean({
      default: false,
      title: 'Cards may charge at several connectors',
      description: 'The default for id tags without their own setting (shared fleet cards).',
    }),
  },
  { additionalProperties: false },
);

export type RuntimeSettings = Static<typeof RuntimeSettingsSchema>;
export type RuntimeSettingKey = keyof RuntimeSettings;
export type RegistrationPolicy = RuntimeSettings['registrationPolicy'];

/** Every setting at its default, read from the schema. */
export const DEFAULT_RUNTIME_SETTINGS: Readonly<RuntimeSettings> = Object.freeze(Value.Create(RuntimeSettingsSchema));

export const RUNTIME_SETTING_KEYS = Object.keys(RuntimeSettingsSchema.properties) as RuntimeSettingKey[];

export function isRuntimeSettingKey(key: string): key is RuntimeSettingKey {
  return Object.hasOwn(RuntimeSettingsSchema.properties, key);
}

/** The problems of some settings (a patch, stored values, flags), by field; unknown keys are problems too. */
export function validateRuntimeSettings(input: Readonly<Record<string, unknown>>): FieldProblems {
  return fieldProblems(RuntimeSettingsSchema, input, { partial: true, unknown: 'is not a known setting' });
}

/**
 * Stored values over the defaults, then `overrides` (flags, which win for the run). A stored value that no longer
 * fits its schema is left out (the default stands): the central system never refuses to start over one.
 */
export function resolveRuntimeSettings(stored: Readonly<Record<string, unknown>>, overrides: Partial<RuntimeSettings> = {}): RuntimeSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_RUNTIME_SETTINGS };
  for (const key of RUNTIME_SETTING_KEYS) {
    if (key in stored && fieldProblem(RuntimeSettingsSchema, key, stored[key]) === undefined) merged[key] = stored[key];
    if (overrides[key] !== undefined) merged[key] = overrides[key];
  }
  if (!Value.Check(RuntimeSettingsSchema, merged))
    throw new TypeError(`Runtime settings overrides do not fit: ${JSON.stringify(validateRuntimeSettings(merged))}`);
  return merged;
}

/** What the console shows for a setting: its label with the unit, its help text and its schema. */
export interface SettingDescription {
  key: RuntimeSettingKey;
  label: string;
  description: string;
  schema: TSchema;
}

export function describeSetting(key: RuntimeSettingKey): SettingDescription {
  const schema: TSchema = RuntimeSettingsSchema.properties[key];
  const unit = unitOfField(key);
  const title = typeof schema.title === 'string' ? schema.title : key;
  return { key, label: unit ? `${title} (${unit})` : title, description: typeof schema.description === 'string' ? schema.description : '', schema };
}
