/**
 * Small counters for the server's limits. Both are bounded in memory whatever the peers do: the keyed bucket
 * forgets the least recently used keys beyond `maxKeys` (a flood from many addresses cannot grow the map), and the
 * sliding window keeps at most `budget` timestamps.
 */

/**
 * A token bucket per key (e.g. per remote address): `burst` attempts at once, then `refillPerSec` per second.
 * `take` is O(1); a Map in insertion order doubles as the LRU list.
 */
export class KeyedTokenBucket {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(
    private readonly burst: number,
    private readonly refillPerSec: number,
    private readonly maxKeys = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Spend one token for `key`; false when the bucket is empty (the caller refuses). */
  take(key: string): boolean {
    const now = this.nowMs();
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.refillPerSec);
      bucket.updatedMs = now;
    } else {
      bucket = { tokens: this.burst, updatedMs: now };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again (for Retry-After), at least 1. */
  retryAfterSec(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1 || this.refillPerSec <= 0) return 1;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerSec));
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * "More than `budget` events within `windowMs`": a ring of the last `budget` event times. The budget is exceeded
 * when the event `budget + 1` arrives while the oldest of the previous `budget` is still inside the window.
 */
export class SlidingWindowBudget {
  private readonly times: Float64Array;
  private next = 0;
  private count = 0;

  constructor(
    readonly budget: number,
    readonly windowMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.times = new Float64Array(Math.max(1, budget));
  }

  /** Record one event; true when this event goes over the budget. */
  record(): boolean {
    const now = this.nowMs();
    if (this.budget <= 0) return false;
    const full = this.count >= this.budget;
    const oldest = this.times[this.next]!;
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.budget;
    if (!full) {
      this.count++;
      return false;
    }
    return now - oldest < this.windowMs;
  }
}
