/**
 * The console's Scenarios & replay logic, run in Node: the scenario text read without changing it (a JSON error
 * with its line and column), the replay form's checks with the server's limits (docs/api.md "Scenarios and
 * replays"), the request it becomes, and how a replayed CALL is counted.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplayExchange } from '../../../shared/api/scenario.js';
import { outcomeOf } from '../../../renderer/src/views/scenarios/replay-outcome.js';
import { checkReplay, EMPTY_REPLAY, exportSummary, MAX_EXPORT_BYTES, replayRequestOf } from '../../../renderer/src/views/scenarios/replay-options.js';
import { lineAndColumn, readScenarioText } from '../../../renderer/src/views/scenarios/scenario-text.js';

describe('scenario text', () => {
  test('a JSON object is read as it is', () => {
    assert.deepEqual(readScenarioText(' {"name":"x","steps":[]} '), { ok: true, value: { name: 'x', steps: [] } });
  });

  test('text that is not JSON is explained with its line and column', () => {
    const read = readScenarioText('{\n  "name": "x",\n}');
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.problem, /^Not valid JSON: .*line 3,? column 1/);
  });

  test('empty text, an array or a number is not a scenario', () => {
    for (const text of ['', '   ', '[]', '42']) assert.equal(readScenarioText(text).ok, false, text);
  });

  test('line and column count from 1', () => {
    assert.deepEqual(lineAndColumn('ab\ncd', 0), { line: 1, column: 1 });
    assert.deepEqual(lineAndColumn('ab\ncd', 4), { line: 2, column: 2 });
  });
});

describe('replay form', () => {
  const ndjson = '{"at":"2026-01-01T00:00:00Z","chargePointId":"CP-1","direction":"in","frame":"[2,\\"1\\",\\"Heartbeat\\",{}]"}\n';

  test('an export is needed, at most 1 MiB', () => {
    assert.match(checkReplay(EMPTY_REPLAY).ndjson ?? '', /Choose a message-log export/);
    assert.match(checkReplay({ ...EMPTY_REPLAY, ndjson: 'x'.repeat(MAX_EXPORT_BYTES + 1) }).ndjson ?? '', /1 MiB/);
    assert.deepEqual(checkReplay({ ...EMPTY_REPLAY, ndjson }), {});
  });

  test('a speed factor within the limits, an identity as the URL allows: as typed, never trimmed', () => {
    const d = { ...EMPTY_REPLAY, ndjson, pace: 'factor' as const };
    assert.ok(checkReplay({ ...d, speed: '0' }).speed);
    assert.ok(checkReplay({ ...d, speed: 'fast' }).speed);
    assert.ok(checkReplay({ ...d, speed: '' }).speed);
    assert.equal(checkReplay({ ...d, speed: '10000' }).speed, undefined);
    assert.ok(checkReplay({ ...d, identity: ' CP-1' }).identity);
    assert.equal(checkReplay({ ...d, identity: 'CP-1.R_2' }).identity, undefined);
  });

  test('the request carries the pace chosen and the identity only when given', () => {
    assert.deepEqual(replayRequestOf({ ...EMPTY_REPLAY, ndjson }), { ndjson });
    assert.deepEqual(replayRequestOf({ ...EMPTY_REPLAY, ndjson, pace: 'factor', speed: '2.5' }), { ndjson, speed: 2.5 });
    assert.deepEqual(replayRequestOf({ ...EMPTY_REPLAY, ndjson, pace: 'max', speed: '2.5', identity: 'R-1' }), {
      ndjson,
      asFastAsPossible: true,
      identity: 'R-1',
    });
  });

  test('the summary counts frames and names the stations', () => {
    assert.deepEqual(exportSummary(ndjson + ndjson + '\nnot json\n'), { lines: 3, stations: ['CP-1'] });
  });
});

describe('replay counts', () => {
  const x = (over: Partial<ReplayExchange>): ReplayExchange => ({
    index: 0,
    action: 'Authorize',
    originalAt: '2026-01-01T00:00:00Z',
    sent: '[2,"1","Authorize",{"idTag":"T"}]',
    originalAnswer: '[3,"1",{}]',
    replayedAnswer: '[3,"1",{}]',
    differences: [],
    ...over,
  });
  test('no answer is unanswered, even with its difference; a difference makes it different', () => {
    const difference = { exchange: 0, action: 'Authorize', path: '', original: {}, replayed: null, message: 'no answer' };
    assert.equal(outcomeOf(x({ replayedAnswer: null, differences: [difference] })), 'unanswered');
    assert.equal(outcomeOf(x({ differences: [{ ...difference, path: 'idTagInfo.status' }] })), 'different');
    assert.equal(outcomeOf(x({})), 'same');
  });
});
