/**
 * Shares a site's budget among its charging sessions; the result is the limit each session's TxProfile should
 * carry (OCPP 1.6 §3.13.4 central smart charging: the central system sends each transaction a TxProfile with
 * SetChargingProfile, §5.16). Pure and deterministic: the same input always gives the same result.
 *
 * 1. Sessions that cannot be steered (offline, or refusing profiles) are counted first at what they may draw.
 * 2. The rest is shared by priority tiers, highest first, with equal shares within a tier; a session capped by its
 *    maximum, or measured drawing clearly less than its share, keeps only that and gives the rest to the others.
 * 3. A session gets at least `minSessionA` or nothing (paused): when there is not enough for everyone's minimum, the
 *    lowest priority, then the latest in input order, are paused.
 * Everything is in whole deci-amps (deci-amps.ts) and rounded down, so the sum never exceeds the budget.
 * docs/architecture.md "Sites: how the limit is shared".
 */
import { assertAllocationInput, DEFAULT_HEADROOM, type AllocationInput, type GiveBackHeadroom, type SessionDemand } from './allocation-input.js';
import { ceilDeciA, deciToA, floorDeciA } from './deci-amps.js';
import { DEFAULT_MIN_SESSION_A } from './site-limits.js';
import { waterFill } from './water-fill.js';

export type AllocationReason =
  | 'share'
  | 'capped-by-max'
  | 'gives-back'
  | 'paused-no-room'
  | 'held-offline'
  | 'held-refused'
  /** `finishing`: the transaction has stopped (§7.7 ChargePointStatus Finishing), nothing to give. */
  | 'not-charging';

export interface SessionAllocation {
  key: string;
  /** Per phase; 0 = paused. For a held session, the amount counted for it. */
  limitA: number;
  reason: AllocationReason;
}

export interface AllocationTotals {
  /** The budget as used: rounded down to 0.1 A. */
  budgetA: number;
  /** Every session's limit, holds included. Never above budgetA, unless the holds alone are (overBudgetByHoldsA). */
  allocatedA: number;
  heldA: number;
  /** How far the holds alone exceed the budget; 0 when they fit. Every steerable session is then paused. */
  overBudgetByHoldsA: number;
}

export interface Allocation {
  /** In the order of the input. */
  sessions: SessionAllocation[];
  totals: AllocationTotals;
}

/** A steerable session during the allocation, in deci-amps. */
interface Candidate {
  index: number;
  key: string;
  priority: number;
  maxDeciA: number;
  demandDeciA: number;
}

/** States in which the measured current says what the EV wants: it is charging, or it has stopped by itself. */
const DEMAND_STATES = new Set<SessionDemand['state']>(['charging', 'suspendedEV']);

/** What a measured session is taken to need: its draw plus headroom (so it can be seen to want more), ≥ the minimum. */
function demandDeciA(session: SessionDemand, headroom: GiveBackHeadroom, minDeciA: number): number {
  if (session.measuredA === null || !DEMAND_STATES.has(session.state)) return Infinity;
  const headroomA = Math.max(headroom.minA, (session.measuredA * headroom.pct) / 100);
  return Math.max(minDeciA, ceilDeciA(session.measuredA + headroomA));
}

function heldAllocation(session: SessionDemand): SessionAllocation | null {
  if (session.counted === null) return null;
  const reason = session.counted.kind === 'offline' ? 'held-offline' : 'held-refused';
  return { key: session.key, limitA: deciToA(ceilDeciA(session.counted.holdA)), reason };
}

/** Higher priority first; within a priority, the earlier in the input first (the later is paused first). */
function byPriority(a: Candidate, b: Candidate): number {
  return b.priority - a.priority || a.index - b.index;
}

/** How many candidates (in priority order) can all have the minimum. */
function admittedCount(count: number, availableDeciA: number, minDeciA: number): number {
  return minDeciA === 0 ? count : Math.min(count, Math.floor(availableDeciA / minDeciA));
}

