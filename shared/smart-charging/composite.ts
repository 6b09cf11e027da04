/**
 * The schedule a station will follow on a connector: OCPP 1.6 §3.13.2 (stacking), §3.13.3 (combining purposes)
 * and §5.7 (GetCompositeSchedule), computed from the profiles it holds.
 *
 * At every instant:
 * - within one purpose, the valid (validFrom ≤ t < validTo) profile with the highest stackLevel whose schedule has
 *   a period in force at t wins, and that period's limit applies (§3.13.2). Outside its schedule (before the
 *   start, after `duration`) a profile does not count, so a lower stack level applies again;
 * - during a transaction a TxProfile overrides the TxDefaultProfile; a TxDefaultProfile on the connector
 *   overrides one on connector 0 (§3.13.1);
 * - the result is the lower of the ChargePointMaxProfile and the Tx/TxDefault limit (§3.13.3).
 * Where no profile has a period in force there is no limit, and the result has no period for that time range.
 */
import type { ChargingProfile, ChargingRateUnit, ChargingSchedulePeriod, InstalledProfile } from './types.js';
import { SECONDS_PER_DAY, SECONDS_PER_WEEK } from './types.js';

export interface CompositeScheduleInput {
  installed: readonly InstalledProfile[];
  /** The connector to compute for; 0 gives the station-wide limit (the ChargePointMaxProfile only). */
  connectorId: number;
  start: Date;
  durationSec: number;
  /** Unit of the result. Default: W when every profile that counts for the connector is in W, otherwise A. */
  chargingRateUnit?: ChargingRateUnit;
  /** The transaction running on the connector, if any: enables TxProfiles and anchors Relative schedules. */
  transaction?: { id: number; startedAt: Date } | null;
  /** Phase voltage for A↔W conversion. Default 230. */
  voltageV?: number;
  /** Phases used for A↔W conversion when a period has no numberPhases. Default 3 (§7 ChargingSchedulePeriod). */
  phases?: number;
}

export interface CompositePeriod {
  /** Seconds from scheduleStart. */
  startPeriod: number;
  limit: number;
  numberPhases?: number;
  /**
   * Seconds from scheduleStart at which this period stops (exclusive). It is the next period's startPeriod, except
   * before an unlimited range or at the end of the schedule: the one thing OCPP's period list cannot express.
   */
  endPeriod: number;
}

export interface CompositeSchedule {
  scheduleStart: Date;
  /** Seconds, as requested. */
  duration: number;
  chargingRateUnit: ChargingRateUnit;
  /** Limited ranges only, in time order; a gap between two periods (or before/after them) is unlimited. */
  periods: CompositePeriod[];
}

/** A step point for charts: the limit from `at` until the next point; `null` means unlimited. */
export interface SchedulePoint {
  at: Date;
  limit: number | null;
}

export const DEFAULT_VOLTAGE_V = 230;
/** §7 ChargingSchedulePeriod: numberPhases is assumed to be 3 when absent. */
export const DEFAULT_PHASES = 3;

/**
 * Converts a limit between A and W: W = A × voltage × phases. A converted value is rounded DOWN to one decimal
 * (the schema's multipleOf 0.1), so that a converted limit never exceeds the original one.
 */
export function convertLimit(limit: number, from: ChargingRateUnit, to: ChargingRateUnit, voltageV: number, phases: number): number {
  if (from === to) return limit;
  const factor = voltageV * phases;
  const converted = to === 'W' ? limit * factor : limit / factor;
  return Math.floor(converted * 10 + 1e-6) / 10;
}

/** The composite schedule of `connectorId` from `start` for `durationSec` seconds. */
export function computeCompositeSchedule(input: CompositeScheduleInput): CompositeSchedule {
  const startMs = input.start.getTime();
  const endMs = startMs + Math.max(0, input.durationSec) * 1000;
  const groups = candidateGroups(input);
  const all = [...groups.max, ...groups.tx, ...groups.txDefaultConnector, ...groups.txDefaultStation];
  const unit = input.chargingRateUnit ?? (all.length > 0 && all.every((c) => c.unit === 'W') ? 'W' : 'A');
  const electrical = { voltageV: input.voltageV ?? DEFAULT_VOLTAGE_V, phases: input.phases ?? DEFAULT_PHASES };

  // The limit is constant between consecutive change points, so evaluating it at each one is exact.
  const points = new Set<number>([startMs]);
  for (const candidate of all) addChangePoints(candidate, startMs, endMs, points);
  const sorted = [...points].sort((a, b) => a - b);

  const periods: CompositePeriod[] = [];
  sorted.forEach((at, i) => {
    const startPeriod = Math.round((at - startMs) / 1000);
    const endPeriod = Math.round(((sorted[i + 1] ?? endMs) - startMs) / 1000);
    if (endPeriod <= startPeriod) return;
    const value = combinedLimitAt(groups, at, unit, electrical);
    if (!value) return;
    const last = periods[periods.length - 1];
    // Merge with the previous period when it ends here with the same limit and phases.
    if (last && last.endPeriod === startPeriod && last.limit === value.limit && last.numberPhases === value.numberPhases) {
      last.endPeriod = endPeriod;
      return;
    }
    periods.push({ startPeriod, limit: value.limit, ...(value.numberPhases !== undefined ? { numberPhases: value.numberPhases } : {}), endPeriod });
  });
  return { scheduleStart: new Date(startMs), duration: Math.max(0, input.durationSec), chargingRateUnit: unit, periods };
}

