/**
 * The Active reservations are read from memory (storage/repositories/reservations.ts, ActiveReservations): the
 * expiry sweep and a connector that becomes Faulted or Unavailable must find exactly what SQL finds, through
 * requests that replace a reservation, answers, uses, ends, expiries and undone units.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { ActiveReservations, type ReservationRow, type ReservationStatus } from '../../main/csms/storage/repositories/reservations.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import { SeededRandom } from '../support/seeded-random.js';

const STATIONS = ['CP-1', 'CP-2', 'cp-1'];
const STATUSES: ReservationStatus[] = ['Requested', 'Active', 'Used', 'Expired', 'Cancelled', 'Ended', 'Refused'];

const ids = (rows: readonly ReservationRow[]) => rows.map((r) => r.id);
const sortedIds = (rows: readonly ReservationRow[]) => ids(rows).sort((a, b) => a - b);

function activeInSql(db: Db, where = '', ...params: unknown[]): ReservationRow[] {
  return db.prepare<unknown[], ReservationRow>(`SELECT * FROM reservations WHERE status = 'Active'${where} ORDER BY expiry_date, id`).all(...params);
}

describe('active reservations in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`every read finds what SQL finds, through changes and undone units (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      let second = 0;
      const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();
      const unit = new Savepoint(db, 'unit');
      const counts = { writes: 0, undone: 0, reads: 0, activeSeen: 0 };

      db.exec('BEGIN');
      for (let step = 0; step < 300; step++) {
        const id = rnd.int(1, 8);
        const chargePointId = rnd.pick(STATIONS);
        const undo = rnd.chance(0.15);
        if (undo) unit.begin();
        const kind = rnd.below(4);
        if (kind === 0) {
          // ReserveNow, which replaces a reservation with the same id, whatever its state (OCPP 1.6 §5.13).
          const expiryDate = new Date(Date.UTC(2026, 0, 2, rnd.int(0, 23))).toISOString();
          repos.reservationBook.request({ id, chargePointId, connectorId: rnd.int(0, 2), idTag: 'TAG', parentIdTag: null, expiryDate, now: now() });
        } else if (kind === 1) {
          // The station's answer, the operator's cancel, the expiry sweep: most steps make one Active.
          repos.reservationBook.setStatus(id, rnd.chance(0.6) ? 'Active' : rnd.pick(STATUSES), now());
        } else if (kind === 2) {
          repos.reservations.markUsed(id, chargePointId, rnd.int(1, 100), now());
        } else {
          repos.reservations.end(id, 'Ended', 'Connector became Faulted', now());
        }
        counts.writes++;
        if (undo) {
          unit.rollback();
          counts.undone++;
        }

        const context = `seed ${seed}, step ${step}`;
        const all = activeInSql(db);
        assert.deepEqual(ids(repos.reservationBook.active()), ids(all), `${context}: the expiry sweep's list`);
        assert.deepEqual(repos.reservationBook.active(), all, `${context}: the rows themselves`);
        for (const station of STATIONS) {
          assert.deepEqual(
            sortedIds(repos.reservations.activeForChargePoint(station)),
            sortedIds(activeInSql(db, ' AND charge_point_id = ?', station)),
            `${context}: ${station}`,
          );
          for (let connectorId = 0; connectorId <= 2; connectorId++) {
            assert.deepEqual(
              sortedIds(repos.reservations.activeOnConnector(station, connectorId)),
              sortedIds(activeInSql(db, ' AND charge_point_id = ? AND connector_id = ?', station, connectorId)),
              `${context}: ${station} connector ${connectorId}`,
            );
            counts.reads++;
          }
        }
        counts.activeSeen += all.length;
        if (step % 50 === 49) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      // The run did what it is meant to test: reservations were active, and memory was read far more often than loaded.
      assert.ok(counts.activeSeen > 100 && counts.undone > 20, JSON.stringify(counts));
      const { loads } = ActiveReservations.of(db);
      assert.ok(loads <= counts.writes + 1 && loads < counts.reads / 5, `loaded ${loads} times for ${counts.reads} reads`);
      db.close();
    });
  }

  test('the rows handed out are frozen: no caller changes memory behind the database', () => {
    const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
    const repos = createRepositories(db);
    const now = '2026-01-01T00:00:00.000Z';
    repos.reservationBook.request({ id: 1, chargePointId: 'CP-1', connectorId: 1, idTag: 'TAG', parentIdTag: null, expiryDate: now, now });
    repos.reservationBook.setStatus(1, 'Active', now);
    const [row] = repos.reservations.activeOnConnector('CP-1', 1);
    assert.ok(row);
    assert.throws(() => ((row as { status: string }).status = 'Used'), TypeError);
    assert.equal(repos.reservationBook.active()[0]?.status, 'Active');
    db.close();
  });
});
