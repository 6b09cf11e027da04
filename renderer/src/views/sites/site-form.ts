import type { SiteDto, SiteUpdate } from '../../../../shared/api/types.js';

/** A site's limit is given in A per phase or in W over all phases: one of the two, never both (docs/api.md "Sites"). */
export type LimitUnit = 'A' | 'W';

/** One time-of-day period as typed: times as `HH:MM` (the end may be `24:00`), the limit as text. */
export interface PeriodRow {
  from: string;
  to: string;
  limit: string;
  unit: LimitUnit;
}

/** The site editor's state, every field as typed (strings), so a half-typed value is explained, never lost. */
export interface SiteForm {
  id: string;
  name: string;
  limit: string;
  unit: LimitUnit;
  phases: '1' | '3';
  marginPct: string;
  /** '' = absent (the server then uses 230 V and 6 A). */
  voltageV: string;
  minSessionA: string;
  /** Charge point identities, in the operator's order. */
  stations: string[];
  schedule: PeriodRow[];
}

/** Problems by form field: `id`, `name`, `limit`, `phases`, `marginPct`, `voltageV`, `minSessionA`, `stations`,
 * `schedule.<i>.from|to|limit`, `schedule.<i>`, `station:<identity>`; anything else is shown with the whole form. */
export type SiteFormErrors = Record<string, string>;

export const EMPTY_SITE_FORM: SiteForm = {
  id: '',
  name: '',
  limit: '',
  unit: 'A',
  phases: '3',
  marginPct: '10',
  voltageV: '',
  minSessionA: '',
  stations: [],
  schedule: [],
};

export const MINUTES_PER_DAY = 1440;
/** The voltage the server assumes when a site gives none (docs/api.md "Sites" voltageV). */
export const DEFAULT_VOLTAGE_V = 230;

/** `07:30` → 450; `24:00` → 1440 only where the end of the day is allowed; undefined when not a time of day. */
export function parseTimeOfDay(text: string, allowEndOfDay: boolean): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours === 24 && minutes === 0 && allowEndOfDay) return MINUTES_PER_DAY;
  return hours <= 23 ? hours * 60 + minutes : undefined;
}

/** 450 → `07:30`, 1440 → `24:00`. */
export function timeOfDay(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** The typed number, or the problem with it. Ranges are the server's rule (one set of rules, docs/api.md "Sites"). */
function numberOf(text: string, field: string, errors: SiteFormErrors, required: boolean): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) {
    if (required) errors[field] = 'Required.';
    return undefined;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    errors[field] = `Not a number: “${text}”${trimmed.includes(',') ? ' (use a dot for decimals)' : ''}.`;
    return undefined;
  }
  return value;
}

/** `{ limitA }` or `{ limitW }` as the unit says: the one place the choice becomes a field name. */
export function limitField(unit: LimitUnit, value: number): { limitA: number } | { limitW: number } {
  return unit === 'A' ? { limitA: value } : { limitW: value };
}

/**
 * The PUT body the form describes, or its problems by field. Only what cannot be sent is checked here (a missing
 * or unreadable value); ranges and the budget rule are the server's, shown at the field from its 422.
 */
export function buildSiteBody(form: SiteForm, creating: boolean): { body?: SiteUpdate; errors: SiteFormErrors } {
  const errors: SiteFormErrors = {};
  if (creating && !form.id) errors.id = 'Required: the site’s id in the API (e.g. depot-north).';
  if (!form.name) errors.name = 'Required.';
  const limit = numberOf(form.limit, 'limit', errors, true);
  const marginPct = numberOf(form.marginPct, 'marginPct', errors, true);
  const voltageV = numberOf(form.voltageV, 'voltageV', errors, false);
  const minSessionA = numberOf(form.minSessionA, 'minSessionA', errors, false);
  const schedule = form.schedule.map((row, i) => {
    const fromMinute = parseTimeOfDay(row.from, false);
    const toMinute = parseTimeOfDay(row.to, true);
    if (fromMinute === undefined) errors[`schedule.${i}.from`] = 'A time of day, 00:00 to 23:59.';
    if (toMinute === undefined) errors[`schedule.${i}.to`] = 'A time of day, 00:00 to 24:00.';
    const periodLimit = numberOf(row.limit, `schedule.${i}.limit`, errors, true);
    return { fromMinute: fromMinute ?? 0, toMinute: toMinute ?? 0, ...limitField(row.unit, periodLimit ?? 0) };
  });
  if (Object.keys(errors).length) return { errors };
  const body: SiteUpdate = {
    name: form.name,
    ...limitField(form.unit, limit!),
    phases: form.phases === '1' ? 1 : 3,
    marginPct: marginPct!,
    ...(voltageV === undefined ? {} : { voltageV }),
    ...(minSessionA === undefined ? {} : { minSessionA }),
    stations: [...form.stations],
    schedule,
  };
  return { body, errors };
}

