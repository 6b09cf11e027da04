/**
 * The profile set a station holds (shared/smart-charging/stacking.ts): replacement on SetChargingProfile
 * (§5.16, errata 3.25), ClearChargingProfile matching (§5.5, errata 3.26), TxProfiles ending with their transaction
 * (§3.13.1), and the OCTT TC_067 clear sequence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clearProfiles,
  endTransaction,
  installProfile,
  type ChargingProfile,
  type ChargingProfilePurpose,
  type InstalledProfile,
} from '../../shared/smart-charging/index.js';

function profile(
  id: number,
  stackLevel: number,
  purpose: ChargingProfilePurpose = 'TxDefaultProfile',
  extra: Partial<ChargingProfile> = {},
): ChargingProfile {
  return {
    chargingProfileId: id,
    stackLevel,
    chargingProfilePurpose: purpose,
    chargingProfileKind: 'Relative',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    ...extra,
  };
}

/** Installs in order, as a station would after each Accepted SetChargingProfile. */
function installAll(entries: [connectorId: number, profile: ChargingProfile][]): InstalledProfile[] {
  return entries.reduce<InstalledProfile[]>((set, [connectorId, p]) => installProfile(set, connectorId, p).installed, []);
}

const ids = (set: readonly InstalledProfile[]) => set.map((e) => e.profile.chargingProfileId);

test('a new profile is added when nothing matches', () => {
  const set = installAll([
    [1, profile(1, 0)],
    [1, profile(2, 1)],
    [2, profile(3, 0)],
    [1, profile(4, 0, 'TxProfile')],
  ]);
  // Same stackLevel 0 as #1, but on connector 2 (#3) or with another purpose (#4): both kept.
  assert.deepEqual(ids(set), [1, 2, 3, 4]);
});

test('same chargingProfileId replaces, wherever it was installed', () => {
  const before = installAll([
    [1, profile(1, 0)],
    [2, profile(2, 0)],
  ]);
  const { installed, replaced } = installProfile(before, 0, profile(2, 5, 'ChargePointMaxProfile'));
  assert.deepEqual(ids(installed), [1, 2]);
  assert.deepEqual(installed[1], { connectorId: 0, profile: profile(2, 5, 'ChargePointMaxProfile') });
  assert.deepEqual(ids(replaced), [2]);
  // The input is not mutated.
  assert.equal(before[1]?.connectorId, 2);
});

test('same stackLevel and purpose on the same connector replaces, even with another id', () => {
  const before = installAll([
    [1, profile(1, 2)],
    [1, profile(2, 3)],
  ]);
  const { installed, replaced } = installProfile(before, 1, profile(9, 2));
  assert.deepEqual(ids(installed), [2, 9]);
  assert.deepEqual(ids(replaced), [1]);
});

test('one new profile can replace two old ones (one by id, one by level/purpose)', () => {
  const before = installAll([
    [1, profile(1, 0)],
    [1, profile(2, 1)],
  ]);
  const { installed, replaced } = installProfile(before, 1, profile(1, 1));
  assert.deepEqual(ids(installed), [1]);
  assert.deepEqual(ids(replaced), [1, 2]);
});

test('ClearChargingProfile with id clears that profile only and ignores the other fields', () => {
  const set = installAll([
    [1, profile(1, 0)],
    [1, profile(2, 1)],
    [2, profile(3, 1)],
  ]);
  const result = clearProfiles(set, { id: 2, connectorId: 2, stackLevel: 0, chargingProfilePurpose: 'TxProfile' });
  assert.deepEqual(ids(result.installed), [1, 3]);
  assert.deepEqual(ids(result.cleared), [2]);
  assert.equal(result.matched, true);
  assert.equal(result.status, 'Accepted');

  const unknown = clearProfiles(set, { id: 42 });
  assert.deepEqual(ids(unknown.installed), [1, 2, 3]);
  assert.equal(unknown.matched, false);
  assert.equal(unknown.status, 'Unknown');
});

