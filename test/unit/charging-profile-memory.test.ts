/**
 * Each station's installed charging profiles are read from memory (storage/repositories/station-operations.ts): a
 * StartTransaction and every connector that becomes Available read them, and must find what SQL holds, through
 * changes, undone units and stations deleted and registered again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';
import type { InstalledProfile } from '../../shared/smart-charging/index.js';
import { SeededRandom } from '../support/seeded-random.js';

const STATIONS = ['CP-1', 'CP-2', 'cp-1'];

function installedInSql(db: Db, chargePointId: string): unknown {
  const row = db.prepare<[string], { installed: string }>('SELECT installed FROM charging_profile_sets WHERE charge_point_id = ?').get(chargePointId);
  return row ? JSON.parse(row.installed) : [];
}

function aProfile(rnd: SeededRandom, id: number): InstalledProfile {
  return {
    connectorId: rnd.int(0, 2),
    profile: {
      chargingProfileId: id,
      stackLevel: rnd.int(0, 3),
      chargingProfilePurpose: rnd.pick(['TxProfile', 'TxDefaultProfile', 'ChargePointMaxProfile'] as const),
      chargingProfileKind: 'Absolute',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: rnd.int(6, 32) }] },
    },
    ...(rnd.chance(0.3) ? { awaitingStart: { idTag: 'TAG', requestedAt: '2026-01-01T00:00:00.000Z' } } : {}),
  };
}

describe('installed charging profiles in memory', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`every read finds what SQL holds, through changes, undone units and deleted stations (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      const now = '2026-01-01T00:00:00.000Z';
      for (const id of STATIONS) repos.chargePoints.create({ id, registrationStatus: 'Accepted', now });
      const unit = new Savepoint(db, 'unit');
      const counts = { writes: 0, undone: 0, deleted: 0, nonEmpty: 0 };

      db.exec('BEGIN');
      for (let step = 0; step < 200; step++) {
        const chargePointId = rnd.pick(STATIONS);
        if (rnd.chance(0.04)) {
          repos.chargePoints.delete(chargePointId);
          repos.chargePoints.create({ id: chargePointId, registrationStatus: 'Accepted', now });
          counts.deleted++;
        } else {
          const undo = rnd.chance(0.2);
          if (undo) unit.begin();
          const profiles = Array.from({ length: rnd.int(0, 3) }, (_, i) => aProfile(rnd, step * 10 + i));
          repos.chargingProfiles.setInstalled(chargePointId, profiles, now);
          counts.writes++;
          if (undo) {
            unit.rollback();
            counts.undone++;
          }
        }
        for (const station of STATIONS) {
          const read = repos.chargingProfiles.installed(station);
          assert.deepEqual(read, installedInSql(db, station), `seed ${seed}, step ${step}: ${station}`);
          if (read.length > 0) counts.nonEmpty++;
          // A caller that changes what it was handed changes nothing stored (the next read is the stored one).
          read.push(aProfile(rnd, -1));
          read[0]!.connectorId = 99;
          assert.deepEqual(
            repos.chargingProfiles.installed(station),
            installedInSql(db, station),
            `seed ${seed}, step ${step}: ${station} after a caller's change`,
          );
        }
        if (step % 50 === 49) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      assert.ok(counts.writes > 100 && counts.undone > 20 && counts.nonEmpty > 100, JSON.stringify(counts));
      db.close();
    });
  }
});
