/**
 * Every query the message-log API offers (GET /api/message-log and its NDJSON export: station, action, direction,
 * errors, text, beforeId/afterId, alone and combined) reaches message_log through an index or a range of its primary
 * key, never by a full scan (EXPLAIN QUERY PLAN). Direction and text filters walk the primary key newest first
 * until the page is full (README "Bytes stored" has the cost of a text search).
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import type { MessageLogQuery } from '../../shared/api/types.js';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MessageLogRepository } from '../../main/csms/storage/repositories/message-log.js';

/** A step that reads message_log (alias m) without an index or key range. */
const FULL_SCAN = /^SCAN (m|message_log)$/;

function plansFor(log: MessageLogRepository): Array<{ q: MessageLogQuery; plan: string[] }> {
  const single: MessageLogQuery[] = [
    {},
    { chargePointId: 'CP-1' },
    { action: 'MeterValues' },
    { action: 'Authorize' },
    { direction: 'in' },
    { direction: 'out' },
    { errorsOnly: true },
    { text: 'idTag' },
  ];
  const out: Array<{ q: MessageLogQuery; plan: string[] }> = [];
  // Each filter alone and with every other one, each on the first page, an older page and an export page.
  const combos: MessageLogQuery[] = [];
  for (const a of single) for (const b of single) combos.push({ ...a, ...b });
  for (const q of combos)
    for (const page of [{}, { beforeId: 1001 }, { afterId: 1000 }, { afterId: 0, limit: 1000 }] as MessageLogQuery[])
      out.push({ q: { ...q, ...page }, plan: log.queryPlan({ ...q, ...page }) });
  return out;
}

test('every message-log query of the API uses an index or a primary-key range', () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  const log = new MessageLogRepository(db);
  const plans = plansFor(log);
  assert.ok(plans.length > 100);
  for (const { q, plan } of plans) {
    const m = plan.filter((step) => /\b(m|message_log)\b/.test(step));
    assert.ok(m.length > 0, `${JSON.stringify(q)}: ${plan.join(' | ')}`);
    for (const step of m) assert.doesNotMatch(step, FULL_SCAN, `${JSON.stringify(q)}: ${plan.join(' | ')}`);
    assert.ok(!plan.some((step) => step.includes('TEMP B-TREE')), `${JSON.stringify(q)} sorts in a temporary tree: ${plan.join(' | ')}`);
  }
  // The selective filters use their own index.
  const stepsOf = (q: MessageLogQuery) => log.queryPlan(q).join(' | ');
  assert.match(stepsOf({ chargePointId: 'CP-1' }), /USING INDEX message_log_station \(station=\?/);
  assert.match(stepsOf({ chargePointId: 'CP-1', beforeId: 99 }), /USING INDEX message_log_station \(station=\? AND id<\?\)/);
  assert.match(stepsOf({ action: 'Authorize' }), /USING INDEX message_log_action \(action=\? AND id<\?\)/);
  // The most frequent actions are not in that index: a bounded window of the primary key (TEXT_SCAN_ROWS).
  assert.match(stepsOf({ action: 'MeterValues' }), /USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
  assert.match(stepsOf({ errorsOnly: true }), /USING INDEX message_log_errors/);
  assert.match(stepsOf({ afterId: 10 }), /USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  db.close();
});

test("the repository's other reads (the doctor's format refusals, one frame by id, names) use an index too", () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  const explain = (sql: string, params: unknown[] | Record<string, unknown> = []) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((s) => s.detail);
  const statements: Array<[string, string[]]> = [];
  new MessageLogRepository(
    new Proxy(db, {
      get(target, key) {
        if (key === 'prepare')
          return (sql: string) => {
            // Writes and the retention prune (the oldest rows by key, LIMIT a batch) are not queries of the API.
            if (/^\s*SELECT/i.test(sql)) statements.push([sql, []]);
            return target.prepare(sql);
          };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }),
  );
  assert.ok(statements.length >= 4);
  for (const [sql] of statements) {
    const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
    const params = names.length ? Object.fromEntries(names.map((n) => [n, 1])) : sql.includes('?') ? [1] : [];
    const plan = explain(sql, params);
    for (const step of plan) assert.doesNotMatch(step, FULL_SCAN, `${sql}: ${plan.join(' | ')}`);
  }
  db.close();
});
