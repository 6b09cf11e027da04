import { choicesOf, fieldProblem } from '../../../../shared/api/field-problems.js';
import { describeSetting, isRuntimeSettingKey, RUNTIME_SETTING_KEYS, RuntimeSettingsSchema } from '../../../../shared/api/settings.js';
import type { SettingsDto } from '../../../../shared/api/types.js';
import type { TSchema } from '@sinclair/typebox';

/**
 * How each runtime setting is edited and checked in the console: label, help text, limits and checks all come from
 * the settings schema the central system checks with (shared/api/settings.ts), so a bad value is explained before
 * anything is sent, in the words the server would use; the server checks again and its 422 is shown the same way.
 */
export type SettingKind = { type: 'int'; min: number; max: number } | { type: 'choice'; options: readonly string[] } | { type: 'bool' };

export interface SettingField {
  key: string;
  label: string;
  kind: SettingKind;
  hint: string;
}

function kindOf(schema: TSchema): SettingKind {
  const options = choicesOf(schema);
  if (options) return { type: 'choice', options };
  if (schema.type === 'boolean') return { type: 'bool' };
  const range = schema as { minimum?: number; maximum?: number };
  return { type: 'int', min: range.minimum ?? Number.MIN_SAFE_INTEGER, max: range.maximum ?? Number.MAX_SAFE_INTEGER };
}

export const SETTING_FIELDS: readonly SettingField[] = RUNTIME_SETTING_KEYS.map((key) => {
  const setting = describeSetting(key);
  return { key, label: setting.label, kind: kindOf(setting.schema), hint: setting.description };
});

/** Settings the server has that this console does not know yet are still shown, edited by their JSON type. */
export function fieldsFor(settings: SettingsDto): SettingField[] {
  const extra = Object.entries(settings)
    .filter(([key, value]) => !isRuntimeSettingKey(key) && (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'))
    .map(([key, value]): SettingField => ({
      key,
      label: key,
      kind:
        typeof value === 'boolean'
          ? { type: 'bool' }
          : typeof value === 'number'
            ? { type: 'int', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }
            : { type: 'choice', options: [String(value)] },
      hint: '',
    }));
  return [...SETTING_FIELDS.filter((f) => f.key in settings), ...extra];
}

export type Draft = Record<string, string | boolean>;

function valuesOf(settings: SettingsDto): Record<string, unknown> {
  return { ...settings };
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function draftOf(settings: SettingsDto, fields: readonly SettingField[]): Draft {
  const values = valuesOf(settings);
  return Object.fromEntries(fields.map((f) => [f.key, f.kind.type === 'bool' ? values[f.key] === true : textOf(values[f.key])]));
}

/** The JSON value a field's draft stands for: a whole number typed as text becomes a number, anything else stays. */
function valueOf(field: SettingField, draft: string | boolean | undefined): unknown {
  if (field.kind.type !== 'int') return draft;
  const text = String(draft ?? '').trim();
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** The problems of a draft, by setting key, before sending: the schema's own check and words. */
export function checkDraft(draft: Draft, fields: readonly SettingField[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const value = valueOf(f, draft[f.key]);
    const problem = isRuntimeSettingKey(f.key)
      ? fieldProblem(RuntimeSettingsSchema, f.key, value)
      : f.kind.type === 'int' && typeof value !== 'number'
        ? 'must be a whole number'
        : undefined;
    if (problem) problems[f.key] = problem;
  }
  return problems;
}

/** Only what changed, typed as the API wants it. */
export function patchOf(draft: Draft, settings: SettingsDto, fields: readonly SettingField[]): Record<string, unknown> {
  const values = valuesOf(settings);
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    const value = valueOf(f, draft[f.key]);
    if (value !== values[f.key]) patch[f.key] = value;
  }
  return patch;
}
