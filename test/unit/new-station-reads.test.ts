/**
 * A new station's first contact reads nothing back from SQLite once the connection's memory is loaded
 * (docs/architecture.md "Hot state in memory"): its admission at the handshake (it is known to be no station yet),
 * its record once created, and its name's key for the message log (added with one insert). When a new depot comes
 * up, 10,000 stations do this at once. Every statement that returns rows on this thread is counted by its SQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import type { MessageLogExchange } from '../../main/csms/storage/repositories/message-log.js';
import { watchStatementReads } from '../support/statement-reads.js';

const reads: string[] = [];
let counting = false;
const stopWatching = watchStatementReads((sql) => {
  if (counting) reads.push(sql);
});
after(stopWatching);

const at = new Date('2026-01-01T00:00:00.000Z');
const heartbeat = (chargePointId: string): MessageLogExchange => ({
  at,
  chargePointId,
  action: 'Heartbeat',
  outbound: false,
  first: { messageType: 2, errorCode: null, frame: '[2,"1","Heartbeat",{}]' },
  answer: { messageType: 3, errorCode: null, frame: `[3,"1",{"currentTime":"${at.toISOString()}"}]`, at },
});

test('a station new to the process: its handshake, its record and its first log row read nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'new-station-reads-'));
  const file = join(dir, 'csms.sqlite');
  try {
    // A depot that ran before: stations and their log rows stored.
    const before = openDatabase({ file, syncMode: 'NORMAL' });
    const earlier = createRepositories(before);
    for (const id of ['CP-1', 'CP-2', 'CP-3']) {
      earlier.chargePoints.create({ id, registrationStatus: 'Accepted', now: at.toISOString() });
      earlier.messageLog.insert(heartbeat(id));
    }
    before.close();

    // A new process on that data: its memory loaded by a station it knows.
    const db = openDatabase({ file, syncMode: 'NORMAL' });
    const repos = createRepositories(db);
    assert.equal(repos.chargePoints.admission('CP-1')?.registration_status, 'Accepted');
    repos.messageLog.insert(heartbeat('CP-1'));

    counting = true;
    assert.equal(repos.chargePoints.admission('NEW-1'), undefined, 'no such station yet');
    repos.chargePoints.create({ id: 'NEW-1', registrationStatus: 'Pending', now: at.toISOString() });
    const admitted = repos.chargePoints.admission('NEW-1');
    repos.messageLog.insert(heartbeat('NEW-1'));
    assert.equal(repos.chargePoints.admission('CP-2')?.registration_status, 'Accepted', 'a station stored before');
    counting = false;

    assert.deepEqual(reads, [], 'read back from SQLite');
    assert.deepEqual(
      admitted,
      db.prepare('SELECT id, registration_status, validation_mode, security_profile, auth_secrets FROM charge_points WHERE id = ?').get('NEW-1'),
    );
    const names = db.prepare<[], { name: string; id: number }>('SELECT name, id FROM message_log_names ORDER BY id').all();
    assert.equal(new Set(names.map((n) => n.id)).size, names.length);
    assert.equal(new Set(names.map((n) => n.name)).size, names.length, 'each name stored once');
    assert.ok(
      ['CP-1', 'CP-2', 'CP-3', 'Heartbeat', 'NEW-1'].every((name) => names.some((n) => n.name === name)),
      JSON.stringify(names),
    );
    const keyed = db
      .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM message_log m JOIN message_log_names s ON s.id = m.station WHERE s.name = 'NEW-1'")
      .get();
    assert.equal(keyed?.n, 1, 'the row names its station by its key');
    db.close();
  } finally {
    counting = false;
    rmSync(dir, { recursive: true, force: true });
  }
});
