/**
 * A site: stations behind one grid supply whose limit the central system shares among their charging sessions
 * with TxProfiles (OCPP 1.6 §3.13 Smart Charging, §3.13.4 central smart charging, §5.16 SetChargingProfile).
 * These are the limits the sharing works from; docs/architecture.md "Sites: how the limit is shared".
 */

/** A time-of-day limit. Minutes of the site's local day; `toMinute` is exclusive, 1440 = midnight at the end. */
export interface SiteSchedulePeriod {
  fromMinute: number;
  /** A period with `toMinute` < `fromMinute` wraps midnight (e.g. 22:00 to 06:00 is 1320 to 360). */
  toMinute: number;
  /** Exactly one of limitA (per phase) and limitW. 0 is allowed: no charging in that period. */
  limitA?: number;
  limitW?: number;
}

export interface SiteLimits {
  /** Exactly one of limitA (amps per phase) and limitW (watts, all phases together). */
  limitA?: number;
  limitW?: number;
  phases: 1 | 3;
  /** Phase-to-neutral voltage for W → A. Default 230. */
  voltageV?: number;
  /** Share of the limit kept free, 0 to 50 %: absorbs meter lag and the time stations take to apply a lower limit. */
  marginPct: number;
  /** Where periods overlap, the lowest limit wins; outside every period the base limit applies. Default none. */
  schedule?: SiteSchedulePeriod[];
  /**
   * The smallest current a session is given, else it is paused (0 A). Default 6 A: below 6 A the IEC 61851-1
   * control pilot cannot signal a current (the same floor OCPP 1.6 §7 ChargingSchedule.minChargingRate expresses
   * per EV).
   */
  minSessionA?: number;
}

export const DEFAULT_SITE_VOLTAGE_V = 230;
export const DEFAULT_MIN_SESSION_A = 6;
export const MINUTES_PER_DAY = 24 * 60;
export const MAX_MARGIN_PCT = 50;
