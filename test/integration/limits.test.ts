import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startApiServer } from '../../main/api/index.js';
import { CliError, parseCli } from '../../main/csms/config/cli.js';
import { FileStore, startHttpFileServer } from '../../main/csms/files/index.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { resolveServerLimits } from '../../main/csms/server/limits.js';
import { KeyedTokenBucket, SlidingWindowBudget } from '../../main/csms/server/rate-limiter.js';
import { eventually } from '../support/csms-harness.js';
import { startLimitedCsms, type LimitedCsms } from '../fuzz/server.js';
import { messageText } from '../support/ws-text.js';

/**
 * The limits (README "Limits"): each limit is pushed past its edge and must hold: the connection or request is refused with the
 * documented code, the reason is recorded for the connection doctor, and the server keeps serving everyone else.
 */

interface Closed {
  code: number;
  reason: string;
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp1.6'], { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode, headers: res.headers }));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket, timeoutMs = 5000): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connection not closed')), timeoutMs);
    ws.once('close', (code, reason) => (clearTimeout(timer), resolve({ code, reason: reason.toString() })));
  });
}

function call(ws: WebSocket, id: string, action: string, payload: unknown): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${id}`)), 5000);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(messageText(data)) as unknown[];
      if (frame[1] !== id) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify([2, id, action, payload]));
  });
}

/** Write raw bytes to a TCP port and collect what comes back until the server closes (or `timeoutMs`). */
function rawHttp(port: number, text: string, timeoutMs = 5000): Promise<{ response: string; closed: boolean; elapsedMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    const done = (wasClosed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, closed: wasClosed, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('close', () => done(true));
    socket.on('error', () => {});
    socket.on('connect', () => socket.write(text));
  });
}

function events(h: LimitedCsms, id: string) {
  return h.csms.repos.connectionEvents.eventsFor(id, 50);
}

describe('limits: frame size, bad-message budget, backpressure', () => {
  let h: LimitedCsms;
  before(async () => {
    h = await startLimitedCsms({ limits: { maxFrameBytes: 4096, badMessageBudget: 5, badMessageWindowMs: 60_000, maxSendBufferBytes: 64 * 1024 } });
    for (const id of ['BIG-1', 'BAD-1', 'BAD-2', 'SLOW-1']) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  });
  after(() => h.close());

  test('a frame over maxFrameBytes closes the connection with 1009 (RFC 6455 §7.4.1); the server keeps serving', async () => {
    const ws = await open(h.url('BIG-1'));
    const result = closed(ws);
    ws.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'V', data: 'x'.repeat(5000) }]));
    assert.equal((await result).code, 1009);
    await eventually(() => events(h, 'BIG-1').some((e) => e.event === 'disconnected'), 3000, 'disconnect recorded');
    const again = await open(h.url('BIG-1'));
    const reply = await call(again, 'ok', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    again.close();
  });

  test('within the budget, invalid frames are answered or ignored and the connection stays', async () => {
    const ws = await open(h.url('BAD-1'));
    for (let i = 0; i < 5; i++) ws.send(`[2,"g${i}",`);
    const reply = await call(ws, 'still-ok', 'Heartbeat', {});
    assert.equal(reply[0], 3);
    ws.close();
  });

  test('over the bad-message budget the connection is closed with 1008 and the reason recorded', async () => {
    const ws = await open(h.url('BAD-2'));
    const result = closed(ws);
    for (let i = 0; i < 8; i++) ws.send(i % 2 ? 'not json' : '[9,"x"]');
    const { code } = await result;
    assert.equal(code, 1008);
    await eventually(() => events(h, 'BAD-2').some((e) => e.event === 'disconnected'), 3000, 'disconnect recorded');
    const row = events(h, 'BAD-2').find((e) => e.event === 'disconnected')!;
    assert.equal(row.code, 1008);
    assert.match(row.reason ?? '', /^bad-message-budget/);
  });
});

test('limits: a peer that never reads is dropped once maxSendBufferBytes are queued, not buffered without bound', async () => {
  const h = await startLimitedCsms({ limits: { maxSendBufferBytes: 256 * 1024 } });
  try {
    await h.csms.services.stations.upsert({ id: 'SLOW-1', registrationStatus: 'Accepted' });
    const ws = await open(h.url('SLOW-1'));
    const socket = (ws as unknown as { _socket: net.Socket })._socket;
    socket.pause(); // read nothing from now on
    // Each CALL gets a ~200 KB CALLERROR (the unknown field's name is echoed): valid frames, so no budget is spent.
    const field = 'f'.repeat(100_000);
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 200 && h.csms.connection('SLOW-1') !== undefined; i++) {
      ws.send(JSON.stringify([2, `s${i}`, 'Heartbeat', { [`${field}${i}`]: 1 }]));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => h.csms.connection('SLOW-1') === undefined, 15_000, 'slow reader dropped');
    await eventually(() => events(h, 'SLOW-1').some((e) => e.event === 'disconnected'), 3000, 'disconnect recorded');
    const row = events(h, 'SLOW-1').find((e) => e.event === 'disconnected')!;
    assert.equal(row.code, 1008);
    assert.match(row.reason ?? '', /^send-buffer-full/);
    assert.ok(process.memoryUsage().rss - rssBefore < 200 * 1024 * 1024, 'memory stayed bounded');
    ws.terminate();
  } finally {
    await h.close();
  }
});

describe('limits: handshake floods and flapping identities', () => {
  let h: LimitedCsms;
  let twin: LimitedCsms;
  before(async () => {
    h = await startLimitedCsms({
      limits: { handshakeBurstPerAddress: 5, handshakeRatePerAddressPerSec: 1, handshakeLimitLoopback: true },
      overrides: { registrationPolicy: 'pending' },
    });
    twin = await startLimitedCsms({ limits: { identityReplaceMax: 3, identityReplaceWindowMs: 60_000 } });
  });
  after(async () => {
    await h.close();
    await twin.close();
  });

  test('upgrade attempts over the per-address rate get 429 with Retry-After, before any database work', async () => {
    const statuses: number[] = [];
    const retryAfter: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        open(h.url(`FLOOD-${i}`)).then(
          (ws) => (statuses.push(101), ws.terminate()),
          (err: { statusCode?: number; headers?: Record<string, string> }) => {
            statuses.push(err.statusCode ?? 0);
            if (err.headers?.['retry-after']) retryAfter.push(err.headers['retry-after']);
          },
        ),
      ),
    );
    assert.equal(statuses.filter((s) => s === 101).length, 5);
    assert.equal(statuses.filter((s) => s === 429).length, 15);
    assert.equal(retryAfter.length, 15);
    // Throttled attempts created no station records, and the flood is recorded once (not once per attempt).
    const created = h.csms.repos.chargePoints.list().filter((cp) => cp.id.startsWith('FLOOD-'));
    assert.equal(created.length, 5);
    await eventually(() => h.csms.repos.connectionEvents.recentRefused().some((r) => r.reason === 'rate-limited'), 2000, 'flood recorded');
    const rows = h.csms.repos.connectionEvents.recentRefused().filter((r) => r.reason === 'rate-limited');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.http_status, 429);
  });

  test('one identity replacing its own connection over and over is refused with 409 while connected, and recorded', async () => {
    await twin.csms.services.stations.upsert({ id: 'TWIN', registrationStatus: 'Accepted' });
    const sockets: WebSocket[] = [await open(twin.url('TWIN'))];
    for (let i = 0; i < 3; i++) sockets.push(await open(twin.url('TWIN'))); // three replacements
    await assert.rejects(open(twin.url('TWIN')), (err: { statusCode?: number }) => err.statusCode === 409);
    // The connected one stays and is served.
    const last = sockets.at(-1)!;
    assert.equal((await call(last, 'twin-ok', 'Heartbeat', {}))[0], 3);
    await eventually(
      () => twin.csms.repos.connectionEvents.recentRefused().some((r) => r.reason === 'identity-flapping' && r.identity === 'TWIN'),
      2000,
      'flapping recorded',
    );
    assert.ok(events(twin, 'TWIN').filter((e) => e.event === 'replaced').length >= 3);
    for (const ws of sockets) ws.terminate();
  });
});

describe('limits: slow clients and oversized headers on all three HTTP servers', () => {
  let h: LimitedCsms;
  let apiPort: number;
  let filePort: number;
  const closers: Array<() => Promise<void>> = [];
  before(async () => {
    h = await startLimitedCsms({ limits: { maxHeaderBytes: 2048, headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const api = await startApiServer({
      csms: h.csms,
      operations: createOperatorOperations(h.csms, {}),
      host: '127.0.0.1',
      port: 0,
      token: 't'.repeat(32),
      consoleDir: null,
    });
    apiPort = api.port;
    closers.push(() => api.close());
    const files = await startHttpFileServer({
      store: new FileStore({ dataDir: h.dataDir }),
      host: '127.0.0.1',
      port: 0,
      authorize: () => undefined,
      maxHeaderBytes: 2048,
      headersTimeoutMs: 500,
    });
    filePort = files.port;
    closers.push(() => files.close());
  });
  after(async () => {
    for (const close of closers) await close();
    await h.close();
  });

  const servers = () =>
    [
      ['OCPP', h.port, '/ocpp/X'],
      ['API', apiPort, '/api/charge-points'],
      ['file', filePort, '/firmware/x.bin'],
    ] as const;

  test('a request head over maxHeaderBytes gets 431 (RFC 6585 §5)', async () => {
    for (const [name, port, path] of servers()) {
      const { response } = await rawHttp(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(4096)}\r\n\r\n`);
      assert.match(response, /^HTTP\/1\.1 431/, `${name} server`);
    }
  });

  test('a client that sends its head too slowly is cut off after headersTimeoutMs', async () => {
    for (const [name, port, path] of servers()) {
      const { closed: wasClosed, elapsedMs, response } = await rawHttp(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n`, 5000);
      assert.ok(wasClosed, `${name} server closed the slow client`);
      assert.ok(elapsedMs < 4000, `${name} server took ${elapsedMs} ms`);
      assert.ok(response === '' || /^HTTP\/1\.1 408/.test(response), `${name}: ${response.slice(0, 40)}`);
    }
  });

  test('a client that connects and sends nothing is cut off too', async () => {
    for (const [name, port] of servers()) {
      const { closed: wasClosed, elapsedMs } = await rawHttp(port, '', 5000);
      assert.ok(wasClosed && elapsedMs < 4000, `${name} server: closed=${wasClosed} after ${elapsedMs} ms`);
    }
  });

  test('the OCPP server still accepts a normal upgrade afterwards', async () => {
    await h.csms.services.stations.upsert({ id: 'AFTER', registrationStatus: 'Accepted' });
    const ws = await open(h.url('AFTER'));
    assert.equal((await call(ws, 'a', 'Heartbeat', {}))[0], 3);
    ws.close();
  });
});

describe('limits: settings, flags and counters', () => {
  test('every limit has a default, and flags and environment variables set them', () => {
    const defaults = resolveServerLimits(undefined);
    assert.equal(defaults.maxFrameBytes, 1024 * 1024);
    assert.equal(defaults.badMessageBudget, 20);
    const { startup } = parseCli(['--bad-message-budget', '7', '--handshake-limit-loopback', 'true', '--max-header-bytes', '4096'], {
      CSMS_HEADERS_TIMEOUT_MS: '2500',
    });
    assert.deepEqual(startup.limits, { badMessageBudget: 7, handshakeLimitLoopback: true, maxHeaderBytes: 4096, headersTimeoutMs: 2500 });
    assert.equal(parseCli([], {}).startup.limits, undefined);
    assert.throws(
      () => parseCli(['--max-frame-bytes', '12'], {}),
      (err: Error) => err instanceof CliError && /--max-frame-bytes/.test(err.message),
    );
    assert.throws(() => parseCli(['--handshake-limit-loopback', 'maybe'], {}), CliError);
  });

  test('the per-address bucket forgets old addresses, so a flood from many addresses cannot grow it', () => {
    let now = 0;
    const bucket = new KeyedTokenBucket(2, 1, 100, () => now);
    assert.equal(bucket.take('a'), true);
    assert.equal(bucket.take('a'), true);
    assert.equal(bucket.take('a'), false);
    now += 1000;
    assert.equal(bucket.take('a'), true);
    for (let i = 0; i < 10_000; i++) bucket.take(`addr-${i}`);
    assert.equal(bucket.size, 100);
  });

  test('the sliding window budget trips on the event past the budget inside the window only', () => {
    let now = 0;
    const budget = new SlidingWindowBudget(3, 1000, () => now);
    assert.deepEqual([budget.record(), budget.record(), budget.record()], [false, false, false]);
    now = 1500;
    assert.equal(budget.record(), false); // the first is out of the window
    assert.equal(budget.record(), false);
    assert.equal(budget.record(), false);
    assert.equal(budget.record(), true); // four within 1000 ms
  });
});