test('ClearChargingProfile criteria must all match; connectorId 0 means connector 0 only', () => {
  const set = installAll([
    [0, profile(1, 0, 'ChargePointMaxProfile')],
    [0, profile(2, 0)],
    [1, profile(3, 0)],
    [1, profile(4, 1)],
    [2, profile(5, 1)],
  ]);
  assert.deepEqual(ids(clearProfiles(set, { connectorId: 0 }).installed), [3, 4, 5]);
  assert.deepEqual(ids(clearProfiles(set, { chargingProfilePurpose: 'TxDefaultProfile' }).installed), [1]);
  assert.deepEqual(ids(clearProfiles(set, { stackLevel: 1 }).installed), [1, 2, 3]);
  assert.deepEqual(ids(clearProfiles(set, { connectorId: 1, stackLevel: 1 }).installed), [1, 2, 3, 5]);
  const none = clearProfiles(set, { connectorId: 2, chargingProfilePurpose: 'ChargePointMaxProfile' });
  assert.equal(none.status, 'Unknown');
  assert.equal(none.installed.length, 5);
});

test('ClearChargingProfile with no field clears everything; on an empty set it matches nothing', () => {
  const set = installAll([
    [0, profile(1, 0, 'ChargePointMaxProfile')],
    [1, profile(2, 0)],
  ]);
  const all = clearProfiles(set, {});
  assert.deepEqual(all.installed, []);
  assert.equal(all.status, 'Accepted');
  assert.equal(clearProfiles([], {}).status, 'Unknown');
});

test('a TxProfile ends with its transaction; other purposes and transactions stay', () => {
  const set = installAll([
    [1, profile(1, 0)], // TxDefault: stays
    [1, profile(2, 1, 'TxProfile', { transactionId: 7 })], // the ending transaction's
    [1, profile(3, 2, 'TxProfile')], // no transactionId: belongs to whatever runs on connector 1
    [1, profile(4, 3, 'TxProfile', { transactionId: 6 })], // another transaction's (stale): stays
    [2, profile(5, 1, 'TxProfile', { transactionId: 8 })], // another connector
  ]);
  const { installed, removed } = endTransaction(set, 1, 7);
  assert.deepEqual(ids(installed), [1, 4, 5]);
  assert.deepEqual(ids(removed), [2, 3]);
  // Without a transactionId every TxProfile on the connector goes.
  assert.deepEqual(ids(endTransaction(set, 1).installed), [1, 5]);
});

test('a TxProfile waiting for the start of its RemoteStartTransaction survives the end of the transaction before it', () => {
  const waiting: InstalledProfile = {
    connectorId: 1,
    profile: profile(9, 1, 'TxProfile'),
    awaitingStart: { idTag: 'TAG', requestedAt: '2026-01-01T00:00:00.000Z' },
  };
  const set = [...installAll([[1, profile(2, 2, 'TxProfile', { transactionId: 7 })]]), waiting];
  const { installed, removed } = endTransaction(set, 1, 7);
  assert.deepEqual(ids(installed), [9]);
  assert.deepEqual(ids(removed), [2]);
  assert.deepEqual(ids(endTransaction(set, 1).installed), [9]);
});

test('OCTT TC_067: three TxDefault profiles at L, L+1, L+2, cleared by id, by criteria, then all', () => {
  const L = 1;
  const connectorId = 1;
  let set = installAll([
    [connectorId, profile(671, L)],
    [connectorId, profile(672, L + 1)],
    [connectorId, profile(673, L + 2)],
  ]);
  assert.deepEqual(ids(set), [671, 672, 673]);

  // Step 3: clear by id of the first → two left.
  let result = clearProfiles(set, { id: 671 });
  assert.deepEqual([result.matched, result.status, ids(result.installed)], [true, 'Accepted', [672, 673]]);
  set = result.installed;

  // Step 5: clear by connector + purpose + stackLevel L+1 → one left.
  result = clearProfiles(set, { connectorId, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: L + 1 });
  assert.deepEqual([result.matched, result.status, ids(result.installed)], [true, 'Accepted', [673]]);
  set = result.installed;

  // Step 7: clear {} → none.
  result = clearProfiles(set, {});
  assert.deepEqual([result.matched, result.status, ids(result.installed)], [true, 'Accepted', []]);
});
