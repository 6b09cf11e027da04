/** The Commissioning tab's pure logic (renderer/src/views/station/commissioning/commissioning-model.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CommissioningCheckId, CommissioningCheckStatus, CommissioningRunDto } from '../../../shared/api/types.js';
import {
  changeNote,
  copyName,
  countByStatus,
  formatValue,
  inRunOrder,
  rerunChecks,
  runRequestOf,
  toggleCheck,
} from '../../../renderer/src/views/station/commissioning/commissioning-model.js';
import { formatBytes, pdfOutcomeText } from '../../../renderer/src/views/station/commissioning/pdf-outcome.js';

function runOf(checks: [CommissioningCheckId, CommissioningCheckStatus][], extra: Partial<CommissioningRunDto> = {}): CommissioningRunDto {
  return {
    id: 7,
    chargePointId: 'CP-1',
    template: 'full',
    status: 'failed',
    operator: null,
    connectorId: 1,
    testIdTag: 'COMMISSION-TEST',
    station: { vendor: 'V', model: 'M', serial: null, firmware: null, securityProfile: 0 },
    checks: checks.map(([id, status]) => ({ id, title: id, status, summary: '', values: {}, exchanges: [], startedAt: null, finishedAt: null })),
    configuration: null,
    changedSincePrevious: null,
    previousRunId: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    ...extra,
  };
}

describe('commissioning console: run order', () => {
  test('ids and checks are put in the order a run performs them, whatever order they come in', () => {
    assert.deepEqual(inRunOrder(['unlock', 'boot', 'connection', 'remote-start']), ['connection', 'boot', 'remote-start', 'unlock']);
    assert.deepEqual(
      inRunOrder([{ id: 'clock' }, { id: 'heartbeat' }]).map((c) => c.id),
      ['heartbeat', 'clock'],
    );
  });

  test('toggling a check keeps run order and never duplicates it', () => {
    let checks: CommissioningCheckId[] = ['clock'];
    checks = toggleCheck(checks, 'connection', true);
    checks = toggleCheck(checks, 'connection', true);
    checks = toggleCheck(checks, 'reservation', true);
    assert.deepEqual(checks, ['connection', 'clock', 'reservation']);
    assert.deepEqual(toggleCheck(checks, 'clock', false), ['connection', 'reservation']);
  });
});

describe('commissioning console: what a run says', () => {
  test('a changed check names the previous run and both statuses; an unchanged one says nothing', () => {
    const run = runOf(
      [
        ['boot', 'passed'],
        ['clock', 'failed'],
      ],
      { previousRunId: 3, changedSincePrevious: { clock: 'passed' } },
    );
    assert.equal(changeNote(run, 'clock'), 'Changed since run #3: was Passed, now Failed.');
    assert.equal(changeNote(run, 'boot'), null);
    assert.equal(changeNote(runOf([['boot', 'passed']]), 'boot'), null);
  });

  test('the counts read as a sentence, results first', () => {
    const run = runOf([
      ['connection', 'passed'],
      ['boot', 'passed'],
      ['clock', 'pending'],
      ['remote-start', 'needs-technician'],
    ]);
    assert.equal(countByStatus(run.checks), '2 passed, 1 needs the technician, 1 pending');
  });

  test('Run again repeats the check and the later ones that did not pass', () => {
    const run = runOf([
      ['connection', 'passed'],
      ['remote-start', 'needs-technician'],
      ['meter-values', 'skipped'],
      ['remote-stop', 'skipped'],
      ['unlock', 'passed'],
    ]);
    assert.deepEqual(rerunChecks(run, 'remote-start'), ['remote-start', 'meter-values', 'remote-stop']);
    assert.deepEqual(rerunChecks(run, 'reservation'), ['reservation']);
  });

  test('values show as read: text as is, the rest as JSON', () => {
    assert.equal(formatValue('ABB'), 'ABB');
    assert.equal(formatValue(60), '60');
    assert.equal(formatValue(['Energy', 'Power']), '["Energy","Power"]');
    assert.equal(formatValue(null), '—');
    assert.equal(formatBytes(512), '512 bytes');
    assert.equal(formatBytes(12_345), '12.3 kB');
  });

  test("the desktop shell's Save as PDF outcome reads as a sentence: where, how big, or why not", () => {
    assert.equal(pdfOutcomeText({ kind: 'saved', path: '/home/ada/CP-1-7.pdf', bytes: 48_200 }), 'Saved /home/ada/CP-1-7.pdf (48.2 kB).');
    assert.equal(pdfOutcomeText({ kind: 'cancelled' }), 'Cancelled: nothing was saved.');
    assert.equal(pdfOutcomeText({ kind: 'failed', message: 'disk full' }), 'Not saved: disk full');
  });
});

describe('commissioning console: the start form', () => {
  const form = { template: 'quick', connectorId: '2', testIdTag: 'TAG-1', operator: 'Ana' };

  test('a complete form becomes the request, numbers as numbers', () => {
    assert.deepEqual(runRequestOf(form), { request: { template: 'quick', connectorId: 2, testIdTag: 'TAG-1', operator: 'Ana' } });
    assert.deepEqual(runRequestOf({ ...form, connectorId: '', testIdTag: '', operator: '' }), { request: { template: 'quick' } });
  });

  test('what the server would refuse is explained at its field, never trimmed or cut', () => {
    const bad = runRequestOf({ template: '', connectorId: '1.5', testIdTag: ' TAG', operator: 'x'.repeat(101) });
    assert.ok('problems' in bad);
    assert.deepEqual(Object.keys(bad.problems).sort(), ['connectorId', 'operator', 'template', 'testIdTag']);
    const long = runRequestOf({ ...form, testIdTag: 'T'.repeat(21), connectorId: '101' });
    assert.ok('problems' in long);
    assert.match(long.problems.testIdTag!, /At most 20 characters.*21/);
    assert.match(long.problems.connectorId!, /1 to 100/);
  });

  test('a copy gets a name no template has', () => {
    assert.equal(copyName('full', ['full', 'quick']), 'full-copy');
    assert.equal(copyName('full', ['full', 'full-copy', 'full-copy-2']), 'full-copy-3');
  });
});
