/**
 * One fuzz lane: a station connection in one protocol state, sending generated frames with a window of
 * outstanding answers, and checking every reply against the oracle as it arrives. A lane reconnects (and restores
 * its state) after a frame that must close the connection, and after an unexpected close, which is a failure.
 */
import WebSocket from 'ws';
import { FrameGenerator, type FuzzFrame } from './generator.js';
import { expectationFor, replyCode, UNREADABLE_REPLY_ID, type Expectation, type GatingState } from './oracle.js';
import { SeededRandom } from '../support/seeded-random.js';
import { messageText } from '../support/ws-text.js';

export type LaneState = 'pending-noboot' | 'pending' | 'rejected' | 'accepted-noboot' | 'accepted' | 'transaction';
export const LANE_STATES: readonly LaneState[] = ['pending-noboot', 'pending', 'rejected', 'accepted-noboot', 'accepted', 'transaction'];

export function gatingOf(state: LaneState): GatingState {
  return state.startsWith('pending') ? 'pending' : state === 'rejected' ? 'rejected' : 'accepted';
}

export interface Failure {
  lane: number;
  state: LaneState;
  frameIndex: number;
  mutation: string;
  problem: string;
  frame: string;
}

export interface LaneStats {
  sent: number;
  perMutation: Map<string, number>;
  codes: Map<string, number>;
  closes: Map<number, number>;
  reconnects: number;
  failures: Failure[];
  failureCount: number;
}

export function newStats(): LaneStats {
  return { sent: 0, perMutation: new Map(), codes: new Map(), closes: new Map(), reconnects: 0, failures: [], failureCount: 0 };
}

interface Pending extends Expectation {
  got: number;
  mutation: string;
  frameIndex: number;
  frame: string;
}

const NO_PROGRESS_MS = 20_000;
const MAX_FAILURES_KEPT = 50;

function preview(data: string | Buffer): string {
  const text = typeof data === 'string' ? data : `<${data.length} bytes> ${data.toString('latin1')}`;
  return text.length > 240 ? `${text.slice(0, 240)}… (${text.length} chars)` : text;
}

export class Lane {
  private ws!: WebSocket;
  private readonly generator: FrameGenerator;
  private readonly expectations = new Map<string, Pending>();
  /** Recently sent frames by id fragment, to explain an unexpected reply. */
  private readonly recent: Array<{ mutation: string; frame: string; frameIndex: number }> = [];
  private outstanding = 0;
  private progress: (() => void) | null = null;
  private closeWaiter: ((code: number) => void) | null = null;
  private setupWaiter: { id: string; resolve(frame: unknown[]): void } | null = null;
  private transactionId: number | undefined;
  private frameIndex = 0;
  private setupSeq = 0;

  constructor(
    readonly index: number,
    readonly state: LaneState,
    readonly identity: string,
    seed: number,
    private readonly url: string,
    private readonly options: { window: number; maxFrameBytes: number; closing: boolean },
    private readonly stats: LaneStats,
  ) {
    this.generator = new FrameGenerator(new SeededRandom(seed), index);
  }

  private fail(problem: string, mutation = '-', frame = '', frameIndex = this.frameIndex): void {
    this.stats.failureCount++;
    if (this.stats.failures.length < MAX_FAILURES_KEPT)
      this.stats.failures.push({ lane: this.index, state: this.state, frameIndex, mutation, problem, frame });
  }

  private count(map: Map<string, number> | Map<number, number>, key: string | number): void {
    (map as Map<typeof key, number>).set(key, ((map as Map<typeof key, number>).get(key) ?? 0) + 1);
  }

