/**
 * What a connection keeps of its handshake (main/csms/server/handshake-facts.ts): the URL the station used comes
 * back exactly, whether or not it wrote its identity as encodeURIComponent would, and with or without a Host header.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { handshakeFactsOf, stationUrlOf } from '../../main/csms/server/handshake-facts.js';

const request = (url: string, host?: string) =>
  ({ url, headers: host === undefined ? {} : { host }, socket: { localAddress: '10.0.0.2', localPort: 8180 } }) as unknown as IncomingMessage;

test('the URL the station asked for is rebuilt as it sent it, without TLS facts on plain ws', () => {
  const facts = handshakeFactsOf(request('/ocpp/CP%201', '192.168.1.10:8180'), 'CP 1');
  assert.equal(facts.pathPrefix, '/ocpp/');
  assert.equal(facts.pathTail, null, 'the usual encoding of the identity is not stored again');
  assert.equal(stationUrlOf(facts, 'CP 1'), 'ws://192.168.1.10:8180/ocpp/CP%201');
  assert.equal(facts.tls, null);
  assert.equal(facts.hostSent, true);
});

test('an identity written otherwise, or a query, is kept as written', () => {
  const lower = handshakeFactsOf(request('/csms/ocpp/CP%2d1', 'csms.example:80'), 'CP-1');
  assert.equal(stationUrlOf(lower, 'CP-1'), 'ws://csms.example:80/csms/ocpp/CP%2d1');
  const query = handshakeFactsOf(request('/ocpp/CP-1?site=north', 'csms.example'), 'CP-1');
  assert.equal(stationUrlOf(query, 'CP-1'), 'ws://csms.example/ocpp/CP-1?site=north');
});

test('without a Host header the address it reached stands in, and says so', () => {
  const facts = handshakeFactsOf(request('/ocpp/CP-2'), 'CP-2');
  assert.equal(facts.hostSent, false);
  assert.equal(stationUrlOf(facts, 'CP-2'), 'ws://10.0.0.2:8180/ocpp/CP-2');
});
