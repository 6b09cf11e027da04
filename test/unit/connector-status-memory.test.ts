/**
 * Whether a StatusNotification is a change is decided from memory (storage/repositories/connectors.ts,
 * KnownStatuses): the status history must still get a row exactly when the report differs from the connector's
 * stored row, and each station's highest reported connector must be SQL's, through repeats, undone units and a
 * station deleted with its connectors and registered again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { KnownStatuses, type StatusReport } from '../../main/csms/storage/repositories/connectors.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import { SeededRandom } from '../support/seeded-random.js';

const STATIONS = ['CP-1', 'CP-2'];
const STATUSES = ['Available', 'Charging', 'Faulted'];
const ERRORS = ['NoError', 'GroundFailure'];
const OPTIONAL = [undefined, 'x', 'X', ''];

const historyCount = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM status_changes').get() as { n: number }).n;

/** What the history must do, read from SQL: a row when no stored row says the same (null and '' differ). */
function changes(db: Db, report: StatusReport): boolean {
  const row = db
    .prepare('SELECT status, error_code, info, vendor_id, vendor_error_code FROM connectors WHERE charge_point_id = ? AND connector_id = ?')
    .get(report.chargePointId, report.connectorId);
  return (
    JSON.stringify(row) !==
    JSON.stringify({
      status: report.status,
      error_code: report.errorCode,
      info: report.info ?? null,
      vendor_id: report.vendorId ?? null,
      vendor_error_code: report.vendorErrorCode ?? null,
    })
  );
}

describe('connector statuses in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`a history row exactly when the status changed, through undone units and deleted stations (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      const optional = () => OPTIONAL[rnd.below(OPTIONAL.length)];
      let second = 0;
      const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();
      for (const id of STATIONS) repos.chargePoints.create({ id, registrationStatus: 'Accepted', now: now() });
      const counts = { rows: 0, repeats: 0, undone: 0, deleted: 0 };
      const unit = new Savepoint(db, 'unit');
      const sent = new Map<string, StatusReport>();

      db.exec('BEGIN');
      for (let step = 0; step < 200; step++) {
        if (rnd.chance(0.04)) {
          // The operator deletes a station (its connectors go with it) and it registers again.
          const id = rnd.pick(STATIONS);
          repos.chargePoints.delete(id);
          repos.chargePoints.create({ id, registrationStatus: 'Accepted', now: now() });
          counts.deleted++;
          continue;
        }
        const chargePointId = rnd.pick(STATIONS);
        const connectorId = rnd.int(0, 3);
        const previous = sent.get(`${chargePointId}/${connectorId}`);
        // Stations repeat their statuses often (at every boot and reconnect): so does the run.
        const report: StatusReport =
          previous && rnd.chance(0.4)
            ? { ...previous, receivedAt: now() }
            : {
                chargePointId,
                connectorId,
                status: rnd.pick(STATUSES),
                errorCode: rnd.pick(ERRORS),
                info: optional(),
                vendorId: rnd.chance(0.8) ? undefined : optional(),
                vendorErrorCode: rnd.chance(0.8) ? undefined : optional(),
                receivedAt: now(),
              };
        sent.set(`${chargePointId}/${connectorId}`, report);
        const expected = changes(db, report) ? 1 : 0;
        const before = historyCount(db);
        const undo = rnd.chance(0.15);
        if (undo) unit.begin();
        repos.connectors.recordStatus(report);
        assert.equal(historyCount(db) - before, expected, `seed ${seed}, step ${step}: ${JSON.stringify(report)}`);
        // The highest connector each station reported, which a StartTransaction is checked against.
        for (const id of STATIONS) {
          const max = db.prepare('SELECT MAX(connector_id) AS n FROM connectors WHERE charge_point_id = ?').get(id) as { n: number | null };
          assert.equal(repos.connectors.highestReported(id), max.n ?? undefined, `seed ${seed}, step ${step}: highest connector of ${id}`);
        }
        if (undo) {
          unit.rollback();
          counts.undone++;
        } else if (expected) counts.rows++;
        else counts.repeats++;
        if (step % 50 === 49) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      // The run did what it is meant to test.
      assert.ok(counts.rows > 20 && counts.repeats > 10 && counts.undone > 5 && counts.deleted > 0, JSON.stringify(counts));
      assert.ok(KnownStatuses.of(db).loads > counts.undone / 2, 'an undone unit loads the statuses again');
      db.close();
    });
  }
});
