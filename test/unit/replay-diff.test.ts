/**
 * Replay's reading of a message-log export and its comparison of answers (main/simulator/scenario/replay/,
 * docs/scenarios.md "Replay"): what differs by nature is not a difference, everything else is named by its path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerDifferences, fieldDifferences } from '../../main/simulator/scenario/replay/diff.js';
import { parseExport } from '../../main/simulator/scenario/replay/export-file.js';

const result = (payload: Record<string, unknown>) => ({ kind: 'result' as const, payload, frame: '' });

test('equal payloads have no difference; each differing leaf is named by its path', () => {
  assert.deepEqual(fieldDifferences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }), []);
  assert.deepEqual(fieldDifferences({ a: 1, b: { c: [1, 2] } }, { a: 2, b: { c: [1] }, d: true }), [
    { path: 'a', original: 1, replayed: 2 },
    { path: 'b.c.1', original: 2, replayed: undefined },
    { path: 'd', original: undefined, replayed: true },
  ]);
});

test('currentTime and a StartTransaction transactionId differ by nature; their absence still counts', () => {
  assert.deepEqual(
    answerDifferences(
      0,
      'BootNotification',
      result({ status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 60 }),
      result({ status: 'Accepted', currentTime: '2026-12-05T16:00:00Z', interval: 60 }),
    ),
    [],
  );
  assert.deepEqual(
    answerDifferences(
      1,
      'StartTransaction',
      result({ transactionId: 7, idTagInfo: { status: 'Accepted' } }),
      result({ transactionId: 91, idTagInfo: { status: 'Accepted' } }),
    ),
    [],
  );
  const missing = answerDifferences(
    1,
    'StartTransaction',
    result({ transactionId: 7, idTagInfo: { status: 'Accepted' } }),
    result({ idTagInfo: { status: 'Accepted' } }),
  );
  assert.deepEqual(
    missing.map((d) => [d.path, d.message]),
    [['transactionId', 'missing on replay']],
  );
  // The same field name elsewhere is compared as any other.
  assert.equal(answerDifferences(2, 'Heartbeat', result({ currentTime: 'a' }), result({ currentTime: 'b' })).length, 0);
  assert.equal(answerDifferences(2, 'DataTransfer', result({ transactionId: 1 }), result({ transactionId: 2 })).length, 1);
});

test('a different status is flagged with both values', () => {
  assert.deepEqual(answerDifferences(3, 'Authorize', result({ idTagInfo: { status: 'Accepted' } }), result({ idTagInfo: { status: 'Blocked' } })), [
    { exchange: 3, action: 'Authorize', path: 'idTagInfo.status', original: 'Accepted', replayed: 'Blocked', message: 'differs' },
  ]);
});

test('a CALLERROR against a CALLRESULT, another error code, or no answer, are differences', () => {
  const error = (code: string) => ({ kind: 'error' as const, code, description: '', frame: '' });
  assert.equal(
    answerDifferences(0, 'Authorize', result({ idTagInfo: { status: 'Accepted' } }), error('InternalError'))[0]!.message,
    'recorded a CALLRESULT, replayed CALLERROR InternalError',
  );
  assert.equal(answerDifferences(0, 'Authorize', error('FormationViolation'), error('InternalError'))[0]!.path, 'errorCode');
  assert.deepEqual(answerDifferences(0, 'Authorize', error('InternalError'), error('InternalError')), []);
  assert.equal(answerDifferences(0, 'Authorize', result({}), null)[0]!.message, 'recorded a CALLRESULT, replayed no answer');
  assert.deepEqual(answerDifferences(0, 'Authorize', null, null), []);
});

const line = (id: number, at: string, direction: 'in' | 'out', frame: unknown[], chargePointId = 'CP-R') =>
  JSON.stringify({
    id,
    at,
    chargePointId,
    direction,
    messageType: frame[0],
    messageId: frame[1],
    action: null,
    errorCode: null,
    frame: JSON.stringify(frame),
  });

test("an export is read into the station's CALLs with their answers, and the central system's CALLs with the station's", () => {
  const text = [
    line(2, '2026-12-01T10:00:00.000Z', 'in', [2, 'a', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]),
    line(3, '2026-12-01T10:00:00.050Z', 'out', [3, 'a', { status: 'Accepted', currentTime: '2026-12-01T10:00:00.050Z', interval: 60 }]),
    // The central system's CALL and the station's answer share a row (ids 4 and 5); the answer came later than id 6.
    line(4, '2026-12-01T10:00:01.000Z', 'out', [2, 'x', 'GetConfiguration', {}]),
    line(5, '2026-12-01T10:00:03.000Z', 'in', [3, 'x', { configurationKey: [] }]),
    line(6, '2026-12-01T10:00:02.000Z', 'in', [2, 'b', 'Authorize', { idTag: 'T' }]),
    line(7, '2026-12-01T10:00:02.010Z', 'out', [4, 'b', 'InternalError', 'boom', {}]),
    '',
    line(8, '2026-12-01T10:00:04.000Z', 'in', [2, 'c', 'Heartbeat', {}]),
  ].join('\n');
  const read = parseExport(text);
  assert.ok(read.ok, read.ok ? '' : read.problems.join('; '));
  const r = read.recording;
  assert.equal(r.station, 'CP-R');
  assert.equal(r.startMs, Date.parse('2026-12-01T10:00:00.000Z'));
  assert.deepEqual(
    r.stationCalls.map((c) => [c.action, c.answer?.kind ?? null]),
    [
      ['BootNotification', 'result'],
      ['Authorize', 'error'],
      ['Heartbeat', null],
    ],
  );
  assert.deepEqual(
    r.csmsCalls.map((c) => [c.action, c.answer?.kind]),
    [['GetConfiguration', 'result']],
  );
});

test('a bad export is refused with the line of each problem, and one station at a time', () => {
  const bad = parseExport(['{"at":"nope","chargePointId":"A","direction":"in","frame":"[]"}', 'not json'].join('\n'));
  assert.deepEqual(bad.ok ? [] : bad.problems, ['line 2: is not JSON']);
  const fields = parseExport(
    '{"at":"nope","chargePointId":"A","direction":"in","frame":"[]"}\n{"at":"2026-01-01T00:00:00Z","chargePointId":"A","direction":"up","frame":"[]"}',
  );
  assert.deepEqual(fields.ok ? [] : fields.problems, ['line 1: "at" must be a date-time', 'line 2: "direction" must be "in" or "out"']);
  const two = parseExport(
    [
      line(1, '2026-12-01T10:00:00.000Z', 'in', [2, 'a', 'Heartbeat', {}], 'A'),
      line(2, '2026-12-01T10:00:00.000Z', 'in', [2, 'a', 'Heartbeat', {}], 'B'),
    ].join('\n'),
  );
  assert.match(two.ok ? '' : two.problems[0]!, /holds 2 stations \(A, B\)/);
});
