/**
 * One look at a site: its budget now and, per open transaction of its stations, what the allocation works from
 * (main/csms/sites allocate) and the allocation itself. Pure: the caller gathers the facts from the central
 * system's state and passes the time in. docs/architecture.md "Sites: how the limit is shared".
 */
import {
  allocate,
  limitInForceA,
  possiblyInUseA,
  siteBudgetA,
  type Allocation,
  type SentLimit,
  type SessionDemand,
  type SessionState,
  type SiteLimits,
} from '../sites/index.js';
import { UNKNOWN_STATION_MAX_A } from './profiles.js';
import { minuteOfDay } from './site-clock.js';

/** An open transaction of a site station, as the central system knows it now. */
export interface SessionFacts {
  transactionId: number;
  chargePointId: string;
  connectorId: number;
  idTag: string;
  state: SessionState;
  online: boolean;
  /** The station refused a TxProfile for this transaction. */
  refused: boolean;
  measuredA: number | null;
  measuredW: number | null;
  /** What the station may be using (sent-limits.ts); always present: the caller starts one from `knownLimit`. */
  sent: SentLimit;
}

export interface SiteAssessment {
  limitA: number;
  budgetA: number;
  sessions: SessionFacts[];
  demands: SessionDemand[];
  allocation: Allocation;
}

/** A session's key in the allocation: its transaction id (unique, and what the sent limits are kept by). */
export const sessionKey = (transactionId: number): string => String(transactionId);

/**
 * What a session counts for when it cannot be steered: an offline one at what it may be using (its last limit),
 * a refusing one at its maximum.
 */
function holdOf(facts: SessionFacts): SessionDemand['counted'] {
  if (facts.refused) return { kind: 'refused', holdA: Math.max(UNKNOWN_STATION_MAX_A, possiblyInUseA(facts.sent)) };
  if (!facts.online) return { kind: 'offline', holdA: possiblyInUseA(facts.sent) };
  return null;
}

export function assessSite(limits: SiteLimits, sessions: SessionFacts[], at: Date): SiteAssessment {
  const minute = minuteOfDay(at);
  const budgetA = siteBudgetA(limits, minute);
  const demands: SessionDemand[] = sessions.map((facts) => ({
    key: sessionKey(facts.transactionId),
    maxA: UNKNOWN_STATION_MAX_A,
    measuredA: facts.measuredA,
    state: facts.state,
    counted: holdOf(facts),
  }));
  const allocation = allocate({ budgetA, ...(limits.minSessionA !== undefined ? { minSessionA: limits.minSessionA } : {}), sessions: demands });
  return { limitA: limitInForceA(limits, minute), budgetA, sessions, demands, allocation };
}
