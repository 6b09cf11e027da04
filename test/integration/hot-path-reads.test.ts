/**
 * Each CALL is decided from memory (docs/architecture.md, "Hot state in memory"): what a station sends through a
 * whole charging session, and what ends a reservation, makes the central system read nothing back from SQLite but
 * the check a new transaction needs for a repeated start. Every read the write connection runs while the dispatcher
 * decides a CALL (validation, handler, reply) is counted by its SQL, through a real server and a station on a real
 * socket. A new read on this path shows here first: it would hold up every answer once the writes leave the thread.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallDispatcher } from '../../main/csms/rpc/call-dispatcher.js';
import { RawClient, startCsms, type Harness } from '../support/csms-harness.js';
import { watchStatementReads } from '../support/statement-reads.js';

/** The reads a new transaction makes (handlers/start-transaction.ts). */
const START_READS = [
  // A repeated StartTransaction is answered with the transaction it made (OCPP 1.6 §4.8), whether open or not.
  /^SELECT \* FROM transactions WHERE charge_point_id = \? AND connector_id = \? AND id_tag = \?/,
];

type Counted = { action: string; sql: string };
const reads: Counted[] = [];
let deciding: string | undefined;
const restore: Array<() => void> = [];

function countReads(): void {
  restore.push(
    watchStatementReads((sql) => {
      if (deciding !== undefined) reads.push({ action: deciding, sql });
    }),
  );
  const dispatcherProto = CallDispatcher.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const process = dispatcherProto.process!;
  dispatcherProto.process = function (this: unknown, ...args: unknown[]) {
    deciding = (args[1] as { action: string }).action;
    try {
      return process.apply(this, args);
    } finally {
      deciding = undefined;
    }
  };
  restore.push(() => (dispatcherProto.process = process));
}

let h: Harness;
let client: RawClient;
let messages = 0;

before(async () => {
  h = await startCsms({ overrides: { registrationPolicy: 'accept' } });
  const now = new Date().toISOString();
  await h.csms.groupCommit.run(() => h.csms.repos.idTags.upsert({ idTag: 'DRIVER', status: 'Accepted' }, now));
  client = await RawClient.connect(h.url('READS-1'));
  countReads();
});

after(async () => {
  for (const undo of restore) undo();
  client?.ws.close();
  await h?.close();
});

async function call(action: string, payload: object): Promise<Record<string, unknown>> {
  const id = `r${++messages}`;
  client.send(JSON.stringify([2, id, action, payload]));
  const reply = await client.reply(id);
  assert.equal(reply[0], 3, `${action} answered with ${JSON.stringify(reply)}`);
  return reply[2] as Record<string, unknown>;
}

const status = (connectorId: number, value: string) =>
  call('StatusNotification', { connectorId, status: value, errorCode: 'NoError', timestamp: new Date().toISOString() });

/** What a station sends through one session, with a reservation on its other connector ended by a fault. */
async function aSessionAndAFault(reservationId: number, chargePointId = 'READS-1'): Promise<void> {
  const now = new Date().toISOString();
  const expiryDate = new Date(Date.now() + 3_600_000).toISOString();
  await h.csms.groupCommit.run(() => {
    h.csms.repos.reservationBook.request({
      id: reservationId,
      chargePointId,
      connectorId: 2,
      idTag: 'DRIVER',
      parentIdTag: null,
      expiryDate,
      now,
    });
    h.csms.repos.reservationBook.setStatus(reservationId, 'Active', now);
  });
  await call('BootNotification', { chargePointVendor: 'Vendor', chargePointModel: 'Model' });
  await status(1, 'Available');
  await status(2, 'Available');
  await call('Heartbeat', {});
  assert.deepEqual((await call('Authorize', { idTag: 'DRIVER' })).idTagInfo, { status: 'Accepted' });
  await status(1, 'Preparing');
  const start = await call('StartTransaction', { connectorId: 1, idTag: 'DRIVER', meterStart: 0, timestamp: new Date().toISOString() });
  const transactionId = start.transactionId as number;
  await status(1, 'Charging');
  for (let i = 1; i <= 6; i++) {
    await call('MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [
            { value: String(i * 1000), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: '7.2', measurand: 'Power.Active.Import', unit: 'kW' },
          ],
        },
      ],
    });
  }
  await status(2, 'Faulted');
  await call('StopTransaction', { transactionId, meterStop: 6000, timestamp: new Date().toISOString(), idTag: 'DRIVER' });
  await status(1, 'Finishing');
  await status(1, 'Available');
  await status(0, 'Unavailable');
  await call('DataTransfer', { vendorId: 'Vendor', messageId: 'Hello' });
  assert.equal(h.csms.repos.reservations.get(reservationId)?.status, 'Ended', 'the fault ended the reservation on its connector');
}

test('a session, a fault that ends a reservation, and the station’s other reports read nothing back but a new transaction’s rows', async () => {
  // The first session loads what memory holds (each kind of state at its first use); the second is the steady state.
  deciding = undefined;
  await aSessionAndAFault(1);
  reads.length = 0;
  await aSessionAndAFault(2);

  const byAction = new Map<string, string[]>();
  for (const { action, sql } of reads) byAction.set(action, [...(byAction.get(action) ?? []), sql]);
  const start = byAction.get('StartTransaction') ?? [];
  const meter = byAction.get('MeterValues') ?? [];
  byAction.delete('StartTransaction');
  byAction.delete('MeterValues');

  assert.deepEqual(Object.fromEntries(byAction), {}, 'no other CALL reads SQLite');
  for (const sql of start)
    assert.ok(
      START_READS.some((allowed) => allowed.test(sql)),
      `StartTransaction read: ${sql}`,
    );
  assert.ok(start.length <= START_READS.length, `StartTransaction read ${start.length} times: ${start.join(' | ')}`);
  // The session started in this process: it is known to have no reading yet (meter-values.ts `startedWithoutReadings`).
  assert.deepEqual(meter, [], 'the MeterValues of a session started here read nothing');
  // The counting itself works: the new transaction's duplicate check was seen.
  assert.ok(start.length >= 1, 'the StartTransaction reads were counted');
});

test('a station new to the process reads no state of its own at its first session: what memory holds was loaded for all', async () => {
  // READS-1's sessions loaded every kind of state; a station that connects after that finds its own in it.
  const first = client;
  client = await RawClient.connect(h.url('READS-2'));
  try {
    reads.length = 0;
    await aSessionAndAFault(3, 'READS-2');
  } finally {
    client.ws.close();
    client = first;
  }
  const other = reads.filter(({ action, sql }) => !(action === 'StartTransaction' && START_READS.some((allowed) => allowed.test(sql))));
  assert.deepEqual(other, [], 'a station’s first session reads only what a new transaction needs');
  assert.ok(reads.length >= 1, 'the StartTransaction reads were counted');
});
