/**
 * The runtime settings, the bad-input limits and the API's request bodies are each one TypeBox schema: the
 * defaults, the server's checks, the flags and the console's setting fields all read it, so they cannot disagree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldProblems, unitOfField } from '../../shared/api/field-problems.js';
import {
  DEFAULT_RUNTIME_SETTINGS,
  RUNTIME_SETTING_KEYS,
  RuntimeSettingsSchema,
  describeSetting,
  resolveRuntimeSettings,
  validateRuntimeSettings,
} from '../../shared/api/settings.js';
import { ChargePointUpdateBody, IdTagUpdateBody, LocalListSyncBody, ProfileCheckBody, SimulatorStartBody } from '../../shared/api/request-bodies.js';
import { DEFAULT_SERVER_LIMITS, ServerLimitsSchema, validateServerLimits } from '../../main/csms/server/limits.js';
import { checkDraft, draftOf, fieldsFor, patchOf, SETTING_FIELDS } from '../../renderer/src/views/settings/setting-fields.js';

test('every setting has a default, a range or choices, a title and a description in its schema', () => {
  for (const key of RUNTIME_SETTING_KEYS) {
    const schema = RuntimeSettingsSchema.properties[key];
    assert.equal(DEFAULT_RUNTIME_SETTINGS[key], schema.default, key);
    assert.ok(typeof schema.title === 'string' && schema.title.length > 0, key);
    assert.ok(typeof schema.description === 'string' && schema.description.length > 0, key);
    if (schema.type === 'integer') assert.ok(schema.minimum !== undefined && schema.maximum !== undefined, key);
  }
  assert.equal(DEFAULT_RUNTIME_SETTINGS.heartbeatIntervalSec, 300);
  assert.equal(DEFAULT_RUNTIME_SETTINGS.registrationPolicy, 'pending');
  assert.ok(Object.isFrozen(DEFAULT_RUNTIME_SETTINGS));
});

test('problems are given by field, in words taken from the schema (range, unit, choices)', () => {
  assert.deepEqual(validateRuntimeSettings({ heartbeatIntervalSec: 120, registrationPolicy: 'accept', timestampMilliseconds: true }), {});
  assert.deepEqual(
    validateRuntimeSettings({
      heartbeatIntervalSec: 0,
      callTimeoutMs: 99.5,
      registrationPolicy: 'maybe',
      timestampMilliseconds: 'yes',
      backupKeepCount: 0,
      apiToken: 'x',
    }),
    {
      heartbeatIntervalSec: 'must be a whole number from 1 to 86,400 s',
      callTimeoutMs: 'must be a whole number from 100 to 600,000 ms',
      registrationPolicy: 'must be one of pending, accept, reject',
      timestampMilliseconds: 'must be true or false',
      backupKeepCount: 'must be a whole number from 1 to 1,000',
      apiToken: 'is not a known setting',
    },
  );
  assert.deepEqual(Object.entries(validateServerLimits({ maxFrameBytes: 12, handshakeRatePerAddressPerSec: -1, handshakeLimitLoopback: 1 })), [
    ['maxFrameBytes', 'must be a whole number from 1,024 to 268,435,456 bytes'],
    ['handshakeRatePerAddressPerSec', 'must be a whole number from 0 to 1,000,000 per s'],
    ['handshakeLimitLoopback', 'must be true or false'],
  ]);
  assert.deepEqual(Object.keys(ServerLimitsSchema.properties).sort(), Object.keys(DEFAULT_SERVER_LIMITS).sort());
  assert.equal(DEFAULT_SERVER_LIMITS.maxFrameBytes, 1024 * 1024);
  assert.deepEqual(['heartbeatIntervalSec', 'callTimeoutMs', 'maxFrameBytes', 'dataFolderBudgetMiB', 'backupKeepCount'].map(unitOfField), [
    's',
    'ms',
    'bytes',
    'MiB',
    '',
  ]);
});

test('required fields are problems unless the check is partial; absent values are never bad values', () => {
  assert.deepEqual(fieldProblems(RuntimeSettingsSchema, {}), Object.fromEntries(RUNTIME_SETTING_KEYS.map((key) => [key, 'is required'])));
  assert.deepEqual(fieldProblems(RuntimeSettingsSchema, {}, { partial: true }), {});
  assert.deepEqual(validateRuntimeSettings({ heartbeatIntervalSec: undefined }), {});
});

test('stored values that no longer fit fall back to their default; flags win', () => {
  const resolved = resolveRuntimeSettings({ heartbeatIntervalSec: -5, callTimeoutMs: 5_000, junk: 1 }, { validationMode: 'lenient' });
  assert.deepEqual(resolved, { ...DEFAULT_RUNTIME_SETTINGS, callTimeoutMs: 5_000, validationMode: 'lenient' });
  assert.throws(() => resolveRuntimeSettings({}, { heartbeatIntervalSec: 0 }), /heartbeatIntervalSec/);
});

test("the console's setting fields are the schema's: label with unit, help text, limits, the same check", () => {
  assert.deepEqual(
    SETTING_FIELDS.map((f) => f.key),
    RUNTIME_SETTING_KEYS,
  );
  const heartbeat = SETTING_FIELDS.find((f) => f.key === 'heartbeatIntervalSec');
  assert.deepEqual(heartbeat, {
    key: 'heartbeatIntervalSec',
    label: 'Heartbeat interval (s)',
    kind: { type: 'int', min: 1, max: 86_400 },
    hint: describeSetting('heartbeatIntervalSec').description,
  });
  assert.deepEqual(SETTING_FIELDS.find((f) => f.key === 'validationMode')?.kind, { type: 'choice', options: ['strict', 'lenient'] });
  assert.deepEqual(SETTING_FIELDS.find((f) => f.key === 'timestampMilliseconds')?.kind, { type: 'bool' });

  const settings = { ...DEFAULT_RUNTIME_SETTINGS };
  const fields = fieldsFor(settings);
  const draft = { ...draftOf(settings, fields), heartbeatIntervalSec: '-5', callTimeoutMs: 'soon', backupKeepCount: ' 9 ' };
  assert.deepEqual(checkDraft(draft, fields), {
    heartbeatIntervalSec: validateRuntimeSettings({ heartbeatIntervalSec: -5 }).heartbeatIntervalSec,
    callTimeoutMs: 'must be a whole number from 100 to 600,000 ms',
  });
  assert.deepEqual(patchOf({ ...draft, heartbeatIntervalSec: '120', callTimeoutMs: '30000' }, settings, fields), {
    heartbeatIntervalSec: 120,
    backupKeepCount: 9,
  });
});

test('a setting the console does not know yet is still shown and checked by its JSON type', () => {
  const settings = { ...DEFAULT_RUNTIME_SETTINGS, futureLimitSec: 5 };
  const fields = fieldsFor(settings);
  const future = fields.find((f) => f.key === 'futureLimitSec');
  assert.equal(future?.kind.type, 'int');
  assert.deepEqual(checkDraft({ ...draftOf(settings, fields), futureLimitSec: 'x' }, fields), { futureLimitSec: 'must be a whole number' });
});

test('request bodies: each problem is named by its field, in the words of its schema', () => {
  assert.deepEqual(
    fieldProblems(ChargePointUpdateBody, { description: 'x'.repeat(501), password: '', securityProfile: 4, validationMode: 'loose', colour: 'red' }),
    {
      description: 'must be at most 500 characters',
      password: 'must not be empty',
      securityProfile: 'must be a whole number from 0 to 3',
      validationMode: 'must be one of strict, lenient',
      colour: 'is not a known field',
    },
  );
  assert.deepEqual(fieldProblems(ChargePointUpdateBody, { password: null, validationMode: null }), {});
  assert.deepEqual(fieldProblems(IdTagUpdateBody, { expiryDate: '2030-01-01', parentIdTag: ' TAG', allowConcurrentTx: 'yes' }), {
    status: 'is required',
    expiryDate: 'must be an ISO 8601 date-time with a time zone (e.g. 2030-01-01T00:00:00Z)',
    parentIdTag: 'starts or ends with a space: remove it',
    allowConcurrentTx: 'must be true or false, or null',
  });
  assert.deepEqual(fieldProblems(IdTagUpdateBody, { status: 'Accepted', expiryDate: '2030-01-01T00:00:00+01:00', parentIdTag: null }), {});
  assert.deepEqual(fieldProblems(LocalListSyncBody, { idTags: ['A', 'x'.repeat(21)] }), {
    idTags: 'item 2 must be at most 20 characters',
  });
  assert.deepEqual(fieldProblems(ProfileCheckBody, { connectorId: -1, profile: [], context: 'Reset' }), {
    connectorId: 'must be a whole number from 0 to 2,147,483,647',
    profile: 'must be a JSON object',
    context: 'must be one of SetChargingProfile, RemoteStartTransaction',
  });
  assert.deepEqual(fieldProblems(SimulatorStartBody, { idPrefix: 'a b', count: 0, maxPowerW: 5, autoReconnect: 'yes' }), {
    idPrefix: 'must be 1 to 40 characters: letters, digits, . _ -',
    count: 'must be a whole number from 1 to 100',
    maxPowerW: 'must be a whole number from 1,000 to 350,000',
    autoReconnect: 'must be true or false',
  });
});
