/**
 * The geometry of the station grid when it is drawn row by row (StationGrid.tsx): the same number of columns the
 * CSS grid `repeat(auto-fill, minmax(min(100%, tileMin), 1fr))` with a gap would make, so a large depot's grid looks
 * exactly like a small one's.
 */

/** Up to this many tiles the grid is drawn whole (find in page and printing see every tile); above, only the rows near the screen. */
export const DRAW_ALL_UP_TO_TILES = 150;

/**
 * Columns of an auto-fill grid: as many tracks of at least `tileMinPx` (never wider than the grid) as fit with a gap
 * between each two, and at least one (CSS Grid Layout 1, §7.2.3.2 "Repeat-to-fill").
 */
export function gridColumns(widthPx: number, tileMinPx: number, gapPx: number): number {
  if (!(widthPx > 0) || !(tileMinPx > 0)) return 1;
  const track = Math.min(tileMinPx, widthPx);
  return Math.max(1, Math.floor((widthPx + gapPx) / (track + gapPx)));
}

/** A length as the stylesheet gives it (`16.4286rem`, `12px`) in pixels; NaN when it is neither. */
export function cssLengthPx(text: string, remPx: number): number {
  const value = text.trim();
  if (value.endsWith('rem')) return parseFloat(value) * remPx;
  if (value.endsWith('px')) return parseFloat(value);
  return Number.NaN;
}
