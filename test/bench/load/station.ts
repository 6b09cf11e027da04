/**
 * One lean simulated station of the load generator: a `ws` client, one outstanding CALL at a time (OCPP-J §4.1.1),
 * and the state its traffic needs. No timers and no event emitter of its own; the fleet drives every station.
 */
import WebSocket from 'ws';
import { callFrame, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { BenchAction, StationTraffic } from './traffic.js';

export interface PendingCall {
  messageId: string;
  action: BenchAction;
  /** performance.now() when the frame was handed to the socket. */
  sentAt: number;
}

export class Station implements StationTraffic {
  ws: WebSocket | undefined;
  seq = 0;
  pending: PendingCall | undefined;
  /** Sends that came due while a CALL was outstanding: sent as soon as it is answered. */
  owed = 0;
  transactionId: number | undefined;
  meterWh = 1000;
  cyclePos = 0;
  /** performance.now() marks of the connection. */
  connectStartedAt = 0;
  openedAt = 0;
  acceptedAt = 0;
  state: 'new' | 'connecting' | 'open' | 'accepted' | 'refused' | 'failed' | 'closed' = 'new';

  constructor(
    readonly index: number,
    readonly identity: string,
    readonly idTag: string,
  ) {}

  /** Send a CALL frame; the message id is a per-connection counter (unique among this station's calls). */
  send(action: BenchAction, payload: object): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    const messageId = (++this.seq).toString(36);
    const frame = callFrame(messageId, action, payload as JsonObject);
    this.pending = { messageId, action, sentAt: performance.now() };
    ws.send(frame);
    return true;
  }
}
