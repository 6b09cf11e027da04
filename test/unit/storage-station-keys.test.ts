/**
 * Migration 0018: meter readings and status changes name their station by its key in `message_log_names`; the
 * `meter_values` and `status_history` views show the same rows as before, and the repositories write and read keys.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { applyMigrations, openDatabase } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { invalidateCachedRows } from '../../main/csms/storage/write-caches.js';

const BEFORE_0018 = MIGRATIONS.findIndex((m) => m.name === '0018-station-keys');

/** A registered station: connectors belong to one. */
function withStation(id: string) {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  db.prepare(
    "INSERT INTO charge_points (id, registration_status, created_at, updated_at) VALUES (?, 'Accepted', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
  ).run(id);
  return { db, repos: createRepositories(db) };
}

const keyOf = (db: Database.Database, name: string) =>
  (db.prepare('SELECT id FROM message_log_names WHERE name = ?').get(name) as { id: number } | undefined)?.id;

describe('migration 0018: station keys in meter readings and status changes', () => {
  test('the views show the same rows; known names keep their key, new ones are added; odd times stay text', () => {
    assert.ok(BEFORE_0018 > 0);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, BEFORE_0018));
    // CP-A is already in the names table (it has message-log rows); CP-B is not.
    db.prepare("INSERT INTO message_log_names (name) VALUES ('CP-A')").run();
    const keyA = keyOf(db, 'CP-A')!;
    const reading = db.prepare(
      `INSERT INTO meter_readings (charge_point_id, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    reading.run('CP-A', 1, 7, '2026-01-01T00:00:00Z', JSON.stringify([{ value: '10', unit: 'Wh' }]), 1, Date.parse('2026-01-01T00:00:01.000Z'));
    reading.run('CP-B', 0, null, '2026-01-01T00:00:05Z', JSON.stringify([{ value: '5' }, { value: '6', phase: 'L1' }]), 1, 'written by another tool');
    reading.run('CP-A', 1, 7, '2026-01-01T00:01:00Z', JSON.stringify([{ value: '20', unit: 'Wh' }]), 2, Date.parse('2026-01-01T00:01:01.250Z'));
    const status = db.prepare(
      `INSERT INTO status_history (charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    status.run('CP-B', 1, 'Faulted', 'OtherError', 'door open', 'ACME', 'E17', '2026-01-01T00:00:00Z', '2026-01-01T00:00:02.345Z');
    status.run('CP-A', 1, 'Charging', 'NoError', null, null, null, null, '2026-01-01T00:00:03.000Z');
    status.run('CP-A', 2, 'Available', 'NoError', null, null, null, null, 'yesterday');
    const meterBefore = db.prepare('SELECT * FROM meter_values ORDER BY id').all();
    const historyBefore = db.prepare('SELECT * FROM status_history ORDER BY id').all();

    applyMigrations(db, MIGRATIONS);

    assert.deepEqual(db.prepare('SELECT * FROM meter_values ORDER BY id').all(), meterBefore);
    assert.deepEqual(db.prepare('SELECT * FROM status_history ORDER BY id').all(), historyBefore);
    assert.equal(keyOf(db, 'CP-A'), keyA, 'a known name keeps its key');
    const keyB = keyOf(db, 'CP-B');
    assert.ok(keyB !== undefined && keyB !== keyA);
    assert.deepEqual(
      db.prepare('SELECT station FROM meter_readings ORDER BY id').all(),
      [keyA, keyB, keyA].map((station) => ({ station })),
    );
    assert.deepEqual(db.prepare('SELECT station, typeof(received_at) AS t FROM status_changes ORDER BY id').all(), [
      { station: keyB, t: 'integer' },
      { station: keyA, t: 'integer' },
      { station: keyA, t: 'text' },
    ]);
    // The tables no longer hold the id as text.
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    assert.ok(!columns('meter_readings').includes('charge_point_id'));
    assert.ok(!columns('status_changes').includes('charge_point_id'));
  });
});

