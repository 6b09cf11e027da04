/**
 * The scenario checker (main/simulator/scenario/check.ts, docs/scenarios.md): every problem named by the path of
 * its field, unions of steps and expectations checked against the member their `do` / `expect` names, the rules
 * between fields, and the published JSON Schema kept equal to the definition and able to read the documented
 * examples.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { Type } from '@sinclair/typebox';
import { scenarioJsonSchema } from '../../shared/api/scenario.js';
import { checkScenario, parseScenario, problemLines } from '../../main/simulator/scenario/check.js';
import { childPath, schemaProblems } from '../../main/simulator/scenario/schema-walk.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const minimal = { name: 'min', stations: [{ identity: 'CP-1' }], steps: [{ do: 'boot' }] };

const linesOf = (value: unknown) => {
  const checked = checkScenario(value);
  return checked.ok ? [] : problemLines(checked.problems);
};

test('a minimal scenario is accepted as it is, unchanged', () => {
  const value = structuredClone(minimal);
  const checked = checkScenario(value);
  assert.ok(checked.ok);
  assert.deepEqual(checked.scenario, minimal);
});

test('paths name nested fields, list items and odd keys', () => {
  assert.equal(childPath('', 'steps'), 'steps');
  assert.equal(childPath('steps', 2), 'steps[2]');
  assert.equal(childPath('steps[2]', 'payload'), 'steps[2].payload');
  assert.equal(childPath('fields', 'idTagInfo.status'), 'fields["idTagInfo.status"]');
});

test('missing, unknown and mistyped fields are each named', () => {
  assert.deepEqual(linesOf({ stations: [], steps: [{ do: 'wait', seconds: -1, extra: 1 }], colour: 'red' }), [
    'stations: must not be empty',
    'steps[0].seconds: must be a number from 0 to 86400',
    'steps[0].extra: is not a known field',
    'colour: is not a known field',
    'name: is required',
  ]);
  assert.deepEqual(linesOf('scenario'), ['(scenario): must be a JSON object']);
  assert.deepEqual(linesOf({ ...minimal, steps: [{ connectorId: 1 }] }), ['steps[0].do: is required']);
  assert.deepEqual(linesOf({ ...minimal, steps: ['boot'] }), ['steps[0]: must be a JSON object']);
});

test("a step is checked against the kind its `do` names, with that kind's words", () => {
  assert.deepEqual(linesOf({ ...minimal, steps: [{ do: 'startSession', connectorId: 0, idTag: '' }] }), [
    'steps[0].connectorId: must be a whole number from 1 to 10',
    'steps[0].idTag: must not be empty',
  ]);
  assert.deepEqual(linesOf({ ...minimal, steps: [{ do: 'fault', connectorId: 1, errorCode: 'NoError' }] }).length, 1);
  assert.match(
    linesOf({ ...minimal, steps: [{ do: 'fault', connectorId: 1, errorCode: 'NoError' }] })[0]!,
    /^steps\[0\]\.errorCode: must be one of ConnectorLockFailure/,
  );
  assert.deepEqual(
    linesOf({ ...minimal, steps: [{ do: 'offline', durationSec: 5, queued: [{ do: 'status', connectorId: 1, status: 'Lost' }] }] }).length,
    1,
  );
  assert.match(
    linesOf({ ...minimal, steps: [{ do: 'offline', durationSec: 5, queued: [{ do: 'status', connectorId: 1, status: 'Lost' }] }] })[0]!,
    /^steps\[0\]\.queued\[0\]\.status: must be one of/,
  );
});

test('expectations: the kind its `expect` names, and the step label it refers to', () => {
  assert.deepEqual(
    linesOf({
      ...minimal,
      steps: [{ do: 'boot', label: 'up' }],
      expectations: [
        { expect: 'call', action: 'RemoteStopTransaction', withinSec: 30, after: 'down' },
        { expect: 'answer', action: 'Heartbeat', fields: {}, occurrence: 'first' },
      ],
    }),
    ['expectations[1].occurrence: must be one of any, every, last'],
  );
  assert.deepEqual(
    linesOf({ ...minimal, steps: [{ do: 'boot', label: 'up' }], expectations: [{ expect: 'call', action: 'RemoteStopTransaction', after: 'down' }] }),
    ['expectations[0].after: names no step label of this scenario'],
  );
});

test('rules between fields: duplicate identities and labels, unknown stations, connectors, one answer kind', () => {
  assert.deepEqual(
    linesOf({
      name: 'x',
      stations: [{ identity: 'A', connectors: 1 }, { identity: 'A' }],
      steps: [
        { do: 'boot', label: 'l' },
        { do: 'status', connectorId: 2, status: 'Available', label: 'l' },
        { do: 'answer', action: 'Reset' },
        { do: 'answer', action: 'Reset', callError: { code: 'Nope' } },
        { do: 'answer', action: 'Reset', callError: { code: 'NotSupported' }, station: 'B' },
      ],
    }),
    [
      'stations[1].identity: A is already the identity of another station',
      'steps[1].label: l is already the label of another step',
      'steps[1].connectorId: must be at most 1: the station has 1 connector(s)',
      'steps[2]: must have exactly one of response and callError',
      'steps[3].callError.code: must be one of NotImplemented, NotSupported, InternalError, ProtocolError, SecurityError, FormationViolation, PropertyConstraintViolation, OccurenceConstraintViolation, TypeConstraintViolation, GenericError',
      'steps[4].station: names no station of this scenario (A)',
    ],
  );
});

test('a CALL payload is checked against its OCPP 1.6 request schema, queued ones too', () => {
  assert.deepEqual(
    linesOf({
      ...minimal,
      steps: [
        { do: 'call', action: 'StatusNotification', payload: { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' } },
        { do: 'offline', durationSec: 1, queued: [{ do: 'call', action: 'Heartbeat', payload: { beat: 1 } }] },
      ],
    }),
    [
      'steps[0].payload.status: must be one of: Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted (OCPP 1.6 StatusNotification.req)',
      'steps[1].queued[0].payload.beat: is not a field of this message (OCPP 1.6 Heartbeat.req)',
    ],
  );
});

test("text that is not JSON is refused with the parser's words", () => {
  const checked = parseScenario('{ "name": ');
  assert.equal(checked.ok, false);
  assert.match(problemLines(checked.ok ? [] : checked.problems)[0]!, /^\(scenario\): is not JSON: /);
});

test('the walker reports a record entry by its key', () => {
  const schema = Type.Object({ configuration: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false });
  assert.deepEqual(schemaProblems(schema, { configuration: { HeartbeatInterval: 30 } }), [
    { path: 'configuration.HeartbeatInterval', message: 'must be a string' },
  ]);
});

test('docs/scenario.schema.json is the definition, as published', () => {
  const published = JSON.parse(readFileSync(join(root, 'docs/scenario.schema.json'), 'utf8')) as unknown;
  assert.deepEqual(published, scenarioJsonSchema(), 'regenerate it: npm run simulate -- --print-schema > docs/scenario.schema.json');
});

test('every scenario example in docs/scenarios.md passes the checker and the published schema', () => {
  const text = readFileSync(join(root, 'docs/scenarios.md'), 'utf8');
  const examples = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>).filter((v) => 'steps' in v);
  assert.ok(examples.length >= 2, 'the page has scenario examples');
  // Any JSON Schema validator reads the published file; its non-standard words (errorMessage, ciString) are notes.
  const ajv = new AjvModule.default({ strict: false, allErrors: true });
  const validate = ajv.compile(scenarioJsonSchema());
  for (const example of examples) {
    assert.deepEqual(linesOf(example), [], String(example.name));
    assert.ok(validate(example), JSON.stringify(validate.errors));
  }
});
