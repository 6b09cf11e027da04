/**
 * Charging profiles of the simulated station (OCPP 1.6 §3.13): storage by the stacking rules, ClearChargingProfile
 * matching, and a composite schedule (GetCompositeSchedule, and the power limit the meter model applies).
 */
import type { ChargingProfile, ChargingProfilePurpose, ChargingSchedulePeriod } from '../../shared/ocpp/messages/common.js';

export interface InstalledProfile {
  connectorId: number;
  profile: ChargingProfile;
}

export interface CompositeSchedule {
  startSchedule: string;
  duration: number;
  chargingRateUnit: 'A' | 'W';
  chargingSchedulePeriod: ChargingSchedulePeriod[];
}

/** Electrical parameters to convert between A and W. */
export interface Electrical {
  voltage: number;
  phases: number;
}

const DAY_MS = 86_400_000;

function toUnit(limit: number, from: 'A' | 'W', to: 'A' | 'W', el: Electrical, numberPhases?: number): number {
  if (from === to) return limit;
  const phases = numberPhases ?? el.phases;
  return to === 'W' ? limit * el.voltage * phases : limit / (el.voltage * phases);
}

/** Start time (ms) of the schedule's period that applies at `t`, or undefined when the profile is not active then. */
function scheduleStart(p: ChargingProfile, t: number, txStartMs: number | undefined): number | undefined {
  if (p.validFrom && t < Date.parse(p.validFrom)) return undefined;
  if (p.validTo && t >= Date.parse(p.validTo)) return undefined;
  const s = p.chargingSchedule;
  let start: number;
  switch (p.chargingProfileKind) {
    case 'Absolute':
      start = s.startSchedule ? Date.parse(s.startSchedule) : (txStartMs ?? t);
      break;
    case 'Relative':
      if (txStartMs === undefined) return undefined;
      start = txStartMs;
      break;
    case 'Recurring': {
      const base = s.startSchedule ? Date.parse(s.startSchedule) : 0;
      const cycle = p.recurrencyKind === 'Weekly' ? 7 * DAY_MS : DAY_MS;
      start = base + Math.floor((t - base) / cycle) * cycle;
      break;
    }
    default:
      return undefined;
  }
  if (t < start) return undefined;
  if (s.duration !== undefined && t >= start + s.duration * 1000) return undefined;
  return start;
}

/** The period limit of a profile at `t` in the profile's unit, or undefined. */
function limitAt(p: ChargingProfile, t: number, txStartMs: number | undefined): { limit: number; numberPhases?: number } | undefined {
  const start = scheduleStart(p, t, txStartMs);
  if (start === undefined) return undefined;
  const offset = (t - start) / 1000;
  let found: ChargingSchedulePeriod | undefined;
  for (const period of p.chargingSchedule.chargingSchedulePeriod) {
    if (period.startPeriod <= offset && (!found || period.startPeriod >= found.startPeriod)) found = period;
  }
  return found ? { limit: found.limit, numberPhases: found.numberPhases } : undefined;
}

/** Instants in (from, to) where the profile's limit may change. */
function changePoints(p: ChargingProfile, from: number, to: number, txStartMs: number | undefined, out: Set<number>): void {
  const add = (t: number) => {
    if (t > from && t < to) out.add(t);
  };
  if (p.validFrom) add(Date.parse(p.validFrom));
  if (p.validTo) add(Date.parse(p.validTo));
  const s = p.chargingSchedule;
  const starts: number[] = [];
  if (p.chargingProfileKind === 'Recurring') {
    const base = s.startSchedule ? Date.parse(s.startSchedule) : 0;
    const cycle = p.recurrencyKind === 'Weekly' ? 7 * DAY_MS : DAY_MS;
    for (let k = Math.floor((from - base) / cycle); base + k * cycle < to; k++) starts.push(base + k * cycle);
  } else if (p.chargingProfileKind === 'Relative') {
    if (txStartMs !== undefined) starts.push(txStartMs);
  } else {
    starts.push(s.startSchedule ? Date.parse(s.startSchedule) : (txStartMs ?? from));
  }
  for (const start of starts) {
    add(start);
    for (const period of s.chargingSchedulePeriod) add(start + period.startPeriod * 1000);
    if (s.duration !== undefined) add(start + s.duration * 1000);
  }
}

/** Whether installing `profile` on `connectorId` replaces `q`: same id, or same stack level and purpose there (OCPP 1.6 §5.16). */
function replaces(q: InstalledProfile, connectorId: number, profile: ChargingProfile): boolean {
  return (
    q.profile.chargingProfileId === profile.chargingProfileId ||
    (q.connectorId === connectorId &&
      q.profile.stackLevel === profile.stackLevel &&
      q.profile.chargingProfilePurpose === profile.chargingProfilePurpose)
  );
}

export class ChargingProfileStore {
  readonly profiles: InstalledProfile[] = [];

  /** Install (the caller has checked the request). Replaces by id, and by stackLevel+purpose on the same connector. */
  install(connectorId: number, profile: ChargingProfile): void {
    this.removeWhere((q) => replaces(q, connectorId, profile));
    this.profiles.push({ connectorId, profile });
  }

