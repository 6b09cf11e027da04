import type { OcppRequest } from '../../../shared/ocpp/actions.js';
import type { StoredSampledValue } from '../storage/repositories/meter-values.js';
import type { HandlerContext } from './context.js';

type MeterValue = OcppRequest<'MeterValues'>['meterValue'][number];

/**
 * Store every sampled value as sent (measurand, phase, unit, context, location, format), nothing dropped: one row
 * per meterValue (migration 0005 says why), its sampled values as a JSON array. Staged: the rows are packed and
 * written with the CALL's message-log row, in the same batch (rpc/call-dispatcher.ts), so nothing in this handler
 * reads them back.
 */
export function storeMeterValues(
  ctx: HandlerContext,
  connectorId: number,
  transactionId: number | null,
  meterValues: MeterValue[],
  source: 'MeterValues' | 'StopTransaction',
): { energyWh: number | null; powerW: number | null; at: string | null } {
  let energyWh: number | null = null;
  let powerW: number | null = null;
  let at: string | null = null;
  // Not a list only when read leniently: nothing to store (readableSamples says why that is not refused).
  for (const meterValue of Array.isArray(meterValues) ? meterValues : []) {
    const samples = readableSamples(meterValue);
    if (samples === null) continue;
    const stored: StoredSampledValue[] = [];
    for (const sample of samples) {
      // Some chargers send the value as a number (interop notes): kept as text, as the schema says.
      const value = String(sample.value);
      stored.push({ ...sample, value });
      const reading = readSample(sample.measurand, sample.unit, sample.phase, sample.format, value);
      if (reading?.kind === 'energy') {
        energyWh = reading.value;
        at = meterValue.timestamp;
      }
      if (reading?.kind === 'power') {
        powerW = reading.value;
        at = meterValue.timestamp;
      }
    }
    ctx.repos.meterValues.stageReading({
      chargePointId: ctx.chargePointId,
      connectorId,
      transactionId,
      timestamp: meterValue.timestamp,
      sampledValues: stored,
      source,
      receivedAt: ctx.nowIso,
    });
  }
  return { energyWh, powerW, at };
}

/**
 * The sampled values of an entry, or null when it holds none that can be stored: a station read leniently (README
 * "Lenient mode") may send an entry without a timestamp or sampled values, or samples that are not objects. Such an
 * entry is skipped, not refused: a refused StopTransaction would be sent again and again and its session would
 * never close (its card kept "in use"), and a refused MeterValues holds up the station's queue. The frame as received
 * stays in the message log with its violations, so nothing is lost.
 */
function readableSamples(meterValue: MeterValue): MeterValue['sampledValue'] | null {
  const entry = meterValue as Partial<MeterValue> | null;
  if (typeof entry?.timestamp !== 'string' || !Array.isArray(entry.sampledValue)) return null;
  const samples = entry.sampledValue.filter((sample) => typeof sample === 'object' && (sample as unknown) !== null);
  return samples.length > 0 ? samples : null;
}

/**
 * The totals the console shows: the import register in Wh and the active import power in W, from phase-less
 * samples. OCPP 1.6 §7.31 defaults: measurand Energy.Active.Import.Register, unit Wh, format Raw.
 */
function readSample(
  measurand: string | undefined,
  unit: string | undefined,
  phase: string | undefined,
  format: string | undefined,
  value: string,
): { kind: 'energy' | 'power'; value: number } | null {
  if (phase !== undefined || format === 'SignedData') return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  const m = measurand ?? 'Energy.Active.Import.Register';
  if (m === 'Energy.Active.Import.Register') return { kind: 'energy', value: unit === 'kWh' ? number * 1000 : number };
  if (m === 'Power.Active.Import') return { kind: 'power', value: unit === 'kW' ? number * 1000 : number };
  return null;
}
