import type { ChargingProfileDto, LocalScheduleDto, MeterValueDto } from '../../../../shared/api/types.js';

export type Point = [number, number | null];

/** When nothing says how long the last period lasts, draw it for this long (1 h past its start). */
const TAIL_SEC = 3600;

/**
 * The steps of a schedule as chart points from `startMs`: one point per period start, and one at the end so the
 * last limit is drawn for its length (the schedule's duration, or an hour past the last start).
 */
export function periodsToPoints(startMs: number, periods: { startPeriod: number; limit: number }[], durationSec?: number): Point[] {
  if (periods.length === 0) return [];
  const points: Point[] = periods.map((p) => [startMs + p.startPeriod * 1000, p.limit]);
  const lastStart = periods.at(-1)!.startPeriod;
  const endSec = durationSec !== undefined && durationSec > lastStart ? durationSec : lastStart + TAIL_SEC;
  points.push([startMs + endSec * 1000, periods.at(-1)!.limit]);
  return points;
}

/**
 * Where the editor draws a profile: at its start schedule (Absolute, Recurring: the first cycle), or from now for a
 * Relative profile (it starts with the transaction, OCPP 1.6 §3.13.3).
 */
export function profileStartMs(profile: Pick<ChargingProfileDto, 'chargingProfileKind' | 'chargingSchedule'>, nowMs: number): number {
  const start = profile.chargingSchedule.startSchedule;
  if (profile.chargingProfileKind === 'Relative' || !start) return nowMs;
  const ms = Date.parse(start);
  return Number.isNaN(ms) ? nowMs : ms;
}

/** The locally computed composite schedule (`samples`: the limit from `at` until the next sample). */
export function localSchedulePoints(dto: LocalScheduleDto): Point[] {
  const points: Point[] = dto.samples.map((s) => [Date.parse(s.at), s.limit]);
  const endMs = Date.parse(dto.schedule.scheduleStart) + dto.schedule.duration * 1000;
  const last = points.at(-1);
  if (last && last[0] < endMs) points.push([endMs, last[1]]);
  return points;
}

/** The station's own answer to GetCompositeSchedule (§6.25: chargingSchedule with its periods). */
export function reportedSchedulePoints(answer: Record<string, unknown> | undefined): { points: Point[]; unit: string | null } {
  const schedule = answer?.chargingSchedule as
    | { startSchedule?: string; duration?: number; chargingRateUnit?: string; chargingSchedulePeriod?: { startPeriod: number; limit: number }[] }
    | undefined;
  if (!schedule?.chargingSchedulePeriod?.length) return { points: [], unit: null };
  const start = Date.parse(schedule.startSchedule ?? (typeof answer?.scheduleStart === 'string' ? answer.scheduleStart : ''));
  if (Number.isNaN(start)) return { points: [], unit: null };
  return { points: periodsToPoints(start, schedule.chargingSchedulePeriod, schedule.duration), unit: schedule.chargingRateUnit ?? null };
}

/**
 * What the station actually drew, from its MeterValues: Power.Active.Import in W (kW converted) for a W schedule,
 * Current.Import in A for an A schedule (per-phase limit, so the largest phase counts). Readings without a phase
 * win over per-phase ones at the same time; per-phase powers are added.
 */
export function measuredPoints(values: MeterValueDto[], unit: 'A' | 'W'): Point[] {
  const measurand = unit === 'W' ? 'Power.Active.Import' : 'Current.Import';
  const byTime = new Map<number, { total?: number; phases: number[] }>();
  for (const v of values) {
    if ((v.measurand ?? 'Energy.Active.Import.Register') !== measurand) continue;
    let n = Number(v.value);
    if (!Number.isFinite(n)) continue;
    if (v.unit === 'kW') n *= 1000;
    const at = Date.parse(v.timestamp);
    const slot = byTime.get(at) ?? { phases: [] };
    if (!v.phase) slot.total = n;
    else slot.phases.push(n);
    byTime.set(at, slot);
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, s]): Point => [at, s.total ?? (unit === 'W' ? s.phases.reduce((x, y) => x + y, 0) : Math.max(...s.phases))]);
}