  private async connect(): Promise<void> {
    this.ws = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url, ['ocpp1.6'], { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`lane ${this.index}: HTTP ${res.statusCode} on connect`)));
    });
    this.ws.on('message', (data) => this.onMessage(messageText(data)));
    this.ws.on('error', () => {});
    this.ws.on('close', (code) => this.onClose(code));
    await this.setup();
  }

  private setupCall(action: string, payload: object): Promise<unknown[]> {
    const id = `setup-${this.setupSeq++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`lane ${this.index}: no answer to setup ${action}`)), NO_PROGRESS_MS);
      this.setupWaiter = { id, resolve: (frame) => (clearTimeout(timer), resolve(frame)) };
      this.ws.send(JSON.stringify([2, id, action, payload]));
    });
  }

  /** Put the station in the lane's protocol state (OCPP 1.6 §4.2: boot, then a transaction). */
  private async setup(): Promise<void> {
    if (this.state === 'pending-noboot' || this.state === 'accepted-noboot') return;
    const boot = await this.setupCall('BootNotification', { chargePointVendor: 'Fuzz', chargePointModel: 'Lane' });
    const expected = this.state === 'pending' ? 'Pending' : this.state === 'rejected' ? 'Rejected' : 'Accepted';
    const status = (boot[2] as { status?: string } | undefined)?.status;
    if (boot[0] !== 3 || status !== expected)
      this.fail(`setup: BootNotification answered ${JSON.stringify(boot).slice(0, 200)}, expected ${expected}`);
    if (this.state !== 'transaction') return;
    const start = await this.setupCall('StartTransaction', {
      connectorId: 1,
      idTag: `FZ${this.index}`,
      meterStart: 0,
      timestamp: new Date().toISOString(),
    });
    const transactionId = (start[2] as { transactionId?: number } | undefined)?.transactionId;
    if (start[0] !== 3 || typeof transactionId !== 'number') this.fail(`setup: StartTransaction answered ${JSON.stringify(start).slice(0, 200)}`);
    this.transactionId = transactionId;
  }

  private onMessage(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.fail(`server sent invalid JSON: ${text.slice(0, 120)}`);
    }
    if (this.setupWaiter && Array.isArray(frame) && frame[1] === this.setupWaiter.id) {
      const waiter = this.setupWaiter;
      this.setupWaiter = null;
      return waiter.resolve(frame);
    }
    const reply = replyCode(frame);
    if ('problem' in reply) return this.fail(reply.problem, '-', text.slice(0, 240));
    this.count(this.stats.codes, reply.code);
    // A frame whose message id cannot be read is answered on "-1" (oracle.ts); nothing else may use that id.
    if (reply.id === UNREADABLE_REPLY_ID) {
      if (reply.code !== 'FormationViolation') this.fail(`got ${reply.code} on "-1", expected FormationViolation`, '-', text.slice(0, 240));
      return;
    }
    const pending = this.expectations.get(reply.id);
    if (!pending) {
      const origin = this.recent.find((r) => r.frame.includes(JSON.stringify(reply.id).slice(1, -1)));
      return this.fail(
        `reply ${reply.code} to a frame that must get none (or a second reply)`,
        origin?.mutation ?? '?',
        origin?.frame ?? text.slice(0, 240),
        origin?.frameIndex,
      );
    }
    pending.got++;
    if (!pending.allowed.has(reply.code))
      this.fail(`got ${reply.code}, expected one of ${[...pending.allowed].join(', ')}`, pending.mutation, pending.frame, pending.frameIndex);
    if (pending.got === pending.minReplies) {
      this.outstanding--;
      this.progress?.();
    }
    if (pending.got >= pending.maxReplies) this.expectations.delete(reply.id);
  }

  private onClose(code: number): void {
    if (this.closeWaiter) {
      const waiter = this.closeWaiter;
      this.closeWaiter = null;
      return waiter(code);
    }
    if (!this.finished) this.fail(`connection closed unexpectedly (code ${code})`);
    this.abandonOutstanding('connection closed');
    this.progress?.();
  }

  private abandonOutstanding(why: string): void {
    for (const [id, pending] of this.expectations) {
      if (pending.got < pending.minReplies) this.fail(`no reply (${why})`, pending.mutation, pending.frame, pending.frameIndex);
      this.expectations.delete(id);
    }
    this.outstanding = 0;
  }

  /** Wait until fewer than `limit` answers are outstanding (0: none); a stall is a failure (missing replies). */
  private async waitBelow(limit: number): Promise<void> {
    while (limit === 0 ? this.outstanding > 0 : this.outstanding >= limit) {
      const advanced = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => ((this.progress = null), resolve(false)), NO_PROGRESS_MS);
        this.progress = () => (clearTimeout(timer), (this.progress = null), resolve(true));
      });
      if (!advanced) return this.abandonOutstanding(`nothing answered for ${NO_PROGRESS_MS} ms`);
    }
  }

  private finished = false;

  async run(frames: number): Promise<void> {
    await this.connect();
    for (let i = 0; i < frames; i++) {
      this.frameIndex = i;
      const frame = this.generator.next({
        transactionId: this.transactionId,
        maxFrameBytes: this.options.maxFrameBytes,
        closing: this.options.closing,
      });
      await this.send(frame);
    }
    await this.waitBelow(0);
    this.finished = true;
    await new Promise<void>((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
    this.abandonOutstanding('lane ended');
  }

  private async send(frame: FuzzFrame): Promise<void> {
    this.stats.sent += frame.truth.t === 'duplicate' ? 2 : 1;
    this.count(this.stats.perMutation, frame.mutation);
    const text = preview(frame.data);
    this.recent.push({ mutation: frame.mutation, frame: text, frameIndex: this.frameIndex });
    if (this.recent.length > 256) this.recent.shift();
    if (this.ws.readyState !== WebSocket.OPEN) {
      this.stats.reconnects++;
      await this.connect();
    }
    if (frame.truth.t === 'close') {
      await this.waitBelow(0);
      const expectedCode = frame.truth.code;
      const closed = new Promise<number>((resolve) => {
        const timer = setTimeout(() => ((this.closeWaiter = null), resolve(-1)), 10_000);
        this.closeWaiter = (code) => (clearTimeout(timer), resolve(code));
      });
      this.ws.send(frame.data, { binary: frame.binary });
      const code = await closed;
      this.count(this.stats.closes, code);
      if (code !== expectedCode) this.fail(`expected close ${expectedCode}, got ${code === -1 ? 'no close' : code}`, frame.mutation, text);
      if (code === -1) this.ws.terminate();
      this.stats.reconnects++;
      return this.connect();
    }
    const expectation = expectationFor(frame.truth, gatingOf(this.state));
    if (expectation) {
      this.expectations.set(expectation.id, { ...expectation, got: 0, mutation: frame.mutation, frameIndex: this.frameIndex, frame: text });
      this.outstanding++;
    }
    this.ws.send(frame.data, { binary: frame.binary });
    if (frame.truth.t === 'duplicate') this.ws.send(frame.data, { binary: frame.binary });
    if (this.outstanding >= this.options.window) await this.waitBelow(this.options.window);
  }
}
