import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { applyMigrations, openDatabase } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { MeterValueRepository, type MeterValueRow } from '../../main/csms/storage/repositories/meter-values.js';

const BEFORE_0005 = MIGRATIONS.findIndex((m) => m.name === '0005-meter-readings');

type OldRow = Omit<MeterValueRow, 'id'>;

function sample(over: Partial<OldRow>): OldRow {
  return {
    charge_point_id: 'CP1',
    connector_id: 1,
    transaction_id: 7,
    timestamp: '2025-01-01T00:00:00.000Z',
    value: '0',
    measurand: null,
    phase: null,
    unit: null,
    context: null,
    location: null,
    format: null,
    source: 'MeterValues',
    received_at: '2025-01-01T00:00:01.000Z',
    ...over,
  };
}

/** Rows as the code before migration 0005 inserted them: one per sampled value, in message order. */
function oldRows(): OldRow[] {
  const rows: OldRow[] = [];
  // One message, two meterValues (different timestamps), several samples each with and without optional fields.
  rows.push(sample({ value: '1000', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' }));
  rows.push(sample({ value: '230.1', measurand: 'Voltage', phase: 'L1-N', unit: 'V', location: 'Outlet' }));
  rows.push(sample({ value: '1234' })); // a charger that sent a number: stored as text
  rows.push(sample({ timestamp: '2025-01-01T00:00:10.000Z', value: '1010', format: 'Raw' }));
  rows.push(sample({ timestamp: '2025-01-01T00:00:10.000Z', value: 'AB==', format: 'SignedData' }));
  // Another station interleaved, then the same key as the first reading again: a separate reading.
  rows.push(sample({ charge_point_id: 'CP2', connector_id: 0, transaction_id: null, value: '5', location: 'Inlet' }));
  rows.push(sample({ value: '1001', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }));
  // Same timestamp, a later message (received_at differs): a separate reading.
  rows.push(sample({ value: '1002', received_at: '2025-01-01T00:00:02.000Z' }));
  // StopTransaction transactionData with the same timestamp and received_at: the source separates it.
  rows.push(sample({ value: '1003', source: 'StopTransaction', received_at: '2025-01-01T00:00:02.000Z', context: 'Transaction.End' }));
  // A meterValue with more samples than one reading holds: split into readings of at most 1000.
  for (let i = 0; i < 1005; i++)
    rows.push(sample({ connector_id: 2, transaction_id: 8, value: String(i), measurand: 'Current.Import', phase: 'L1' }));
  return rows;
}

function insertOld(db: Database.Database, rows: OldRow[]): void {
  const insert = db.prepare(
    `INSERT INTO meter_values (charge_point_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, source, received_at)
     VALUES (@charge_point_id, @connector_id, @transaction_id, @timestamp, @value, @measurand, @phase, @unit, @context, @location, @format, @source, @received_at)`,
  );
  db.transaction(() => rows.forEach((row) => insert.run(row)))();
}

const withoutId = ({ id: _id, ...rest }: MeterValueRow): OldRow => rest;

function assertIdsUniqueAndIncreasing(rows: MeterValueRow[]): void {
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i]!.id > rows[i - 1]!.id, `id ${rows[i]!.id} after ${rows[i - 1]!.id}`);
}

describe('migration 0005: one row per meterValue', () => {
  test('moves old rows into readings; the meter_values view returns the same rows, values and order', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, BEFORE_0005));
    insertOld(db, oldRows());
    const before = db.prepare('SELECT * FROM meter_values ORDER BY id').all() as MeterValueRow[];
    const beforeTx = db.prepare('SELECT * FROM meter_values WHERE transaction_id = 7 ORDER BY id').all() as MeterValueRow[];

    applyMigrations(db, MIGRATIONS);

    const after = db.prepare('SELECT * FROM meter_values ORDER BY id').all() as MeterValueRow[];
    assert.equal(after.length, before.length);
    assert.deepEqual(after.map(withoutId), before.map(withoutId));
    assert.deepEqual(Object.keys(after[0]!), Object.keys(before[0]!), 'same columns in the same order');
    assertIdsUniqueAndIncreasing(after);
    const afterTx = db.prepare('SELECT * FROM meter_values WHERE transaction_id = 7 ORDER BY id').all() as MeterValueRow[];
    assert.deepEqual(afterTx.map(withoutId), beforeTx.map(withoutId));
    assert.deepEqual(new MeterValueRepository(db).forTransaction(7), afterTx);

    // The station is a key into the names table since migration 0018.
    const readings = db
      .prepare('SELECT r.*, n.name AS charge_point_id FROM meter_readings r JOIN message_log_names n ON n.id = r.station ORDER BY r.id')
      .all() as {
      id: number;
      charge_point_id: string;
      sampled_values: string;
      source: number;
    }[];
    // 2 meterValues of the first message, CP2, the repeated key, the later message, the stop, 1005 samples as 1000 + 5.
    assert.equal(readings.length, 8);
    assert.deepEqual(JSON.parse(readings[0]!.sampled_values), [
      { value: '1000', context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
      { value: '230.1', measurand: 'Voltage', phase: 'L1-N', location: 'Outlet', unit: 'V' },
      { value: '1234' },
    ]);
    assert.deepEqual(JSON.parse(readings[1]!.sampled_values), [
      { value: '1010', format: 'Raw' },
      { value: 'AB==', format: 'SignedData' },
    ]);
    assert.equal(readings[2]!.charge_point_id, 'CP2');
    assert.equal(readings[5]!.source, 2, 'StopTransaction, a code since migration 0012');
    assert.equal((JSON.parse(readings[6]!.sampled_values) as unknown[]).length, 1000);
    assert.equal((JSON.parse(readings[7]!.sampled_values) as unknown[]).length, 5);
    // The old table and its indexes are gone; meter_values is a view.
    const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name LIKE 'meter_%' ORDER BY name").all();
    assert.deepEqual(objects, [
      { type: 'table', name: 'meter_readings' },
      { type: 'index', name: 'meter_readings_tx' },
      { type: 'index', name: 'meter_readings_unassigned' },
      { type: 'view', name: 'meter_values' },
    ]);
    db.close();
  });

  test('runs through openDatabase on a file at the 0004 state (backup first, in a transaction)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csms-meter-readings-'));
    try {
      const file = join(dir, 'db.sqlite');
      const old = new Database(file);
      applyMigrations(old, MIGRATIONS.slice(0, BEFORE_0005));
      insertOld(old, oldRows());
      const before = old.prepare('SELECT * FROM meter_values ORDER BY id').all() as MeterValueRow[];
      old.close();
      const db = openDatabase({ file, syncMode: 'NORMAL' });
      const after = db.prepare('SELECT * FROM meter_values ORDER BY id').all() as MeterValueRow[];
      assert.deepEqual(after.map(withoutId), before.map(withoutId));
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM _migrations').get() as { n: number }).n, MIGRATIONS.length);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty meter_values table migrates to an empty view', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, BEFORE_0005));
    applyMigrations(db, MIGRATIONS);
    assert.deepEqual(db.prepare('SELECT * FROM meter_values').all(), []);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM meter_readings').get() as { n: number }).n, 0);
    db.close();
  });
});

