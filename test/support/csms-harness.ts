import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CentralSystem } from '../../main/csms/central-system.js';
import type { RuntimeSettings } from '../../main/csms/config/settings.js';
import type { Clock } from '../../main/csms/clock.js';
import { messageText } from './ws-text.js';

const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

export interface Harness {
  csms: CentralSystem;
  dataDir: string;
  /** ws://127.0.0.1:<port>/ocpp */
  endpoint: string;
  url(identity: string): string;
  close(): Promise<void>;
}

/** A real central system on a free port with its own temporary data folder. */
export async function startCsms(options: { overrides?: Partial<RuntimeSettings>; clock?: Clock; maxPayloadBytes?: number } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-test-'));
  const csms = await CentralSystem.start({
    startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' },
    overrides: { pingIntervalSec: 0, ...options.overrides },
    clock: options.clock,
    logger: quietLogger,
    maxPayloadBytes: options.maxPayloadBytes,
  });
  const endpoint = `ws://127.0.0.1:${csms.ocppAddress.port}/ocpp`;
  return {
    csms,
    dataDir,
    endpoint,
    url: (identity) => `${endpoint}/${encodeURIComponent(identity)}`,
    close: async () => {
      await csms.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare WebSocket client for framing tests: sends raw text and collects every frame it receives. */
export class RawClient {
  readonly frames: unknown[] = [];
  private waiters: Array<{ match: (frame: unknown) => boolean; resolve: (frame: unknown) => void }> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame: unknown = JSON.parse(messageText(data));
      this.frames.push(frame);
      const index = this.waiters.findIndex((w) => w.match(frame));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(frame);
    });
  }

  static connect(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options.protocols ?? ['ocpp1.6'], { headers: options.headers });
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** Resolve with the first frame (already received or coming) whose message id is `messageId`. */
  reply(messageId: string, timeoutMs = 5000): Promise<unknown[]> {
    const match = (frame: unknown) => Array.isArray(frame) && frame[1] === messageId;
    const existing = this.frames.find(match);
    if (existing) return Promise.resolve(existing as unknown[]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${messageId} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (frame) => (clearTimeout(timer), resolve(frame as unknown[])) });
    });
  }

  /** Send a CALL and wait for its answer. */
  async call(messageId: string, action: string, payload: unknown): Promise<unknown[]> {
    this.send(JSON.stringify([2, messageId, action, payload]));
    return this.reply(messageId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Wait until `check` is true, polling; for state that settles asynchronously (no fixed sleeps). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
