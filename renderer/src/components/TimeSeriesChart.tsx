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
  /** Fills under the line with this colour (a stacked chart gives each band a translucent one). */
  fill?: string;
}

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];

/** Merge series sampled at different times onto one x axis (uPlot wants aligned columns). */
function align(series: ChartSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns = series.map((s) => {
    const column = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.points) column[index.get(t)!] = v;
    return column;
  });
  return [xs.map((x) => x / 1000), ...columns] as uPlot.AlignedData;
}

/** The console's root font size in CSS px (87.5 % of the browser's setting), so chart text follows it. */
function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
}

/** Space between the tick values and the axis title, in CSS px. */
const TITLE_GAP_PX = 6;

/**
 * Width of a y axis from its widest tick value (uPlot's default is a fixed 50 px, which cut large meter registers
 * such as 123,456,789 Wh and pushed them under the axis title). uPlot calls this again while laying out; from the
 * third cycle on the last width is kept so the layout settles.
 */
function yAxisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]! as uPlot.Axis & { _size?: number; font: [string, number] | string; ticks?: { size?: number } };
  if (cycleNum > 1 && axis._size !== undefined) return axis._size;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  const font = Array.isArray(axis.font) ? axis.font[0] : axis.font;
  self.ctx.font = font;
  const textPx = longest ? self.ctx.measureText(longest).width / uPlot.pxRatio : 0;
  return Math.ceil(textPx + (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + TITLE_GAP_PX);
}

/**
 * A time chart (uPlot: canvas, fast with thousands of points). Each unit gets its own y axis; a stepped series is
 * drawn as held values. `label` names the chart for screen readers, with a data summary.
 */
export function TimeSeriesChart({
  series,
  label,
  height = 260,
  fromZero = false,
}: {
  series: ChartSeries[];
  label: string;
  height?: number;
  /** The y axes start at 0 (a stacked chart, whose bands must be read from the axis). */
  fromZero?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const units = [...new Set(series.map((s) => s.unit))];
  const shape = series.map((s) => `${s.label}|${s.unit}|${s.stepped ? 1 : 0}|${s.color ?? ''}|${s.fill ?? ''}`).join(',');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const fontPx = Math.round(rootFontPx() * 0.86);
    const family = getComputedStyle(el).fontFamily || 'system-ui, sans-serif';
    const axisFont = `${fontPx}px ${family}`;
    const labelFont = `600 ${fontPx}px ${family}`;
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height,
      scales: {
        x: { time: true },
        ...Object.fromEntries(
          units.map((u): [string, uPlot.Scale] => [
            u,
            fromZero ? { auto: true, range: (_self, _min, max) => [0, max > 0 ? max * 1.05 : 1] } : { auto: true },
          ]),
        ),
      },
      axes: [
        // Two lines of time values (time, then the date at a day's start) at uPlot's 1.5 line height, ticks and gap.
        { font: axisFont, size: Math.ceil(fontPx * 3 + 18) },
        ...units.map((u, i): uPlot.Axis => ({
          scale: u,
          label: u,
          side: i === 0 ? 3 : 1,
          grid: { show: i === 0 },
          font: axisFont,
          labelFont,
          labelSize: Math.ceil(fontPx * 1.6),
          size: yAxisSize,
        })),
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: `${s.label} (${s.unit})`,
          scale: s.unit,
          stroke: s.color ?? PALETTE[i % PALETTE.length],
          ...(s.fill ? { fill: s.fill } : {}),
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
  }, [shape, height, fromZero]);

  useEffect(() => {
    plot.current?.setData(align(series));
  }, [series]);

  const pointCount = series.reduce((n, s) => n + s.points.length, 0);
  return <div ref={host} className="chart" role="img" aria-label={`${label}: ${series.map((s) => s.label).join(', ')}; ${pointCount} points`} />;
}
