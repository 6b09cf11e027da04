/**
 * A fuzz campaign: many lanes at once (every protocol state), a fixed number of frames in all, memory sampled
 * along the way, then the liveness check (a fresh connection's valid Heartbeat is answered).
 */
import WebSocket from 'ws';
import { Lane, LANE_STATES, newStats, type Failure, type LaneState, type LaneStats } from './lane.js';
import { laneSeed } from './prng.js';
import { messageText } from '../support/ws-text.js';

export interface FuzzTarget {
  url(identity: string): string;
  /** Pre-register stations (Accepted / Rejected); unknown ones are admitted as Pending by the server's policy. */
  register(stations: Array<{ id: string; status: 'Accepted' | 'Rejected' }>): Promise<void>;
  /** The server's memory, after a forced GC where possible. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  maxFrameBytes: number;
}

export interface CampaignOptions {
  seed: number;
  frames: number;
  lanes: number;
  /** Outstanding answers per lane. */
  window?: number;
  /** Include frames that must close the connection (invalid UTF-8 → 1007, oversize → 1009). */
  closing?: boolean;
  /** Memory sample interval. */
  sampleEveryMs?: number;
  onProgress?(sent: number, elapsedMs: number): void;
}

export interface MemorySample {
  atMs: number;
  sent: number;
  rss: number;
  heapUsed: number;
}

export interface CampaignResult {
  seed: number;
  lanes: number;
  framesSent: number;
  elapsedMs: number;
  framesPerSec: number;
  perMutation: Record<string, number>;
  codes: Record<string, number>;
  closes: Record<string, number>;
  perState: Record<string, number>;
  reconnects: number;
  failureCount: number;
  failures: Failure[];
  memory: MemorySample[];
  heartbeatAfter: unknown;
}

function sorted(map: Map<string | number, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [String(k), v]));
}

export async function heartbeatCheck(url: string): Promise<unknown[]> {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, ['ocpp1.6']);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  try {
    return await new Promise<unknown[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to the Heartbeat after fuzzing')), 10_000);
      ws.on('message', (data) => (clearTimeout(timer), resolve(JSON.parse(messageText(data)) as unknown[])));
      ws.send(JSON.stringify([2, 'alive', 'Heartbeat', {}]));
    });
  } finally {
    ws.close();
  }
}

export async function runCampaign(target: FuzzTarget, options: CampaignOptions): Promise<CampaignResult> {
  const stats: LaneStats = newStats();
  const lanes: Lane[] = [];
  const registrations: Array<{ id: string; status: 'Accepted' | 'Rejected' }> = [];
  for (let i = 0; i < options.lanes; i++) {
    const state: LaneState = LANE_STATES[i % LANE_STATES.length]!;
    const identity = `FZ-${i}-${state}`;
    if (state === 'rejected') registrations.push({ id: identity, status: 'Rejected' });
    else if (state.startsWith('accepted') || state === 'transaction') registrations.push({ id: identity, status: 'Accepted' });
    lanes.push(
      new Lane(
        i,
        state,
        identity,
        laneSeed(options.seed, i),
        target.url(identity),
        { window: options.window ?? 16, maxFrameBytes: target.maxFrameBytes, closing: options.closing ?? true },
        stats,
      ),
    );
  }
  await target.register(registrations);
  registrations.push({ id: 'FZ-ALIVE', status: 'Accepted' });
  await target.register([{ id: 'FZ-ALIVE', status: 'Accepted' }]);

  const memory: MemorySample[] = [];
  const started = performance.now();
  const sample = async (): Promise<void> => {
    memory.push({ atMs: Math.round(performance.now() - started), sent: stats.sent, ...(await target.memory()) });
  };
  await sample();
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = sampling.then(sample).catch(() => {});
    options.onProgress?.(stats.sent, performance.now() - started);
  }, options.sampleEveryMs ?? 5000);

  const perLane = Math.floor(options.frames / options.lanes);
  const extra = options.frames - perLane * options.lanes;
  try {
    await Promise.all(lanes.map((lane, i) => lane.run(perLane + (i < extra ? 1 : 0))));
  } finally {
    clearInterval(sampler);
    await sampling;
  }
  const elapsedMs = performance.now() - started;
  await sample();
  const heartbeatAfter = await heartbeatCheck(target.url('FZ-ALIVE')).catch((err: Error) => err.message);
  const perState: Record<string, number> = {};
  for (const lane of lanes) perState[lane.state] = (perState[lane.state] ?? 0) + perLane;
  return {
    seed: options.seed,
    lanes: options.lanes,
    framesSent: stats.sent,
    elapsedMs,
    framesPerSec: stats.sent / (elapsedMs / 1000),
    perMutation: sorted(stats.perMutation),
    codes: sorted(stats.codes),
    closes: sorted(stats.closes),
    perState,
    reconnects: stats.reconnects,
    failureCount: stats.failureCount,
    failures: stats.failures,
    memory,
    heartbeatAfter,
  };
}

/**
 * Memory growth in MiB from the first sample after a fifth of the frames (schema compilation, statement caches and
 * SQLite's page cache have warmed up by then) to the last: what a longer run would keep adding.
 */
export function memoryGrowthMiB(result: CampaignResult): { rss: number; heapUsed: number } {
  const first = result.memory.find((m) => m.sent >= result.framesSent / 5) ?? result.memory[0]!;
  const last = result.memory.at(-1)!;
  return { rss: (last.rss - first.rss) / 2 ** 20, heapUsed: (last.heapUsed - first.heapUsed) / 2 ** 20 };
}
