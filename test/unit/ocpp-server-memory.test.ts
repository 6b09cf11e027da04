/**
 * What a connected station costs in memory (README "Performance", idle RSS per station): the HTTP upgrade request
 * (its headers and their strings) is needed only while the handshake is checked, so nothing may keep it alive for
 * the connection's life.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { VerifiedPasswordCache } from '../../main/csms/domain/passwords.js';
import { OcppServer } from '../../main/csms/server/ocpp-server.js';
import type { ChargePointRow } from '../../main/csms/storage/repositories/charge-points.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A station record that needs no password, for every identity. */
const openStation = (id: string) => ({ id, registration_status: 'Accepted', security_profile: 0, auth_secrets: '[]' }) as ChargePointRow;

describe('OCPP server: memory per connection', () => {
  let server: OcppServer;
  let port = 0;
  const requests: WeakRef<IncomingMessage>[] = [];
  const accepted: WebSocket[] = [];

  before(async () => {
    server = new OcppServer({
      host: '127.0.0.1',
      port: 0,
      maxPayloadBytes: 65_536,
      handshake: {
        findChargePoint: openStation,
        admitUnknown: openStation,
        registrationPolicy: () => 'accept',
        passwordCache: new VerifiedPasswordCache(),
      },
      onRefused: () => {},
      onConnection: (socket, _identity, request) => {
        // Only weakly: the test must not be what keeps the request alive.
        requests.push(new WeakRef(request));
        accepted.push(socket);
      },
    });
    port = (await server.listen()).port;
  });
  after(() => server.close());

  test('a connected station does not keep its upgrade request in memory', async () => {
    const clients = await Promise.all(
      ['MEM-1', 'MEM-2', 'MEM-3'].map(
        (id) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${id}`, ['ocpp1.6']);
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
    assert.equal(requests.length, 3);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    // Still connected on both ends, and the requests are gone.
    assert.ok(accepted.every((socket) => socket.readyState === WebSocket.OPEN));
    assert.deepEqual(
      requests.map((ref) => ref.deref() === undefined),
      [true, true, true],
    );
    for (const ws of clients) ws.close();
  });
});
