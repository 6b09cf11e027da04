/**
 * Meter readings' sampled values are stored compressed (migration 0012): the first reading of a transaction with
 * the dictionary, the next ones against that first reading. The `meter_values` view reads them all back as sent.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { AGAINST_KEY } from '../../main/csms/storage/frame-codec/index.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MeterValueRepository } from '../../main/csms/storage/repositories/meter-values.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';

const samples = (wh: number) => [
  { value: String(wh), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
  { value: '16.5', measurand: 'Current.Offered', unit: 'A', phase: 'L2', format: 'Raw' },
  { value: 'ünïcode ✓', measurand: 'Temperature', unit: 'Celsius', location: 'Body' },
];

test('readings of a transaction are stored against its first one and read back as sent', () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  const repo = new MeterValueRepository(db);
  const record = (transactionId: number | null, wh: number) => ({
    chargePointId: 'CP-1',
    connectorId: 1,
    transactionId,
    timestamp: `2026-01-01T00:0${wh % 10}:00Z`,
    sampledValues: samples(wh),
    source: 'MeterValues' as const,
    receivedAt: '2026-01-01T00:00:01.000Z',
  });
  for (const wh of [1, 2, 3]) repo.insertReading(record(42, wh));
  repo.insertReading(record(null, 4));
  const versions = (db.prepare('SELECT substr(sampled_values, 1, 1) AS v FROM meter_readings ORDER BY id').raw().all() as [Buffer][]).map(
    ([v]) => v[0],
  );
  assert.deepEqual(versions, [1, AGAINST_KEY, AGAINST_KEY, 1], 'the first of the transaction and the unassigned one stand alone');
  const rows = repo.forTransaction(42);
  assert.deepEqual(
    rows.map((r) => [r.value, r.measurand, r.unit, r.phase, r.location, r.format, r.context]),
    [1, 2, 3].flatMap((wh) =>
      samples(wh).map((s) => [s.value, s.measurand, s.unit, s.phase ?? null, s.location ?? null, s.format ?? null, s.context ?? null]),
    ),
  );
  assert.equal(
    repo.unassignedDuring({ charge_point_id: 'CP-1', connector_id: 1, start_received_at: '2026-01-01', stop_received_at: null }, 10).length,
    3,
  );
  db.close();
});

test('a first reading undone is never the key of the next one', () => {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS);
  const repo = new MeterValueRepository(db);
  const unit = new Savepoint(db, 'unit');
  const record = (wh: number) => ({
    chargePointId: 'CP-1',
    connectorId: 1,
    transactionId: 7,
    timestamp: '2026-01-01T00:00:00Z',
    sampledValues: samples(wh),
    source: 'MeterValues' as const,
    receivedAt: '2026-01-01T00:00:01.000Z',
  });
  db.exec('BEGIN');
  unit.begin();
  repo.insertReading(record(1));
  unit.rollback();
  repo.insertReading(record(2));
  repo.insertReading(record(3));
  db.exec('COMMIT');
  const stored = db.prepare('SELECT id, substr(sampled_values, 1, 1) AS v FROM meter_readings ORDER BY id').raw().all() as [number, Buffer][];
  assert.deepEqual(
    stored.map(([, v]) => v[0]),
    [1, AGAINST_KEY],
    'the reading after the undone one stands alone, the next is packed against it',
  );
  assert.deepEqual(
    repo.forTransaction(7).map((r) => r.value),
    [2, 3].flatMap((wh) => samples(wh).map((s) => s.value)),
  );
  db.close();
});
