/** The Overview's station grid drawn row by row (renderer/src/views/overview/tile-grid.ts): the columns CSS would make. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cssLengthPx, gridColumns } from '../../../renderer/src/views/overview/tile-grid.js';

/**
 * The columns of `repeat(auto-fill, minmax(min(100%, min), 1fr))` by the definition: the most tracks of `min` whose
 * sum with the gaps between them is within the width (CSS Grid Layout 1, §7.2.3.2), counted one by one.
 */
function columnsByDefinition(widthPx: number, minPx: number, gapPx: number): number {
  const track = Math.min(minPx, widthPx);
  let n = 1;
  while ((n + 1) * track + n * gapPx <= widthPx) n++;
  return n;
}

test('as many columns as auto-fill makes: every width, tile size and gap of a sweep', () => {
  for (const gapPx of [0, 6, 12]) {
    for (const minPx of [160, 230]) {
      for (let widthPx = 100; widthPx <= 2600; widthPx += 7) {
        assert.equal(gridColumns(widthPx, minPx, gapPx), columnsByDefinition(widthPx, minPx, gapPx), `${widthPx} px, tiles ${minPx}, gap ${gapPx}`);
      }
    }
  }
  // Exactly at the edge: four tiles of 230 with three gaps of 12 need 956 px.
  assert.equal(gridColumns(956, 230, 12), 4);
  assert.equal(gridColumns(955, 230, 12), 3);
});

test('a grid not laid out yet, or without a tile size, has one column', () => {
  assert.equal(gridColumns(0, 230, 12), 1);
  assert.equal(gridColumns(800, Number.NaN, 12), 1);
  assert.equal(gridColumns(100, 230, 12), 1, 'a tile never wider than the grid');
});

test('the stylesheet lengths in pixels', () => {
  assert.equal(cssLengthPx('16.4286rem', 14), 16.4286 * 14);
  assert.equal(cssLengthPx(' 12px', 14), 12);
  assert.ok(Number.isNaN(cssLengthPx('', 14)));
  assert.ok(Number.isNaN(cssLengthPx('1fr', 14)));
});