/** The form of a stored site: every stored value shown as it is, so saving it unchanged sends the same site back. */
export function formFromSite(site: SiteDto): SiteForm {
  return {
    id: site.id,
    name: site.name,
    limit: String(site.limitA ?? site.limitW ?? ''),
    unit: site.limitA === undefined && site.limitW !== undefined ? 'W' : 'A',
    phases: site.phases === 1 ? '1' : '3',
    marginPct: String(site.marginPct),
    voltageV: site.voltageV === undefined ? '' : String(site.voltageV),
    minSessionA: site.minSessionA === undefined ? '' : String(site.minSessionA),
    stations: [...site.stations],
    schedule: site.schedule.map((p) => ({
      from: timeOfDay(p.fromMinute),
      to: timeOfDay(p.toMinute),
      limit: String(p.limitA ?? p.limitW ?? ''),
      unit: p.limitA === undefined && p.limitW !== undefined ? 'W' : 'A',
    })),
  };
}

/**
 * The form field a server problem belongs to (422 `details.fields` paths, e.g. `schedule[1].toMinute`,
 * `stations[2]`, `limitW`); null when the form has no such field (shown with the whole form instead).
 */
export function formFieldOf(path: string, stations: readonly string[]): string | null {
  if (path === 'siteId') return 'id';
  if (path === 'limitA' || path === 'limitW') return 'limit';
  if (['name', 'phases', 'marginPct', 'voltageV', 'minSessionA', 'stations', 'schedule'].includes(path)) return path;
  const station = /^stations\[(\d+)\]$/.exec(path);
  if (station) {
    const id = stations[Number(station[1])];
    return id === undefined ? 'stations' : `station:${id}`;
  }
  const period = /^schedule\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (period) {
    const part = { fromMinute: 'from', toMinute: 'to', limitA: 'limit', limitW: 'limit' }[period[2] ?? ''];
    return part ? `schedule.${period[1]}.${part}` : `schedule.${period[1]}`;
  }
  return null;
}

/** Server problems by form field, and those the form cannot place (`rest`, with their path). */
export function placeServerProblems(fields: Record<string, string>, stations: readonly string[]): { byField: SiteFormErrors; rest: string[] } {
  const byField: SiteFormErrors = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const field = formFieldOf(path, stations);
    if (field === null) rest.push(`${path}: ${message}`);
    else byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return { byField, rest };
}

/** What the typed limit is in the other unit (a hint only: W ↔ A per phase at the site's voltage and phases). */
export function otherUnitHint(limitText: string, unit: LimitUnit, phasesText: '1' | '3', voltageText: string): string | null {
  const value = Number(limitText.trim());
  const voltage = voltageText.trim() ? Number(voltageText.trim()) : DEFAULT_VOLTAGE_V;
  if (!limitText.trim() || !Number.isFinite(value) || !Number.isFinite(voltage) || voltage <= 0) return null;
  const phases = phasesText === '1' ? 1 : 3;
  const round = (n: number) => Math.round(n * 10) / 10;
  return unit === 'A'
    ? `≈ ${round((value * voltage * phases) / 1000)} kW over ${phases} phase${phases === 1 ? '' : 's'} at ${voltage} V`
    : `≈ ${round(value / (voltage * phases))} A per phase at ${voltage} V`;
}
