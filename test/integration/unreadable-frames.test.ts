import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startLimitedCsms, type LimitedCsms } from '../fuzz/server.js';
import { eventually, RawClient } from '../support/csms-harness.js';
import { messageText } from '../support/ws-text.js';

/**
 * A frame whose message id cannot be read (not JSON, not an array, a CALL without a string id) is answered with a
 * FormationViolation CALLERROR on message id "-1" (the convention OCPP-J 2.0.1 §4.2.3 later wrote down), and counts
 * against the bad-message budget. Broken CALLRESULTs and CALLERRORs are still never answered.
 */
describe('frames without a readable message id', () => {
  let h: LimitedCsms;
  before(async () => {
    h = await startLimitedCsms({ limits: { badMessageBudget: 10, badMessageWindowMs: 60_000 } });
    for (const id of ['UNREAD-1', 'UNREAD-2']) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  });
  after(() => h.close());

  const repliesOnMinusOne = (client: RawClient) => client.frames.filter((f) => Array.isArray(f) && f[1] === '-1') as unknown[][];

  test('not JSON, a JSON object and a CALL with a numeric id are each answered with FormationViolation on "-1", and logged', async () => {
    const client = await RawClient.connect(h.url('UNREAD-1'));
    const unreadable = ['this is not json', '{"messageTypeId":2,"action":"Heartbeat"}', '[2,42,"Heartbeat",{}]'];
    for (const frame of unreadable) client.send(frame);
    await eventually(() => repliesOnMinusOne(client).length === unreadable.length, 5000, 'three answers on "-1"');
    for (const reply of repliesOnMinusOne(client)) {
      assert.equal(reply.length, 5);
      assert.deepEqual(reply.slice(0, 3), [4, '-1', 'FormationViolation']);
      assert.equal(typeof reply[3], 'string');
      assert.deepEqual(reply[4], {});
    }
    // Broken answers are still never answered: errors answer CALLs only.
    for (const frame of ['[3,"r-1"', '[4,"r-2",', '[3,7,{}]']) client.send(frame);
    assert.equal((await client.call('after', 'Heartbeat', {}))[0], 3, 'the connection stays usable within the budget');
    assert.equal(repliesOnMinusOne(client).length, unreadable.length, 'no answer to broken CALLRESULT/CALLERROR frames');

    await eventually(
      () =>
        h.csms.repos.messageLog.query({ chargePointId: 'UNREAD-1', direction: 'out', errorsOnly: true }).filter((r) => r.message_id === '-1')
          .length === unreadable.length,
      5000,
      'answers logged',
    );
    const incoming = h.csms.repos.messageLog.query({ chargePointId: 'UNREAD-1', direction: 'in', errorsOnly: true });
    assert.ok(
      unreadable.every((frame) => incoming.some((r) => r.frame === frame && r.error_code === 'FormationViolation')),
      'each unreadable frame is in the log as received',
    );
    await client.close();
  });

  test('unreadable frames count against the bad-message budget: past it the connection is closed with 1008', async () => {
    const ws = new WebSocket(h.url('UNREAD-2'), ['ocpp1.6']);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const answers: unknown[] = [];
    ws.on('message', (data) => answers.push(JSON.parse(messageText(data))));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < 14; i++) ws.send(`garbage ${i}`);
    assert.equal(await closed, 1008);
    assert.ok(
      answers.length >= 10 && answers.every((a) => Array.isArray(a) && a[1] === '-1' && a[2] === 'FormationViolation'),
      JSON.stringify(answers),
    );
    await eventually(
      () =>
        h.csms.repos.connectionEvents.eventsFor('UNREAD-2', 10).some((e) => e.event === 'disconnected' && /^bad-message-budget/.test(e.reason ?? '')),
      5000,
      'disconnect recorded with its reason',
    );
  });
});
