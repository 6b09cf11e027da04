import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { StationTile } from './StationTile.js';
import { cssLengthPx, DRAW_ALL_UP_TO_TILES, gridColumns } from './tile-grid.js';

interface GridProps {
  stations: readonly ChargePointDto[];
  staleMs: number;
  compact: boolean;
}

/** Rows drawn beyond the screen on each side, so a quick scroll finds tiles already there. */
const OVERSCAN_ROWS = 3;
/** First guesses of a row's height (rem) until rows are measured: a full tile with two connectors, a compact one. */
const ESTIMATE_ROW_REM = { full: 9, compact: 3.5 };

/**
 * The station tiles in a grid. A depot of up to DRAW_ALL_UP_TO_TILES is drawn whole; a larger one only in the rows
 * near the screen (a thousand tiles, each following the live state, held the console at 42–45 frames a second
 * at 3,000 stations: README "Performance"). The filter above the grid finds any station either way.
 */
export function StationGrid({ stations, staleMs, compact }: GridProps) {
  if (stations.length <= DRAW_ALL_UP_TO_TILES)
    return (
      <div className={`grid station-grid${compact ? ' station-grid-compact' : ''}`}>
        {stations.map((s) => (
          <StationTile key={s.id} station={s} staleMs={staleMs} compact={compact} />
        ))}
      </div>
    );
  return <RowByRowGrid stations={stations} staleMs={staleMs} compact={compact} />;
}

interface Layout {
  columns: number;
  gapPx: number;
  remPx: number;
  /** Where the grid starts in the page: the window scrolls, and the sections above it change height. */
  topPx: number;
}

function RowByRowGrid({ stations, staleMs, compact }: GridProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState<Layout>({ columns: 1, gapPx: 0, remPx: 16, topPx: 0 });

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => {
      const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const style = getComputedStyle(element);
      const gapPx = cssLengthPx(style.getPropertyValue('--tile-gap'), remPx) || 0;
      const columns = gridColumns(element.clientWidth, cssLengthPx(style.getPropertyValue('--tile-min'), remPx), gapPx);
      const topPx = element.getBoundingClientRect().top + window.scrollY;
      setLayout((was) =>
        was.columns === columns && was.gapPx === gapPx && was.remPx === remPx && Math.abs(was.topPx - topPx) < 1
          ? was
          : { columns, gapPx, remPx, topPx },
      );
    };
    measure();
    // The grid's width gives its columns; the page's height moves when a section above it opens, closes or grows.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [compact]);

  const { columns, gapPx, remPx, topPx } = layout;
  const rowCount = Math.ceil(stations.length / columns);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => (compact ? ESTIMATE_ROW_REM.compact : ESTIMATE_ROW_REM.full) * remPx,
    overscan: OVERSCAN_ROWS,
    gap: gapPx,
    scrollMargin: topPx,
    // A row is known by its first station, so a measured height stays with the tiles it was measured for.
    getItemKey: (index) => `${columns}:${stations[index * columns]?.id ?? index}`,
  });

  return (
    <div
      ref={frame}
      className={`station-grid station-grid-rows${compact ? ' station-grid-compact' : ''}`}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          data-index={row.index}
          ref={virtualizer.measureElement}
          className="grid station-grid-row"
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, transform: `translateY(${row.start - topPx}px)` }}
        >
          {stations.slice(row.index * columns, (row.index + 1) * columns).map((s) => (
            <StationTile key={s.id} station={s} staleMs={staleMs} compact={compact} />
          ))}
        </div>
      ))}
    </div>
  );
}
