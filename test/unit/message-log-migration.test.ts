/**
 * Migration 0011: old message-log rows (one per frame) become one row per exchange, paired by station, message id
 * and direction, and read back through the API's query exactly as they were stored, frame by frame.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MessageLogRepository, NO_ANSWER } from '../../main/csms/storage/repositories/message-log.js';

interface OldRow {
  at: string;
  charge_point_id: string;
  direction: 'in' | 'out';
  message_type: number | null;
  message_id: string | null;
  action: string | null;
  error_code: string | null;
  frame: string;
}

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, second)).toISOString();
const row = (
  second: number,
  cp: string,
  direction: 'in' | 'out',
  type: number | null,
  id: string | null,
  action: string | null,
  frame: string,
  error: string | null = null,
): OldRow => ({
  at: at(second),
  charge_point_id: cp,
  direction,
  message_type: type,
  message_id: id,
  action,
  error_code: error,
  frame,
});

/** Old rows in id order, as the previous layout wrote them. */
const OLD: OldRow[] = [
  // A's CALL, interleaved with B's CALL, then both replies (pairs by station + message id).
  row(0, 'CP-A', 'in', 2, '1', 'Heartbeat', '[2,"1","Heartbeat",{}]'),
  row(0, 'CP-B', 'in', 2, '1', 'Heartbeat', '[2, "1", "Heartbeat", {}]'),
  row(0, 'CP-A', 'out', 3, '1', 'Heartbeat', '[3,"1",{"currentTime":"2026-01-01T08:00:00.000Z"}]'),
  row(0, 'CP-B', 'out', 3, '1', 'Heartbeat', '[3,"1",{"currentTime":"2026-01-01T08:00:00.000Z"}]'),
  // Our CALL to A, answered 3 s later with other traffic in between.
  row(1, 'CP-A', 'out', 2, 'uuid-1', 'Reset', '[2,"uuid-1","Reset",{"type":"Soft"}]'),
  row(2, 'CP-A', 'in', 2, '2', 'DataTransfer', '[2,"2","DataTransfer",{"vendorId":"ü — 日本","data":"  x\\n"}]', 'lenient:TypeConstraintViolation'),
  row(2, 'CP-A', 'out', 4, '2', 'DataTransfer', '[4,"2","FormationViolation","bad",{}]', 'FormationViolation'),
  row(4, 'CP-A', 'in', 3, 'uuid-1', 'Reset', '[3,"uuid-1",{"status":"Accepted"}]'),
  // Our CALL to B never answered; a late answer to it came after the timeout (stored without an action).
  row(5, 'CP-B', 'out', 2, 'uuid-2', 'ClearCache', '[2,"uuid-2","ClearCache",{}]'),
  row(9, 'CP-B', 'in', 3, 'uuid-2', null, '[3,"uuid-2",{"status":"Accepted"}]'),
  // An unreadable frame and our CALLERROR on "-1".
  row(10, 'CP-B', 'in', null, null, null, 'not json', 'FormationViolation'),
  row(10, 'CP-B', 'out', 4, '-1', null, '[4,"-1","FormationViolation","Unreadable",{}]', 'FormationViolation'),
  // A reuses message id "1" after reconnecting: a new exchange.
  row(11, 'CP-A', 'in', 2, '1', 'Heartbeat', '[2,"1","Heartbeat",{}]'),
  row(11, 'CP-A', 'out', 3, '1', 'Heartbeat', '[3,"1",{"currentTime":"2026-01-01T08:00:11.000Z"}]'),
];

test('old rows become one row per exchange and read back frame by frame, byte for byte', () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS.slice(0, 10));
  const insert = db.prepare(
    `INSERT INTO message_log (at, charge_point_id, direction, message_type, message_id, action, error_code, frame)
     VALUES (@at, @charge_point_id, @direction, @message_type, @message_id, @action, @error_code, @frame)`,
  );
  const oldIds = OLD.map((r) => Number(insert.run(r).lastInsertRowid));

  applyMigrations(db, MIGRATIONS);

  const rows = db.prepare('SELECT id, outbound, message_type, answer_type, answer_ms, dictionary FROM message_log ORDER BY id').all() as {
    id: number;
    outbound: number;
    message_type: number | null;
    answer_type: number | null;
    answer_ms: number | null;
    dictionary: number;
  }[];
  // Pairs keep the id of their first frame.
  assert.deepEqual(
    rows.map((r) => [r.id, r.outbound, r.message_type, r.answer_type, r.answer_ms]),
    [
      [oldIds[0], 0, 2, 3, null],
      [oldIds[1], 0, 2, 3, null],
      [oldIds[4], 1, 2, 3, 3000],
      [oldIds[5], 0, 2, 4, null],
      [oldIds[8], 1, 2, null, null],
      [oldIds[9], 0, 3, null, null],
      [oldIds[10], 0, null, null, null],
      [oldIds[11], 1, 4, null, null],
      [oldIds[12], 0, 2, 3, null],
    ],
  );
  assert.ok(rows.every((r) => r.dictionary === 1));
  assert.equal(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'message_log_v1'").pluck().get(), 0);

  // Every old frame is an entry again, in the order it was stored, with what it said.
  const log = new MessageLogRepository(db);
  const entries = log.query({ afterId: 0, limit: 100 });
  // Entries come in row order: a pair's answer right after its CALL.
  const expected = [0, 2, 1, 3, 4, 7, 5, 6, 8, 9, 10, 11, 12, 13].map((i) => OLD[i]!);
  assert.deepEqual(
    entries.map((e) => ({
      at: e.at,
      charge_point_id: e.charge_point_id,
      direction: e.direction,
      message_type: e.message_type,
      message_id: e.message_id,
      action: e.action,
      error_code: e.error_code,
      frame: e.frame,
    })),
    expected.map((r) => ({ ...r, action: r.action ?? null, message_id: r.message_type === null ? null : r.message_id })),
  );
  // Frame ids are unique and follow the rows.
  assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
  assert.deepEqual(
    entries.slice(0, 2).map((e) => e.id),
    [oldIds[0]! * 2, oldIds[0]! * 2 + 1],
  );
  // New rows continue after the migrated ones, and the log works as before.
  const next = log.insert({
    at: new Date(),
    chargePointId: 'CP-A',
    action: 'Heartbeat',
    outbound: false,
    first: { messageType: 2, errorCode: null, frame: '[2,"9","Heartbeat",{}]' },
  });
  assert.ok(next > Math.max(...rows.map((r) => r.id)));
  log.markUnanswered(rows[4]!.id);
  assert.equal(db.prepare('SELECT answer_type FROM message_log WHERE id = ?').pluck().get(rows[4]!.id), NO_ANSWER);
  db.close();
});
