/**
 * What the allocation works from: the site's budget and, per charging session, what the station and EV can take,
 * what was last measured, the connector's state (OCPP 1.6 §7.7 ChargePointStatus, as StatusNotification reports it)
 * and whether the station can be steered at all.
 */

/** The connector states a session can be in, from StatusNotification (OCPP 1.6 §4.9, §7.7). */
export type SessionState = 'charging' | 'suspendedEV' | 'suspendedEVSE' | 'preparing' | 'finishing';

/** A session the central system cannot steer, counted at what it may draw. */
export interface SessionHold {
  /** offline: no connection, so no SetChargingProfile can reach it; refused: it answered Rejected/NotSupported. */
  kind: 'offline' | 'refused';
  /** The last allocation of an offline station; the maximum of a refusing or unknown one. */
  holdA: number;
}

export interface SessionDemand {
  /** Unique within the site, e.g. `CP-1/2` (station / connector). */
  key: string;
  /** Higher is served first. Default 0. */
  priority?: number;
  /** What the station and EV can take per phase; null when unknown (then only the budget bounds it). */
  maxA: number | null;
  /** The latest measured current per phase (MeterValues Current.Import, §4.7); null when none has been measured. */
  measuredA: number | null;
  state: SessionState;
  /** Set for a session that cannot be steered; it keeps `holdA` and is not re-assigned. */
  counted: SessionHold | null;
}

/** How much a measured session may keep above its draw before it gives the rest back: the larger of the two. */
export interface GiveBackHeadroom {
  minA: number;
  pct: number;
}

export interface AllocationInput {
  /** The budget in A per phase (siteBudgetA). */
  budgetA: number;
  /** Default 6 A (SiteLimits.minSessionA). */
  minSessionA?: number;
  /** Default: the larger of 1 A and 10 % of the measured current. */
  headroom?: GiveBackHeadroom;
  sessions: readonly SessionDemand[];
}

export const DEFAULT_HEADROOM: GiveBackHeadroom = { minA: 1, pct: 10 };

const STATES: readonly SessionState[] = ['charging', 'suspendedEV', 'suspendedEVSE', 'preparing', 'finishing'];

const isAmount = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function sessionProblems(session: SessionDemand, index: number, seen: Set<string>): string[] {
  const at = `sessions[${index}]`;
  const problems: string[] = [];
  if (typeof session.key !== 'string' || session.key === '') problems.push(`${at}.key must be a non-empty string`);
  else if (seen.has(session.key)) problems.push(`${at}.key "${session.key}" appears twice`);
  seen.add(session.key);
  if (session.priority !== undefined && !Number.isFinite(session.priority)) problems.push(`${at}.priority must be a finite number`);
  if (session.maxA !== null && !isAmount(session.maxA)) problems.push(`${at}.maxA must be null or a number ≥ 0`);
  if (session.measuredA !== null && !isAmount(session.measuredA)) problems.push(`${at}.measuredA must be null or a number ≥ 0`);
  if (!STATES.includes(session.state)) problems.push(`${at}.state must be one of ${STATES.join(', ')}`);
  if (session.counted !== null && !isAmount(session.counted.holdA)) problems.push(`${at}.counted.holdA must be a number ≥ 0`);
  return problems;
}

/**
 * Refuses input the allocation cannot reason about (a NaN would make every comparison false and could hand out
 * more than the budget), with every problem named. The caller builds this input, so a problem is a bug there.
 */
export function assertAllocationInput(input: AllocationInput): void {
  const problems: string[] = [];
  if (!isAmount(input.budgetA)) problems.push('budgetA must be a number ≥ 0');
  if (input.minSessionA !== undefined && !isAmount(input.minSessionA)) problems.push('minSessionA must be a number ≥ 0');
  const seen = new Set<string>();
  input.sessions.forEach((session, index) => problems.push(...sessionProblems(session, index, seen)));
  if (problems.length > 0) throw new RangeError(`Invalid allocation input: ${problems.join('; ')}`);
}
