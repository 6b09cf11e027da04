import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MessageLogEntryDto, MessageLogPage } from '../../shared/api/types.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

/**
 * A station's CALLRESULT that breaks the OCPP schema is accepted (lenient in what we accept), but it is not hidden:
 * its message-log row is marked as an error, found by the "errors only" filter, with the violations listed.
 */
describe('schema-invalid answers from a station', () => {
  let h: Harness;
  let api: ApiHarness;
  let station: RawClient;

  before(async () => {
    h = await startCsms();
    api = await startApi(h);
    await h.csms.services.stations.upsert({ id: 'SLOPPY-1', registrationStatus: 'Accepted' });
    station = await RawClient.connect(h.url('SLOPPY-1'));
  });
  after(async () => {
    await station.close();
    await api.api.close();
    await h.close();
  });

  /** Send `action` through the API and answer it from the station with `answer` as the CALLRESULT payload. */
  async function callAnsweredWith(
    action: string,
    request: object,
    answer: object,
  ): Promise<{ messageId: string; body: { result?: unknown; violations?: unknown[] } }> {
    const before = station.frames.length;
    const response = api.fetch(`/api/charge-points/SLOPPY-1/calls/${action}`, {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });
    let call: unknown[] | undefined;
    await eventually(
      () =>
        (call = station.frames.slice(before).find((f) => Array.isArray(f) && f[0] === 2 && f[2] === action) as unknown[] | undefined) !== undefined,
      5000,
      action,
    );
    const messageId = call![1] as string;
    station.send(JSON.stringify([3, messageId, answer]));
    const res = await response;
    assert.equal(res.status, 200);
    return { messageId, body: (await res.json()) as { result?: unknown; violations?: unknown[] } };
  }

  async function errorsOnly(): Promise<MessageLogEntryDto[]> {
    const res = await api.fetch('/api/message-log?chargePointId=SLOPPY-1&errorsOnly=true');
    return ((await res.json()) as MessageLogPage).items;
  }

  test('a ChangeConfiguration answered with a status outside the schema is marked as an error with its violation', async () => {
    const { messageId, body } = await callAnsweredWith('ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }, { status: 'accepted' });
    assert.deepEqual(body.result, { status: 'accepted' }, 'the operator still sees what the station said');
    assert.equal(body.violations?.length, 1);

    const marked = (await errorsOnly()).find((m) => m.messageId === messageId);
    assert.ok(marked, 'the errors-only filter finds the answer');
    assert.equal(marked.direction, 'in');
    assert.equal(marked.messageType, 3);
    assert.equal(marked.action, 'ChangeConfiguration');
    assert.equal(marked.errorCode, 'invalid-result:PropertyConstraintViolation');
    assert.deepEqual(
      marked.violations?.map((v) => [v.path, v.message]),
      [['/status', 'must be one of: Accepted, Rejected, RebootRequired, NotSupported']],
    );
    assert.deepEqual(JSON.parse(marked.frame), [3, messageId, { status: 'accepted' }], 'the frame is kept as received');
  });

  test('a GetConfiguration answer missing a required field lists that violation', async () => {
    const { messageId } = await callAnsweredWith('GetConfiguration', {}, { configurationKey: [{ key: 'MeterValueSampleInterval', value: '60' }] });
    const marked = (await errorsOnly()).find((m) => m.messageId === messageId);
    assert.ok(marked);
    assert.equal(marked.errorCode, 'invalid-result:OccurenceConstraintViolation');
    assert.deepEqual(
      marked.violations?.map((v) => v.path),
      ['/configurationKey/0/readonly'],
    );
  });

  test('a valid answer is not marked, and the NDJSON export carries the same marks', async () => {
    const { messageId } = await callAnsweredWith('ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }, { status: 'Accepted' });
    assert.equal(
      (await errorsOnly()).some((m) => m.messageId === messageId),
      false,
    );
    const all = ((await (await api.fetch('/api/message-log?chargePointId=SLOPPY-1')).json()) as MessageLogPage).items;
    const answer = all.find((m) => m.messageId === messageId && m.direction === 'in')!;
    assert.equal(answer.errorCode, null);
    assert.equal(answer.violations, undefined);

    const exported = (await (await api.fetch('/api/message-log.ndjson?chargePointId=SLOPPY-1&errorsOnly=true')).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as MessageLogEntryDto);
    assert.deepEqual(exported.map((m) => m.errorCode).sort(), [
      'invalid-result:OccurenceConstraintViolation',
      'invalid-result:PropertyConstraintViolation',
    ]);
    assert.ok(exported.every((m) => (m.violations?.length ?? 0) > 0));
  });
});
