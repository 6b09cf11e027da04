/**
 * The lookups repositories keep in memory (storage/write-caches.ts) never outlive the rows they name: after a
 * rolled-back savepoint or a prune, what is written next is still read back exactly. And frames deflated with a
 * dictionary longer than the deflate window (storage/frame-codec) read back byte for byte.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { packFrames, packText, packTextAgainst, unpackFrames, unpackText, WITH_READING } from '../../main/csms/storage/frame-codec/index.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MessageLogRepository } from '../../main/csms/storage/repositories/message-log.js';
import { MeterValueRepository } from '../../main/csms/storage/repositories/meter-values.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import { invalidateCachedRows } from '../../main/csms/storage/write-caches.js';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  return db;
}

const reading = (transactionId: number, wh: number) => ({
  chargePointId: 'CP-1',
  connectorId: 1,
  transactionId,
  timestamp: `2026-01-01T00:00:0${wh % 10}Z`,
  sampledValues: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }],
  source: 'MeterValues' as const,
  receivedAt: '2026-01-01T00:00:01.000Z',
});

test('a transaction key undone by a rolled-back savepoint is not used for the readings after it', () => {
  const db = migrated();
  const repo = new MeterValueRepository(db);
  const unit = new Savepoint(db, 'unit');
  db.exec('BEGIN');
  unit.begin();
  repo.insertReading(reading(7, 1)); // becomes the key of transaction 7
  repo.insertReading(reading(7, 2)); // packed against it: the key is now remembered
  unit.rollback();
  repo.insertReading(reading(7, 3)); // the key is gone: this one must stand alone
  repo.insertReading(reading(7, 4));
  db.exec('COMMIT');
  assert.deepEqual(
    repo.forTransaction(7).map((r) => r.value),
    ['3', '4'],
  );
  db.close();
});

test('a key deleted behind the cache (pruning) is not used once the caches are invalidated', () => {
  const db = migrated();
  const repo = new MeterValueRepository(db);
  repo.insertReading(reading(8, 1));
  repo.insertReading(reading(8, 2));
  db.prepare('DELETE FROM meter_readings WHERE transaction_id = 8').run();
  invalidateCachedRows(db);
  repo.insertReading(reading(8, 3));
  assert.deepEqual(
    repo.forTransaction(8).map((r) => r.value),
    ['3'],
  );
  db.close();
});

test("a stopped transaction's key leaves the cache; a late reading still packs against it and reads back", () => {
  const db = migrated();
  const repo = new MeterValueRepository(db);
  repo.insertReading(reading(9, 1)); // the key of transaction 9
  repo.insertReading(reading(9, 2)); // packed against it: remembered
  assert.equal(repo.cachedKeyCount, 1);
  repo.forgetKey(9);
  assert.equal(repo.cachedKeyCount, 0);
  repo.insertReading(reading(9, 3)); // a late reading reads the key again
  assert.equal(repo.cachedKeyCount, 1);
  assert.deepEqual(
    repo.forTransaction(9).map((r) => r.value),
    ['1', '2', '3'],
  );
  db.close();
});

test('a station name key undone by a rolled-back savepoint is written again for the next row', () => {
  const db = migrated();
  const log = new MessageLogRepository(db);
  const unit = new Savepoint(db, 'unit');
  const row = (n: number) => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    chargePointId: 'CP-NEW',
    action: 'Heartbeat',
    outbound: false,
    first: { messageType: 2, errorCode: null, frame: `[2,"m${n}","Heartbeat",{}]` },
  });
  db.exec('BEGIN');
  unit.begin();
  log.insert(row(1)); // writes the names CP-NEW and Heartbeat
  unit.rollback();
  log.insert(row(2));
  db.exec('COMMIT');
  const items = log.page({ chargePointId: 'CP-NEW' }).items;
  assert.deepEqual(
    items.map((i) => [i.charge_point_id, i.action, i.frame]),
    [['CP-NEW', 'Heartbeat', '[2,"m2","Heartbeat",{}]']],
  );
  db.close();
});

test('frames and readings deflated against dictionaries longer than the window read back exactly', () => {
  // A reading near the largest allowed as a dictionary (16 KiB): with the 6 KiB dictionary v1 in front, more than
  // the 16 KiB deflate window.
  const big = JSON.stringify(
    Array.from({ length: 150 }, (_, i) => ({ value: `${i}.5`, measurand: 'Current.Import', phase: `L${(i % 3) + 1}`, unit: 'A', note: 'ü✓' })),
  );
  assert.ok(Buffer.byteLength(big) > 12 * 1024 && Buffer.byteLength(big) <= 16 * 1024, `reading of ${Buffer.byteLength(big)} bytes`);
  const call = `[2,"u1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2026-01-01T00:00:00Z","sampledValue":${big}}]}]`;
  const packed = packFrames(call, '[3,"u1",{}]', WITH_READING, `2026-01-01T00:00:00Z${big}`);
  assert.ok(packed.bytes.length < 1024, `stored against the reading: ${packed.bytes.length} bytes`);
  assert.deepEqual(unpackFrames(packed.dictionary, packed.bytes, packed.secondAt, `2026-01-01T00:00:00Z${big}`), [call, '[3,"u1",{}]']);
  const next = big.replace('0.5', '0.75');
  const against = packTextAgainst(next, 5, big);
  assert.equal(unpackText(against, big), next);
  assert.equal(unpackText(packText(big)), big);
});
