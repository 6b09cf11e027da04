/**
 * A station's configuration against its baseline. Stations report values in their own spelling (OCPP 1.6 §9:
 * booleans as "true"/"True", integers, comma-separated lists with or without spaces), so a value matches when it
 * means the same: booleans compared without case, numbers by value, lists item by item in any order (a CSL, §9.1,
 * names a set of measurands or features), anything else as exact text after trimming. The operator's expected
 * value itself is never rewritten: it is what ChangeConfiguration sends.
 */
import type { ConfigurationDriftEntry, ConfigurationEntryDto } from '../../../shared/api/types.js';

const BOOLEAN = /^(true|false)$/i;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

function listItems(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .sort();
}

/** Whether the station's `actual` value means the baseline's `expected` one. */
export function sameConfigurationValue(expected: string, actual: string): boolean {
  const e = expected.trim();
  const a = actual.trim();
  if (e === a) return true;
  if (BOOLEAN.test(e) && BOOLEAN.test(a)) return e.toLowerCase() === a.toLowerCase();
  if (NUMBER.test(e) && NUMBER.test(a)) return Number(e) === Number(a);
  if (e.includes(',') || a.includes(',')) {
    const ei = listItems(e);
    const ai = listItems(a);
    return ei.length === ai.length && ei.every((item, i) => item === ai[i]);
  }
  return false;
}

/** What the station last reported, as the drift needs it (the stored GetConfiguration snapshot). */
export interface ReportedConfiguration {
  entries: readonly ConfigurationEntryDto[];
  unknownKeys: readonly string[];
}

/**
 * Each baseline key's state on the station, in the baseline's order. Keys are matched without case (OCPP 1.6 key
 * names are CiString50: case-insensitive). `reported` undefined: the station's configuration was never read.
 */
export function configurationDrift(
  baseline: readonly { key: string; value: string }[],
  reported: ReportedConfiguration | undefined,
): ConfigurationDriftEntry[] {
  const byKey = new Map((reported?.entries ?? []).map((e) => [e.key.toLowerCase(), e]));
  const unknown = new Set((reported?.unknownKeys ?? []).map((k) => k.toLowerCase()));
  return baseline.map(({ key, value }): ConfigurationDriftEntry => {
    const base = { key, expected: value };
    if (!reported) return { ...base, actual: null, readonly: null, state: 'not-read' };
    const entry = byKey.get(key.toLowerCase());
    if (!entry) return { ...base, actual: null, readonly: null, state: unknown.has(key.toLowerCase()) ? 'unknown-key' : 'not-reported' };
    const actual = entry.value ?? null;
    const reboot = entry.rebootRequired ? { rebootRequired: true } : {};
    if (actual !== null && sameConfigurationValue(value, actual)) return { ...base, actual, readonly: entry.readonly, state: 'matches', ...reboot };
    return { ...base, actual, readonly: entry.readonly, state: entry.readonly ? 'differs-readonly' : 'differs', ...reboot };
  });
}