describe('MeterValueRepository', () => {
  test('one row per meterValue; the view expands it per sample with unique, ordered ids', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS);
    const repo = new MeterValueRepository(db);
    const base = { chargePointId: 'CP1', connectorId: 1, transactionId: 3, source: 'MeterValues' as const, receivedAt: '2025-01-01T00:00:01.000Z' };
    repo.insertReading({
      ...base,
      timestamp: '2025-01-01T00:00:00.000Z',
      sampledValues: [
        { value: '10', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: '7', measurand: 'Power.Active.Import', unit: 'W' },
      ],
    });
    repo.insertReading({ ...base, timestamp: '2025-01-01T00:00:05.000Z', sampledValues: [] }); // nothing to store
    repo.insertReading({
      ...base,
      timestamp: '2025-01-01T00:00:10.000Z',
      sampledValues: Array.from({ length: 2001 }, (_, i) => ({ value: String(i) })),
    });
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM meter_readings').get() as { n: number }).n, 1 + 3);
    const rows = repo.forTransaction(3);
    assert.equal(rows.length, 2 + 2001);
    assertIdsUniqueAndIncreasing(rows);
    assert.deepEqual(
      rows.slice(0, 2).map((r) => [r.value, r.measurand, r.unit, r.phase]),
      [
        ['10', 'Energy.Active.Import.Register', 'Wh', null],
        ['7', 'Power.Active.Import', 'W', null],
      ],
    );
    assert.deepEqual(
      rows.slice(2).map((r) => r.value),
      Array.from({ length: 2001 }, (_, i) => String(i)),
    );
    db.close();
  });
});
