/**
 * The reservation expiry sweep runs every second (services/reservation-book.ts): a tick with nothing due must not
 * open a write transaction (BEGIN IMMEDIATE, COMMIT and a WAL sync each second on an idle depot PC), and a due
 * reservation must still expire, announced once it committed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsmsEvents } from '../../main/csms/domain/events.js';
import { ReservationBook } from '../../main/csms/services/reservation-book.js';
import { openDatabase } from '../../main/csms/storage/database.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('an expiry tick with nothing due opens no transaction; a due reservation expires', async () => {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  const groupCommit = new GroupCommit(db);
  const events = new CsmsEvents();
  let nowMs = Date.parse('2026-03-01T08:00:00.000Z');
  const clock = { now: () => new Date(nowMs) };
  const book = new ReservationBook({ repos, groupCommit, events, clock, db });
  repos.chargePoints.create({ id: 'CP-1', registrationStatus: 'Accepted', now: clock.now().toISOString() });
  const changes: unknown[] = [];
  events.on('reservation.changed', (change) => changes.push(change));

  const id = await book.request('CP-1', { connectorId: 1, idTag: 'TAG-1', expiryDate: '2026-03-01T08:30:00.000Z' });
  await book.answered('CP-1', id, 'Accepted');
  await turn();
  const batches = groupCommit.stats.batches;

  for (let tick = 0; tick < 5; tick++) {
    assert.deepEqual(await book.expireDue(), [], 'nothing due yet');
    assert.equal(db.inTransaction, false, 'no transaction opened for a tick with nothing due');
    nowMs += 60_000;
  }
  await turn();
  assert.equal(groupCommit.stats.batches, batches, 'no batch committed by the empty ticks');

  nowMs = Date.parse('2026-03-01T08:30:00.000Z');
  assert.deepEqual(await book.expireDue(), [id]);
  assert.equal(groupCommit.stats.batches, batches + 1);
  assert.equal((db.prepare('SELECT status FROM reservations WHERE id = ?').get(id) as { status: string }).status, 'Expired');
  assert.deepEqual(changes.at(-1), { chargePointId: 'CP-1', reservationId: id, status: 'Expired' });
  db.close();
});
