import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Column } from './ListTable.js';
import { ErrorBox } from './Page.js';
import { listShows } from './list-state.js';

/** Scrolled less than this from the top = following the newest rows. */
const AT_TOP_PX = 40;
/** The next older page is asked for when the last rendered row is this close to the last loaded one. */
const LOAD_AHEAD_ROWS = 30;
/** Rows rendered beyond the visible ones on each side (smooth scrolling, arrow keys). */
const OVERSCAN_ROWS = 12;
const FOOTER_KEY = '\u0000older';
const noop = () => {};

export interface VirtualTableProps<T> {
  /** Loaded rows, newest first; undefined before the first page. */
  rows: readonly T[] | undefined;
  /** The first page is on its way. */
  loading: boolean;
  error: string | null;
  /** Said when the list is loaded and empty. */
  empty: ReactNode;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  rowLabel?: (row: T) => string;
  /** A class that depends on the row. */
  rowClassName?: (row: T) => string | undefined;
  tableLabel: string;
  /** The name of the scrolling frame (a region reachable by Tab, so the keyboard can scroll it). */
  scrollLabel: string;
  className?: string;
  /** A first guess of a row's height; rows are measured once drawn. */
  estimateRowPx: number;
  /** Matching rows in all, for assistive tech (aria-rowcount); null when unknown. */
  totalRows: number | null;
  /** Paging (a list that loads older pages as it scrolls); a list held whole leaves these out. */
  hasOlder?: boolean;
  loadingOlder?: boolean;
  olderError?: string | null;
  onLoadOlder?: () => void;
  onRetryOlder?: () => void;
  /** New rows held back while the user reads further down; `newCountMore`: the count is a lower bound. */
  newCount?: number;
  newCountMore?: boolean;
  onJumpToNewest?: () => void;
  /** Whether the user is at the top (following new rows). */
  onAtTopChange?: (atTop: boolean) => void;
  /** The indexes of the first and last rows drawn. */
  onRangeChange?: (first: number, last: number) => void;
  /**
   * Said on the line above the frame, where new rows are offered too: the line is always there, so the offer
   * neither moves the rows being read nor covers any of them.
   */
  status: ReactNode;
  /** Changes with the filters: the frame scrolls back to the top. */
  resetKey: string;
  /** Selectable rows (focusable, Enter/Space select, arrows move): the selected row's key and the choice. */
  selectedKey?: string | number | null;
  onSelect?: (row: T) => void;
}

