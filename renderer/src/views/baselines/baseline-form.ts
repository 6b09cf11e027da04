import type { ConfigurationBaselineDto, ConfigurationBaselineUpdate } from '../../../../shared/api/types.js';

/**
 * The baseline editor's state, every field as typed: keys and values are never trimmed nor rewritten, because the
 * value is what ChangeConfiguration sends (docs/api.md "Configuration baselines": "Values are stored and sent exactly
 * as typed"). Each row has an id of its own so removing one never moves another row's text into its inputs.
 */
export interface EntryRow {
  rowId: number;
  key: string;
  value: string;
}

export interface BaselineForm {
  name: string;
  description: string;
  rows: EntryRow[];
  /** Charge point identities that follow the baseline directly, in the operator's order. */
  stations: string[];
  /** Site ids whose stations follow it (unless a station has its own). */
  sites: string[];
}

/**
 * Problems by form field: `name`, `description`, `entries` (the list as a whole), `entries.<i>.key`,
 * `entries.<i>.value`, `station:<identity>`, `site:<id>`; anything else is shown with the whole form.
 */
export type BaselineFormErrors = Record<string, string>;

let nextRowId = 1;
export function newRow(key = '', value = ''): EntryRow {
  return { rowId: nextRowId++, key, value };
}

export function emptyBaselineForm(): BaselineForm {
  return { name: '', description: '', rows: [newRow()], stations: [], sites: [] };
}

/** The form of a stored baseline: saving it unchanged sends the same baseline back. */
export function formFromBaseline(baseline: ConfigurationBaselineDto): BaselineForm {
  return {
    name: baseline.name,
    description: baseline.description ?? '',
    rows: baseline.entries.map((e) => newRow(e.key, e.value)),
    stations: [...baseline.stations],
    sites: [...baseline.sites],
  };
}

/**
 * Rows whose key another row already has, by row index: configuration keys are case-insensitive (OCPP 1.6 §9,
 * CiString50), so `HeartbeatInterval` and `heartbeatinterval` are the same key, as the server compares them. The
 * first row of a key is kept unflagged; each later one names it.
 */
export function duplicateKeyProblems(rows: readonly Pick<EntryRow, 'key'>[]): Record<number, string> {
  const firstByKey = new Map<string, number>();
  const problems: Record<number, string> = {};
  rows.forEach((row, i) => {
    if (row.key === '') return;
    const lower = row.key.toLowerCase();
    const first = firstByKey.get(lower);
    if (first === undefined) firstByKey.set(lower, i);
    else problems[i] = `Same key as row ${first + 1} (${rows[first]!.key}): configuration keys are case-insensitive; remove one of them.`;
  });
  return problems;
}

/**
 * What the editor shows at once, as the operator types: duplicate keys. After a first save attempt (`tried`) also
 * what cannot be sent at all (no name, a row without a key, no row). Everything else (characters and lengths
 * ChangeConfiguration can carry, AuthorizationKey) is the server's rule, shown at the field from its 422.
 */
export function baselineFormProblems(form: BaselineForm, { creating, tried }: { creating: boolean; tried: boolean }): BaselineFormErrors {
  const errors: BaselineFormErrors = {};
  for (const [i, problem] of Object.entries(duplicateKeyProblems(form.rows))) errors[`entries.${i}.key`] = problem;
  if (!tried) return errors;
  if (creating && form.name === '') errors.name = 'Required: the baseline’s name (e.g. ac-wallbox).';
  if (form.rows.length === 0) errors.entries = 'Add at least one key.';
  form.rows.forEach((row, i) => {
    if (row.key === '' && !errors[`entries.${i}.key`]) errors[`entries.${i}.key`] = 'Give the key, or remove the row.';
  });
  return errors;
}

/** The PUT body the form describes: every key, value, station and site exactly as typed. */
export function baselineBody(form: BaselineForm): ConfigurationBaselineUpdate {
  return {
    ...(form.description === '' ? {} : { description: form.description }),
    entries: form.rows.map((r) => ({ key: r.key, value: r.value })),
    stations: [...form.stations],
    sites: [...form.sites],
  };
}

/**
 * The form field a server problem belongs to (422 and 409 `details.fields` paths: `entries[2].key`,
 * `stations[0]`, `sites[1]`, `description`, `name`); null when the form has no such field.
 */
export function baselineFieldOf(path: string, form: Pick<BaselineForm, 'stations' | 'sites'>): string | null {
  if (path === 'name' || path === 'description' || path === 'entries') return path;
  const entry = /^entries\[(\d+)\](?:\.(key|value))?$/.exec(path);
  if (entry) return entry[2] ? `entries.${entry[1]}.${entry[2]}` : `entries.${entry[1]}.key`;
  const assigned = /^(stations|sites)\[(\d+)\]$/.exec(path);
  if (assigned) {
    const list = assigned[1] === 'stations' ? form.stations : form.sites;
    const id = list[Number(assigned[2])];
    if (id === undefined) return assigned[1]!;
    return assigned[1] === 'stations' ? `station:${id}` : `site:${id}`;
  }
  if (path === 'stations' || path === 'sites') return path;
  return null;
}

/** Server problems by form field, and those the form cannot place (`rest`, with their path). */
export function placeBaselineProblems(
  fields: Record<string, string>,
  form: Pick<BaselineForm, 'stations' | 'sites'>,
): { byField: BaselineFormErrors; rest: string[] } {
  const byField: BaselineFormErrors = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const field = baselineFieldOf(path, form);
    if (field === null) rest.push(`${path}: ${message}`);
    else byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return { byField, rest };
}

/** Which baseline each station and site follows now, other than `except` (the one being edited). */
export function assignmentOwners(
  baselines: readonly Pick<ConfigurationBaselineDto, 'name' | 'stations' | 'sites'>[],
  except: string | null,
): { stations: Record<string, string>; sites: Record<string, string> } {
  const stations: Record<string, string> = {};
  const sites: Record<string, string> = {};
  for (const b of baselines) {
    if (b.name === except) continue;
    for (const id of b.stations) stations[id] = b.name;
    for (const id of b.sites) sites[id] = b.name;
  }
  return { stations, sites };
}
