import type { EnergyReport } from '../../../../shared/api/types.js';
import { formatKwh, keyLabel } from './energy-query.js';

/** Bars drawn at most; a longer report is in the table (and the CSV) whole. */
const MAX_BARS = 60;

/**
 * The report as horizontal bars, one per row (period and key), longest = the largest figure. Drawn with CSS: the
 * table below carries the same figures for screen readers, so the bars are one image with a summary.
 */
export function EnergyBars({ report }: { report: EnergyReport }) {
  const items = report.items.slice(0, MAX_BARS);
  const maxWh = Math.max(1, ...items.map((i) => i.energyWh));
  return (
    <figure
      className="energy-bars"
      role="img"
      aria-label={`Energy by ${report.groupBy} per ${report.period}: ${report.items.length} rows, ${formatKwh(report.totalWh)} kWh in all`}
    >
      <div aria-hidden="true">
        {items.map((item) => {
          const label = `${item.period} · ${keyLabel(item.key, report.groupBy)}`;
          return (
            <div className="energy-bar-row" key={`${item.period}|${JSON.stringify(item.key)}`}>
              <span className="energy-bar-label">{label}</span>
              <span className="energy-bar-track">
                <span className="energy-bar" style={{ width: `${Math.max(0, (item.energyWh / maxWh) * 100)}%` }} />
              </span>
              <span className="energy-bar-value">{formatKwh(item.energyWh)} kWh</span>
            </div>
          );
        })}
      </div>
      {report.items.length > MAX_BARS ? (
        <figcaption className="muted">
          The first {MAX_BARS} of {report.items.length} rows; the table has them all.
        </figcaption>
      ) : null}
    </figure>
  );
}
