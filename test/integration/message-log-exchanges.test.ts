/**
 * The message log keeps one row per exchange (migration 0011, README "Bytes stored"): a station's CALL and our
 * answer, our CALL and the station's answer. Frames that belong to no exchange keep a row of their own. The API
 * still shows one entry per frame, byte for byte as the frame crossed the wire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallFailure } from '../../main/csms/rpc/errors.js';
import { parseFrame } from '../../shared/ocpp/rpc-frames.js';
import { NO_ANSWER } from '../../main/csms/storage/repositories/message-log.js';
import { RawClient, eventually, startCsms, type Harness } from '../support/csms-harness.js';

let h: Harness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 300, pingIntervalSec: 0 } });
  for (const id of ['EX-IN', 'EX-RAW', 'EX-OUT', 'EX-LATE', 'EX-MV', 'EX-PACK'])
    await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
});
after(() => h.close());

interface StoredRow {
  id: number;
  outbound: number;
  message_type: number | null;
  answer_type: number | null;
  answer_offset: number | null;
  dictionary: number;
}

function rowsOf(station: string): StoredRow[] {
  return h.csms.db
    .prepare<[string], StoredRow>(
      `SELECT id, outbound, message_type, answer_type, answer_offset, dictionary FROM message_log
       WHERE station = (SELECT id FROM message_log_names WHERE name = ?) ORDER BY id`,
    )
    .all(station);
}

/** Our next CALL as the raw client received it. */
async function nextCall(client: RawClient, action: string): Promise<unknown[]> {
  await eventually(() => client.frames.some((f) => Array.isArray(f) && f[0] === 2 && f[2] === action));
  return client.frames.find((f) => Array.isArray(f) && f[0] === 2 && f[2] === action) as unknown[];
}

describe('one row per exchange', () => {
  test("a station's CALL and our reply: one row, two entries, frames byte for byte (non-ASCII, odd whitespace)", async () => {
    const client = await RawClient.connect(h.url('EX-IN'));
    try {
      const sent = '[2 ,  "dt-1",\n\t"DataTransfer" , {"vendorId":"com.example.ünïcode","data":"Grüße — 日本語 🚗 \\u00e9 \\"quoted\\"  "}  ]  ';
      client.send(sent);
      const answer = await client.reply('dt-1');
      const rows = rowsOf('EX-IN');
      assert.equal(rows.length, 1, 'the CALL and its answer share a row');
      assert.equal(rows[0]!.outbound, 0);
      assert.equal(rows[0]!.message_type, 2);
      assert.equal(rows[0]!.answer_type, 3);
      assert.equal(rows[0]!.dictionary, 1, 'stored compressed with dictionary 1');

      const page = h.csms.services.messageLog.query({ chargePointId: 'EX-IN' });
      assert.equal(page.length, 2);
      const [reply, call] = page;
      assert.equal(call!.id, rows[0]!.id * 2);
      assert.equal(reply!.id, rows[0]!.id * 2 + 1);
      assert.equal(call!.frame, sent, 'the CALL exactly as received');
      assert.deepEqual(JSON.parse(reply!.frame), answer, 'our reply as sent');
      assert.deepEqual([call!.direction, call!.message_type, call!.message_id, call!.action], ['in', 2, 'dt-1', 'DataTransfer']);
      assert.deepEqual([reply!.direction, reply!.message_type, reply!.message_id, reply!.action], ['out', 3, 'dt-1', 'DataTransfer']);
      assert.equal(call!.at, reply!.at, 'both written in the same unit');
      // Each frame is found by its own id, and text search looks into the compressed frames.
      assert.equal(h.csms.services.messageLog.get(call!.id)!.frame, sent);
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-IN', text: 'GRÜSSE' }).map((e) => e.id),
        [],
        'only ASCII letters are folded, like SQL LIKE',
      );
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-IN', text: '日本語 🚗' }).map((e) => e.id),
        [call!.id],
      );
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-IN', direction: 'out' }).map((e) => e.id),
        [reply!.id],
      );
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-IN', beforeId: reply!.id }).map((e) => e.id),
        [call!.id],
      );
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-IN', afterId: call!.id }).map((e) => e.id),
        [reply!.id],
      );
    } finally {
      await client.close();
    }
  });

  test('frames outside an exchange keep rows of their own: an unmatched answer, an unreadable frame and our CALLERROR', async () => {
    const client = await RawClient.connect(h.url('EX-RAW'));
    try {
      client.send('[3,"nobody-asked",{"x":1}]');
      client.send('[2,"broken", "Heartbeat", {');
      await client.reply('broken');
      await eventually(() => rowsOf('EX-RAW').length === 3);
      const rows = rowsOf('EX-RAW');
      assert.deepEqual(
        rows.map((r) => [r.outbound, r.message_type, r.answer_offset]),
        [
          [0, 3, null],
          [0, null, null],
          [1, 4, null],
        ],
      );
      const entries = h.csms.services.messageLog.query({ chargePointId: 'EX-RAW', afterId: 0 });
      assert.deepEqual(
        entries.map((e) => [e.id, e.direction, e.message_type, e.action, e.frame.slice(0, 12)]),
        [
          [rows[0]!.id * 2, 'in', 3, null, '[3,"nobody-a'],
          [rows[1]!.id * 2, 'in', null, null, '[2,"broken",'],
          [rows[2]!.id * 2, 'out', 4, null, '[4,"broken",'],
        ],
      );
      assert.equal(entries[1]!.frame, '[2,"broken", "Heartbeat", {');
    } finally {
      await client.close();
    }
  });
});

