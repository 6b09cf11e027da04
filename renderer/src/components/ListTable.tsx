import type { ReactNode } from 'react';
import { ErrorBox, TableScroll } from './Page.js';
import { listShows } from './list-state.js';

export interface Column<T> {
  /** The column's heading (a visually hidden one for an action column still names it for screen readers). */
  header: ReactNode;
  /** `num` right-aligns numbers, as the console's tables do. */
  className?: string;
  cell: (row: T) => ReactNode;
  /** The cell's accessible name, when its content alone does not say what it is. */
  cellLabel?: (row: T) => string;
  /** A class that depends on the row (e.g. a countdown about to end). */
  cellClassName?: (row: T) => string | undefined;
}

/**
 * A list as the console shows one everywhere: its error, "Loading…" until the first answer, a sentence when it is
 * empty, else a table with one row per item. `rows` undefined means not loaded yet.
 */
export function ListTable<T>({
  rows,
  loading = false,
  error = null,
  empty,
  columns,
  rowKey,
  rowLabel,
  tableLabel,
  labelledBy,
  className,
  scrollLabel,
}: {
  rows: readonly T[] | undefined;
  loading?: boolean;
  error?: string | null;
  /** Said when the list is loaded and empty. */
  empty: ReactNode;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  /** The accessible name of a row, when the row needs one of its own. */
  rowLabel?: (row: T) => string;
  tableLabel?: string;
  labelledBy?: string;
  className?: string;
  /** A table that may be wider than the window scrolls inside a frame of this name (see TableScroll). */
  scrollLabel?: string;
}) {
  const shows = listShows(rows, loading);
  const table = rows ? (
    <table aria-label={tableLabel} aria-labelledby={labelledBy} className={className}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className={c.className}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} aria-label={rowLabel?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={[c.className, c.cellClassName?.(row)].filter(Boolean).join(' ') || undefined} aria-label={c.cellLabel?.(row)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  ) : null;
  return (
    <>
      <ErrorBox error={error} />
      {shows === 'loading' ? <p className="muted">Loading…</p> : null}
      {shows === 'empty' ? <p className="muted">{empty}</p> : null}
      {shows === 'rows' && rows ? scrollLabel ? <TableScroll label={scrollLabel}>{table}</TableScroll> : table : null}
    </>
  );
}
