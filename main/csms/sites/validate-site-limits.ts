/**
 * Checks a site's limits as the operator gave them and says what is wrong with each field, in words. Nothing is
 * clamped or corrected: a value out of range is a problem to show, never a different value to use.
 */
import { siteBudgetA } from './site-budget.js';
import { DEFAULT_MIN_SESSION_A, MAX_MARGIN_PCT, MINUTES_PER_DAY, type SiteLimits } from './site-limits.js';

export interface SiteLimitsProblem {
  /** Path of the field, e.g. `marginPct` or `schedule[2].toMinute`; empty for the whole value. */
  field: string;
  message: string;
}

const SITE_FIELDS = ['limitA', 'limitW', 'phases', 'voltageV', 'marginPct', 'schedule', 'minSessionA'];
const PERIOD_FIELDS = ['fromMinute', 'toMinute', 'limitA', 'limitW'];
/** Phase-to-neutral voltages in use run from 100 V (Japan) to 277 V (North America's 480Y/277 V). */
const VOLTAGE_RANGE_V = { min: 100, max: 300 };
/** IEC 61851-1's control pilot signals 6 A to 80 A; a session floor outside that cannot be signalled. */
const MIN_SESSION_RANGE_A = { min: 6, max: 80 };

type Fields = Record<string, unknown>;

const isObject = (x: unknown): x is Fields => typeof x === 'object' && x !== null && !Array.isArray(x);
/** The value as the operator gave it, for the message (NaN and Infinity as such, not as JSON's null). */
function shown(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (typeof x === 'number' || typeof x === 'bigint') return String(x);
  return JSON.stringify(x) ?? `a ${typeof x}`;
}

interface NumberRule {
  min: number;
  max?: number;
  /** The minimum itself is not allowed (a limit of 0 A on the whole site). */
  minExclusive?: boolean;
  integer?: boolean;
}

/** The problem with a number field, or null. */
function numberProblem(value: unknown, rule: NumberRule): string | null {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range =
    rule.max === undefined
      ? `${rule.minExclusive ? 'greater than' : 'at least'} ${rule.min}`
      : `from ${rule.min}${rule.minExclusive ? ' (exclusive)' : ''} to ${rule.max}`;
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.minExclusive ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  return fits ? null : `must be ${kind} ${range} (got ${shown(value)})`;
}

function unknownFields(value: Fields, known: string[], path: string): SiteLimitsProblem[] {
  return Object.keys(value)
    .filter((name) => !known.includes(name))
    .map((name) => ({ field: `${path}${name}`, message: `is not a known field (known: ${known.join(', ')})` }));
}

/** Exactly one of limitA and limitW: above 0 for the site, 0 allowed in a schedule period (no charging then). */
function limitProblems(value: Fields, path: string, allowZero: boolean): SiteLimitsProblem[] {
  const hasA = value.limitA !== undefined;
  const hasW = value.limitW !== undefined;
  if (hasA && hasW) return [{ field: `${path}limitW`, message: 'give either limitA (A per phase) or limitW (W), not both' }];
  if (!hasA && !hasW) return [{ field: `${path}limitA`, message: 'is missing: give limitA (A per phase) or limitW (W)' }];
  const name = hasA ? 'limitA' : 'limitW';
  const problem = numberProblem(value[name], { min: 0, minExclusive: !allowZero });
  return problem ? [{ field: `${path}${name}`, message: problem }] : [];
}

function periodProblems(period: unknown, index: number): SiteLimitsProblem[] {
  const path = `schedule[${index}].`;
  if (!isObject(period)) return [{ field: `schedule[${index}]`, message: `must be an object (got ${shown(period)})` }];
  const problems = [...unknownFields(period, PERIOD_FIELDS, path), ...limitProblems(period, path, true)];
  const from = numberProblem(period.fromMinute, { min: 0, max: MINUTES_PER_DAY - 1, integer: true });
  const to = numberProblem(period.toMinute, { min: 0, max: MINUTES_PER_DAY, integer: true });
  if (from) problems.push({ field: `${path}fromMinute`, message: from });
  if (to) problems.push({ field: `${path}toMinute`, message: to });
  if (!from && !to && period.fromMinute === period.toMinute) {
    problems.push({ field: `${path}toMinute`, message: 'must differ from fromMinute (a whole day is 0 to 1440)' });
  }
  return problems;
}

function scheduleProblems(schedule: unknown): SiteLimitsProblem[] {
  if (schedule === undefined) return [];
  if (!Array.isArray(schedule)) return [{ field: 'schedule', message: `must be a list of periods (got ${shown(schedule)})` }];
  return schedule.flatMap((period, index) => periodProblems(period, index));
}

function fieldProblems(value: Fields): SiteLimitsProblem[] {
  const problems = [...unknownFields(value, SITE_FIELDS, ''), ...limitProblems(value, '', false)];
  if (value.phases !== 1 && value.phases !== 3) problems.push({ field: 'phases', message: `must be 1 or 3 (got ${shown(value.phases)})` });
  const checks: Array<[string, unknown, NumberRule]> = [
    ['marginPct', value.marginPct, { min: 0, max: MAX_MARGIN_PCT }],
    ...(value.voltageV === undefined ? [] : [['voltageV', value.voltageV, VOLTAGE_RANGE_V] as [string, unknown, NumberRule]]),
    ...(value.minSessionA === undefined ? [] : [['minSessionA', value.minSessionA, MIN_SESSION_RANGE_A] as [string, unknown, NumberRule]]),
  ];
  for (const [field, fieldValue, rule] of checks) {
    const problem = numberProblem(fieldValue, rule);
    if (problem) problems.push({ field, message: problem });
  }
  return [...problems, ...scheduleProblems(value.schedule)];
}

/** A base limit that, after the margin, cannot give even one session its minimum is a mistake, not a choice. */
function baseBudgetProblem(limits: SiteLimits): SiteLimitsProblem[] {
  const baseBudgetA = siteBudgetA({ ...limits, schedule: [] }, 0);
  const minSessionA = limits.minSessionA ?? DEFAULT_MIN_SESSION_A;
  if (baseBudgetA >= minSessionA) return [];
  return [
    {
      field: limits.limitA !== undefined ? 'limitA' : 'limitW',
      message: `leaves ${baseBudgetA} A per phase after the ${limits.marginPct} % margin, less than minSessionA (${minSessionA} A): no session could charge`,
    },
  ];
}

/** Every problem with the value as site limits; an empty list means it is a valid `SiteLimits`. */
export function validateSiteLimits(value: unknown): SiteLimitsProblem[] {
  if (!isObject(value)) return [{ field: '', message: `must be an object with the site's limits (got ${shown(value)})` }];
  const problems = fieldProblems(value);
  return problems.length > 0 ? problems : baseBudgetProblem(value as unknown as SiteLimits);
}
