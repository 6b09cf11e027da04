/**
 * What a long live list shows (renderer/src/components/paged-rows.ts, used by the message log and the transactions):
 * pages loaded by cursor, no row lost, none twice, and the rows being read never move.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  initialPagedRows,
  jumpNeedsReload,
  pagedRowsReducer,
  shouldLoadOlder,
  type PagedRows,
  type PagedRowsEvent,
} from '../../../renderer/src/components/paged-rows.js';

interface Row {
  id: number;
  v?: string;
}
type State = PagedRows<Row, number>;

const reduce = pagedRowsReducer<Row, number>({
  idOf: (r) => r.id,
  // As the message log: the next page starts below the oldest row.
  cursorAfter: (rows) => rows.at(-1)!.id,
  maxRows: 6,
  maxHeld: 3,
});
const rows = (...ids: number[]): Row[] => ids.map((id) => ({ id }));
const ids = (list: Row[]) => list.map((r) => r.id);
const run = (state: State, ...events: PagedRowsEvent<Row, number>[]) => events.reduce(reduce, state);

function loaded(itemIds: number[], nextCursor: number | null = null): State {
  return run(initialPagedRows(), { type: 'firstPage', generation: 0, rows: rows(...itemIds), nextCursor });
}

describe('paged rows: pages', () => {
  test('the first page, then older pages by cursor until the end; an overlapping page adds no row twice', () => {
    let state = initialPagedRows<Row, number>();
    assert.equal(state.loading, true);
    assert.equal(shouldLoadOlder(state), false, 'nothing to page before the first page');
    state = run(state, { type: 'firstPage', generation: 0, rows: rows(10, 9, 8), nextCursor: 8 });
    assert.deepEqual(ids(state.rows), [10, 9, 8]);
    assert.equal(state.loading, false);
    assert.equal(state.newestId, 10);
    assert.equal(shouldLoadOlder(state), true);

    state = run(state, { type: 'olderStarted' });
    assert.equal(state.loadingOlder, true);
    assert.equal(shouldLoadOlder(state), false, 'one older page at a time');
    // Offset paging (transactions) may repeat rows when new ones arrived on top meanwhile.
    state = run(state, { type: 'olderPage', generation: 0, rows: rows(9, 8, 7, 6), nextCursor: 6 });
    assert.deepEqual(ids(state.rows), [10, 9, 8, 7, 6]);
    assert.equal(state.nextCursor, 6);

    state = run(state, { type: 'olderStarted' }, { type: 'olderPage', generation: 0, rows: rows(5), nextCursor: null });
    assert.deepEqual(ids(state.rows), [10, 9, 8, 7, 6, 5]);
    assert.equal(state.nextCursor, null);
    assert.equal(shouldLoadOlder(state), false, 'the oldest row is in');
  });

  test('a failed older page is an error row: no automatic retry until asked, the rows stay', () => {
    let state = run(loaded([3, 2], 2), { type: 'olderStarted' }, { type: 'olderFailed', generation: 0, error: 'offline' });
    assert.equal(state.olderError, 'offline');
    assert.equal(state.loadingOlder, false);
    assert.deepEqual(ids(state.rows), [3, 2]);
    assert.equal(shouldLoadOlder(state), false);
    state = run(state, { type: 'olderStarted' });
    assert.equal(state.olderError, null, 'Retry clears the error row while it loads');
    state = run(state, { type: 'olderPage', generation: 0, rows: rows(1), nextCursor: null });
    assert.deepEqual(ids(state.rows), [3, 2, 1]);
  });

  test('other filters start over, and a late answer to the old filters is dropped', () => {
    let state = run(loaded([5, 4], 4), { type: 'olderStarted' }, { type: 'reset' });
    assert.deepEqual(state.rows, []);
    assert.equal(state.loading, true);
    assert.equal(state.generation, 1);
    state = run(state, { type: 'olderPage', generation: 0, rows: rows(3, 2), nextCursor: 2 });
    state = run(state, { type: 'newer', generation: 0, rows: rows(6) });
    assert.deepEqual(state.rows, [], 'answers of generation 0 belong to other filters');
    state = run(state, { type: 'firstPage', generation: 1, rows: rows(40), nextCursor: null });
    assert.deepEqual(ids(state.rows), [40]);
  });

  test('a failed first page says so and Retry (a reload) asks again', () => {
    let state = run(initialPagedRows(), { type: 'failed', generation: 0, error: 'HTTP 500' });
    assert.equal(state.error, 'HTTP 500');
    assert.equal(state.loading, false);
    state = run(state, { type: 'reload' }, { type: 'firstPage', generation: 1, rows: rows(1), nextCursor: null });
    assert.equal(state.error, null);
    assert.deepEqual(ids(state.rows), [1]);
  });
});

describe('paged rows: live rows on top', () => {
  test('while following the top, newer rows go on top, never twice', () => {
    const state = run(loaded([3, 2, 1]), { type: 'newer', generation: 0, rows: rows(5, 4, 3) }, { type: 'newer', generation: 0, rows: rows(5) });
    assert.deepEqual(ids(state.rows), [5, 4, 3, 2, 1]);
    assert.equal(state.newestId, 5);
  });

  test('beyond maxRows the oldest leave and the cursor steps back, so scrolling down loads them again', () => {
    const state = run(loaded([4, 3, 2, 1]), { type: 'newer', generation: 0, rows: rows(8, 7, 6, 5) });
    assert.deepEqual(ids(state.rows), [8, 7, 6, 5, 4, 3]);
    assert.equal(state.nextCursor, 3, 'the next page starts below row 3: rows 2 and 1 come back');
  });

  test('while reading further down, new rows are held back and counted; the rows being read do not move', () => {
    let state = run(loaded([2, 1]), { type: 'follow', following: false });
    state = run(state, { type: 'newer', generation: 0, rows: rows(4, 3) }, { type: 'newer', generation: 0, rows: rows(5) });
    assert.deepEqual(ids(state.rows), [2, 1]);
    assert.deepEqual(ids(state.held), [5, 4, 3]);
    assert.equal(state.heldCount, 3);
    assert.equal(state.newestId, 5, 'the next live request asks after the held rows');
    assert.equal(jumpNeedsReload(state), false);
    state = run(state, { type: 'showHeld' });
    assert.deepEqual(ids(state.rows), [5, 4, 3, 2, 1]);
    assert.equal(state.heldCount, 0);
  });

  test('back at the top, the held rows are shown', () => {
    const state = run(
      loaded([1]),
      { type: 'follow', following: false },
      { type: 'newer', generation: 0, rows: rows(2) },
      { type: 'follow', following: true },
    );
    assert.deepEqual(ids(state.rows), [2, 1]);
    assert.deepEqual(state.held, []);
  });

  test('more new rows than maxHeld are only counted: jumping to the newest needs the first page again', () => {
    let state = run(loaded([1]), { type: 'follow', following: false }, { type: 'newer', generation: 0, rows: rows(5, 4, 3, 2) });
    assert.equal(state.heldCount, 4);
    assert.equal(state.held.length, 3);
    assert.equal(jumpNeedsReload(state), true);
    assert.equal(run(state, { type: 'showHeld' }), state, 'rows 2..4 cannot go on top with row 2 missing');
    state = run(state, { type: 'reload' });
    assert.deepEqual(ids(state.rows), [1], 'the rows stay on screen until the first page is in');
    state = run(state, { type: 'firstPage', generation: state.generation, rows: rows(5, 4, 3, 2, 1), nextCursor: null });
    assert.deepEqual(ids(state.rows), [5, 4, 3, 2, 1]);
    assert.equal(state.heldCount, 0);
  });
});

describe('paged rows: the first page fetched again (transactions)', () => {
  const tx = (id: number, v: string): Row => ({ id, v });

  test('rows it holds are replaced by their fresh copy; new ones go on top; older rows are kept as they are', () => {
    const start = run(initialPagedRows(), {
      type: 'firstPage',
      generation: 0,
      rows: [tx(5, 'a'), tx(4, 'a'), tx(3, 'a'), tx(2, 'a')],
      nextCursor: null,
    });
    const state = run(start, { type: 'head', generation: 0, rows: [tx(6, 'b'), tx(5, 'b'), tx(4, 'b')], complete: false, total: 5 });
    assert.deepEqual(
      state.rows.map((r) => `${r.id}${r.v}`),
      ['6b', '5b', '4b', '3a', '2a'],
    );
    assert.equal(state.total, 5);
  });

  test('rows in view further down are refreshed by id: nothing added, nothing dropped', () => {
    const start = run(initialPagedRows(), { type: 'firstPage', generation: 0, rows: [tx(9, 'a'), tx(8, 'a'), tx(7, 'a')], nextCursor: null });
    const state = run(start, { type: 'refresh', generation: 0, rows: [tx(8, 'b'), tx(3, 'b')] });
    assert.deepEqual(
      state.rows.map((r) => `${r.id}${r.v}`),
      ['9a', '8b', '7a'],
    );
    assert.equal(run(start, { type: 'refresh', generation: 1, rows: [tx(8, 'b')] }), start, 'an answer of other filters changes nothing');
  });

  test('a shown row in its range that it no longer has left the filter (e.g. stopped, under "active")', () => {
    const start = loaded([5, 4, 3, 2]);
    const partial = run(start, { type: 'head', generation: 0, rows: rows(5, 3), complete: false });
    assert.deepEqual(ids(partial.rows), [5, 3, 2], 'row 4 is gone; row 2 is below the range, kept');
    const complete = run(start, { type: 'head', generation: 0, rows: rows(5, 3), complete: true });
    assert.deepEqual(ids(complete.rows), [5, 3], 'a complete answer has every matching row');
  });

  test('a full page of only new rows may hide more: held with a gap, and followed by a reload', () => {
    const state = run(loaded([2, 1]), { type: 'head', generation: 0, rows: rows(9, 8, 7), complete: false });
    assert.deepEqual(ids(state.rows), [2, 1]);
    assert.equal(state.heldGap, true);
    assert.equal(jumpNeedsReload(state), true);
  });

  test('while reading, new rows are held, and held rows follow later answers too', () => {
    let state = run(loaded([2, 1]), { type: 'follow', following: false });
    state = run(state, { type: 'head', generation: 0, rows: rows(3, 2, 1), complete: true });
    assert.deepEqual(ids(state.held), [3]);
    state = run(state, { type: 'head', generation: 0, rows: rows(4, 2, 1), complete: true });
    assert.deepEqual(ids(state.held), [4], 'row 3 left the filter before it was shown');
    assert.equal(state.heldCount, 1);
    assert.deepEqual(ids(state.rows), [2, 1]);
  });
});
