/**
 * A station's admission (registration status, validation mode, security profile, password hashes) is read for every
 * handshake and CALL and kept in memory (storage/repositories/charge-points.ts): it must follow every change, and an
 * undone one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { Savepoint } from '../../main/csms/storage/savepoint.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

test('the admission in memory follows create, update, delete and a rolled-back update', () => {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  const stored = (id: string) =>
    db.prepare('SELECT id, registration_status, validation_mode, security_profile, auth_secrets FROM charge_points WHERE id = ?').get(id);
  const admitted = (id: string) => {
    const row = repos.chargePoints.admission(id);
    return row && { registration_status: row.registration_status, validation_mode: row.validation_mode };
  };

  assert.equal(repos.chargePoints.admission('CP-1'), undefined, 'unknown');
  repos.chargePoints.create({ id: 'CP-1', registrationStatus: 'Pending', now: at(0) });
  assert.deepEqual(repos.chargePoints.admission('CP-1'), {
    id: 'CP-1',
    registration_status: 'Pending',
    validation_mode: null,
    security_profile: 0,
    auth_secrets: '[]',
  });

  repos.chargePoints.update('CP-1', { registrationStatus: 'Accepted', validationMode: 'lenient' }, at(1));
  assert.deepEqual(repos.chargePoints.admission('CP-1'), stored('CP-1'));
  assert.deepEqual(admitted('CP-1'), { registration_status: 'Accepted', validation_mode: 'lenient' });

  // An update undone by its savepoint: memory must not keep what the database no longer holds.
  const unit = new Savepoint(db, 'unit');
  assert.throws(() =>
    unit.run(() => {
      repos.chargePoints.update('CP-1', { registrationStatus: 'Rejected' }, at(2));
      assert.equal(repos.chargePoints.admission('CP-1')?.registration_status, 'Rejected');
      throw new Error('handler failed');
    }),
  );
  assert.deepEqual(admitted('CP-1'), { registration_status: 'Accepted', validation_mode: 'lenient' });

  const admission = repos.chargePoints.admission('CP-1')!;
  assert.throws(() => ((admission as { registration_status: string }).registration_status = 'Rejected'), TypeError, 'frozen');

  // Two repositories on one connection share what they remember.
  const other = createRepositories(db);
  other.chargePoints.update('CP-1', { validationMode: 'strict' }, at(3));
  assert.equal(repos.chargePoints.admission('CP-1')?.validation_mode, 'strict');

  // What the handshake checks: the security profile and the password hashes.
  repos.chargePoints.update('CP-1', { securityProfile: 1, authSecrets: [{ salt: 'c2FsdA', hash: 'aGFzaA' }] }, at(4));
  assert.deepEqual(repos.chargePoints.admission('CP-1'), stored('CP-1'));
  assert.equal(repos.chargePoints.admission('CP-1')?.security_profile, 1);

  assert.equal(repos.chargePoints.delete('CP-1'), true);
  assert.equal(repos.chargePoints.admission('CP-1'), undefined);
  db.close();
});
