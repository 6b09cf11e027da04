/**
 * Advisory ChargingProfile checks (shared/smart-charging/profile-rules.ts): OCPP 1.6 §3.13.1, §5.11, §5.16, the §7
 * ChargingProfile types, §9.4 configuration keys, errata 3.41 and 3.56.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkChargingProfile, problemsAreBlocking, type ChargingProfile, type ProfileProblem } from '../../shared/smart-charging/index.js';

/** A clean TxDefaultProfile; each test changes what it needs. */
function txDefault(overrides: Partial<ChargingProfile> = {}): ChargingProfile {
  return {
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      startSchedule: '2024-03-01T10:00:00Z',
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }],
    },
    ...overrides,
  };
}

function withPeriods(
  periods: ChargingProfile['chargingSchedule']['chargingSchedulePeriod'],
  overrides: Partial<ChargingProfile> = {},
): ChargingProfile {
  const base = txDefault(overrides);
  return { ...base, chargingSchedule: { ...base.chargingSchedule, chargingSchedulePeriod: periods } };
}

const codes = (problems: ProfileProblem[]) => problems.map((p) => p.code);
const find = (problems: ProfileProblem[], code: string) => problems.find((p) => p.code === code);

test('a clean TxDefaultProfile has no problems', () => {
  assert.deepEqual(checkChargingProfile(txDefault(), { connectorId: 1 }), []);
  assert.deepEqual(checkChargingProfile(txDefault(), { connectorId: 0, maxStackLevel: 3, allowedUnits: ['A', 'W'] }), []);
});

test('ChargePointMaxProfile only on connectorId 0 (§3.13.1)', () => {
  const profile = txDefault({ chargingProfilePurpose: 'ChargePointMaxProfile' });
  assert.deepEqual(checkChargingProfile(profile, { connectorId: 0 }), []);
  const problem = find(checkChargingProfile(profile, { connectorId: 2 }), 'max-profile-connector');
  assert.ok(problem);
  assert.equal(problem.field, 'connectorId');
  assert.equal(problem.severity, 'error');
});

test('TxProfile only on connectorId > 0, warned when the connector is known to be idle (§3.13.1, §5.16)', () => {
  const profile = txDefault({ chargingProfilePurpose: 'TxProfile', transactionId: 7 });
  assert.deepEqual(codes(checkChargingProfile(profile, { connectorId: 0, activeTransactionId: 7 })), ['tx-profile-connector']);
  assert.deepEqual(checkChargingProfile(profile, { connectorId: 1, activeTransactionId: 7 }), []);
  // Unknown transaction state: no transaction rule applies.
  assert.deepEqual(checkChargingProfile(profile, { connectorId: 1 }), []);

  const idle = checkChargingProfile(profile, { connectorId: 1, activeTransactionId: null });
  assert.deepEqual(codes(idle), ['tx-profile-no-transaction']);
  assert.equal(idle[0]?.severity, 'warning');
  assert.equal(idle[0]?.field, 'csChargingProfiles.chargingProfilePurpose');

  const other = checkChargingProfile(profile, { connectorId: 1, activeTransactionId: 8 });
  assert.deepEqual(codes(other), ['tx-profile-other-transaction']);
  assert.equal(other[0]?.field, 'csChargingProfiles.transactionId');
});

test('transactionId only with TxProfile (§7 ChargingProfile)', () => {
  const problems = checkChargingProfile(txDefault({ transactionId: 3 }), { connectorId: 1 });
  assert.deepEqual(codes(problems), ['transaction-id-purpose']);
  assert.equal(problems[0]?.field, 'csChargingProfiles.transactionId');
});

test('RemoteStartTransaction: TxProfile only, no transactionId (§5.11, errata 3.41), paths under chargingProfile', () => {
  const tx = txDefault({ chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative' });
  tx.chargingSchedule = { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }] };
  // No transaction exists yet, so no "idle connector" warning either.
  assert.deepEqual(checkChargingProfile(tx, { connectorId: 1, activeTransactionId: null, context: 'RemoteStartTransaction' }), []);

  const withId = checkChargingProfile({ ...tx, transactionId: 5 }, { connectorId: 1, context: 'RemoteStartTransaction' });
  assert.deepEqual(codes(withId), ['remote-start-transaction-id']);
  assert.equal(withId[0]?.field, 'chargingProfile.transactionId');

  const wrongPurpose = checkChargingProfile(
    { ...tx, chargingProfilePurpose: 'TxDefaultProfile' },
    { connectorId: 1, context: 'RemoteStartTransaction' },
  );
  assert.deepEqual(codes(wrongPurpose), ['remote-start-purpose']);
  assert.equal(wrongPurpose[0]?.field, 'chargingProfile.chargingProfilePurpose');
});

