/** What the live message log shows (renderer/src/views/message-log/message-log-state.ts): no row lost, none twice. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MessageLogEntryDto } from '../../../shared/api/types.js';
import {
  initialRows,
  MAX_ROWS,
  messageLogReducer,
  newestId,
  type MessageLogRows,
} from '../../../renderer/src/views/message-log/message-log-state.js';

const row = (id: number) => ({ id }) as MessageLogEntryDto;
const rows = (...ids: number[]) => ids.map(row);
const ids = (list: MessageLogEntryDto[]) => list.map((r) => r.id);

function loaded(itemIds: number[], paused = false): MessageLogRows {
  return messageLogReducer(initialRows('{}', paused), { type: 'firstPage', items: rows(...itemIds), hasOlder: false });
}

describe('message log rows', () => {
  test('newer rows (ascending from the API) go on top, newest first, never twice', () => {
    const state = messageLogReducer(loaded([3, 2, 1]), { type: 'newer', ascending: rows(3, 4, 5) });
    assert.deepEqual(ids(state.items), [5, 4, 3, 2, 1]);
    assert.equal(state.loading, false);
  });

  test('while paused new rows are held back, and shown on resume in order', () => {
    let state = loaded([2, 1], true);
    state = messageLogReducer(state, { type: 'newer', ascending: rows(3, 4) });
    state = messageLogReducer(state, { type: 'newer', ascending: rows(5) });
    assert.deepEqual(ids(state.items), [2, 1], 'the rows being read do not move');
    assert.deepEqual(ids(state.pending), [5, 4, 3]);
    assert.equal(newestId(state), 5, 'the next live request asks after the held rows');
    state = messageLogReducer(state, { type: 'paused', paused: false });
    assert.deepEqual(ids(state.items), [5, 4, 3, 2, 1]);
    assert.deepEqual(state.pending, []);
  });

  test('"Show new" shows the held rows even before the pause ends', () => {
    let state = messageLogReducer(loaded([1], true), { type: 'newer', ascending: rows(2) });
    state = messageLogReducer(state, { type: 'showPending' });
    assert.deepEqual(ids(state.items), [2, 1]);
    assert.equal(state.paused, true);
  });

  test('beyond MAX_ROWS the oldest leave the screen and "Load older" is offered', () => {
    const many = Array.from({ length: MAX_ROWS }, (_, i) => MAX_ROWS - i);
    const state = messageLogReducer(loaded(many), { type: 'newer', ascending: rows(MAX_ROWS + 1, MAX_ROWS + 2) });
    assert.equal(state.items.length, MAX_ROWS);
    assert.equal(state.items[0]?.id, MAX_ROWS + 2);
    assert.equal(state.items.at(-1)?.id, 3);
    assert.equal(state.hasOlder, true);
  });

  test('older rows join at the bottom, only those older than the last shown', () => {
    let state = messageLogReducer(loaded([5, 4]), { type: 'loadingOlder' });
    assert.equal(state.loadingOlder, true);
    state = messageLogReducer(state, { type: 'older', items: rows(4, 3, 2), hasOlder: false });
    assert.deepEqual(ids(state.items), [5, 4, 3, 2]);
    assert.equal(state.loadingOlder, false);
  });

  test('other filters start over, keeping the pause; a failure is shown and ends the loading', () => {
    const reset = messageLogReducer(loaded([2, 1], true), { type: 'reset', filterKey: '{"action":"Heartbeat"}' });
    assert.deepEqual(reset, initialRows('{"action":"Heartbeat"}', true));
    const failed = messageLogReducer(reset, { type: 'failed', error: 'unauthorized' });
    assert.equal(failed.error, 'unauthorized');
    assert.equal(failed.loading, false);
  });
});
