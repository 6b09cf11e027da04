/**
 * The limits that keep bad input from taking the central system down (README "Limits"): one schema giving their
 * type, defaults and ranges, and the per-connection / per-address checks built from them. Every limit
 * is a startup option (settings.ts), a flag and an environment variable (cli.ts), documented in the README
 * "Limits" table. A count limit of 0 turns that limit off.
 */
import type { IncomingMessage } from 'node:http';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldProblems, type FieldProblems } from '../../../shared/api/field-problems.js';
import { KeyedTokenBucket, SlidingWindowBudget } from './rate-limiter.js';

function Limit(minimum: number, maximum: number, defaultValue: number, description: string) {
  return Type.Integer({ minimum, maximum, default: defaultValue, description });
}

/** Each limit once: its type, default, inclusive range (checked for flags and environment) and meaning. */
export const ServerLimitsSchema = Type.Object(
  {
    maxFrameBytes: Limit(
      1024,
      256 * 1024 * 1024,
      1024 * 1024,
      'Largest WebSocket frame accepted; a bigger one closes the connection with 1009 (RFC 6455 §7.4.1).',
    ),
    maxSendBufferBytes: Limit(
      16 * 1024,
      1024 * 1024 * 1024,
      1024 * 1024,
      'Bytes queued towards one station that it has not read yet. A peer that never reads would otherwise grow our memory with every reply; beyond this the connection is closed (1008) and dropped.',
    ),
    badMessageBudget: Limit(
      0,
      1_000_000_000,
      20,
      'Invalid frames (not OCPP-J, unknown message type, duplicate in-flight id) tolerated per window; 0 = off.',
    ),
    badMessageWindowMs: Limit(1, 86_400_000, 60_000, 'The window of the bad-message budget.'),
    handshakeBurstPerAddress: Limit(0, 1_000_000, 100, 'Upgrade attempts per remote address at once (token bucket size); 0 = off.'),
    handshakeRatePerAddressPerSec: Limit(0, 1_000_000, 10, 'Upgrade attempts per remote address per second, sustained (bucket refill).'),
    handshakeLimitLoopback: Type.Boolean({
      default: false,
      description: 'Apply the handshake rate limit to loopback addresses too (off: local tools, tests and the benchmark).',
    }),
    identityReplaceMax: Limit(
      0,
      1_000_000,
      5,
      'Times one identity may replace its own open connection per window before new ones are refused; 0 = off.',
    ),
    identityReplaceWindowMs: Limit(1, 86_400_000, 60_000, 'The window of identityReplaceMax.'),
    maxHeaderBytes: Limit(
      1024,
      1024 * 1024,
      16 * 1024,
      'Largest request head (request line + headers) on the OCPP, file and API HTTP servers: beyond it 431.',
    ),
    headersTimeoutMs: Limit(100, 3_600_000, 10_000, 'Time a client has to send its request head on all three HTTP servers: beyond it 408 and close.'),
    requestTimeoutMs: Limit(
      100,
      3_600_000,
      60_000,
      'Time a client has to send its whole request on the OCPP and API servers (file uploads have their own).',
    ),
  },
  { additionalProperties: false },
);

export type ServerLimits = Static<typeof ServerLimitsSchema>;

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze(Value.Create(ServerLimitsSchema));

/** The problems of some limits (flags, environment), by limit. */
export function validateServerLimits(input: Readonly<Record<string, unknown>>): FieldProblems {
  return fieldProblems(ServerLimitsSchema, input, { partial: true });
}

export function resolveServerLimits(partial: Partial<ServerLimits> | undefined): ServerLimits {
  const given = Object.fromEntries(Object.entries(partial ?? {}).filter(([, value]) => value !== undefined));
  const merged: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...given };
  // Node never waits longer for the head than for the whole request (and refuses to start otherwise).
  if (merged.headersTimeoutMs > merged.requestTimeoutMs) merged.headersTimeoutMs = merged.requestTimeoutMs;
  return merged;
}

/**
 * Options for `http.createServer` shared by the three HTTP servers. Node checks the timeouts every
 * `connectionsCheckingInterval` (30 s by default), which would make a 10 s headers timeout a 40 s one.
 */
export function httpServerLimitOptions(limits: Pick<ServerLimits, 'maxHeaderBytes' | 'headersTimeoutMs'> & { requestTimeoutMs: number }) {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
}

/**
 * The HTTP answer for a client error on a server with its own `clientError` listener (Node sends these itself only
 * when there is none): 431 for a head over `maxHeaderBytes` (RFC 6585 §5), 408 for a head or request that took too
 * long (RFC 9110 §15.5.9), 400 otherwise.
 */
export function clientErrorStatus(error: Error & { code?: string }): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Why an upgrade was refused before the handshake pipeline ran (no database work was done for it). */
export interface UpgradeThrottle {
  reason: 'rate-limited' | 'identity-flapping';
  httpStatus: number;
  detail: string;
  retryAfterSec: number;
}

