/**
 * Whole-machine CPU from /proc/stat, to show how much of the 2 cores something other than the bench used during a
 * measurement window (a build or a test run elsewhere makes every figure worse; the report says so).
 */
import { readFileSync } from 'node:fs';

export interface CpuTimes {
  /** user + nice + system, ms summed over all cores. */
  processMs: number;
  /** irq + softirq + steal, ms. */
  kernelMs: number;
  iowaitMs: number;
  idleMs: number;
  at: number;
}

export interface MachineLoad {
  /** All processes, % of one core (200 = both cores busy on this machine). */
  busyPct: number;
  /** The part not used by the server and generator children (approximate: the orchestrator and kernel threads count too). */
  otherPct: number;
  iowaitPct: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

export function readCpuTimes(): CpuTimes | undefined {
  try {
    // The first line: "cpu  user nice system idle iowait irq softirq steal ..." (proc(5)); steal is newer than the rest.
    const [line = ''] = readFileSync('/proc/stat', 'utf8').split('\n');
    const counters = line.trim().split(/\s+/).slice(1).map(Number);
    const counter = (index: number, name: string): number => {
      const value = counters[index];
      if (value === undefined || Number.isNaN(value)) throw new Error(`/proc/stat has no ${name} counter`);
      return value;
    };
    return {
      processMs: (counter(0, 'user') + counter(1, 'nice') + counter(2, 'system')) * TICK_MS,
      kernelMs: (counter(5, 'irq') + counter(6, 'softirq') + (counters[7] ?? 0)) * TICK_MS,
      iowaitMs: counter(4, 'iowait') * TICK_MS,
      idleMs: counter(3, 'idle') * TICK_MS,
      at: performance.now(),
    };
  } catch {
    return undefined;
  }
}

/** Load between two readings; `oursPct` = server + generator CPU over the same interval, % of one core. */
export function machineLoad(from: CpuTimes | undefined, to: CpuTimes | undefined, oursPct: number): MachineLoad | undefined {
  if (!from || !to || to.at <= from.at) return undefined;
  const wall = to.at - from.at;
  const busy = ((to.processMs - from.processMs + to.kernelMs - from.kernelMs) / wall) * 100;
  const processes = ((to.processMs - from.processMs) / wall) * 100;
  return {
    busyPct: busy,
    otherPct: Math.max(0, processes - oursPct),
    iowaitPct: ((to.iowaitMs - from.iowaitMs) / wall) * 100,
  };
}

/**
 * Wait (up to `budgetMs`) until the machine is quiet: less than `maxBusyPct` of one core used by anything over one
 * second, while none of our children run. Returns the time waited.
 */
export async function waitForQuiet(budgetMs: number, maxBusyPct = 25): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    const from = readCpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const load = machineLoad(from, readCpuTimes(), 0);
    if (!load || load.busyPct < maxBusyPct) break;
  }
  return performance.now() - started;
}
