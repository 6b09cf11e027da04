import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_EVENT_TYPES } from '../../shared/api/events.js';
import type { CsmsEvents } from '../csms/domain/events.js';
import { batchEvents } from './event-batcher.js';
import { ApiHttpError } from './http.js';

export interface SseOptions {
  /** Comment line sent when nothing else was (keeps proxies and idle timers from closing the stream). */
  heartbeatMs?: number;
  /** Events within this window go out as one message; identical events in it are sent once. */
  batchMs?: number;
}

/**
 * `GET /api/events`: Server-Sent Events of the central system's change events. Each message is a JSON array of
 * `{ type, data }` (a 100 ms batch); `?types=a,b` keeps only those types.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeatMs: number;
  private readonly batchMs: number;

  constructor(
    private readonly events: CsmsEvents,
    options: SseOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.batchMs = options.batchMs ?? 100;
  }

  get size(): number {
    return this.clients.size;
  }

  open(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const typesParam = query.get('types');
    let types: Set<string> | undefined;
    if (typesParam) {
      types = new Set(
        typesParam
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      );
      const unknown = [...types].filter((t) => !(API_EVENT_TYPES as readonly string[]).includes(t));
      if (unknown.length) throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `Unknown event types: ${unknown.join(', ')}`);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    res.write('retry: 2000\n: connected\n\n');

    let sequence = 0;
    let lastWrite = Date.now();
    const unsubscribe = batchEvents(
      this.events,
      (batch) => {
        res.write(`id: ${++sequence}\ndata: ${JSON.stringify(batch)}\n\n`);
        lastWrite = Date.now();
      },
      { batchMs: this.batchMs, types },
    );
    const heartbeat = setInterval(() => {
      if (Date.now() - lastWrite >= this.heartbeatMs - 5) {
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }
    }, this.heartbeatMs);
    heartbeat.unref();
    this.clients.add(res);
    const cleanup = () => {
      unsubscribe();
      clearInterval(heartbeat);
      this.clients.delete(res);
    };
    res.once('close', cleanup);
  }

  /** End every stream (shutdown, token rotation: clients reconnect with the new token). */
  closeAll(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
