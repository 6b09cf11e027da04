import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import { identityFromUrl, offeredProtocols, type HandshakeRefusal } from '../server/handshake.js';
import { RefusalRecordThrottle, type UpgradeThrottle } from '../server/limits.js';
import { remoteAddressOf } from '../server/ocpp-server.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { ConnectionEventRow, RefusedHandshakeRow } from '../storage/repositories/connection-events.js';
import type { Repositories } from '../storage/repositories/index.js';

interface Refusal {
  identity: string | null;
  reason: string;
  detail: string;
  httpStatus: number;
}

/**
 * The connection doctor's evidence: every refused upgrade is stored with its reason and announced as
 * `handshake.refused`; throttled ones (floods, flapping identities) at most once a minute per address or identity,
 * so the record stays readable in a flood and costs no database work per attempt.
 */
export class HandshakeAudit {
  private readonly throttleRecords = new RefusalRecordThrottle();

  constructor(
    private readonly repos: Pick<Repositories, 'connectionEvents'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
  ) {}

  /** A refusal of the handshake pipeline (server/handshake.ts). */
  refused(refusal: HandshakeRefusal, request: IncomingMessage): void {
    this.store(request, refusal);
  }

  /** An upgrade refused before the pipeline (flood, flapping identity). */
  throttled(throttle: UpgradeThrottle, request: IncomingMessage): void {
    const remoteAddress = remoteAddressOf(request);
    let identity: string | null = null;
    try {
      identity = identityFromUrl(request.url);
    } catch {
      /* none */
    }
    const suppressed = this.throttleRecords.shouldRecord(`${throttle.reason}|${throttle.reason === 'rate-limited' ? remoteAddress : identity}`);
    if (suppressed === null) return;
    const detail = suppressed > 0 ? `${throttle.detail} (${suppressed} more refused in the last minute)` : throttle.detail;
    this.store(request, { identity, reason: throttle.reason, detail, httpStatus: throttle.httpStatus });
  }

  /** The newest refused upgrades first. */
  recentRefused(limit: number): RefusedHandshakeRow[] {
    return this.repos.connectionEvents.recentRefused(limit);
  }

  /** A station's connection history (connected, replaced, disconnected), newest first. */
  history(chargePointId: string, limit: number): ConnectionEventRow[] {
    return this.repos.connectionEvents.eventsFor(chargePointId, limit);
  }

  private store(request: IncomingMessage, refusal: Refusal): void {
    const at = this.clock.now().toISOString();
    const remoteAddress = remoteAddressOf(request);
    const offered = offeredProtocols(request);
    this.groupCommit.runDetached(() =>
      this.repos.connectionEvents.recordRefused({
        at,
        remoteAddress,
        path: (request.url ?? '').slice(0, 512),
        identity: refusal.identity,
        reason: refusal.reason,
        detail: refusal.detail,
        httpStatus: refusal.httpStatus,
        offeredProtocols: offered.length ? offered.join(', ') : null,
      }),
    );
    this.events.emit('handshake.refused', {
      identity: refusal.identity,
      reason: refusal.reason,
      httpStatus: refusal.httpStatus,
      remoteAddress,
      detail: refusal.detail,
    });
  }
}
