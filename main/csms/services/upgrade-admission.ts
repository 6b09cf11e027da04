import type { IncomingMessage } from 'node:http';
import { identityFromUrl } from '../server/handshake.js';
import { HandshakeRateLimit, IdentityReplaceLimit, type ServerLimits, type UpgradeThrottle } from '../server/limits.js';
import { remoteAddressOf } from '../server/ocpp-server.js';

/** How often identities whose flapping window has passed are forgotten. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Before the handshake pipeline and any database work: handshake floods per address, then identities that keep
 * replacing their own connection (two chargers with one identity). Owns the timer that keeps its memory bounded.
 */
export class UpgradeAdmission {
  private readonly handshakeRate: HandshakeRateLimit;
  private readonly identityReplace: IdentityReplaceLimit;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    limits: ServerLimits,
    private readonly isConnected: (identity: string) => boolean,
  ) {
    this.handshakeRate = new HandshakeRateLimit(limits);
    this.identityReplace = new IdentityReplaceLimit(limits);
  }

  start(): void {
    this.pruneTimer = setInterval(() => this.identityReplace.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  stop(): void {
    clearInterval(this.pruneTimer);
  }

  check(request: IncomingMessage): UpgradeThrottle | null {
    const flood = this.handshakeRate.check(remoteAddressOf(request));
    if (flood) return flood;
    let identity: string;
    try {
      identity = identityFromUrl(request.url);
    } catch {
      return null; // the pipeline refuses it with its precise reason
    }
    return this.identityReplace.check(identity, this.isConnected(identity));
  }

  /** `identity` connected again while connected: counted against its replacement budget. */
  replaced(identity: string): void {
    this.identityReplace.replaced(identity);
  }
}
