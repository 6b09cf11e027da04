/**
 * Sites: sharing one grid supply's limit among the charging sessions behind it with TxProfiles (OCPP 1.6 §3.13
 * Smart Charging, §5.16 SetChargingProfile). Pure decision logic: no I/O, no timers, time is passed in.
 * docs/architecture.md "Sites: how the limit is shared".
 */
export {
  DEFAULT_MIN_SESSION_A,
  DEFAULT_SITE_VOLTAGE_V,
  MAX_MARGIN_PCT,
  MINUTES_PER_DAY,
  type SiteLimits,
  type SiteSchedulePeriod,
} from './site-limits.js';
export { validateSiteLimits, type SiteLimitsProblem } from './validate-site-limits.js';
export { limitInForceA, limitPerPhaseA, periodCoversMinute, siteBudgetA, type LimitValue } from './site-budget.js';
export {
  DEFAULT_HEADROOM,
  type AllocationInput,
  type GiveBackHeadroom,
  type SessionDemand,
  type SessionHold,
  type SessionState,
} from './allocation-input.js';
export { allocate, type Allocation, type AllocationReason, type AllocationTotals, type SessionAllocation } from './allocate.js';
export { knownLimit, possiblyInUseA, possiblyInUseSumA, recordAnswer, recordSent, type SentLimit, type SetProfileOutcome } from './sent-limits.js';
export { planUpdates, type DeferReason, type DeferredUpdate, type PlannedUpdate, type PlanOptions, type UpdatePlan } from './plan-updates.js';
