/**
 * Replays a station's recorded traffic (export-file.ts) as a simulated station against a central system: the
 * station's CALLs, in order, at their recorded pace divided by `speed` (or as fast as the answers come), and its
 * recorded answers to the central system's CALLs. Each answer the central system gives is set next to the recorded
 * one and every difference is reported (diff.ts). Transaction ids: the one a replayed StartTransaction gets stands
 * for the recorded one in the CALLs that follow (MeterValues, StopTransaction).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ReplayDifference, ReplayExchange, ReplayResult } from '../../../../shared/api/scenario.js';
import { OcppCallError, type JsonObject } from '../../../../shared/ocpp/rpc-frames.js';
import { SimulatedChargePoint } from '../../charge-point.js';
import { NO_ANSWER } from '../../rpc-client.js';
import { FrameLog } from '../frame-log.js';
import { answerDifferences, fieldDifferences } from './diff.js';
import type { RecordedAnswer, RecordedCall, Recording } from './export-file.js';

export interface ReplayOptions {
  url: string;
  /** 1: the recorded pace; 10: ten times faster; 'max': each CALL as soon as the previous one is answered. */
  speed: number | 'max';
  /** Connect as another identity than the recorded one. */
  identity?: string;
  callTimeoutMs?: number;
  onExchange?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** After the last CALL: time for the central system's own CALLs that follow it (e.g. after a boot) to arrive. */
const SETTLE_MS = 500;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The payload with a recorded transaction id replaced by the one the central system gave on replay. */
function mapTransactionId(payload: JsonObject, ids: ReadonlyMap<number, number>): JsonObject {
  const original = payload.transactionId;
  if (typeof original !== 'number' || !ids.has(original)) return payload;
  return { ...payload, transactionId: ids.get(original)! };
}

function connectorCountOf(recording: Recording): number {
  const ids = recording.stationCalls.map((c) => c.payload.connectorId).filter((id): id is number => typeof id === 'number');
  return Math.max(1, ...ids);
}

/** The station's recorded answers to the central system, per action, in order. */
function recordedAnswers(cp: SimulatedChargePoint, recording: Recording): void {
  const queues = new Map<string, (RecordedAnswer | null)[]>();
  for (const call of recording.csmsCalls) queues.set(call.action, [...(queues.get(call.action) ?? []), call.answer]);
  for (const [action, queue] of queues) {
    cp.answer(action, async (_payload, ctx) => {
      // A CALL beyond those recorded gets the simulated station's default answer.
      if (!queue.length) return ctx.runDefault();
      const answer = queue.shift()!;
      if (answer === null) return NO_ANSWER;
      if (answer.kind === 'error') throw new OcppCallError(answer.code, answer.description);
      return answer.payload;
    });
  }
}

/** Central-system CALLs: recorded against replayed, by action, in order. */
function csmsCallDifferences(original: readonly RecordedCall[], replayed: readonly { action: string; payload: JsonObject }[]): ReplayDifference[] {
  const out: ReplayDifference[] = [];
  const actions = [...new Set([...original.map((c) => c.action), ...replayed.map((c) => c.action)])];
  for (const action of actions) {
    const o = original.filter((c) => c.action === action);
    const r = replayed.filter((c) => c.action === action);
    if (o.length !== r.length)
      out.push({
        exchange: null,
        action,
        path: '',
        original: o.length,
        replayed: r.length,
        message: `the central system sent ${action} ${o.length} time(s) when recorded, ${r.length} on replay`,
      });
    for (let i = 0; i < Math.min(o.length, r.length); i++)
      for (const d of fieldDifferences(o[i]!.payload, r[i]!.payload))
        out.push({ exchange: null, action, path: d.path, original: d.original, replayed: d.replayed, message: `${action} ${i + 1} differs` });
  }
  return out;
}