/**
 * Step points of a composite schedule for a chart: one point wherever the limit changes (including to and from
 * unlimited, `null`), and a closing point at the end of the schedule carrying the last value. With `stepSec`, the
 * limit is sampled on a regular grid instead (plus the closing point).
 */
export function sampleSchedule(schedule: CompositeSchedule, options: { stepSec?: number } = {}): SchedulePoint[] {
  const startMs = schedule.scheduleStart.getTime();
  const valueAt = (offset: number): number | null => schedule.periods.find((p) => p.startPeriod <= offset && offset < p.endPeriod)?.limit ?? null;
  const point = (offset: number, limit: number | null): SchedulePoint => ({ at: new Date(startMs + offset * 1000), limit });
  const closing = (): SchedulePoint => point(schedule.duration, schedule.duration > 0 ? valueAt(schedule.duration - 1e-3) : null);

  if (options.stepSec !== undefined && options.stepSec > 0) {
    const out: SchedulePoint[] = [];
    for (let offset = 0; offset < schedule.duration; offset += options.stepSec) out.push(point(offset, valueAt(offset)));
    out.push(closing());
    return out;
  }
  const offsets = new Set<number>([0]);
  for (const p of schedule.periods) offsets.add(p.startPeriod).add(p.endPeriod);
  const out: SchedulePoint[] = [];
  for (const offset of [...offsets].filter((o) => o < schedule.duration).sort((a, b) => a - b)) {
    const limit = valueAt(offset);
    const last = out[out.length - 1];
    if (!last || last.limit !== limit) out.push(point(offset, limit));
  }
  out.push(closing());
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------------------------

interface Candidate {
  profile: ChargingProfile;
  unit: ChargingRateUnit;
  /** Position in `installed`: among equal stack levels the later-installed profile wins. */
  order: number;
  /** Start of the (first occurrence of the) schedule, ms. */
  anchorMs: number;
  /** Recurrence period in ms for Recurring profiles. */
  recurrenceMs?: number;
  durationMs?: number;
  validFromMs?: number;
  validToMs?: number;
  /** Periods sorted by startPeriod. */
  periods: ChargingSchedulePeriod[];
}

interface CandidateGroups {
  max: Candidate[];
  tx: Candidate[];
  txDefaultConnector: Candidate[];
  txDefaultStation: Candidate[];
}

/** Sorts the installed profiles into the purposes that count for the connector, highest priority first. */
function candidateGroups(input: CompositeScheduleInput): CandidateGroups {
  const tx = input.transaction ?? null;
  // §3.13 Relative: the schedule starts with the transaction; without one, we show it as if starting now.
  const relativeAnchorMs = tx ? tx.startedAt.getTime() : input.start.getTime();
  const groups: CandidateGroups = { max: [], tx: [], txDefaultConnector: [], txDefaultStation: [] };
  const connector = input.connectorId;

  input.installed.forEach(({ connectorId, profile }, order) => {
    const candidate = toCandidate(profile, order, relativeAnchorMs);
    switch (profile.chargingProfilePurpose) {
      case 'ChargePointMaxProfile':
        if (connectorId === 0) groups.max.push(candidate);
        break;
      case 'TxProfile':
        if (connector > 0 && connectorId === connector && tx && (profile.transactionId === undefined || profile.transactionId === tx.id)) {
          groups.tx.push(candidate);
        }
        break;
      case 'TxDefaultProfile':
        if (connector > 0 && connectorId === connector) groups.txDefaultConnector.push(candidate);
        else if (connector > 0 && connectorId === 0) groups.txDefaultStation.push(candidate);
        break;
    }
  });
  const byPriority = (a: Candidate, b: Candidate) => b.profile.stackLevel - a.profile.stackLevel || b.order - a.order;
  for (const list of [groups.max, groups.tx, groups.txDefaultConnector, groups.txDefaultStation]) list.sort(byPriority);
  return groups;
}

function toCandidate(profile: ChargingProfile, order: number, relativeAnchorMs: number): Candidate {
  const schedule = profile.chargingSchedule;
  const startScheduleMs = schedule.startSchedule !== undefined ? Date.parse(schedule.startSchedule) : NaN;
  // §7 ChargingSchedule: without startSchedule a schedule is relative to the start of charging.
  const anchorMs = profile.chargingProfileKind !== 'Relative' && !Number.isNaN(startScheduleMs) ? startScheduleMs : relativeAnchorMs;
  const recurrenceSec =
    profile.chargingProfileKind === 'Recurring' ? (profile.recurrencyKind === 'Weekly' ? SECONDS_PER_WEEK : SECONDS_PER_DAY) : undefined;
  const validFromMs = profile.validFrom !== undefined ? Date.parse(profile.validFrom) : NaN;
  const validToMs = profile.validTo !== undefined ? Date.parse(profile.validTo) : NaN;
  return {
    profile,
    unit: schedule.chargingRateUnit,
    order,
    anchorMs,
    recurrenceMs: recurrenceSec !== undefined ? recurrenceSec * 1000 : undefined,
    durationMs: schedule.duration !== undefined ? schedule.duration * 1000 : undefined,
    validFromMs: Number.isNaN(validFromMs) ? undefined : validFromMs,
    validToMs: Number.isNaN(validToMs) ? undefined : validToMs,
    periods: [...(schedule.chargingSchedulePeriod ?? [])].sort((a, b) => a.startPeriod - b.startPeriod),
  };
}

/** The start of the schedule occurrence in force at t (the latest one for Recurring), or undefined. */
function occurrenceAt(c: Candidate, t: number): number | undefined {
  if (t < c.anchorMs) return undefined;
  if (c.recurrenceMs === undefined) return c.anchorMs;
  return c.anchorMs + Math.floor((t - c.anchorMs) / c.recurrenceMs) * c.recurrenceMs;
}

/** The period of `c` in force at t, or undefined when the profile does not count at t. */
function periodAt(c: Candidate, t: number): ChargingSchedulePeriod | undefined {
  if (c.validFromMs !== undefined && t < c.validFromMs) return undefined;
  if (c.validToMs !== undefined && t >= c.validToMs) return undefined;
  const occurrence = occurrenceAt(c, t);
  if (occurrence === undefined) return undefined;
  const offsetMs = t - occurrence;
  if (c.durationMs !== undefined && offsetMs >= c.durationMs) return undefined;
  let found: ChargingSchedulePeriod | undefined;
  for (const period of c.periods) {
    if (period.startPeriod * 1000 <= offsetMs) found = period;
    else break;
  }
  return found;
}

/** The highest-priority candidate with a period in force at t (§3.13.2), with that period. */
function winnerAt(candidates: readonly Candidate[], t: number): { candidate: Candidate; period: ChargingSchedulePeriod } | undefined {
  for (const candidate of candidates) {
    const period = periodAt(candidate, t);
    if (period) return { candidate, period };
  }
  return undefined;
}

/** §3.13.3: min(ChargePointMaxProfile, TxProfile else TxDefaultProfile) at t, in `unit`. */
function combinedLimitAt(
  groups: CandidateGroups,
  t: number,
  unit: ChargingRateUnit,
  electrical: { voltageV: number; phases: number },
): { limit: number; numberPhases?: number } | undefined {
  const max = winnerAt(groups.max, t);
  const txLevel = winnerAt(groups.tx, t) ?? winnerAt(groups.txDefaultConnector, t) ?? winnerAt(groups.txDefaultStation, t);
  let result: { limit: number; numberPhases?: number } | undefined;
  for (const won of [max, txLevel]) {
    if (!won) continue;
    const { period, candidate } = won;
    const limit = convertLimit(period.limit, candidate.unit, unit, electrical.voltageV, period.numberPhases ?? electrical.phases);
    // The fewest phases any contributing period allows is what the station can use.
    const phases = [result?.numberPhases, period.numberPhases].filter((n): n is number => n !== undefined);
    result = {
      limit: result === undefined ? limit : Math.min(result.limit, limit),
      ...(phases.length > 0 ? { numberPhases: Math.min(...phases) } : {}),
    };
  }
  return result;
}

/** Instants in (fromMs, toMs) at which what `c` contributes may change. */
function addChangePoints(c: Candidate, fromMs: number, toMs: number, out: Set<number>): void {
  const add = (t: number) => {
    if (t > fromMs && t < toMs) out.add(t);
  };
  if (c.validFromMs !== undefined) add(c.validFromMs);
  if (c.validToMs !== undefined) add(c.validToMs);
  const addOccurrence = (occurrence: number) => {
    for (const period of c.periods) add(occurrence + period.startPeriod * 1000);
    if (c.durationMs !== undefined) add(occurrence + c.durationMs);
  };
  if (c.recurrenceMs === undefined) {
    addOccurrence(c.anchorMs);
    return;
  }
  // Every occurrence that overlaps the window (the one in force at its start, then each restart).
  const first = occurrenceAt(c, fromMs) ?? c.anchorMs;
  for (let occurrence = first; occurrence < toMs; occurrence += c.recurrenceMs) addOccurrence(occurrence);
}
