/**
 * (c) A minimal central system on the `ocpp-rpc` library in strict mode: every inbound CALL and every reply is
 * validated against the OCPP 1.6 schemas (ajv), nothing is stored. Accepts any identity offering ocpp1.6.
 */
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';
import { FIXED_REPLIES } from './fixed-replies.js';
import { serveServerChild } from './runtime.js';

const server = new RPCServer({
  protocols: ['ocpp1.6'],
  strictMode: true,
  // The central system's shipped ping interval (pingIntervalSec 60), so both keep one ping timer per connection.
  pingIntervalMs: 60_000,
  wssOptions: { perMessageDeflate: false },
});
server.auth((accept) => accept());

/** What this server uses of a connected client: RPCServer is a plain EventEmitter, so its 'client' event is untyped. */
interface ServerClient {
  once(event: 'close', listener: () => void): unknown;
  handle(method: string, handler: () => unknown): void;
}

let connected = 0;
let transactionSeq = 0;
server.on('client', (client: ServerClient) => {
  connected++;
  client.once('close', () => connected--);
  client.handle('BootNotification', () => ({ ...FIXED_REPLIES.BootNotification, currentTime: new Date().toISOString() }));
  client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
  client.handle('StatusNotification', () => ({}));
  client.handle('MeterValues', () => ({}));
  client.handle('Authorize', () => FIXED_REPLIES.Authorize);
  client.handle('StartTransaction', () => ({ transactionId: ++transactionSeq, idTagInfo: { status: 'Accepted' } }));
  client.handle('StopTransaction', () => FIXED_REPLIES.StopTransaction);
});

const http = await server.listen(0, '127.0.0.1');
serveServerChild({ port: (http.address() as AddressInfo).port, connections: () => connected });
