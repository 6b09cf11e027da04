import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  unit: string;
  /** [epoch ms, value] pairs, ascending by time. */
  points: [number, number | null][];
  /** Step after each point (schedules), instead of a line between points (measurements). */
  stepped?: boolean;
  color?: string;
}

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];

/** Merge series sampled at different times onto one x axis (uPlot wants aligned columns). */
function align(series: ChartSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns = series.map((s) => {
    const column: (number | null)[] = new Array(xs.length).fill(null);
    for (const [t, v] of s.points) column[index.get(t)!] = v;
    return column;
  });
  return [xs.map((x) => x / 1000), ...columns] as uPlot.AlignedData;
}

/**
 * A time chart (uPlot: canvas, fast with thousands of points). Each unit gets its own y axis; a stepped series is
 * drawn as held values. `label` names the chart for screen readers, with a data summary.
 */
export function TimeSeriesChart({ series, label, height = 260 }: { series: ChartSeries[]; label: string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const units = [...new Set(series.map((s) => s.unit))];
  const shape = series.map((s) => `${s.label}|${s.unit}|${s.stepped ? 1 : 0}`).join(',');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height,
      scales: { x: { time: true }, ...Object.fromEntries(units.map((u) => [u, { auto: true }])) },
      axes: [{}, ...units.map((u, i) => ({ scale: u, label: u, side: i === 0 ? 3 : 1, grid: { show: i === 0 } }))],
      series: [
        {},
        ...series.map((s, i) => ({
          label: `${s.label} (${s.unit})`,
          scale: s.unit,
          stroke: s.color ?? PALETTE[i % PALETTE.length],
          width: 2,
          spanGaps: true,
          paths: s.stepped ? uPlot.paths.stepped!({ align: 1 }) : undefined,
        })),
      ],
      legend: { show: true },
    };
    plot.current = new uPlot(opts, align(series), el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(300, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of series changes; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(align(series));
  }, [series]);

  const pointCount = series.reduce((n, s) => n + s.points.length, 0);
  return <div ref={host} className="chart" role="img" aria-label={`${label}: ${series.map((s) => s.label).join(', ')}; ${pointCount} points`} />;
}
