/**
 * Text search looks into the compressed frames, at most TEXT_SCAN_ROWS rows per page (README "Bytes stored"):
 * a page cut short says where to go on, and following it, newest first or oldest first, finds every match once.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MessageLogRepository, TEXT_SCAN_ROWS } from '../../main/csms/storage/repositories/message-log.js';

const ROWS = TEXT_SCAN_ROWS * 2 + 500;
/** The row number written into each frame's message id. */
const messageNumber = (frame: string) => Number((JSON.parse(frame) as unknown[])[1]);
/** Rows whose CALL carries the searched tag: the oldest, one in the middle, the newest. */
const MATCHES = new Set([1, TEXT_SCAN_ROWS + 7, ROWS]);

test('a text search over more rows than one page unpacks goes on where it stopped and finds each match once', () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  const log = new MessageLogRepository(db);
  db.transaction(() => {
    for (let row = 1; row <= ROWS; row++) {
      const tag = MATCHES.has(row) ? 'Needle-Tag' : `TAG${row}`;
      const call = `[2,"${row}","Authorize",{"idTag":"${tag}"}]`;
      log.insert({
        at: new Date(Date.UTC(2026, 0, 1) + row),
        chargePointId: `CP-${row % 3}`,
        action: 'Authorize',
        outbound: false,
        first: { messageType: 2, errorCode: null, frame: call },
        answer: { messageType: 3, errorCode: null, frame: `[3,"${row}",{"idTagInfo":{"status":"Accepted"}}]`, at: new Date() },
      });
    }
  })();

  // Newest first, as the console pages.
  const newestFirst: number[] = [];
  let pages = 0;
  let beforeId: number | undefined;
  for (;;) {
    const page = log.page({ text: 'needle-tag', beforeId, limit: 200 });
    pages++;
    newestFirst.push(...page.items.map((f) => messageNumber(f.frame)));
    assert.ok(page.items.every((f) => f.direction === 'in' && f.frame.includes('Needle-Tag')));
    if (page.resume === null) break;
    beforeId = page.resume;
  }
  assert.deepEqual(
    newestFirst,
    [...MATCHES].sort((a, b) => b - a),
  );
  assert.equal(pages, Math.ceil(ROWS / TEXT_SCAN_ROWS), 'one page per window');

  // Oldest first, as the NDJSON export pages.
  const oldestFirst: number[] = [];
  let afterId: number | null = 0;
  while (afterId !== null) {
    const page = log.page({ text: 'NEEDLE', afterId, limit: 1000 });
    oldestFirst.push(...page.items.map((f) => messageNumber(f.frame)));
    afterId = page.resume;
  }
  assert.deepEqual(
    oldestFirst,
    [...MATCHES].sort((a, b) => a - b),
  );

  // The most frequent actions have no index entries (migration 0011): a filter on one alone walks the same windows.
  let heartbeatPages = 0;
  let heartbeats = 0;
  for (let resume: number | null | undefined; resume !== null; heartbeatPages++) {
    const page = log.page({ action: 'Heartbeat', beforeId: resume, limit: 200 });
    heartbeats += page.items.length;
    resume = page.resume;
  }
  assert.equal(heartbeats, 0);
  assert.equal(heartbeatPages, Math.ceil(ROWS / TEXT_SCAN_ROWS));

  // A page that fills before the window ends goes on from its last frame, as before.
  const first = log.page({ text: '"status":"Accepted"', limit: 10 });
  assert.equal(first.items.length, 10);
  assert.equal(first.resume, first.items.at(-1)!.id);
  db.close();
});
