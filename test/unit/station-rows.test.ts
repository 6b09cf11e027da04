/**
 * The station list reads stations and connectors as arrays of values and maps them by column position
 * (repositories/charge-points.ts `STATION_COLUMNS`, connectors.ts `CONNECTOR_COLUMNS`): the rows must be exactly
 * those `SELECT *` gives, and every column of the tables must be read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { STATION_COLUMNS } from '../../main/csms/storage/repositories/charge-points.js';
import { CONNECTOR_COLUMNS } from '../../main/csms/storage/repositories/connectors.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
const columnsOf = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);

test('every column of both tables is read', () => {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  assert.deepEqual([...STATION_COLUMNS].sort(), columnsOf(db, 'charge_points').sort());
  assert.deepEqual([...CONNECTOR_COLUMNS].sort(), columnsOf(db, 'connectors').sort());
});

test('the stations and connectors read as arrays are the rows SELECT * reads, each column in its place', () => {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  for (const id of ['CP-B', 'CP-A', 'CP-C']) repos.chargePoints.create({ id, registrationStatus: 'Accepted', now: at(0) });
  // Every column of CP-A and its connector holds a value of its own, so a value read from the wrong place shows.
  const stationValues = {
    ...Object.fromEntries(
      columnsOf(db, 'charge_points')
        .filter((c) => c !== 'id')
        .map((c, i) => [c, /(_code|_sec|security_profile)$/.test(c) ? 100 + i : `${c}-value`]),
    ),
    // Columns with a CHECK: a value they allow.
    registration_status: 'Pending',
    validation_mode: 'lenient',
    security_profile: 2,
  };
  db.prepare(
    `UPDATE charge_points SET ${Object.keys(stationValues)
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = 'CP-A'`,
  ).run(stationValues);
  repos.connectors.recordStatus({
    chargePointId: 'CP-A',
    connectorId: 2,
    status: 'Faulted',
    errorCode: 'GroundFailure',
    info: 'info',
    vendorId: 'vendor',
    vendorErrorCode: 'E-7',
    cpTimestamp: at(5),
    receivedAt: at(6),
  });
  for (const [station, connectorId] of [
    ['CP-B', 1],
    ['CP-A', 1],
    ['CP-C', 3],
  ] as const)
    repos.connectors.recordStatus({ chargePointId: station, connectorId, status: 'Available', errorCode: 'NoError', receivedAt: at(7) });

  assert.deepEqual(repos.chargePoints.list(), db.prepare('SELECT * FROM charge_points ORDER BY id').all());
  assert.deepEqual(repos.chargePoints.list()[0], repos.chargePoints.get('CP-A'));
  assert.deepEqual(repos.connectors.listAll(), db.prepare('SELECT * FROM connectors ORDER BY charge_point_id, connector_id').all());
  assert.deepEqual(
    repos.connectors.listAll().map((c) => `${c.charge_point_id}/${c.connector_id}`),
    ['CP-A/1', 'CP-A/2', 'CP-B/1', 'CP-C/3'],
  );
});
