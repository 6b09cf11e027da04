/**
 * What a session draws, from the newest meter values of its transaction (OCPP 1.6 §4.7 MeterValues, §7.31
 * SampledValue): the current per phase (Current.Import; with phases, the highest one, since the site's limit is
 * per phase) and the active power (Power.Active.Import; with phases only, their sum).
 */

/** One sampled value as stored (value always a string; the other fields only when the station sent them). */
export interface SampleLike {
  value: string;
  measurand?: unknown;
  phase?: unknown;
  unit?: unknown;
  format?: unknown;
}

export interface Measured {
  currentA: number | null;
  powerW: number | null;
}

/** Phases of a current or power between a line and neutral (or the line alone); L1-L2 and N are not what an EV draws. */
const LINE_PHASES = new Set(['L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N']);

function numberOf(sample: SampleLike): number | null {
  if (sample.format === 'SignedData') return null;
  const value = Number(sample.value);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Current per phase (A) and power (W) of one reading; null for what it does not carry. */
export function measuredFrom(samples: readonly SampleLike[]): Measured {
  let currentA: number | null = null;
  let powerW: number | null = null;
  let phasePowerW: number | null = null;
  for (const sample of samples) {
    const value = numberOf(sample);
    if (value === null) continue;
    const phase = typeof sample.phase === 'string' ? sample.phase : undefined;
    if (phase !== undefined && !LINE_PHASES.has(phase)) continue;
    if (sample.measurand === 'Current.Import' && (sample.unit === undefined || sample.unit === 'A')) {
      currentA = Math.max(currentA ?? 0, value);
    } else if (sample.measurand === 'Power.Active.Import') {
      const w = sample.unit === 'kW' ? value * 1000 : value;
      if (phase === undefined) powerW = w;
      else phasePowerW = (phasePowerW ?? 0) + w;
    }
  }
  return { currentA, powerW: powerW ?? phasePowerW };
}
