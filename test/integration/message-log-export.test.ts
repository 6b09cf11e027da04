/**
 * The NDJSON message-log export over a log far larger than the socket buffer: the route waits for 'drain' once per
 * page, and those waits must not leave listeners behind on the response (Node warns past ten per event name). The
 * real route runs on a real HTTP server so the test can hold the server-side response and count its listeners.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createApiRouter } from '../../main/api/server.js';
import { createApiContext } from '../../main/api/context.js';
import { SseHub } from '../../main/api/sse.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

const ROWS = 40_000;
/** Listener counts allowed on the response: what Node's own http code attaches, plus the export's one wait. */
const LISTENER_CEILING = 6;

let h: Harness;
before(async () => {
  h = await startCsms();
  const insertAll = h.csms.db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const messageId = `m-${i}`;
      h.csms.repos.messageLog.insert({
        at: new Date(Date.UTC(2026, 0, 1) + i * 1000),
        chargePointId: `EXPORT-${i % 7}`,
        action: 'MeterValues',
        outbound: i % 2 === 1,
        first: {
          messageType: 2,
          errorCode: null,
          frame: JSON.stringify([
            2,
            messageId,
            'MeterValues',
            {
              connectorId: 1,
              transactionId: i,
              meterValue: [
                { timestamp: '2026-01-01T00:00:00.000Z', sampledValue: [{ value: String(i), measurand: 'Energy.Active.Import.Register' }] },
              ],
            },
          ]),
        },
      });
    }
  });
  insertAll();
});
after(() => h.close());

test('a large NDJSON export keeps the listener count bounded and emits no MaxListenersExceededWarning', { timeout: 120_000 }, async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);

  const router = createApiRouter();
  const ctx = createApiContext({
    csms: h.csms,
    operations: createOperatorOperations(h.csms),
    sse: new SseHub(h.csms.events),
    token: 'unused',
  });
  let response: ServerResponse | undefined;
  let peak = { drain: 0, close: 0, error: 0 };
  let waits = 0;
  // A failure inside the handler would otherwise be an unhandled rejection: keep it and fail the test with it.
  let handlerFailure: unknown;
  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      handlerFailure = err;
      res.destroy();
    });
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    response = res;
    // Count at every write that fills the buffer: that is when the route starts a wait.
    const write = res.write.bind(res) as (chunk: string) => boolean;
    res.write = ((chunk: string) => {
      const accepted = write(chunk);
      if (!accepted) {
        waits++;
        // The route attaches its listeners right after this returns.
        queueMicrotask(() => {
          peak = {
            drain: Math.max(peak.drain, res.listenerCount('drain')),
            close: Math.max(peak.close, res.listenerCount('close')),
            error: Math.max(peak.error, res.listenerCount('error')),
          };
        });
      }
      return accepted;
    }) as typeof res.write;
    const url = new URL(req.url!, 'http://localhost');
    const match = router.match('GET', url.pathname);
    assert.equal(match.kind, 'found');
    if (match.kind === 'found') await match.handler({ req, res, params: match.params, query: url.searchParams, ctx });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/message-log.ndjson`);
    assert.equal(res.status, 200);
    // A slow reader: the server has to wait for the socket again and again.
    let lines = 0;
    let rest = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true });
      const parts = rest.split('\n');
      rest = parts.pop()!;
      lines += parts.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(handlerFailure, undefined);
    assert.equal(rest, '');
    assert.equal(lines, ROWS, 'every row is exported once');

    assert.ok(waits >= 10, `the export waited for drain often enough to show a leak (${waits} waits)`);
    assert.ok(peak.drain <= LISTENER_CEILING, `drain listeners stay bounded (peak ${peak.drain})`);
    assert.ok(peak.close <= LISTENER_CEILING, `close listeners stay bounded (peak ${peak.close})`);
    assert.ok(peak.error <= LISTENER_CEILING, `error listeners stay bounded (peak ${peak.error})`);
    // After the export, nothing of the waits is left on the response.
    assert.ok(response!.listenerCount('drain') <= 1, `no drain listener left (${response!.listenerCount('drain')})`);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    const leaks = warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
    assert.deepEqual(
      leaks.map((w) => w.message),
      [],
    );
  } finally {
    process.off('warning', onWarning);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