export async function replay(recording: Recording, options: ReplayOptions): Promise<ReplayResult> {
  const startedMs = Date.now();
  const identity = options.identity ?? recording.station;
  const cp = new SimulatedChargePoint({
    url: options.url,
    identity,
    connectorCount: connectorCountOf(recording),
    callTimeoutMs: options.callTimeoutMs ?? 10_000,
    // Only what was recorded: no heartbeats, no StatusNotifications or MeterValues of the station's own.
    heartbeats: false,
    statusNotificationsOnBoot: false,
    autoMeterValues: false,
  });
  cp.on('behaviour-error', () => {});
  const log = new FrameLog();
  log.attach(cp);
  recordedAnswers(cp, recording);
  const transactionIds = new Map<number, number>();
  const exchanges: ReplayExchange[] = [];
  let error: string | null = null;
  const total = recording.stationCalls.length;
  try {
    await cp.connect();
    for (const [index, call] of recording.stationCalls.entries()) {
      if (options.speed !== 'max') {
        const dueMs = startedMs + (call.atMs - recording.startMs) / options.speed;
        const waitMs = dueMs - Date.now();
        if (waitMs > 0) await delay(waitMs, undefined, options.signal ? { signal: options.signal } : {});
      }
      options.signal?.throwIfAborted();
      const payload = mapTransactionId(call.payload, transactionIds);
      const mark = log.frames.length;
      let replayed: RecordedAnswer | null = null;
      try {
        const conf = await cp.call(call.action, payload);
        replayed = { kind: 'result', payload: conf, frame: '' };
      } catch (err) {
        if (err instanceof OcppCallError) replayed = { kind: 'error', code: err.code, description: err.description, frame: '' };
        else if (!cp.connected) throw err;
        // else: no answer in time, which is itself a difference.
      }
      const sent = log.frames.slice(mark).find((f) => f.direction === 'sent' && f.parsed.kind === 'call' && f.parsed.action === call.action);
      const messageId = sent?.parsed.kind === 'call' ? sent.parsed.messageId : undefined;
      const answerFrame = log.frames
        .slice(mark)
        .find((f) => f.direction === 'received' && (f.parsed.kind === 'result' || f.parsed.kind === 'error') && f.parsed.messageId === messageId);
      if (replayed && answerFrame) replayed.frame = answerFrame.frame;
      const original = call.answer;
      if (call.action === 'StartTransaction' && original?.kind === 'result' && replayed?.kind === 'result') {
        const from = original.payload.transactionId;
        const to = replayed.payload.transactionId;
        if (typeof from === 'number' && typeof to === 'number') transactionIds.set(from, to);
      }
      exchanges.push({
        index,
        action: call.action,
        originalAt: call.at,
        sent: sent?.frame ?? JSON.stringify([2, '?', call.action, payload]),
        originalAnswer: original?.frame ?? null,
        replayedAnswer: replayed?.frame ?? null,
        differences: answerDifferences(index, call.action, original, replayed),
      });
      options.onExchange?.(exchanges.length, total);
    }
    await delay(SETTLE_MS, undefined, options.signal ? { signal: options.signal } : {});
  } catch (err) {
    error = options.signal?.aborted ? 'the replay was stopped' : `replay stopped at CALL ${exchanges.length}: ${message(err)}`;
  } finally {
    await cp.close(1000, 'Replay ended');
  }
  const replayedCsmsCalls = log.exchanges().filter((x) => x.initiator === 'csms');
  const differences = [...exchanges.flatMap((x) => x.differences), ...csmsCallDifferences(recording.csmsCalls, replayedCsmsCalls)];
  return {
    station: identity,
    identical: error === null && differences.length === 0,
    startedAt: new Date(startedMs).toISOString(),
    finishedAt: new Date().toISOString(),
    speed: options.speed,
    exchanges,
    csmsCalls: { original: recording.csmsCalls.map((c) => c.action), replayed: replayedCsmsCalls.map((x) => x.action) },
    differences,
    transactionIds: Object.fromEntries(transactionIds),
    error,
  };
}
