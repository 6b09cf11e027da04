/**
 * The console's configuration-baseline logic, run in Node: the editor's rows (duplicate keys compared without case,
 * as the server does), the PUT body (values exactly as typed), where a server problem is shown, and the station's
 * drift panel (which keys Apply changes, how each ChangeConfiguration result reads). docs/api.md "Configuration
 * baselines".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigurationBaselineDto, ConfigurationDriftEntry } from '../../../shared/api/types.js';
import {
  assignmentOwners,
  baselineBody,
  baselineFormProblems,
  duplicateKeyProblems,
  emptyBaselineForm,
  formFromBaseline,
  newRow,
  placeBaselineProblems,
  type BaselineForm,
} from '../../../renderer/src/views/baselines/baseline-form.js';
import {
  keyResultText,
  keysApplyWillChange,
  keysApplyWillSkip,
  keysNeedingReset,
} from '../../../renderer/src/views/station/configuration/baseline-drift.js';

function form(rows: [string, string][], patch: Partial<BaselineForm> = {}): BaselineForm {
  return { ...emptyBaselineForm(), name: 'ac', rows: rows.map(([k, v]) => newRow(k, v)), ...patch };
}

describe('baseline editor rows', () => {
  test('a key given twice, in another case, is flagged at the later row, naming the first', () => {
    const problems = duplicateKeyProblems([{ key: 'HeartbeatInterval' }, { key: 'MeterValueSampleInterval' }, { key: 'heartbeatINTERVAL' }]);
    assert.deepEqual(Object.keys(problems), ['2']);
    assert.match(problems[2]!, /row 1 \(HeartbeatInterval\)/);
    assert.match(problems[2]!, /case-insensitive/);
  });

  test('every repeat is flagged, and empty keys are not duplicates of each other', () => {
    const problems = duplicateKeyProblems([{ key: 'A' }, { key: '' }, { key: 'a' }, { key: '' }, { key: 'A' }]);
    assert.deepEqual(Object.keys(problems).sort(), ['2', '4']);
  });

  test('duplicates show as typed; missing name and keys only after a save was tried', () => {
    const f = form([
      ['LightIntensity', '50'],
      ['', '1'],
      ['lightintensity', '60'],
    ]);
    f.name = '';
    assert.deepEqual(Object.keys(baselineFormProblems(f, { creating: true, tried: false })), ['entries.2.key']);
    const tried = baselineFormProblems(f, { creating: true, tried: true });
    assert.deepEqual(Object.keys(tried).sort(), ['entries.1.key', 'entries.2.key', 'name']);
    assert.match(tried['entries.1.key']!, /Give the key, or remove the row/);
    // Editing keeps the stored name: no name problem.
    assert.equal(baselineFormProblems(f, { creating: false, tried: true }).name, undefined);
  });

  test('no row at all cannot be sent', () => {
    assert.match(baselineFormProblems(form([]), { creating: true, tried: true }).entries!, /at least one key/);
  });

  test('AuthorizationKey and long values are left to the server (one set of rules), not refused here', () => {
    const f = form([
      ['AuthorizationKey', 'ab'],
      ['CpoName', 'x'.repeat(600)],
    ]);
    assert.deepEqual(baselineFormProblems(f, { creating: true, tried: true }), {});
  });
});

describe('baseline PUT body', () => {
  test('keys and values exactly as typed: spaces, case, empty values kept; no description when empty', () => {
    const body = baselineBody(
      form(
        [
          [' MeterValuesSampledData', 'Energy.Active.Import.Register, Power.Active.Import '],
          ['CpoName', ''],
        ],
        { stations: ['CP-2', 'CP-1'], sites: ['depot'] },
      ),
    );
    assert.deepEqual(body, {
      entries: [
        { key: ' MeterValuesSampledData', value: 'Energy.Active.Import.Register, Power.Active.Import ' },
        { key: 'CpoName', value: '' },
      ],
      stations: ['CP-2', 'CP-1'],
      sites: ['depot'],
    });
    assert.equal(baselineBody(form([['A', '1']], { description: ' x ' })).description, ' x ');
  });

  test('a stored baseline round-trips through the form unchanged', () => {
    const stored: ConfigurationBaselineDto = {
      name: 'ac',
      description: 'AC wallboxes',
      entries: [{ key: 'HeartbeatInterval', value: '300' }],
      stations: ['CP-1'],
      sites: ['north'],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    assert.deepEqual(baselineBody(formFromBaseline(stored)), {
      description: 'AC wallboxes',
      entries: stored.entries,
      stations: ['CP-1'],
      sites: ['north'],
    });
  });
});

describe('server problems in the editor', () => {
  test('each 422 / 409 path lands at its field: a row, a station, a site; the rest with the form', () => {
    const { byField, rest } = placeBaselineProblems(
      {
        'entries[1].key': 'is a secret: set it per station',
        'entries[0].value': 'has 600 characters',
        'stations[1]': 'follows baseline dc: take it out of that one first',
        'sites[0]': 'is not a known site (nowhere)',
        description: 'too long',
        weird: 'something else',
      },
      { stations: ['CP-1', 'CP-2'], sites: ['nowhere'] },
    );
    assert.deepEqual(byField, {
      'entries.1.key': 'is a secret: set it per station',
      'entries.0.value': 'has 600 characters',
      'station:CP-2': 'follows baseline dc: take it out of that one first',
      'site:nowhere': 'is not a known site (nowhere)',
      description: 'too long',
    });
    assert.deepEqual(rest, ['weird: something else']);
  });

  test('which baseline each station and site follows, leaving out the one edited', () => {
    const owners = assignmentOwners(
      [
        { name: 'ac', stations: ['CP-1'], sites: ['north'] },
        { name: 'dc', stations: ['CP-9'], sites: [] },
      ],
      'ac',
    );
    assert.deepEqual(owners, { stations: { 'CP-9': 'dc' }, sites: {} });
  });
});

describe('station drift panel', () => {
  const entry = (key: string, state: ConfigurationDriftEntry['state']): ConfigurationDriftEntry => ({
    key,
    expected: '1',
    actual: '2',
    readonly: state === 'differs-readonly',
    state,
  });
  const entries = [
    entry('A', 'matches'),
    entry('B', 'differs'),
    entry('C', 'differs-readonly'),
    entry('D', 'unknown-key'),
    entry('E', 'not-reported'),
  ];

  test('Apply changes what differs and what the station did not list; read-only and unknown keys are skipped', () => {
    assert.deepEqual(
      keysApplyWillChange(entries).map((e) => e.key),
      ['B', 'E'],
    );
    assert.deepEqual(
      keysApplyWillSkip(entries).map((e) => e.key),
      ['C', 'D'],
    );
  });

  test('each result in words: a CALLERROR is told apart from no answer at all', () => {
    assert.equal(keyResultText({ status: 'Accepted' }).text, 'Accepted');
    assert.match(keyResultText({ status: 'RebootRequired' }).text, /reset/);
    assert.equal(keyResultText({ status: 'NotSupported' }).text, 'NotSupported');
    assert.equal(keyResultText({ status: 'failed', message: 'NotImplemented: no such action' }).text, 'error answer (NotImplemented)');
    assert.equal(keyResultText({ status: 'failed', message: 'CP-1 did not answer ChangeConfiguration within 30000 ms' }).text, 'no answer');
    assert.equal(keyResultText({ status: 'skipped', message: 'read-only' }).text, 'not sent');
  });

  test('the keys waiting for a reset', () => {
    assert.deepEqual(
      keysNeedingReset([
        { key: 'A', value: '1', status: 'Accepted' },
        { key: 'B', value: '2', status: 'RebootRequired' },
      ]),
      ['B'],
    );
  });
});
