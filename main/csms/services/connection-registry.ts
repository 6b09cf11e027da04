import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { LastHeard } from '../domain/last-heard.js';
import { CallFailure } from '../rpc/errors.js';
import type { CallResult, OcppConnection } from '../rpc/ocpp-connection.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * The open station connections, one per identity: each connect, replacement and disconnect is stored in the
 * connection history and on the station's record, and announced after it was written.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, OcppConnection>();
  private changes = 0;

  constructor(
    private readonly repos: Pick<Repositories, 'chargePoints' | 'connectionEvents'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    private readonly lastHeard: LastHeard,
    /** False once the database is closed at shutdown: closes after that are not recorded. */
    private readonly storageOpen: () => boolean,
  ) {}

  get(chargePointId: string): OcppConnection | undefined {
    return this.connections.get(chargePointId);
  }

  has(chargePointId: string): boolean {
    return this.connections.has(chargePointId);
  }

  ids(): string[] {
    return [...this.connections.keys()];
  }

  /** How many times a connection opened or the current one of a station closed: a read can tell it raced one. */
  get changeCount(): number {
    return this.changes;
  }

  /**
   * Send any CSMS-initiated OCPP call to a connected station. Rejects with CallFailure (not connected, invalid
   * payload, timeout, disconnected) or OcppCallError (the station answered with a CALLERROR).
   */
  call(chargePointId: string, action: string, payload: JsonObject, timeoutMs?: number): Promise<CallResult> {
    const connection = this.connections.get(chargePointId);
    if (!connection) return Promise.reject(new CallFailure('CSMS_ERR_NOT_CONNECTED', `${chargePointId} is not connected`));
    return connection.call(action, payload, timeoutMs);
  }

  /** A new connection; one with the same identity is replaced (the station rebooted or its link flapped). */
  opened(connection: OcppConnection): void {
    const identity = connection.identity;
    const remoteAddress = connection.remoteAddress;
    const previous = this.connections.get(identity);
    this.connections.set(identity, connection);
    this.changes++;
    const at = this.clock.now().toISOString();
    this.groupCommit.runDetached(() => {
      if (previous) this.repos.connectionEvents.record({ at, chargePointId: identity, event: 'replaced', remoteAddress: previous.remoteAddress });
      this.repos.connectionEvents.record({ at, chargePointId: identity, event: 'connected', remoteAddress });
      this.repos.chargePoints.markConnected(identity, remoteAddress ?? undefined, at);
    });
    if (previous) previous.close(1000, 'Replaced by a new connection');
    this.events.emit('chargePoint.connected', { chargePointId: identity, remoteAddress, at });
  }

  /** A connection closed: a replaced one leaves only its history row; the current one also marks the station offline. */
  closed(connection: OcppConnection, code: number, reason: string): void {
    const at = this.clock.now().toISOString();
    const current = this.connections.get(connection.identity) === connection;
    if (current) {
      this.connections.delete(connection.identity);
      this.changes++;
    }
    if (!this.storageOpen()) return;
    // What was heard up to the disconnect is stored with it, not a few seconds later.
    if (current) this.lastHeard.flush(connection.identity);
    this.groupCommit.runDetached(() => {
      this.repos.connectionEvents.record({
        at,
        chargePointId: connection.identity,
        event: 'disconnected',
        remoteAddress: connection.remoteAddress,
        code,
        reason: reason || null,
      });
      if (current) this.repos.chargePoints.markDisconnected(connection.identity, at, { code, reason: reason || null });
    });
    if (current) this.events.emit('chargePoint.disconnected', { chargePointId: connection.identity, code, reason, at });
  }
}
