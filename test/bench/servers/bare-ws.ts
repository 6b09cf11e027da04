/**
 * (b) The practical limit of the machine: a bare `ws` server that parses each frame and sends a fixed valid reply.
 * Same HTTP server defaults, permessage-deflate off and subprotocol selection as the central system; no validation,
 * no storage, no per-connection state.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FIXED_REPLY_TEXT } from './fixed-replies.js';
import { serveServerChild } from './runtime.js';
import { messageText } from '../../support/ws-text.js';

const http = createServer((_req, res) => res.writeHead(426).end());
const wss = new WebSocketServer({
  server: http,
  perMessageDeflate: false,
  clientTracking: true,
  handleProtocols: (protocols) => (protocols.has('ocpp1.6') ? 'ocpp1.6' : false),
});

wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    let frame: unknown;
    try {
      frame = JSON.parse(messageText(data));
    } catch {
      return;
    }
    if (!Array.isArray(frame) || frame[0] !== 2) return;
    const reply = FIXED_REPLY_TEXT[frame[2] as string];
    const id = JSON.stringify(frame[1]);
    ws.send(reply ? `[3,${id},${reply}]` : `[4,${id},"NotImplemented","",{}]`);
  });
  ws.on('error', () => {});
});

http.listen(0, '127.0.0.1', () => {
  serveServerChild({ port: (http.address() as AddressInfo).port, connections: () => wss.clients.size });
});
