/**
 * The console's form logic, run in Node: the schema-driven operation forms (drafts built from and checked against
 * the OCPP definitions of shared/ocpp), the charging-profile editor, the id-tag form and the list states every table
 * shares. (The local-list diff is shared with the central system: test/unit/local-list-diff.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ocppMessages } from '../../../shared/ocpp/index.js';
import { listShows } from '../../../renderer/src/components/list-state.js';
import { buildProfile, EMPTY_FORM, formFromProfile } from '../../../renderer/src/views/charging-profiles/profile-form.js';
import { checkDraft, EMPTY_DRAFT, updateOf } from '../../../renderer/src/views/id-tags/validate.js';
import { draftFromPayload, payloadFromDraft, setDraftAt, unknownFields } from '../../../renderer/src/views/station/operations/draft.js';
import { checkAgainstSchema, relaxRequired, type JsonSchema } from '../../../renderer/src/views/station/operations/schema.js';

const schemaOf = (action: keyof typeof ocppMessages) => JSON.parse(JSON.stringify(ocppMessages[action].request)) as JsonSchema;

describe('schema-driven operation forms', () => {
  test('typed text becomes the payload the OCPP definition wants; empty optional fields are left out', () => {
    const schema = schemaOf('RemoteStartTransaction');
    const draft = setDraftAt(setDraftAt(undefined, ['idTag'], 'TAG-1'), ['connectorId'], '2');
    assert.deepEqual(payloadFromDraft(schema, draft), { idTag: 'TAG-1', connectorId: 2 });
    assert.deepEqual(checkAgainstSchema(schema, payloadFromDraft(schema, draft)), []);
  });

  test('a wrong value is kept as typed and explained at its field by JSON Pointer', () => {
    const schema = schemaOf('Reset');
    const payload = payloadFromDraft(schema, { type: 'Medium' });
    assert.deepEqual(payload, { type: 'Medium' }, 'never changed or dropped');
    assert.deepEqual(checkAgainstSchema(schema, payload), [{ path: '/type', message: 'must be one of Hard, Soft' }]);
    const start = schemaOf('RemoteStartTransaction');
    const issues = checkAgainstSchema(start, payloadFromDraft(start, { idTag: 'A'.repeat(21), connectorId: 'two' }));
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/connectorId', '/idTag'],
    );
    assert.match(issues.find((i) => i.path === '/idTag')!.message, /21 characters/);
  });

  test('missing required fields are named; a field the API fills in can be made optional', () => {
    const schema = schemaOf('ReserveNow');
    const missing = checkAgainstSchema(schema, {}).map((i) => i.path);
    assert.ok(missing.includes('/reservationId') && missing.includes('/idTag'));
    const relaxed = relaxRequired(schema, ['/reservationId']);
    assert.ok(!checkAgainstSchema(relaxed, {}).some((i) => i.path === '/reservationId'));
    assert.ok(schema.required?.includes('reservationId'), 'the original schema is untouched');
  });

  test('a payload round-trips through the draft, and fields the form cannot show are reported, not dropped silently', () => {
    const schema = schemaOf('ChangeConfiguration');
    const payload = { key: 'HeartbeatInterval', value: '60' };
    assert.deepEqual(payloadFromDraft(schema, draftFromPayload(schema, payload)), payload);
    assert.deepEqual(unknownFields(schema, { ...payload, vendorExtra: 1 }), ['/vendorExtra']);
  });
});

describe('charging-profile editor', () => {
  test('the empty form builds a valid relative TxDefaultProfile', () => {
    const { profile, errors } = buildProfile({ ...EMPTY_FORM, name: 'default-16A' });
    assert.deepEqual(errors, {});
    assert.equal(profile?.chargingProfilePurpose, 'TxDefaultProfile');
    assert.deepEqual(profile?.chargingSchedule.chargingSchedulePeriod, [{ startPeriod: 0, limit: 16 }]);
  });

  test('hard rules of §7.8 are explained by field', () => {
    const { profile, errors } = buildProfile({ ...EMPTY_FORM, name: 'x', kind: 'Recurring', transactionId: '5', stackLevel: '-1' });
    assert.equal(profile, undefined);
    assert.ok(errors.recurrencyKind && errors.transactionId && errors.stackLevel);
  });

  test('a stored profile opens in the form and builds back to the same profile', () => {
    const { profile } = buildProfile({ ...EMPTY_FORM, name: 'p', periods: [{ startPeriodSec: '0', limit: '10.5', numberPhases: '3' }] });
    assert.ok(profile);
    const again = buildProfile(formFromProfile('p', '', profile));
    assert.deepEqual(again.profile, profile);
  });
});

describe('id-tag form', () => {
  test('the IdToken rule of shared/ocpp at the field; a tag is never its own parent', () => {
    assert.deepEqual(checkDraft({ ...EMPTY_DRAFT, idTag: 'TAG-1' }), {});
    assert.match(checkDraft({ ...EMPTY_DRAFT, idTag: ' TAG' }).idTag!, /space/);
    assert.equal(checkDraft({ ...EMPTY_DRAFT, idTag: 'TAG-1', parentIdTag: 'tag-1' }).parentIdTag, 'A tag cannot be its own parent');
  });

  test('the update sent: empty means none, the concurrency choice as a boolean or the default', () => {
    assert.deepEqual(updateOf({ ...EMPTY_DRAFT, idTag: 'T', concurrent: 'no' }), {
      status: 'Accepted',
      expiryDate: null,
      parentIdTag: null,
      description: '',
      allowConcurrentTx: false,
    });
    assert.equal(updateOf({ ...EMPTY_DRAFT, concurrent: '' }).allowConcurrentTx, null);
  });
});

describe('list states', () => {
  test('loading before the first answer, then empty or rows', () => {
    assert.equal(listShows(undefined, true), 'loading');
    assert.equal(listShows(undefined, false), 'nothing');
    assert.equal(listShows([], false), 'empty');
    assert.equal(listShows([1], true), 'rows', 'a refresh keeps the rows shown');
  });
});
