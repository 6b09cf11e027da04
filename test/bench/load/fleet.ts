/**
 * The load generator's fleet: opens N station connections "at once" (storm), then drives them open-loop (each
 * station one CALL per period, random phase) or closed-loop (each station re-sends as soon as it is answered).
 * Latency = reply received − frame handed to the socket, recorded for CALLs sent inside the measurement window.
 * Bounded: every phase ends by itself (timeouts), nothing reconnects.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket, { type RawData } from 'ws';
import { callErrorFrame, parseFrame } from '../../../shared/ocpp/rpc-frames.js';
import { concatSamples, cpuPercent, SampleRecorder, summarize, type Summary } from '../stats.js';
import { Station } from './station.js';
import { BENCH_ACTIONS, bootNotification, CYCLE, nextCall, type BenchAction } from './traffic.js';
import { messageText } from '../../support/ws-text.js';

export interface ConnectOptions {
  /** ws://127.0.0.1:<port>/ocpp (the identity is appended). */
  url: string;
  count: number;
  identityPrefix: string;
  idTagPrefix: string;
  /** Connections opened per event-loop turn (no pacing: the next batch starts on the next turn). */
  batch?: number;
  timeoutMs?: number;
  /** Spread client sockets over 127.0.0.1 … 127.0.0.<n> (only needed if ephemeral ports run out). */
  sourceAddresses?: number;
}

export interface ConnectResult {
  requested: number;
  accepted: number;
  refused: number;
  failed: number;
  timedOut: number;
  /** From the first connect to the last accepted BootNotification; null unless every station was accepted. */
  timeToAllAcceptedMs: number | null;
  elapsedMs: number;
  /** Per station: connect start → WebSocket open, and → BootNotification.conf Accepted. */
  openMs: Summary;
  acceptMs: Summary;
  errors: Record<string, number>;
  generatorCpuPct: number;
}

export interface RunOptions {
  mode: 'open' | 'closed';
  periodMs?: number;
  warmupMs: number;
  durationMs: number;
  drainMs?: number;
}

export interface ActionFigures {
  count: number;
  errors: number;
  latencyMs: Summary;
}

export interface Totals {
  sent: number;
  results: number;
  errors: number;
}

export interface RunResult {
  mode: 'open' | 'closed';
  stations: number;
  measuredMs: number;
  repliesInWindow: number;
  messagesPerSec: number;
  perAction: Partial<Record<BenchAction, ActionFigures>>;
  all: Summary;
  mix: Partial<Record<BenchAction, number>>;
  deferredSends: number;
  unanswered: number;
  droppedConnections: number;
  unexpectedFrames: number;
  errorCodes: Record<string, number>;
  generator: { cpuPct: number; loopDelayP99Ms: number; loopDelayMaxMs: number; maxSendLagMs: number };
}

function newTotals(): Record<BenchAction, Totals> {
  return Object.fromEntries(BENCH_ACTIONS.map((a) => [a, { sent: 0, results: 0, errors: 0 }])) as Record<BenchAction, Totals>;
}

export class Fleet {
  readonly stations: Station[] = [];
  /** Whole-life counters per action, for the acknowledged-vs-stored check. */
  readonly totals = newTotals();
  private readonly errorCodes: Record<string, number> = {};
  private recorders = new Map<BenchAction, SampleRecorder>();
  private windowErrors = new Map<BenchAction, number>();
  private windowStart = Number.POSITIVE_INFINITY;
  private windowEnd = Number.POSITIVE_INFINITY;
  private repliesInWindow = 0;
  private mode: 'idle' | 'open' | 'closed' = 'idle';
  private running = false;
  private closing = false;
  private deferredSends = 0;
  private unexpectedFrames = 0;
  private droppedConnections = 0;
  private connectWatcher: (() => void) | undefined;
  private connectErrors: Record<string, number> = {};
  private openRecorder = new SampleRecorder();
  private acceptRecorder = new SampleRecorder();
  private lastAcceptedAt = 0;

  constructor(private readonly onMark: (name: string) => void = () => {}) {}

  private count(state: Station['state']): number {
    let n = 0;
    for (const station of this.stations) if (station.state === state) n++;
    return n;
  }