test('recurrencyKind only with, and required by, Recurring (errata 3.56)', () => {
  const stray = checkChargingProfile(txDefault({ recurrencyKind: 'Daily' }), { connectorId: 1 });
  assert.deepEqual(codes(stray), ['recurrency-kind-not-recurring']);
  assert.equal(stray[0]?.field, 'csChargingProfiles.recurrencyKind');

  assert.deepEqual(codes(checkChargingProfile(txDefault({ chargingProfileKind: 'Recurring' }), { connectorId: 1 })), ['recurrency-kind-missing']);
  assert.deepEqual(checkChargingProfile(txDefault({ chargingProfileKind: 'Recurring', recurrencyKind: 'Weekly' }), { connectorId: 1 }), []);
});

test('startSchedule: none on Relative, recommended on Absolute, needed by Recurring (§7 ChargingSchedule)', () => {
  const relative = checkChargingProfile(txDefault({ chargingProfileKind: 'Relative' }), { connectorId: 1 });
  assert.deepEqual(codes(relative), ['relative-start-schedule']);
  assert.equal(relative[0]?.field, 'csChargingProfiles.chargingSchedule.startSchedule');

  const noStart = { chargingRateUnit: 'A' as const, chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] };
  const absolute = checkChargingProfile(txDefault({ chargingSchedule: noStart }), { connectorId: 1 });
  assert.deepEqual(codes(absolute), ['start-schedule-missing']);
  assert.equal(absolute[0]?.severity, 'warning');

  const recurring = checkChargingProfile(txDefault({ chargingProfileKind: 'Recurring', recurrencyKind: 'Daily', chargingSchedule: noStart }), {
    connectorId: 1,
  });
  assert.deepEqual(codes(recurring), ['start-schedule-missing']);
  assert.equal(recurring[0]?.severity, 'error');
});