describe('repositories write station keys', () => {
  test('readings and status changes hold a key for the station; reads give the id back', () => {
    const { db, repos } = withStation('KEYED-1');
    repos.connectors.recordStatus({
      chargePointId: 'KEYED-1',
      connectorId: 1,
      status: 'Charging',
      errorCode: 'NoError',
      receivedAt: '2026-02-01T10:00:00.125Z',
    });
    repos.meterValues.insertReading({
      chargePointId: 'KEYED-1',
      connectorId: 1,
      transactionId: null,
      timestamp: '2026-02-01T10:00:30.000Z',
      sampledValues: [{ value: '42', unit: 'Wh' }],
      source: 'MeterValues',
      receivedAt: '2026-02-01T10:00:30.500Z',
    });
    const key = keyOf(db, 'KEYED-1');
    assert.ok(key !== undefined);
    assert.deepEqual(db.prepare('SELECT station, received_at FROM status_changes').all(), [
      { station: key, received_at: Date.parse('2026-02-01T10:00:00.125Z') },
    ]);
    assert.deepEqual(db.prepare('SELECT station FROM meter_readings').all(), [{ station: key }]);
    assert.deepEqual((db.prepare('SELECT charge_point_id, status, received_at FROM status_history').all() as object[])[0], {
      charge_point_id: 'KEYED-1',
      status: 'Charging',
      received_at: '2026-02-01T10:00:00.125Z',
    });
    const unassigned = repos.meterValues.unassignedDuring(
      { charge_point_id: 'KEYED-1', connector_id: 1, start_received_at: '2026-02-01T10:00:00.000Z', stop_received_at: null },
      10,
    );
    assert.deepEqual(
      unassigned.map((r) => [r.charge_point_id, r.value, r.received_at]),
      [['KEYED-1', '42', '2026-02-01T10:00:30.500Z']],
    );
    // Another station's readings are not this one's.
    assert.deepEqual(
      repos.meterValues.unassignedDuring(
        { charge_point_id: 'OTHER', connector_id: 1, start_received_at: '2026-02-01T10:00:00.000Z', stop_received_at: null },
        10,
      ),
      [],
    );
    // The last Available time is read from the status changes while the connector is not Available.
    repos.connectors.recordStatus({
      chargePointId: 'KEYED-1',
      connectorId: 1,
      status: 'Available',
      errorCode: 'NoError',
      receivedAt: '2026-02-01T11:00:00.000Z',
    });
    repos.connectors.recordStatus({
      chargePointId: 'KEYED-1',
      connectorId: 1,
      status: 'Preparing',
      errorCode: 'NoError',
      receivedAt: '2026-02-01T11:05:00.000Z',
    });
    assert.equal(repos.transactions.lastAvailableAt('KEYED-1', 1), '2026-02-01T11:00:00.000Z');
  });

  test('a key added in a batch that is undone is not remembered', () => {
    const { db, repos } = withStation('UNDONE-1');
    const report = (receivedAt: string) =>
      repos.connectors.recordStatus({ chargePointId: 'UNDONE-1', connectorId: 1, status: 'Available', errorCode: 'NoError', receivedAt });
    db.exec('BEGIN');
    report('2026-02-01T10:00:00.000Z');
    db.exec('ROLLBACK');
    invalidateCachedRows(db); // what the batch's rollback does (write-caches.ts)
    assert.equal(keyOf(db, 'UNDONE-1'), undefined);
    report('2026-02-01T10:00:01.000Z');
    const key = keyOf(db, 'UNDONE-1');
    assert.ok(key !== undefined);
    assert.deepEqual(db.prepare('SELECT station FROM status_changes').all(), [{ station: key }]);
    assert.deepEqual(db.prepare('SELECT charge_point_id FROM status_history').all(), [{ charge_point_id: 'UNDONE-1' }]);
  });
});