/**
 * Handshake flood protection: a token bucket per remote address, checked before anything else (no identity
 * lookup, no database). 429 Too Many Requests with Retry-After (RFC 6585 §4).
 */
export class HandshakeRateLimit {
  private readonly buckets: KeyedTokenBucket | null;

  constructor(
    private readonly limits: Pick<ServerLimits, 'handshakeBurstPerAddress' | 'handshakeRatePerAddressPerSec' | 'handshakeLimitLoopback'>,
    nowMs: () => number = Date.now,
  ) {
    this.buckets =
      limits.handshakeBurstPerAddress > 0
        ? new KeyedTokenBucket(limits.handshakeBurstPerAddress, limits.handshakeRatePerAddressPerSec, 10_000, nowMs)
        : null;
  }

  check(remoteAddress: string | null): UpgradeThrottle | null {
    if (!this.buckets || !remoteAddress) return null;
    if (!this.limits.handshakeLimitLoopback && isLoopback(remoteAddress)) return null;
    if (this.buckets.take(remoteAddress)) return null;
    const retryAfterSec = this.buckets.retryAfterSec(remoteAddress);
    return {
      reason: 'rate-limited',
      httpStatus: 429,
      detail: `Too many connection attempts from ${remoteAddress}; retry in ${retryAfterSec} s`,
      retryAfterSec,
    };
  }
}

/**
 * Two chargers configured with the same identity replace each other's connection forever (each reconnects when
 * dropped). After `identityReplaceMax` replacements within the window, a new connection for an identity that is
 * connected is refused (409 Conflict) until the window has passed; the connected one stays.
 */
export class IdentityReplaceLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limits: Pick<ServerLimits, 'identityReplaceMax' | 'identityReplaceWindowMs'>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  private times(identity: string): number[] {
    const cutoff = this.nowMs() - this.limits.identityReplaceWindowMs;
    const list = (this.recent.get(identity) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.recent.delete(identity);
    else this.recent.set(identity, list);
    return list;
  }

  /** Record that `identity` replaced its own open connection. */
  replaced(identity: string): void {
    if (this.limits.identityReplaceMax <= 0) return;
    const list = this.times(identity);
    list.push(this.nowMs());
    // Only the last `identityReplaceMax` matter; keeps the memory per identity bounded.
    if (list.length > this.limits.identityReplaceMax) list.splice(0, list.length - this.limits.identityReplaceMax);
    this.recent.set(identity, list);
  }

  /** Refusal for a new connection of an identity that is connected right now, if it has been flapping. */
  check(identity: string, connected: boolean): UpgradeThrottle | null {
    if (this.limits.identityReplaceMax <= 0 || !connected) return null;
    const list = this.times(identity);
    if (list.length < this.limits.identityReplaceMax) return null;
    const retryAfterSec = Math.max(1, Math.ceil((list[0]! + this.limits.identityReplaceWindowMs - this.nowMs()) / 1000));
    return {
      reason: 'identity-flapping',
      httpStatus: 409,
      detail: `"${identity}" replaced its own connection ${list.length} times within ${this.limits.identityReplaceWindowMs} ms: two chargers with one identity? The connected one stays; retry in ${retryAfterSec} s`,
      retryAfterSec,
    };
  }

  /** Forget identities whose window has passed (called now and then; the map never outgrows the connected set). */
  prune(): void {
    for (const identity of [...this.recent.keys()]) this.times(identity);
  }
}

/** The per-connection budget of invalid frames: a broken charger is answered, then cut off, never served forever. */
export function badMessageBudget(limits: Pick<ServerLimits, 'badMessageBudget' | 'badMessageWindowMs'>): SlidingWindowBudget | null {
  return limits.badMessageBudget > 0 ? new SlidingWindowBudget(limits.badMessageBudget, limits.badMessageWindowMs) : null;
}

/** Refusals are recorded at most once per key and minute, so a flood costs no database work per attempt. */
export class RefusalRecordThrottle {
  private readonly lastMs = new Map<string, number>();
  private suppressed = new Map<string, number>();

  constructor(
    private readonly intervalMs = 60_000,
    private readonly maxKeys = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Returns the number of refusals suppressed since the last record when this one should be recorded, else null. */
  shouldRecord(key: string): number | null {
    const now = this.nowMs();
    const last = this.lastMs.get(key);
    if (last !== undefined && now - last < this.intervalMs) {
      this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
      return null;
    }
    if (this.lastMs.size >= this.maxKeys) {
      this.lastMs.clear();
      this.suppressed = new Map();
    }
    this.lastMs.set(key, now);
    const count = this.suppressed.get(key) ?? 0;
    this.suppressed.delete(key);
    return count;
  }
}

export function remoteAddressOfRequest(request: IncomingMessage): string | null {
  return request.socket.remoteAddress ?? null;
}
