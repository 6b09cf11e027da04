/**
 * Percentiles and summaries for the benchmark. Exact (every sample kept, sorted once), nearest-rank percentiles:
 * p99 of 1,000 samples is the 990th smallest, so a reported p99 is always a latency that really happened.
 */

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending-sorted array; NaN when empty. `p` in [0, 100]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[n - 1]!;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1]!;
}

export function emptySummary(): Summary {
  return { count: 0, min: Number.NaN, mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
}

/** Summary of unsorted samples (the input is not modified). */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) return emptySummary();
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    count: n,
    min: sorted[0]!,
    mean: sum / n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[n - 1]!,
  };
}

/** Merge summaries' raw samples: use when several recorders must be reported as one ("all actions"). */
export function concatSamples(parts: readonly ArrayLike<number>[]): Float64Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A growable array of samples (milliseconds), cheap to append to from a hot path. */
export class SampleRecorder {
  private buffer: Float64Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Float64Array(Math.max(16, initialCapacity));
  }

  add(value: number): void {
    if (this.size === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.size++] = value;
  }

  get length(): number {
    return this.size;
  }

  values(): Float64Array {
    return this.buffer.subarray(0, this.size);
  }

  summary(): Summary {
    return summarize(this.values());
  }
}

/** a / b, or null when either side is missing or b is 0 (a ratio that means nothing is not printed). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Share of one core used over a wall-clock interval, from process.cpuUsage() deltas (µs). 100 = one core. */
export function cpuPercent(cpuUs: number, wallMs: number): number {
  return wallMs > 0 ? (cpuUs / 1000 / wallMs) * 100 : Number.NaN;
}