describe('a meter reading is not stored twice', () => {
  test("a MeterValues CALL is stored against its reading's sampled values and reads back byte for byte", async () => {
    const client = await RawClient.connect(h.url('EX-MV'));
    try {
      const sampledValue = [
        { value: '1234.5', context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
        { value: '7123', measurand: 'Power.Active.Import', unit: 'W', location: 'Outlet' },
        { value: '10.2', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
      ];
      const sent = `[2,"mv-1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2026-01-15T07:31:00Z","sampledValue":${JSON.stringify(sampledValue)}}]}]`;
      client.send(sent);
      assert.equal((await client.reply('mv-1'))[0], 3);
      const stored = h.csms.db
        .prepare<[], { dictionary: number; reading_id: number | null; frames: Buffer }>(
          `SELECT dictionary, reading_id, frames FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = 'EX-MV')`,
        )
        .get()!;
      assert.equal(stored.dictionary, 2);
      assert.ok(stored.reading_id !== null);
      assert.ok(stored.frames.length < 60, `${stored.frames.length} bytes: the sampled values come from the reading`);
      const [, call] = h.csms.services.messageLog.query({ chargePointId: 'EX-MV' });
      assert.equal(call!.frame, sent);
      assert.deepEqual(
        h.csms.services.messageLog.query({ chargePointId: 'EX-MV', text: 'power.active' }).map((e) => e.id),
        [call!.id],
      );
      // Were the reading ever deleted, the frame says so rather than failing the page.
      h.csms.db.prepare('DELETE FROM meter_readings WHERE id = ?').run(stored.reading_id);
      assert.match(h.csms.services.messageLog.get(call!.id)!.frame, /not available: stored against meter reading \d+, which was deleted/);
    } finally {
      await client.close();
    }
  });
});

describe('rows packed in the pack worker', () => {
  test('a burst of CALLs: rows and readings are packed beside the answering thread, stored before the reply, byte for byte', async () => {
    assert.equal(await h.csms.packerReady, true, 'the pack worker started (a database file)');
    const client = await RawClient.connect(h.url('EX-PACK'));
    try {
      const workerBefore = h.csms.packerStats.worker;
      const sent: string[] = [];
      for (let i = 0; i < 60; i++) {
        const timestamp = new Date(Date.UTC(2026, 0, 15, 8, i)).toISOString();
        sent.push(
          i % 2 === 0
            ? `[2,"pk-${i}","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"${timestamp}","sampledValue":[{"value":"${1000 + i}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]`
            : `[2,"pk-${i}","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"${i % 4 === 1 ? 'Charging' : 'SuspendedEV'}","timestamp":"${timestamp}"}]`,
        );
      }
      // All in one write: the CALLs arrive in the same turns, so their rows go to the worker together.
      for (const frame of sent) client.send(frame);
      for (let i = 0; i < sent.length; i++) {
        const reply = await client.reply(`pk-${i}`);
        assert.equal(reply[0], 3, `pk-${i} answered`);
        // A reply leaves only once its row is committed: read on another connection, which sees only committed rows.
        const committed = JSON.parse(
          new TextDecoder().decode(await h.csms.services.messageLog.pageJson({ chargePointId: 'EX-PACK', text: `"pk-${i}"` })),
        ) as { items: unknown[] };
        assert.equal(committed.items.length, 2, `pk-${i}: its CALL and our reply are stored before the reply left`);
      }
      assert.equal(h.csms.packerStats.worker - workerBefore, 60, `${h.csms.packerStats.worker - workerBefore} rows packed in the worker`);
      const calls = h.csms.services.messageLog.query({ chargePointId: 'EX-PACK', afterId: 0, limit: 500 }).filter((e) => e.direction === 'in');
      assert.deepEqual(
        calls.map((e) => e.frame),
        sent,
      );
      // The readings the MeterValues stored, packed in the worker too, read back as sent.
      const values = h.csms.db
        .prepare<[], { value: string }>(`SELECT value FROM meter_values WHERE charge_point_id = 'EX-PACK' ORDER BY id`)
        .all()
        .map((r) => Number(r.value));
      assert.deepEqual(
        values,
        sent.flatMap((_, i) => (i % 2 === 0 ? [1000 + i] : [])),
      );
      const dictionaries = rowsOf('EX-PACK').map((r) => r.dictionary);
      assert.deepEqual([...new Set(dictionaries)].sort(), [1, 2], 'MeterValues against their reading, the others against dictionary 1');
    } finally {
      await client.close();
    }
  });
});

describe('rows in the order the frames crossed the wire', () => {
  test("our CALL sent while a station's CALL is being packed gets the later row", async () => {
    const log = h.csms.services.messageLog;
    const heartbeat = '[2,"ord-1","Heartbeat",{}]';
    const ours = '[2,"ord-2","GetConfiguration",{}]';
    // The station's CALL goes to the packer; our CALL, which needs no packing, is logged in the same turn after it.
    const pending = log.exchange(
      'EX-ORDER',
      { messageId: 'ord-1', action: 'Heartbeat', payload: {}, text: heartbeat },
      null,
      { text: '[3,"ord-1",{"currentTime":"2026-01-15T08:00:00Z"}]', errorCode: null },
      new Date(),
      [],
    );
    log.frame('EX-ORDER', { direction: 'out', text: ours, parsed: parseFrame(ours), action: 'GetConfiguration', exchange: {} });
    await pending.stored;
    await eventually(() => rowsOf('EX-ORDER').length === 2);
    const entries = log.query({ chargePointId: 'EX-ORDER', afterId: 0 });
    assert.deepEqual(
      entries.map((e) => e.frame),
      [heartbeat, '[3,"ord-1",{"currentTime":"2026-01-15T08:00:00Z"}]', ours],
      'the Heartbeat and its answer, then our CALL',
    );
  });
});

describe("our CALL and the station's answer", () => {
  test('written when sent, completed when the answer comes', async () => {
    const client = await RawClient.connect(h.url('EX-OUT'));
    try {
      const result = h.csms.call('EX-OUT', 'ClearCache', {});
      const call = await nextCall(client, 'ClearCache');
      const waiting = rowsOf('EX-OUT');
      assert.equal(waiting.length, 1, 'the CALL is in the log before any answer');
      assert.deepEqual([waiting[0]!.outbound, waiting[0]!.answer_type, waiting[0]!.answer_offset], [1, null, null]);
      client.send(JSON.stringify([3, call[1], { status: 'Accepted' }]));
      assert.deepEqual((await result).payload, { status: 'Accepted' });
      await eventually(() => rowsOf('EX-OUT')[0]!.answer_type === 3);
      assert.equal(rowsOf('EX-OUT').length, 1);
      const entries = h.csms.services.messageLog.query({ chargePointId: 'EX-OUT', afterId: 0 });
      assert.deepEqual(
        entries.map((e) => [e.id, e.direction, e.message_type, e.action, e.message_id]),
        [
          [waiting[0]!.id * 2, 'out', 2, 'ClearCache', call[1]],
          [waiting[0]!.id * 2 + 1, 'in', 3, 'ClearCache', call[1]],
        ],
      );
      assert.deepEqual(JSON.parse(entries[0]!.frame), call);
      assert.equal(entries[1]!.frame, JSON.stringify([3, call[1], { status: 'Accepted' }]));
    } finally {
      await client.close();
    }
  });

  test('no answer in time: the row says so, and a late answer gets a row of its own', async () => {
    const client = await RawClient.connect(h.url('EX-LATE'));
    try {
      const result = h.csms.call('EX-LATE', 'ClearCache', {});
      const call = await nextCall(client, 'ClearCache');
      await assert.rejects(result, (err: unknown) => err instanceof CallFailure && err.code === 'CSMS_ERR_CALL_TIMEOUT');
      await eventually(() => rowsOf('EX-LATE')[0]?.answer_type === NO_ANSWER);
      client.send(JSON.stringify([3, call[1], { status: 'Accepted' }]));
      await eventually(() => rowsOf('EX-LATE').length === 2);
      const [timedOut, late] = rowsOf('EX-LATE');
      assert.equal(timedOut!.answer_offset, null);
      assert.deepEqual([late!.outbound, late!.message_type], [0, 3]);
      const entries = h.csms.services.messageLog.query({ chargePointId: 'EX-LATE', afterId: 0 });
      assert.deepEqual(
        entries.map((e) => [e.direction, e.message_type, e.action]),
        [
          ['out', 2, 'ClearCache'],
          ['in', 3, null],
        ],
      );
    } finally {
      await client.close();
    }
  });
});