  connect(options: ConnectOptions): Promise<ConnectResult> {
    const batch = options.batch ?? 200;
    const timeoutMs = options.timeoutMs ?? 60_000;
    const first = this.stations.length;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    this.connectErrors = {};
    this.openRecorder = new SampleRecorder(options.count);
    this.acceptRecorder = new SampleRecorder(options.count);
    let settledCount = 0;
    return new Promise((resolve) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        this.connectWatcher = undefined;
        const mine = this.stations.slice(first);
        const accepted = mine.filter((s) => s.state === 'accepted').length;
        const refused = mine.filter((s) => s.state === 'refused').length;
        const failed = mine.filter((s) => s.state === 'failed').length;
        const cpu = process.cpuUsage(cpu0);
        const elapsedMs = performance.now() - t0;
        resolve({
          requested: options.count,
          accepted,
          refused,
          failed,
          timedOut: options.count - accepted - refused - failed,
          timeToAllAcceptedMs: accepted === options.count ? this.lastAcceptedAt - t0 : null,
          elapsedMs,
          openMs: this.openRecorder.summary(),
          acceptMs: this.acceptRecorder.summary(),
          errors: this.connectErrors,
          generatorCpuPct: cpuPercent(cpu.user + cpu.system, elapsedMs),
        });
      };
      const timer = setTimeout(finish, timeoutMs);
      this.connectWatcher = () => {
        if (++settledCount >= options.count) finish();
      };
      let next = 0;
      const openBatch = () => {
        for (let k = 0; k < batch && next < options.count; k++, next++) this.openStation(first + next, options, timeoutMs);
        if (next < options.count) setImmediate(openBatch);
      };
      openBatch();
    });
  }

  private openStation(index: number, options: ConnectOptions, timeoutMs: number): void {
    const station = new Station(index, `${options.identityPrefix}${index}`, `${options.idTagPrefix}${index}`);
    station.cyclePos = Math.floor(Math.random() * CYCLE.length);
    this.stations.push(station);
    station.state = 'connecting';
    station.connectStartedAt = performance.now();
    const sources = options.sourceAddresses ?? 1;
    const ws = new WebSocket(`${options.url}/${encodeURIComponent(station.identity)}`, ['ocpp1.6'], {
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
      skipUTF8Validation: true,
      ...(sources > 1 ? { localAddress: `127.0.0.${1 + (index % sources)}` } : {}),
    });
    station.ws = ws;
    ws.on('open', () => {
      station.state = 'open';
      station.openedAt = performance.now();
      this.openRecorder.add(station.openedAt - station.connectStartedAt);
      if (station.send('BootNotification', bootNotification(station.identity))) this.totals.BootNotification.sent++;
    });
    ws.on('message', (data) => this.onMessage(station, data));
    ws.on('error', (err: Error & { code?: string }) => this.settleFailed(station, err.code ?? err.message.slice(0, 60)));
    ws.on('close', () => {
      if (station.state === 'accepted') {
        if (!this.closing) this.droppedConnections++;
        station.state = 'closed';
      } else {
        this.settleFailed(station, 'closed before accepted');
      }
    });
  }

  private settleFailed(station: Station, reason: string): void {
    if (station.state !== 'connecting' && station.state !== 'open') return;
    station.state = 'failed';
    this.connectErrors[reason] = (this.connectErrors[reason] ?? 0) + 1;
    this.connectWatcher?.();
  }

  private onMessage(station: Station, data: RawData): void {
    const now = performance.now();
    const text = messageText(data);
    const parsed = parseFrame(text);
    if (parsed.kind === 'call') {
      // Nothing in these scenarios asks the stations anything; answer so the server is never left waiting.
      station.ws?.send(callErrorFrame(parsed.messageId, 'NotSupported', 'bench station'));
      this.unexpectedFrames++;
      return;
    }
    const pending = station.pending;
    if ((parsed.kind !== 'result' && parsed.kind !== 'error') || !pending || pending.messageId !== parsed.messageId) {
      this.unexpectedFrames++;
      return;
    }
    station.pending = undefined;
    const action = pending.action;
    const totals = this.totals[action];
    if (parsed.kind === 'result') totals.results++;
    else {
      totals.errors++;
      const key = `${action}:${parsed.errorCode}`;
      this.errorCodes[key] = (this.errorCodes[key] ?? 0) + 1;
    }
    if (now >= this.windowStart && now < this.windowEnd) this.repliesInWindow++;
    if (pending.sentAt >= this.windowStart && pending.sentAt < this.windowEnd) {
      let recorder = this.recorders.get(action);
      if (!recorder) this.recorders.set(action, (recorder = new SampleRecorder(4096)));
      recorder.add(now - pending.sentAt);
      if (parsed.kind === 'error') this.windowErrors.set(action, (this.windowErrors.get(action) ?? 0) + 1);
    }

    if (action === 'BootNotification') {
      if (station.state !== 'open') return;
      if (parsed.kind === 'result' && parsed.payload.status === 'Accepted') {
        station.state = 'accepted';
        station.acceptedAt = now;
        this.lastAcceptedAt = now;
        this.acceptRecorder.add(now - station.connectStartedAt);
      } else {
        station.state = 'refused';
        const key = `boot ${parsed.kind === 'result' ? String(parsed.payload.status) : parsed.errorCode}`;
        this.connectErrors[key] = (this.connectErrors[key] ?? 0) + 1;
      }
      this.connectWatcher?.();
      return;
    }
    if (action === 'StartTransaction' && parsed.kind === 'result') {
      const id = (parsed.payload as { transactionId?: unknown }).transactionId;
      station.transactionId = typeof id === 'number' ? id : undefined;
    }
    if (!this.running) return;
    if (this.mode === 'closed') this.sendNext(station);
    else if (station.owed > 0) {
      station.owed--;
      this.deferredSends++;
      this.sendNext(station);
    }
  }

  private sendNext(station: Station): void {
    const call = nextCall(station, new Date().toISOString());
    if (station.send(call.action, call.payload)) this.totals[call.action].sent++;
  }

  run(options: RunOptions): Promise<RunResult> {
    const periodMs = options.periodMs ?? 1000;
    const drainMs = options.drainMs ?? 10_000;
    const active = this.stations.filter((s) => s.state === 'accepted');
    this.recorders = new Map();
    this.windowErrors = new Map();
    this.repliesInWindow = 0;
    this.deferredSends = 0;
    this.unexpectedFrames = 0;
    const droppedBefore = this.droppedConnections;
    const errorCodesBefore = { ...this.errorCodes };
    this.mode = options.mode;
    this.running = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    let maxSendLagMs = 0;
    let cpu0 = process.cpuUsage();
    const start = performance.now();
    this.windowStart = start + options.warmupMs;
    this.windowEnd = Number.POSITIVE_INFINITY;

    let ticker: NodeJS.Timeout | undefined;
    if (options.mode === 'closed') {
      for (const station of active) this.sendNext(station);
    } else {
      const slots: Station[][] = Array.from({ length: periodMs }, () => []);
      for (const station of active) slots[Math.floor(Math.random() * periodMs)]!.push(station);
      let nextSlot = 0;
      ticker = setInterval(() => {
        const now = performance.now();
        const due = Math.floor(now - start);
        for (; nextSlot <= due; nextSlot++) {
          const lag = now - (start + nextSlot);
          if (lag > maxSendLagMs && now >= this.windowStart) maxSendLagMs = lag;
          for (const station of slots[nextSlot % periodMs]!) {
            if (station.state !== 'accepted') continue;
            if (station.pending) station.owed++;
            else this.sendNext(station);
          }
        }
      }, 1);
    }

    return new Promise((resolve) => {
      setTimeout(() => {
        cpu0 = process.cpuUsage();
        loopDelay.enable();
        this.onMark('measure-start');
      }, options.warmupMs);
      setTimeout(() => {
        const end = performance.now();
        this.windowEnd = end;
        this.running = false;
        clearInterval(ticker);
        loopDelay.disable();
        const cpu = process.cpuUsage(cpu0);
        const measuredMs = end - this.windowStart;
        this.onMark('measure-end');
        const drainUntil = end + drainMs;
        const waitDrain = () => {
          const outstanding = active.filter((s) => s.pending && s.state === 'accepted').length;
          if (outstanding > 0 && performance.now() < drainUntil) return void setTimeout(waitDrain, 10);
          for (const station of active) station.owed = 0;
          resolve(
            this.runResult(options.mode, active.length, measuredMs, outstanding, this.droppedConnections - droppedBefore, errorCodesBefore, {
              cpuPct: cpuPercent(cpu.user + cpu.system, measuredMs),
              loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
              loopDelayMaxMs: loopDelay.max / 1e6,
              maxSendLagMs,
            }),
          );
        };
        waitDrain();
      }, options.warmupMs + options.durationMs);
    });
  }

  private runResult(
    mode: 'open' | 'closed',
    stations: number,
    measuredMs: number,
    unanswered: number,
    droppedConnections: number,
    errorCodesBefore: Record<string, number>,
    generator: RunResult['generator'],
  ): RunResult {
    const perAction: RunResult['perAction'] = {};
    const mix: RunResult['mix'] = {};
    let total = 0;
    for (const recorder of this.recorders.values()) total += recorder.length;
    for (const action of BENCH_ACTIONS) {
      const recorder = this.recorders.get(action);
      if (!recorder) continue;
      perAction[action] = { count: recorder.length, errors: this.windowErrors.get(action) ?? 0, latencyMs: recorder.summary() };
      mix[action] = total > 0 ? recorder.length / total : 0;
    }
    const errorCodes: Record<string, number> = {};
    for (const [key, n] of Object.entries(this.errorCodes))
      if (n - (errorCodesBefore[key] ?? 0) > 0) errorCodes[key] = n - (errorCodesBefore[key] ?? 0);
    return {
      mode,
      stations,
      measuredMs,
      repliesInWindow: this.repliesInWindow,
      messagesPerSec: this.repliesInWindow / (measuredMs / 1000),
      perAction,
      all: summarize(concatSamples([...this.recorders.values()].map((r) => r.values()))),
      mix,
      deferredSends: this.deferredSends,
      unanswered,
      droppedConnections,
      unexpectedFrames: this.unexpectedFrames,
      errorCodes,
      generator,
    };
  }

  /** Drop every connection at once (the server is killed right after; no close handshakes needed). */
  close(): { stations: number } {
    this.closing = true;
    this.running = false;
    for (const station of this.stations) station.ws?.terminate();
    return { stations: this.stations.length };
  }

  get acceptedCount(): number {
    return this.count('accepted');
  }
}