/**
 * A long list as a real table that draws only the rows in view (and a few around): spacer rows above and below stand
 * for the others, so the scroll bar and the keyboard behave as with every row there, and aria-rowcount /
 * aria-rowindex tell assistive tech where a row sits. Scrolling near the end asks for the next older page (a
 * "Loading older…" row, or an error row with Retry); new rows held back while reading are offered as "N new — jump
 * to newest" on the status line above the frame.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, loading, error, empty, tableLabel, scrollLabel, className, estimateRowPx, totalRows, newCount = 0, newCountMore } = props;
  const { columns, rowKey, rowLabel, rowClassName, hasOlder = false, loadingOlder = false, olderError = null } = props;
  const { onLoadOlder = noop, onRetryOlder = noop, onAtTopChange = noop, onJumpToNewest = noop } = props;
  const { onRangeChange, resetKey, selectedKey, onSelect, status } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atTopRef = useRef(true);
  const list = rows ?? [];
  const showsFooter = rows !== undefined && (hasOlder || loadingOlder || olderError !== null);
  const count = list.length + (showsFooter ? 1 : 0);

  // Read afresh on every render (nothing here is memoised on it), as the library asks.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowPx,
    overscan: OVERSCAN_ROWS,
    // Keys, not positions: rows put on top keep their measured heights.
    getItemKey: (index) => (index < list.length ? rowKey(list[index]!) : FOOTER_KEY),
    // React 19 warns about flushSync during rendering; a frame late on a fast scroll is not visible.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // Infinite scroll: near the end, the next older page (the caller ignores the call while one loads or failed).
  useEffect(() => {
    if (hasOlder && lastIndex >= list.length - 1 - LOAD_AHEAD_ROWS) onLoadOlder();
  }, [hasOlder, lastIndex, list.length, onLoadOlder]);

  const firstIndex = items[0]?.index ?? 0;
  useEffect(() => onRangeChange?.(firstIndex, Math.min(lastIndex, list.length - 1)), [firstIndex, lastIndex, list.length, onRangeChange]);

  // Other filters: back to the top. Through the virtualizer, which keeps its own idea of the offset: a DOM scroll
  // it has not seen yet would be undone by its next size adjustment.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
    atTopRef.current = true;
  }, [resetKey, virtualizer]);

  const onScroll = useCallback(() => {
    const atTop = (scrollRef.current?.scrollTop ?? 0) <= AT_TOP_PX;
    if (atTop === atTopRef.current) return;
    atTopRef.current = atTop;
    onAtTopChange(atTop);
  }, [onAtTopChange]);

  const jump = () => {
    onJumpToNewest();
    virtualizer.scrollToOffset(0);
  };

  const onRowKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (!onSelect) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(list[index]!);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = index + (e.key === 'ArrowDown' ? 1 : -1);
      const row = list[next];
      if (!row) return;
      onSelect(row);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      // The row is drawn once scrolled into the range; focus it then, so the inspector follows the keyboard.
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus());
    }
  };

  const shows = listShows(rows, loading);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  const spacer = (heightPx: number) =>
    heightPx > 0 ? (
      <tr aria-hidden="true" className="virtual-spacer">
        <td colSpan={columns.length} style={{ height: heightPx }} />
      </tr>
    ) : null;

  return (
    <>
      <div className="row virtual-bar">
        {status}
        {newCount > 0 ? (
          <button type="button" className="virtual-new primary" onClick={jump}>
            {newCount}
            {newCountMore ? '+' : ''} new — jump to newest
          </button>
        ) : null}
      </div>
      <ErrorBox error={error} />
      {shows === 'loading' ? <p className="muted">Loading…</p> : null}
      {shows === 'empty' ? <p className="muted">{empty}</p> : null}
      <div className="virtual-frame" hidden={shows !== 'rows'}>
        <div ref={scrollRef} className="table-scroll virtual-scroll" role="region" aria-label={scrollLabel} tabIndex={0} onScroll={onScroll}>
          <table aria-label={tableLabel} aria-rowcount={totalRows === null ? -1 : totalRows + 1} className={className}>
            <thead>
              <tr aria-rowindex={1}>
                {columns.map((c, i) => (
                  <th key={i} className={c.className}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spacer(padTop)}
              {items.map((item) => {
                if (item.index >= list.length) {
                  return (
                    <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="virtual-footer">
                      <td colSpan={columns.length}>
                        {olderError ? (
                          <span className="row" role="alert">
                            <span>Could not load older rows: {olderError}</span>
                            <button type="button" onClick={onRetryOlder}>
                              Retry
                            </button>
                          </span>
                        ) : (
                          <span className="muted">Loading older…</span>
                        )}
                      </td>
                    </tr>
                  );
                }
                const row = list[item.index]!;
                const key = rowKey(row);
                const selected = onSelect ? key === selectedKey : undefined;
                const classes = [rowClassName?.(row), selected ? 'is-selected' : undefined].filter(Boolean).join(' ');
                return (
                  <tr
                    key={item.key}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    aria-rowindex={item.index + 2}
                    aria-label={rowLabel?.(row)}
                    aria-selected={selected}
                    className={classes || undefined}
                    tabIndex={onSelect ? 0 : undefined}
                    onClick={onSelect ? () => onSelect(row) : undefined}
                    onKeyDown={onSelect ? (e) => onRowKeyDown(e, item.index) : undefined}
                  >
                    {columns.map((c, i) => (
                      <td
                        key={i}
                        className={[c.className, c.cellClassName?.(row)].filter(Boolean).join(' ') || undefined}
                        aria-label={c.cellLabel?.(row)}
                      >
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {spacer(padBottom)}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
