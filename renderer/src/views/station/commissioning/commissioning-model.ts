/**
 * What the Commissioning tab shows and sends, as plain functions (docs/api.md "Commissioning"): checks in run order,
 * the words of each status, what changed since the previous run, which checks "Run again" repeats, and the run
 * request built from the form without altering what the technician typed.
 */
import {
  COMMISSIONING_CHECK_TITLES,
  COMMISSIONING_CHECKS,
  type CommissioningCheckId,
  type CommissioningCheckResult,
  type CommissioningCheckStatus,
  type CommissioningRunDto,
  type CommissioningRunRequest,
} from '../../../../../shared/api/types.js';

export const CHECK_STATUS_WORDS: Record<CommissioningCheckStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  'needs-technician': 'Needs the technician',
};

export const RUN_STATUS_WORDS: Record<CommissioningRunDto['status'], string> = {
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  stopped: 'Stopped before the end',
};

/** Colour class of a badge (the words always say it too). */
export function statusTone(status: CommissioningCheckStatus | CommissioningRunDto['status']): string {
  switch (status) {
    case 'passed':
      return 'ok';
    case 'running':
      return 'active';
    case 'failed':
    case 'needs-technician':
      return 'bad';
    case 'stopped':
      return 'warn';
    default:
      return 'muted';
  }
}

/** The checks' titles, as the server's reports give them (one list in shared/api/types.ts). */
export const CHECK_LABELS = COMMISSIONING_CHECK_TITLES;

const RUN_ORDER = new Map<string, number>(COMMISSIONING_CHECKS.map((id, index) => [id, index]));

/** Checks (or their ids) in the order a run performs them (COMMISSIONING_CHECKS); unknown ids last, as given. */
export function inRunOrder<T extends { id: string } | string>(items: readonly T[]): T[] {
  const rank = (item: T) => RUN_ORDER.get(typeof item === 'string' ? item : item.id) ?? COMMISSIONING_CHECKS.length;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}

/** Adds or removes a check of a template's choice, keeping run order. */
export function toggleCheck(checks: readonly CommissioningCheckId[], id: CommissioningCheckId, on: boolean): CommissioningCheckId[] {
  const rest = checks.filter((c) => c !== id);
  return inRunOrder(on ? [...rest, id] : rest);
}

/** The sentence a changed check shows: what it was in the previous run, or null when it did not change. */
export function changeNote(run: CommissioningRunDto, id: CommissioningCheckId): string | null {
  const before = run.changedSincePrevious?.[id];
  if (!before) return null;
  const now = run.checks.find((c) => c.id === id)?.status;
  const previous = run.previousRunId !== null ? `run #${run.previousRunId}` : 'the previous run';
  return `Changed since ${previous}: was ${CHECK_STATUS_WORDS[before]}${now ? `, now ${CHECK_STATUS_WORDS[now]}` : ''}.`;
}

/** The run's summary line: how many checks ended each way, e.g. "5 passed, 1 failed, 2 pending". */
export function countByStatus(checks: readonly CommissioningCheckResult[]): string {
  const order: CommissioningCheckStatus[] = ['passed', 'failed', 'needs-technician', 'skipped', 'running', 'pending'];
  return order
    .map((status) => ({ status, n: checks.filter((c) => c.status === status).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${CHECK_STATUS_WORDS[x.status].toLowerCase()}`)
    .join(', ');
}

/**
 * "Run again" on a check that needed the technician: that check, then the later checks of the same run that did
 * not pass (the meter-values and remote-stop checks need the session the remote start opens, docs/api.md).
 */
export function rerunChecks(run: CommissioningRunDto, id: CommissioningCheckId): CommissioningCheckId[] {
  const ordered = inRunOrder(run.checks);
  const from = ordered.findIndex((c) => c.id === id);
  if (from < 0) return [id];
  return [
    id,
    ...ordered
      .slice(from + 1)
      .filter((c) => c.status !== 'passed')
      .map((c) => c.id),
  ];
}

/** The Start form as typed: text fields stay strings until sent. */
export interface StartForm {
  template: string;
  connectorId: string;
  testIdTag: string;
  operator: string;
}

export type StartFormProblems = Partial<Record<keyof StartForm, string>>;

/**
 * The run request of the form, or the problems to show next to each field. Nothing is trimmed or cut: a value the
 * server would refuse is explained instead (limits of CommissioningRunRequestBody in shared/api/request-bodies.ts).
 */
export function runRequestOf(form: StartForm): { request: CommissioningRunRequest } | { problems: StartFormProblems } {
  const problems: StartFormProblems = {};
  const request: CommissioningRunRequest = {};
  if (form.template) request.template = form.template;
  else problems.template = 'Choose a template.';
  if (form.connectorId !== '') {
    const connectorId = Number(form.connectorId);
    if (!/^\d+$/.test(form.connectorId) || connectorId < 1 || connectorId > 100) problems.connectorId = 'A whole number from 1 to 100.';
    else request.connectorId = connectorId;
  }
  if (form.testIdTag !== '') {
    if (form.testIdTag.length > 20) problems.testIdTag = `At most 20 characters (OCPP 1.6 IdToken, §7.28); this one has ${form.testIdTag.length}.`;
    else if (form.testIdTag.trim() !== form.testIdTag) problems.testIdTag = 'Spaces at either end are not part of an id tag: remove them.';
    else request.testIdTag = form.testIdTag;
  }
  if (form.operator !== '') {
    if (form.operator.length > 100) problems.operator = `At most 100 characters; this one has ${form.operator.length}.`;
    else request.operator = form.operator;
  }
  return Object.keys(problems).length ? { problems } : { request };
}

/** A name for a copy of a template that no template has yet: "full-copy", "full-copy-2", ... */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name}-copy`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** A value a check read: text as is, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}
