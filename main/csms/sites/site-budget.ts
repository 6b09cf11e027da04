/**
 * The current a site may share at a minute of its day: the limit in force (a schedule period, else the base
 * limit), in amps per phase, less the safety margin. Sessions are limited per phase with TxProfiles in A
 * (OCPP 1.6 §5.16 SetChargingProfile, §7 ChargingSchedule.chargingRateUnit), so the budget is in A per phase too.
 */
import { floorTenthA } from './deci-amps.js';
import { DEFAULT_SITE_VOLTAGE_V, MINUTES_PER_DAY, type SiteLimits, type SiteSchedulePeriod } from './site-limits.js';

/** A limit as given: amps per phase or watts over all phases. */
export type LimitValue = { limitA?: number; limitW?: number };

/** W over all phases → A per phase: W / (V × phases). A limit given in A is returned as it is. */
export function limitPerPhaseA(limit: LimitValue, phases: number, voltageV: number = DEFAULT_SITE_VOLTAGE_V): number {
  if (limit.limitA !== undefined) return limit.limitA;
  return (limit.limitW ?? 0) / (voltageV * phases);
}

/** Whether a period covers the minute; a period whose end is before its start wraps midnight. */
export function periodCoversMinute(period: Pick<SiteSchedulePeriod, 'fromMinute' | 'toMinute'>, minuteOfDay: number): boolean {
  const minute = ((minuteOfDay % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  if (period.fromMinute <= period.toMinute) return minute >= period.fromMinute && minute < period.toMinute;
  return minute >= period.fromMinute || minute < period.toMinute;
}

/** The limit in force at the minute, in A per phase before the margin: the lowest covering period, else the base. */
export function limitInForceA(limits: SiteLimits, minuteOfDay: number): number {
  const voltageV = limits.voltageV ?? DEFAULT_SITE_VOLTAGE_V;
  const covering = (limits.schedule ?? []).filter((period) => periodCoversMinute(period, minuteOfDay));
  if (covering.length === 0) return limitPerPhaseA(limits, limits.phases, voltageV);
  return Math.min(...covering.map((period) => limitPerPhaseA(period, limits.phases, voltageV)));
}

/** The budget to share at the minute: the limit in force less `marginPct`, rounded down to 0.1 A. */
export function siteBudgetA(limits: SiteLimits, minuteOfDay: number): number {
  const limitA = limitInForceA(limits, minuteOfDay);
  return Math.max(0, floorTenthA(limitA * (1 - limits.marginPct / 100)));
}
