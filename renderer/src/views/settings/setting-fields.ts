import type { SettingsDto } from '../../../../shared/api/types.js';

/**
 * How each runtime setting is edited and checked in the console. The ranges are the central system's
 * (main/csms/config/settings.ts validateRuntimeSettings), so a bad value is explained before anything is sent;
 * the server checks again and its 422 answer is shown the same way.
 */
export type SettingKind = { type: 'int'; min: number; max: number; unit: string } | { type: 'choice'; options: readonly string[] } | { type: 'bool' };

export interface SettingField {
  key: string;
  label: string;
  kind: SettingKind;
  hint: string;
}

export const SETTING_FIELDS: SettingField[] = [
  {
    key: 'heartbeatIntervalSec',
    label: 'Heartbeat interval (s)',
    kind: { type: 'int', min: 1, max: 86_400, unit: 's' },
    hint: 'sent in an Accepted BootNotification.conf (OCPP 1.6 §4.2)',
  },
  {
    key: 'bootRetryIntervalSec',
    label: 'Boot retry interval (s)',
    kind: { type: 'int', min: 1, max: 86_400, unit: 's' },
    hint: 'sent with Pending / Rejected: when the station boots again',
  },
  {
    key: 'registrationPolicy',
    label: 'Registration policy',
    kind: { type: 'choice', options: ['pending', 'accept', 'reject'] },
    hint: 'unknown ids: wait for the operator, accept at once, or refuse (HTTP 404)',
  },
  {
    key: 'callTimeoutMs',
    label: 'Response timeout (ms)',
    kind: { type: 'int', min: 100, max: 600_000, unit: 'ms' },
    hint: 'how long to wait for a station’s answer',
  },
  {
    key: 'pingIntervalSec',
    label: 'WebSocket ping interval (s)',
    kind: { type: 'int', min: 0, max: 3_600, unit: 's' },
    hint: 'a station silent for two intervals is dropped; 0 = off',
  },
  {
    key: 'timestampMilliseconds',
    label: 'Milliseconds in timestamps',
    kind: { type: 'bool' },
    hint: 'send .sss in timestamps (some test tools reject it)',
  },
  {
    key: 'validationMode',
    label: 'Message validation',
    kind: { type: 'choice', options: ['strict', 'lenient'] },
    hint: 'strict: schema-invalid CALLs get a CALLERROR; lenient: processed when possible',
  },
  {
    key: 'messageLogRetentionDays',
    label: 'Message log retention (days)',
    kind: { type: 'int', min: 0, max: 36_500, unit: 'days' },
    hint: 'older rows are pruned; 0 = keep',
  },
  {
    key: 'backupIntervalHours',
    label: 'Automatic backup every (h)',
    kind: { type: 'int', min: 0, max: 8_760, unit: 'h' },
    hint: '0 = no automatic backups',
  },
  {
    key: 'backupKeepCount',
    label: 'Backups kept',
    kind: { type: 'int', min: 1, max: 1_000, unit: '' },
    hint: 'of each kind; older ones are deleted',
  },
  {
    key: 'unconfirmedAfterSec',
    label: 'Sessions unconfirmed after (s)',
    kind: { type: 'int', min: 0, max: 604_800, unit: 's' },
    hint: 'a station unheard this long: its sessions are flagged unconfirmed and no longer block their cards (ConcurrentTx); 0 = three heartbeat intervals',
  },
  {
    key: 'dataFolderBudgetMiB',
    label: 'Data folder budget (MiB)',
    kind: { type: 'int', min: 0, max: 1_073_741_824, unit: 'MiB' },
    hint: 'largest size of the data folder (database, WAL, backups, files); above it the oldest message-log rows are pruned; 0 = no budget',
  },
  {
    key: 'meterDetailPruneAfterMonths',
    label: 'Prune meter detail after (months)',
    kind: { type: 'int', min: 0, max: 1_200, unit: 'months' },
    hint: 'when the message log alone cannot make room: meter readings of transactions ended this long ago may go (totals stay); 0 = never',
  },
  {
    key: 'allowConcurrentTxByDefault',
    label: 'Cards may charge at several connectors',
    kind: { type: 'bool' },
    hint: 'the default for id tags without their own setting (shared fleet cards)',
  },
];

/** Settings the server has that this list does not know yet are still shown, edited by their JSON type. */
export function fieldsFor(settings: SettingsDto): SettingField[] {
  const known = new Set(SETTING_FIELDS.map((f) => f.key));
  const extra = Object.entries(settings)
    .filter(([key, value]) => !known.has(key) && (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'))
    .map(([key, value]): SettingField => ({
      key,
      label: key,
      kind:
        typeof value === 'boolean'
          ? { type: 'bool' }
          : typeof value === 'number'
            ? { type: 'int', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, unit: '' }
            : { type: 'choice', options: [String(value)] },
      hint: '',
    }));
  return [...SETTING_FIELDS.filter((f) => f.key in settings), ...extra];
}

export type Draft = Record<string, string | boolean>;

export function draftOf(settings: SettingsDto, fields: SettingField[]): Draft {
  const s = settings as unknown as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f.key, f.kind.type === 'bool' ? Boolean(s[f.key]) : String(s[f.key] ?? '')]));
}

/** The problems of a draft, by setting key, before sending. */
export function checkDraft(draft: Draft, fields: SettingField[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const v = draft[f.key];
    if (f.kind.type === 'int') {
      const text = String(v).trim();
      const n = Number(text);
      if (text === '' || !/^-?\d+$/.test(text)) problems[f.key] = 'must be a whole number';
      else if (n < f.kind.min || n > f.kind.max)
        problems[f.key] = `must be from ${f.kind.min.toLocaleString()} to ${f.kind.max.toLocaleString()}${f.kind.unit ? ` ${f.kind.unit}` : ''}`;
    } else if (f.kind.type === 'choice' && !f.kind.options.includes(String(v))) problems[f.key] = `must be one of ${f.kind.options.join(', ')}`;
  }
  return problems;
}

/** Only what changed, typed as the API wants it. */
export function patchOf(draft: Draft, settings: SettingsDto, fields: SettingField[]): Record<string, unknown> {
  const s = settings as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    const value = f.kind.type === 'int' ? Number(String(draft[f.key]).trim()) : draft[f.key];
    if (value !== s[f.key]) patch[f.key] = value;
  }
  return patch;
}