  /** Would installing this profile replace an existing one (so it does not count against the maximum)? */
  replacesExisting(connectorId: number, profile: ChargingProfile): boolean {
    return this.profiles.some((q) => replaces(q, connectorId, profile));
  }

  /** ClearChargingProfile: by id, or by all the criteria given. Returns how many were removed. */
  clear(criteria: { id?: number; connectorId?: number; chargingProfilePurpose?: ChargingProfilePurpose; stackLevel?: number }): number {
    if (criteria.id !== undefined) return this.removeWhere((q) => q.profile.chargingProfileId === criteria.id);
    return this.removeWhere(
      (q) =>
        (criteria.connectorId === undefined || q.connectorId === criteria.connectorId) &&
        (criteria.chargingProfilePurpose === undefined || q.profile.chargingProfilePurpose === criteria.chargingProfilePurpose) &&
        (criteria.stackLevel === undefined || q.profile.stackLevel === criteria.stackLevel),
    );
  }

  /** Remove the TxProfiles of a transaction that ended (OCPP 1.6 §3.13.4). */
  removeTxProfiles(connectorId: number): void {
    this.removeWhere((q) => q.connectorId === connectorId && q.profile.chargingProfilePurpose === 'TxProfile');
  }

  /** Remove the profiles that match; returns how many. */
  private removeWhere(matches: (q: InstalledProfile) => boolean): number {
    const kept = this.profiles.filter((q) => !matches(q));
    const removed = this.profiles.length - kept.length;
    if (removed > 0) this.profiles.splice(0, this.profiles.length, ...kept);
    return removed;
  }

  /**
   * The limit at `t` on a connector (in `unit`): min(ChargePointMaxProfile, TxProfile or else TxDefaultProfile),
   * the highest stack level of each purpose winning. Undefined when no profile applies.
   */
  limitAt(connectorId: number, t: number, unit: 'A' | 'W', el: Electrical, tx?: { startMs: number; transactionId?: number }): number | undefined {
    const pick = (purpose: ChargingProfilePurpose, connectors: number[]): number | undefined => {
      let best: { stack: number; value: number } | undefined;
      for (const q of this.profiles) {
        if (q.profile.chargingProfilePurpose !== purpose || !connectors.includes(q.connectorId)) continue;
        if (purpose === 'TxProfile' && (!tx || (q.profile.transactionId !== undefined && q.profile.transactionId !== tx.transactionId))) continue;
        const l = limitAt(q.profile, t, tx?.startMs);
        if (!l) continue;
        const value = toUnit(l.limit, q.profile.chargingSchedule.chargingRateUnit, unit, el, l.numberPhases);
        // Connector-specific TxDefault beats the station-wide one at the same stack level.
        const stack = q.profile.stackLevel * 2 + (q.connectorId === connectorId ? 1 : 0);
        if (!best || stack > best.stack) best = { stack, value };
      }
      return best?.value;
    };
    const max = pick('ChargePointMaxProfile', [0]);
    const tx1 = connectorId > 0 ? (pick('TxProfile', [connectorId]) ?? pick('TxDefaultProfile', [connectorId, 0])) : pick('TxDefaultProfile', [0]);
    if (max === undefined) return tx1;
    if (tx1 === undefined) return max;
    return Math.min(max, tx1);
  }

  /** GetCompositeSchedule over [now, now + duration s]. `fallbackLimit` fills times without any profile. */
  composite(
    connectorId: number,
    nowMs: number,
    durationS: number,
    unit: 'A' | 'W' | undefined,
    el: Electrical,
    fallbackLimit: { A: number; W: number },
    tx?: { startMs: number; transactionId?: number },
  ): CompositeSchedule {
    const relevant = this.profiles.filter((q) => q.connectorId === 0 || q.connectorId === connectorId);
    const chosenUnit: 'A' | 'W' =
      unit ??
      (relevant.find((q) => q.profile.chargingProfilePurpose === 'TxProfile') ?? relevant[0])?.profile.chargingSchedule.chargingRateUnit ??
      'A';
    // Whole seconds, as the schedule's startPeriod values are integers.
    const start = Math.floor(nowMs / 1000) * 1000;
    const end = start + durationS * 1000;
    const points = new Set<number>([start]);
    for (const q of relevant) changePoints(q.profile, start, end, tx?.startMs, points);
    const sorted = [...points].sort((a, b) => a - b);
    const periods: ChargingSchedulePeriod[] = [];
    for (const t of sorted) {
      const raw = this.limitAt(connectorId, t, chosenUnit, el, tx) ?? fallbackLimit[chosenUnit];
      const limit = Math.round(raw * 10) / 10;
      const startPeriod = Math.floor((t - start) / 1000);
      const last = periods[periods.length - 1];
      if (last && last.limit === limit) continue;
      if (last && last.startPeriod === startPeriod) last.limit = limit;
      else periods.push({ startPeriod, limit });
    }
    return {
      startSchedule: new Date(start).toISOString(),
      duration: durationS,
      chargingRateUnit: chosenUnit,
      chargingSchedulePeriod: periods,
    };
  }
}
