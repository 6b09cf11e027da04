import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FormatRefusalDto, ListResponse, MessageLogPage, TransactionDto } from '../../shared/api/types.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, RawClient, startCsms, type Harness } from '../support/csms-harness.js';

/**
 * Lenient mode normalises: a station read leniently has its format slips put right before anything is stored
 * (enumerations in another case, times without a zone read as UTC, numbers sent as strings and the reverse), while
 * the frame as received stays in the message log with its violations. A strict station's refused frames show in the
 * Connection doctor, which offers to switch it to lenient.
 */
describe('lenient mode', () => {
  let h: Harness;
  let api: ApiHarness;

  before(async () => {
    h = await startCsms();
    api = await startApi(h);
    await h.csms.services.idTags.upsert({ idTag: 'FLEET-7', status: 'Accepted' });
  });
  after(async () => {
    await api.api.close();
    await h.close();
  });

  const put = (id: string, body: object) =>
    api.fetch(`/api/charge-points/${id}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const formatRefusals = async () => ((await (await api.fetch('/api/doctor/format-refusals')).json()) as ListResponse<FormatRefusalDto>).items;

  // What a sloppy firmware sends: lowercase enumerations, local-looking times, numbers as strings and the reverse.
  const sloppyStatus = '{"connectorId":"1","errorCode":"noError","status":"charging","timestamp":"2026-03-01T08:00:00"}';
  const sloppyStart = '{"connectorId":"1","idTag":"FLEET-7","meterStart":"1500","timestamp":"2026-03-01T08:01:00"}';

  test('a lenient station with lowercase enumerations, zoneless times and numbers as strings is stored normalised, the raw frame kept', async () => {
    await put('SLOPPY-L', { registrationStatus: 'Accepted', validationMode: 'lenient' });
    const station = await RawClient.connect(h.url('SLOPPY-L'));

    station.send(`[2,"st-1","StatusNotification",${sloppyStatus}]`);
    assert.deepEqual(await station.reply('st-1'), [3, 'st-1', {}]);
    const connector = (await api.client.getChargePoint('SLOPPY-L')).connectors.find((c) => c.connectorId === 1);
    assert.equal(connector?.status, 'Charging');
    assert.equal(connector?.errorCode, 'NoError');
    assert.equal(connector?.statusAt, '2026-03-01T08:00:00Z', 'a time without a zone is read as UTC');

    station.send(`[2,"tx-1","StartTransaction",${sloppyStart}]`);
    const started = await station.reply('tx-1');
    assert.equal(started[0], 3);
    const transactionId = (started[2] as { transactionId: number; idTagInfo: { status: string } }).transactionId;
    assert.equal((started[2] as { idTagInfo: { status: string } }).idTagInfo.status, 'Accepted');
    const transaction = (await (await api.fetch(`/api/transactions/${transactionId}`)).json()) as TransactionDto;
    assert.equal(transaction.meterStartWh, 1500);
    assert.equal(Date.parse(transaction.startedAt), Date.parse('2026-03-01T08:01:00Z'));

    const meter = await station.call('mv-1', 'MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [{ timestamp: '2026-03-01T08:02:00', sampledValue: [{ value: 1734, measurand: 'energy.active.import.register' }] }],
    });
    assert.deepEqual(meter, [3, 'mv-1', {}]);
    const stored = h.csms.db.prepare("SELECT * FROM meter_values WHERE charge_point_id = 'SLOPPY-L'").all() as Array<Record<string, unknown>>;
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.value, '1734');
    assert.equal(stored[0]!.measurand, 'Energy.Active.Import.Register');

    // The message log keeps each frame exactly as received, marked, with what broke the schema.
    const log = ((await (await api.fetch('/api/message-log?chargePointId=SLOPPY-L&direction=in&errorsOnly=true')).json()) as MessageLogPage).items;
    const statusRow = log.find((m) => m.messageId === 'st-1');
    assert.equal(statusRow?.frame, `[2,"st-1","StatusNotification",${sloppyStatus}]`);
    assert.match(statusRow?.errorCode ?? '', /^lenient:/);
    assert.ok((statusRow?.violations?.length ?? 0) > 0);
    assert.equal(log.find((m) => m.messageId === 'tx-1')?.frame, `[2,"tx-1","StartTransaction",${sloppyStart}]`);
    await station.close();
  });

  test("a lenient station's stop with unreadable readings still closes its session; its readable readings are stored", async () => {
    await put('SLOPPY-STOP', { registrationStatus: 'Accepted', validationMode: 'lenient' });
    const station = await RawClient.connect(h.url('SLOPPY-STOP'));
    const started = await station.call('s-1', 'StartTransaction', {
      connectorId: 1,
      idTag: 'FLEET-7',
      meterStart: 100,
      timestamp: '2026-03-02T08:00:00Z',
    });
    const transactionId = (started[2] as { transactionId: number }).transactionId;
    // Refused, the stop would be sent again and again and the card stay "in use": entries without a time or without
    // sampled values, and samples that are not objects, hold nothing to store.
    const transactionData = [
      { timestamp: '2026-03-02T08:30:00Z' },
      { sampledValue: [{ value: '150' }] },
      { timestamp: '2026-03-02T08:45:00Z', sampledValue: [null, { value: '180' }] },
    ];
    const stopped = await station.call('s-2', 'StopTransaction', {
      transactionId,
      meterStop: 200,
      timestamp: '2026-03-02T09:00:00Z',
      transactionData,
    });
    assert.equal(stopped[0], 3, `answered, not refused: ${JSON.stringify(stopped)}`);
    const transaction = (await (await api.fetch(`/api/transactions/${transactionId}`)).json()) as TransactionDto;
    assert.equal(transaction.meterStopWh, 200);
    assert.ok(transaction.stoppedAt, 'the session is closed');
    const stored = h.csms.db.prepare('SELECT timestamp, value FROM meter_values WHERE transaction_id = ?').all(transactionId);
    assert.deepEqual(stored, [{ timestamp: '2026-03-02T08:45:00Z', value: '180' }]);

    // A MeterValues with nothing readable is answered too: a refusal would hold up the station's queue.
    assert.deepEqual(await station.call('m-1', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: '2026-03-02T09:10:00Z' }] }), [
      3,
      'm-1',
      {},
    ]);
    // The frames as received stay in the message log, marked with what broke the schema.
    const log = ((await (await api.fetch('/api/message-log?chargePointId=SLOPPY-STOP&direction=in&errorsOnly=true')).json()) as MessageLogPage).items;
    assert.match(log.find((m) => m.messageId === 's-2')?.errorCode ?? '', /^lenient:/);
    assert.match(log.find((m) => m.messageId === 'm-1')?.errorCode ?? '', /^lenient:/);
    await station.close();
  });

  test('a strict station refused for its format is listed by the Connection doctor; switched to lenient, it leaves the list and is stored', async () => {
    await put('SLOPPY-S', { registrationStatus: 'Accepted' });
    const station = await RawClient.connect(h.url('SLOPPY-S'));
    station.send(`[2,"s-1","StatusNotification",${sloppyStatus}]`);
    assert.equal((await station.reply('s-1'))[0], 4);
    station.send(`[2,"s-2","StatusNotification",${sloppyStatus}]`);
    assert.equal((await station.reply('s-2'))[0], 4);
    // A frame that is not even a CALL is no format a lenient read could fix: it does not count.
    station.send('not json');

    await eventually(
      async () => (await formatRefusals()).some((r) => r.chargePointId === 'SLOPPY-S' && r.refusedCount === 2),
      5000,
      'listed by the doctor',
    );
    const listed = (await formatRefusals()).find((r) => r.chargePointId === 'SLOPPY-S')!;
    assert.equal(listed.lastAction, 'StatusNotification');
    assert.equal(listed.lastErrorCode, 'TypeConstraintViolation');
    assert.match(listed.lastDescription, /connectorId/);
    assert.equal(listed.validationMode, null);
    assert.equal(
      (await formatRefusals()).some((r) => r.chargePointId === 'SLOPPY-L'),
      false,
      'the lenient station was never refused',
    );

    assert.equal((await put('SLOPPY-S', { validationMode: 'lenient' })).status, 200);
    assert.equal(
      (await formatRefusals()).some((r) => r.chargePointId === 'SLOPPY-S'),
      false,
    );
    station.send(`[2,"s-3","StatusNotification",${sloppyStatus}]`);
    assert.deepEqual(await station.reply('s-3'), [3, 's-3', {}]);
    assert.equal((await api.client.getChargePoint('SLOPPY-S')).connectors.find((c) => c.connectorId === 1)?.status, 'Charging');
    await station.close();
  });

  test("a lenient station's schema-breaking answers are read normalised too, their violations still reported", async () => {
    const station = await RawClient.connect(h.url('SLOPPY-L'));
    const before = station.frames.length;
    const read = api.fetch('/api/charge-points/SLOPPY-L/calls/GetConfiguration', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    let call: unknown[] | undefined;
    await eventually(
      () => (call = station.frames.slice(before).find((f) => Array.isArray(f) && f[2] === 'GetConfiguration') as unknown[] | undefined) !== undefined,
      5000,
      'GetConfiguration',
    );
    const raw = `[3,"${call![1] as string}",{"configurationKey":[{"key":"HeartbeatInterval","readonly":"true","value":300}]}]`;
    station.send(raw);
    const body = (await (await read).json()) as { result: unknown; violations: unknown[] };
    assert.deepEqual(body.result, { configurationKey: [{ key: 'HeartbeatInterval', readonly: true, value: '300' }] });
    assert.ok(body.violations.length > 0, 'what broke the schema is still said');
    const snapshot = (await (await api.fetch('/api/charge-points/SLOPPY-L/configuration')).json()) as { entries: unknown[] };
    assert.deepEqual(snapshot.entries, [{ key: 'HeartbeatInterval', readonly: true, value: '300' }]);
    const logged = (
      (await (await api.fetch('/api/message-log?chargePointId=SLOPPY-L&action=GetConfiguration&direction=in')).json()) as MessageLogPage
    ).items;
    assert.equal(logged[0]?.frame, raw, 'the answer as received stays in the log');
    assert.match(logged[0]?.errorCode ?? '', /^invalid-result:/);
    await station.close();
  });

  test('with lenient as the global setting, a station set to strict is still refused and listed', async () => {
    h.csms.services.settings.update({ validationMode: 'lenient' });
    try {
      await put('STRICT-X', { registrationStatus: 'Accepted', validationMode: 'strict' });
      const station = await RawClient.connect(h.url('STRICT-X'));
      station.send(`[2,"x-1","StatusNotification",${sloppyStatus}]`);
      assert.equal((await station.reply('x-1'))[0], 4);
      await eventually(
        async () => (await formatRefusals()).some((r) => r.chargePointId === 'STRICT-X' && r.validationMode === 'strict'),
        5000,
        'listed',
      );
      await station.close();
    } finally {
      h.csms.services.settings.update({ validationMode: 'strict' });
    }
  });
});