test('periods: first startPeriod 0, strictly increasing, with field paths (§7 ChargingSchedulePeriod)', () => {
  const late = checkChargingProfile(withPeriods([{ startPeriod: 60, limit: 16 }]), { connectorId: 1 });
  assert.deepEqual(codes(late), ['first-start-period']);
  assert.equal(late[0]?.field, 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/0/startPeriod');

  const unordered = checkChargingProfile(
    withPeriods([
      { startPeriod: 0, limit: 16 },
      { startPeriod: 600, limit: 10 },
      { startPeriod: 600, limit: 8 },
      { startPeriod: 300, limit: 6 },
    ]),
    { connectorId: 1 },
  );
  assert.deepEqual(
    unordered.map((p) => [p.code, p.field]),
    [
      ['start-period-order', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/2/startPeriod'],
      ['start-period-order', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/3/startPeriod'],
    ],
  );

  assert.deepEqual(codes(checkChargingProfile(withPeriods([]), { connectorId: 1 })), ['periods-empty']);
  assert.deepEqual(
    codes(
      checkChargingProfile(
        withPeriods([
          { startPeriod: 0, limit: 16 },
          { startPeriod: 60, limit: 8 },
        ]),
        { connectorId: 1, maxPeriods: 1 },
      ),
    ),
    ['periods-too-many'],
  );
});

test('a period after the schedule duration is flagged as never applying', () => {
  const base = withPeriods([
    { startPeriod: 0, limit: 16 },
    { startPeriod: 900, limit: 8 },
  ]);
  const profile = { ...base, chargingSchedule: { ...base.chargingSchedule, duration: 600 } };
  const problems = checkChargingProfile(profile, { connectorId: 1 });
  assert.deepEqual(codes(problems), ['start-period-after-duration']);
  assert.equal(problems[0]?.severity, 'warning');
});

test('stackLevel ≥ 0 and ≤ ChargeProfileMaxStackLevel (§9.4)', () => {
  assert.deepEqual(codes(checkChargingProfile(txDefault({ stackLevel: -1 }), { connectorId: 1 })), ['stack-level-negative']);
  const tooHigh = checkChargingProfile(txDefault({ stackLevel: 5 }), { connectorId: 1, maxStackLevel: 3 });
  assert.deepEqual(codes(tooHigh), ['stack-level-max']);
  assert.equal(tooHigh[0]?.field, 'csChargingProfiles.stackLevel');
  assert.deepEqual(checkChargingProfile(txDefault({ stackLevel: 3 }), { connectorId: 1, maxStackLevel: 3 }), []);
});

test('limit ≥ 0 with at most one decimal (multipleOf 0.1); numberPhases 1..3', () => {
  const problems = checkChargingProfile(
    withPeriods([
      { startPeriod: 0, limit: 16.1, numberPhases: 3 }, // fine despite 16.1 * 10 = 161.00000000000003
      { startPeriod: 60, limit: -1 },
      { startPeriod: 120, limit: 16.25 },
      { startPeriod: 180, limit: 6, numberPhases: 0 },
      { startPeriod: 240, limit: 6, numberPhases: 4 },
    ]),
    { connectorId: 1 },
  );
  assert.deepEqual(
    problems.map((p) => [p.code, p.field]),
    [
      ['limit-negative', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/1/limit'],
      ['limit-decimals', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/2/limit'],
      ['number-phases', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/3/numberPhases'],
      ['number-phases', 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod/4/numberPhases'],
    ],
  );
});

test('minChargingRate ≥ 0 with at most one decimal', () => {
  const base = txDefault();
  const profile = { ...base, chargingSchedule: { ...base.chargingSchedule, minChargingRate: 6.05 } };
  const problems = checkChargingProfile(profile, { connectorId: 1 });
  assert.deepEqual(
    problems.map((p) => [p.code, p.field]),
    [['min-charging-rate', 'csChargingProfiles.chargingSchedule.minChargingRate']],
  );
});

test('validFrom before validTo; dates must parse', () => {
  const reversed = checkChargingProfile(txDefault({ validFrom: '2024-03-02T00:00:00Z', validTo: '2024-03-01T00:00:00Z' }), { connectorId: 1 });
  assert.deepEqual(codes(reversed), ['validity-order']);
  assert.equal(reversed[0]?.field, 'csChargingProfiles.validTo');
  assert.deepEqual(codes(checkChargingProfile(txDefault({ validFrom: 'yesterday' }), { connectorId: 1 })), ['date-invalid']);
});

test('chargingRateUnit within ChargingScheduleAllowedChargingRateUnit (§9.4)', () => {
  const problems = checkChargingProfile(txDefault(), { connectorId: 1, allowedUnits: ['W'] });
  assert.deepEqual(codes(problems), ['unit-not-allowed']);
  assert.equal(problems[0]?.field, 'csChargingProfiles.chargingSchedule.chargingRateUnit');
});

test('problems are advice by default; only the explicit "enforce" policy blocks, and only on errors', () => {
  const errors = checkChargingProfile(txDefault({ chargingProfilePurpose: 'ChargePointMaxProfile' }), { connectorId: 1 });
  const warnings = checkChargingProfile(txDefault({ chargingProfilePurpose: 'TxProfile' }), { connectorId: 1, activeTransactionId: null });
  assert.equal(problemsAreBlocking(errors), false);
  assert.equal(problemsAreBlocking(errors, 'advise'), false);
  assert.equal(problemsAreBlocking(errors, 'enforce'), true);
  assert.equal(problemsAreBlocking(warnings, 'enforce'), false);
  assert.equal(problemsAreBlocking([], 'enforce'), false);
});

test('OCTT TC_056: TxDefaultProfile, Absolute, 6 A passes the checks', () => {
  const tc056: ChargingProfile = {
    chargingProfileId: 56,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { startSchedule: '2024-03-01T10:00:00Z', chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] },
  };
  assert.deepEqual(checkChargingProfile(tc056, { connectorId: 1, activeTransactionId: null, allowedUnits: ['A'] }), []);
});