function reasonFor(candidate: Candidate, limitDeciA: number): AllocationReason {
  if (limitDeciA >= candidate.maxDeciA) return 'capped-by-max';
  if (limitDeciA >= candidate.demandDeciA) return 'gives-back';
  return 'share';
}

/** Fills tier after tier; each tier leaves the minimum for every admitted session of the lower tiers. */
function shareByTiers(admitted: Candidate[], availableDeciA: number, minDeciA: number, out: SessionAllocation[]): void {
  let usedDeciA = 0;
  let position = 0;
  while (position < admitted.length) {
    const priority = admitted[position]?.priority;
    const tier = admitted.filter((c) => c.priority === priority);
    const lowerCount = admitted.length - position - tier.length;
    const tierDeciA = availableDeciA - usedDeciA - lowerCount * minDeciA;
    const shares = waterFill(
      tierDeciA,
      tier.map((c) => Math.min(c.maxDeciA, c.demandDeciA)),
    );
    tier.forEach((candidate, i) => {
      const limitDeciA = shares[i] ?? 0;
      usedDeciA += limitDeciA;
      out[candidate.index] = { key: candidate.key, limitA: deciToA(limitDeciA), reason: reasonFor(candidate, limitDeciA) };
    });
    position += tier.length;
  }
}

/**
 * The sessions that take part in the sharing. Finishing ones and those whose maximum is below the minimum get 0 A
 * in `out` straight away; held ones already have their hold there.
 */
function steerableCandidates(input: AllocationInput, minDeciA: number, out: SessionAllocation[]): Candidate[] {
  const headroom = input.headroom ?? DEFAULT_HEADROOM;
  const candidates: Candidate[] = [];
  input.sessions.forEach((session, index) => {
    const { key } = session;
    if (session.counted !== null) return;
    if (session.state === 'finishing') out[index] = { key, limitA: 0, reason: 'not-charging' };
    else if (session.maxA !== null && floorDeciA(session.maxA) < minDeciA) out[index] = { key, limitA: 0, reason: 'capped-by-max' };
    else {
      const maxDeciA = session.maxA === null ? Infinity : floorDeciA(session.maxA);
      candidates.push({ index, key, priority: session.priority ?? 0, maxDeciA, demandDeciA: demandDeciA(session, headroom, minDeciA) });
    }
  });
  return candidates;
}

/** Shares the budget; see the file comment for the rules. Throws RangeError on input it cannot reason about. */
export function allocate(input: AllocationInput): Allocation {
  assertAllocationInput(input);
  const budgetDeciA = floorDeciA(input.budgetA);
  const minDeciA = ceilDeciA(input.minSessionA ?? DEFAULT_MIN_SESSION_A);
  const out: SessionAllocation[] = input.sessions.map((s) => heldAllocation(s) ?? { key: s.key, limitA: 0, reason: 'paused-no-room' });
  const heldDeciA = out.reduce((sum, a, i) => (input.sessions[i]?.counted ? sum + floorDeciA(a.limitA) : sum), 0);
  const availableDeciA = Math.max(0, budgetDeciA - heldDeciA);

  const candidates = steerableCandidates(input, minDeciA, out);
  candidates.sort(byPriority);
  const admitted = candidates.slice(0, admittedCount(candidates.length, availableDeciA, minDeciA));
  shareByTiers(admitted, availableDeciA, minDeciA, out);

  const allocatedDeciA = out.reduce((sum, a) => sum + floorDeciA(a.limitA), 0);
  return {
    sessions: out,
    totals: {
      budgetA: deciToA(budgetDeciA),
      allocatedA: deciToA(allocatedDeciA),
      heldA: deciToA(heldDeciA),
      overBudgetByHoldsA: deciToA(Math.max(0, heldDeciA - budgetDeciA)),
    },
  };
}
