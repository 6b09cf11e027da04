import type { MeterValueDto } from '../../../../shared/api/types.js';
import type { ChartSeries } from '../../components/TimeSeriesChart.js';

/** The charts of a transaction: one per quantity, in the unit drawn (OCPP 1.6 §7.31 Measurand, §7.43 UnitOfMeasure). */
export interface QuantityChart {
  key: 'energy' | 'power' | 'current' | 'soc';
  title: string;
  series: ChartSeries[];
}

interface Quantity {
  key: QuantityChart['key'];
  title: string;
  measurand: string;
  unit: string;
  /** Factor from a reported unit to `unit`; a unit not listed is not drawn (it cannot be compared). */
  factors: Record<string, number>;
  /** The unit when the station gave none (§7.31: the measurand's default). */
  defaultUnit: string;
}

const QUANTITIES: Quantity[] = [
  { key: 'energy', title: 'Energy', measurand: 'Energy.Active.Import.Register', unit: 'Wh', factors: { Wh: 1, kWh: 1000 }, defaultUnit: 'Wh' },
  { key: 'power', title: 'Power', measurand: 'Power.Active.Import', unit: 'W', factors: { W: 1, kW: 1000 }, defaultUnit: 'W' },
  { key: 'current', title: 'Current', measurand: 'Current.Import', unit: 'A', factors: { A: 1 }, defaultUnit: 'A' },
  { key: 'soc', title: 'State of charge', measurand: 'SoC', unit: '%', factors: { Percent: 1 }, defaultUnit: 'Percent' },
];

/** A measurand absent means Energy.Active.Import.Register (§7.31 default). */
export function measurandOf(m: MeterValueDto): string {
  return m.measurand ?? 'Energy.Active.Import.Register';
}

/** The value in the chart's unit, or null when it is not a number or in a unit we cannot convert. */
export function valueIn(m: MeterValueDto, q: Quantity): number | null {
  if (m.format === 'SignedData') return null;
  const factor = q.factors[m.unit ?? q.defaultUnit];
  const value = Number(m.value);
  if (factor === undefined || !Number.isFinite(value)) return null;
  return value * factor;
}

/**
 * Series per quantity and phase (a station may report L1/L2/L3 and a total: each is its own line). Readings are
 * sorted by the station's timestamp; at most one point per timestamp and series (the last one received wins).
 */
export function buildCharts(values: readonly MeterValueDto[]): QuantityChart[] {
  const charts: QuantityChart[] = [];
  for (const q of QUANTITIES) {
    const byPhase = new Map<string, Map<number, number>>();
    for (const m of values) {
      if (measurandOf(m) !== q.measurand) continue;
      const v = valueIn(m, q);
      const at = Date.parse(m.timestamp);
      if (v === null || Number.isNaN(at)) continue;
      const phase = m.phase ?? '';
      let points = byPhase.get(phase);
      if (!points) byPhase.set(phase, (points = new Map<number, number>()));
      points.set(at, v);
    }
    if (byPhase.size === 0) continue;
    const series: ChartSeries[] = [...byPhase.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([phase, points]) => ({
        label: phase ? `${q.title} ${phase}` : q.title,
        unit: q.unit,
        points: [...points.entries()].sort(([a], [b]) => a - b),
      }));
    charts.push({ key: q.key, title: q.title, series });
  }
  return charts;
}

export function formatEnergyKWh(wh: number | null | undefined): string {
  return wh === null || wh === undefined ? '—' : `${(wh / 1000).toFixed(3)} kWh`;
}

export function formatPowerKW(w: number | null | undefined): string {
  return w === null || w === undefined ? '—' : `${(w / 1000).toFixed(2)} kW`;
}
