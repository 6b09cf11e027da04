import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configurationDrift, sameConfigurationValue } from '../../main/csms/domain/configuration-drift.js';

test('values match when they mean the same, and only then', () => {
  const same: [string, string][] = [
    ['true', 'True'],
    [' 60', '60'],
    ['60', '60.0'],
    ['Energy.Active.Import.Register,Power.Active.Import', 'Power.Active.Import, Energy.Active.Import.Register'],
    ['', ''],
  ];
  const different: [string, string][] = [
    ['true', 'false'],
    ['60', '61'],
    ['A,B', 'A,B,C'],
    ['A,B', 'A,A,B'],
    ['abc', 'ABC'],
    ['true', '1'],
  ];
  for (const [e, a] of same) assert.ok(sameConfigurationValue(e, a), `${e} ~ ${a}`);
  for (const [e, a] of different) assert.ok(!sameConfigurationValue(e, a), `${e} !~ ${a}`);
});

test('each key gets its state from the reported configuration; keys match without case', () => {
  const baseline = [
    { key: 'HeartbeatInterval', value: '300' },
    { key: 'numberofconnectors', value: '2' },
    { key: 'NumberOfConnectors', value: '2' },
    { key: 'Gone', value: 'x' },
    { key: 'Hidden', value: 'y' },
    { key: 'AuthorizationKey', value: 'abc' },
  ];
  const reported = {
    entries: [
      { key: 'HeartbeatInterval', readonly: false, value: '60' },
      { key: 'NumberOfConnectors', readonly: true, value: '2' },
      { key: 'AuthorizationKey', readonly: false },
    ],
    unknownKeys: ['gone'],
  };
  assert.deepEqual(
    configurationDrift(baseline, reported).map((e) => [e.key, e.state, e.actual]),
    [
      ['HeartbeatInterval', 'differs', '60'],
      ['numberofconnectors', 'matches', '2'],
      ['NumberOfConnectors', 'matches', '2'],
      ['Gone', 'unknown-key', null],
      ['Hidden', 'not-reported', null],
      // A value the station never shows (a secret) cannot be confirmed.
      ['AuthorizationKey', 'differs', null],
    ],
  );
  assert.ok(configurationDrift(baseline, undefined).every((e) => e.state === 'not-read'));
});
