/**
 * What the live site power sharing reads and sends (main/csms/site-power/): the measured current and power of a
 * reading, a connector status as a session state, the holds of sessions it cannot steer, and the profiles it sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessSite, type SessionFacts } from '../../../main/csms/site-power/assess.js';
import { measuredFrom } from '../../../main/csms/site-power/measurement.js';
import { defaultProfileRequest, txProfileRequest, UNKNOWN_STATION_MAX_A } from '../../../main/csms/site-power/profiles.js';
import { sessionStateOf } from '../../../main/csms/site-power/session-state.js';
import { knownLimit, recordSent } from '../../../main/csms/sites/index.js';

test('measured: the highest phase current and the phase-less power; phases summed when only they are given', () => {
  assert.deepEqual(
    measuredFrom([
      { value: '12000', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
      { value: '15.9', measurand: 'Current.Import', unit: 'A' },
      { value: '11000', measurand: 'Power.Active.Import', unit: 'W' },
    ]),
    { currentA: 15.9, powerW: 11000 },
  );
  assert.deepEqual(
    measuredFrom([
      { value: '10', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
      { value: '12.5', measurand: 'Current.Import', phase: 'L2', unit: 'A' },
      { value: '3', measurand: 'Current.Import', phase: 'N', unit: 'A' },
      { value: '2.3', measurand: 'Power.Active.Import', phase: 'L1', unit: 'kW' },
      { value: '2.9', measurand: 'Power.Active.Import', phase: 'L2', unit: 'kW' },
    ]),
    { currentA: 12.5, powerW: 5200 },
  );
});

test('measured: nothing usable gives nulls (signed data, text, no such measurand)', () => {
  assert.deepEqual(
    measuredFrom([
      { value: 'abc', measurand: 'Current.Import' },
      { value: '16', measurand: 'Current.Import', format: 'SignedData' },
      { value: '32', measurand: 'Current.Offered', unit: 'A' },
    ]),
    { currentA: null, powerW: null },
  );
});

test('connector status as a session state: anything that says nothing of the EV counts as charging', () => {
  assert.equal(sessionStateOf('SuspendedEV'), 'suspendedEV');
  assert.equal(sessionStateOf('SuspendedEVSE'), 'suspendedEVSE');
  assert.equal(sessionStateOf('Finishing'), 'finishing');
  assert.equal(sessionStateOf('Preparing'), 'preparing');
  for (const status of ['Charging', 'Available', 'Faulted', undefined]) assert.equal(sessionStateOf(status), 'charging');
});

const facts = (transactionId: number, overrides: Partial<SessionFacts> = {}): SessionFacts => ({
  transactionId,
  chargePointId: `CP-${transactionId}`,
  connectorId: 1,
  idTag: 'TAG',
  state: 'charging',
  online: true,
  refused: false,
  measuredA: null,
  measuredW: null,
  sent: knownLimit(String(transactionId), 0, 0),
  ...overrides,
});

test('an offline session is held at what it may use, a refusing one at its maximum; the rest share what is left', () => {
  const offlineSent = recordSent(knownLimit('2', 10, 0), '2', 16, 1000);
  const result = assessSite(
    { limitA: 100, phases: 3, marginPct: 10 },
    [facts(1), facts(4), facts(2, { online: false, sent: offlineSent }), facts(3, { refused: true })],
    new Date(2026, 11, 5, 12, 0),
  );
  assert.equal(result.budgetA, 90);
  assert.deepEqual(
    result.allocation.sessions.map((s) => [s.limitA, s.reason]),
    [
      [(90 - 16 - UNKNOWN_STATION_MAX_A) / 2, 'share'],
      [(90 - 16 - UNKNOWN_STATION_MAX_A) / 2, 'share'],
      [16, 'held-offline'],
      [UNKNOWN_STATION_MAX_A, 'held-refused'],
    ],
  );
});

test('the schedule of the site applies at its local minute', () => {
  const limits = { limitA: 100, phases: 3 as const, marginPct: 10, schedule: [{ fromMinute: 17 * 60, toMinute: 19 * 60, limitA: 40 }] };
  assert.equal(assessSite(limits, [], new Date(2026, 11, 5, 18, 30)).budgetA, 36);
  assert.equal(assessSite(limits, [], new Date(2026, 11, 5, 19, 0)).budgetA, 90);
});

test('profiles: a TxProfile for the transaction and a station-wide TxDefaultProfile, in A, one period', () => {
  const tx = txProfileRequest(2, 77, 12.5) as { connectorId: number; csChargingProfiles: Record<string, unknown> };
  assert.equal(tx.connectorId, 2);
  assert.equal(tx.csChargingProfiles.chargingProfilePurpose, 'TxProfile');
  assert.equal(tx.csChargingProfiles.transactionId, 77);
  assert.deepEqual(tx.csChargingProfiles.chargingSchedule, { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 12.5 }] });
  const fallback = defaultProfileRequest(0) as { connectorId: number; csChargingProfiles: Record<string, unknown> };
  assert.equal(fallback.connectorId, 0);
  assert.equal(fallback.csChargingProfiles.chargingProfilePurpose, 'TxDefaultProfile');
  assert.equal('transactionId' in fallback.csChargingProfiles, false);
});
