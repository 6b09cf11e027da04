import { createApiClient, type ApiClient } from '../../shared/api/index.js';
import type { ApiEvent } from '../../shared/api/events.js';
import { startApiServer, type ApiServer } from '../../main/api/index.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import type { CommissioningWaits } from '../../main/csms/commissioning/check-context.js';
import type { FileServices } from '../../main/csms/files/index.js';
import type { Harness } from './csms-harness.js';

export interface ApiHarness {
  api: ApiServer;
  client: ApiClient;
  /** http://127.0.0.1:<port> */
  base: string;
  token: string;
  /** A raw request with the token (override headers to test auth). */
  fetch(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
}

/** The operator API over a harness central system, on a free port, with a known token. */
export async function startApi(
  h: Harness,
  options: { sse?: { heartbeatMs?: number; batchMs?: number }; files?: FileServices; commissioningWaits?: Partial<CommissioningWaits> } = {},
): Promise<ApiHarness> {
  const token = 'test-token-0123456789abcdefghijklmnopqrstuv';
  const operations = createOperatorOperations(h.csms, options.files ? { fileUrls: options.files.urls } : {});
  const api = await startApiServer({
    csms: h.csms,
    operations,
    files: options.files,
    host: '127.0.0.1',
    port: 0,
    token,
    sse: options.sse,
    ...(options.commissioningWaits ? { commissioningWaits: options.commissioningWaits } : {}),
  });
  const base = api.url;
  return {
    api,
    base,
    token,
    client: createApiClient({ baseUrl: base, token }),
    fetch: (path, init = {}) =>
      fetch(`${base}${path}`, { method: init.method ?? 'GET', body: init.body, headers: { authorization: `Bearer ${token}`, ...init.headers } }),
  };
}

/** An open SSE stream: collects the events of every batch. */
export interface EventStream {
  events: ApiEvent[];
  batches: ApiEvent[][];
  raw: string;
  waitFor(predicate: (event: ApiEvent) => boolean, timeoutMs?: number): Promise<ApiEvent>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200) throw Object.assign(new Error(`SSE HTTP ${response.status}`), { status: response.status });
  const stream: EventStream = {
    events: [],
    batches: [],
    raw: '',
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = stream.events.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(stream.events.map((e) => e.type))}`);
    },
    close: () => controller.abort(),
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        stream.raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (!data) continue;
          const batch = JSON.parse(data) as ApiEvent[];
          stream.batches.push(batch);
          stream.events.push(...batch);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return stream;
}
