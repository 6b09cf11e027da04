import { useMemo } from 'react';
import type { MeterValueDto } from '../../../../shared/api/types.js';
import { Empty } from '../../components/Page.js';
import { TimeSeriesChart } from '../../components/TimeSeriesChart.js';
import { buildCharts } from './meter-series.js';

/** Energy, power, current and SoC of a transaction, one chart each (only those the station reported). */
export function MeterCharts({ values }: { values: readonly MeterValueDto[] }) {
  const charts = useMemo(() => buildCharts(values), [values]);
  if (charts.length === 0) return <Empty>No meter values with energy, power, current or SoC yet.</Empty>;
  return (
    <div className="tx-charts">
      {charts.map((c) => (
        <section key={c.key} className="panel" aria-label={`${c.title} chart`}>
          <h2>{c.title}</h2>
          <TimeSeriesChart series={c.series} label={`${c.title} over time`} height={200} />
        </section>
      ))}
    </div>
  );
}
