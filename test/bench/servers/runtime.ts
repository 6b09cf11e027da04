/**
 * What every server child does besides serving OCPP: tell the parent its port, and answer snapshots (memory after
 * forced GC, CPU time, connection count) and CPU-profile requests over IPC. Started with --expose-gc.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emitEvent, serveIpc, type Handlers } from '../ipc.js';

export interface ServerHandle {
  port: number;
  connections(): number;
  /** Server-specific figures for a snapshot (the central system adds database sizes and group-commit stats). */
  extra?(): Record<string, unknown>;
  /** More IPC commands. */
  commands?: Handlers;
}

export interface ServerSnapshot {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  connections: number;
  /** Event-loop delay since the previous snapshot that asked for `resetLoopDelay` (ms). */
  loopDelay: { p50: number; p99: number; max: number };
  /** Time the main thread's event loop has spent running code since the process started (ms); worker threads not included. */
  loopActiveMs: number;
  extra: Record<string, unknown>;
}

export function benchConfig<T>(): T {
  return JSON.parse(process.env.BENCH_CONFIG ?? '{}') as T;
}

async function forceGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server child with --expose-gc');
  // Two full collections with a turn in between, so finalizers and weak callbacks of the first one run.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

export function serveServerChild(handle: ServerHandle): void {
  let session: Session | undefined;
  // How long callbacks wait for a busy loop: a stall (fsync, checkpoint, GC) shows here even when CPU looks idle.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  /** One inspector command; `T` is its answer as the DevTools protocol defines it for `method`. */
  const post = <T = unknown>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => {
      if (!session) throw new Error(`${method}: no profiling session (profileStart comes first)`);
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T)));
    });

  serveIpc({
    async snapshot(args: { gc?: boolean; resetLoopDelay?: boolean } = {}): Promise<ServerSnapshot> {
      const delay = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      if (args.resetLoopDelay) loopDelay.reset();
      if (args.gc) await forceGc();
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      return {
        at: performance.timeOrigin + performance.now(),
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
        cpuUserUs: cpu.user,
        cpuSystemUs: cpu.system,
        connections: handle.connections(),
        loopDelay: delay,
        loopActiveMs: performance.eventLoopUtilization().active,
        extra: handle.extra?.() ?? {},
      };
    },
    async profileStart(args: { samplingIntervalUs?: number } = {}): Promise<void> {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: args.samplingIntervalUs ?? 200 });
      await post('Profiler.start');
    },
    async profileStop(args: { file: string }): Promise<{ file: string }> {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      writeFileSync(args.file, JSON.stringify(profile));
      session?.disconnect();
      session = undefined;
      return { file: args.file };
    },
    ...handle.commands,
  });
  emitEvent('ready', { port: handle.port, pid: process.pid });
}
