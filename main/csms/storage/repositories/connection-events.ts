import type { RefusedHandshakeDto } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

export interface ConnectionEventRow {
  id: number;
  at: string;
  charge_point_id: string;
  event: 'connected' | 'disconnected' | 'replaced';
  remote_address: string | null;
  code: number | null;
  reason: string | null;
}

/** The reason recorded for a connection the central system never saw close because the process died. */
export const CRASH_DISCONNECT_REASON = 'central system stopped unexpectedly';
/** "Closed abnormally, without a close frame" (RFC 6455, section 7.1.5): what the station saw of the crash. */
const ABNORMAL_CLOSURE_CODE = 1006;

/** A disconnect recorded at start for a connection that was open when the previous run ended without stopping. */
export interface ImpliedDisconnect {
  chargePointId: string;
  at: string;
}

/** The latest of some ISO 8601 UTC times (all written by toISOString, so they compare as text). */
function latestIso(times: Array<string | null | undefined>): string {
  return times.reduce<string>((latest, t) => (t && t > latest ? t : latest), '');
}

/** A refused upgrade to store: the operator API's shape without its id (one definition, shared/api). */
export type RefusedHandshake = Omit<RefusedHandshakeDto, 'id'>;

export interface RefusedHandshakeRow {
  id: number;
  at: string;
  remote_address: string | null;
  path: string;
  identity: string | null;
  reason: string;
  detail: string;
  http_status: number;
  offered_protocols: string | null;
}

/** Why a charger connects, disconnects or is refused: what a technician needs first (the Connection doctor, README). */
export class ConnectionEventRepository {
  private readonly eventStmt;
  private readonly refusedStmt;
  private readonly recentRefusedStmt;
  private readonly eventsForStmt;
  private readonly lastConnectedStmt;
  private readonly eventBeforeStmt;
  private readonly closesAfterStmt;
  private readonly lastHeardStmt;
  private readonly markDisconnectedStmt;

  constructor(private readonly db: Db) {
    this.eventStmt = db.prepare(
      'INSERT INTO connection_events (at, charge_point_id, event, remote_address, code, reason) VALUES (@at, @chargePointId, @event, @remoteAddress, @code, @reason)',
    );
    this.refusedStmt = db.prepare(
      `INSERT INTO refused_handshakes (at, remote_address, path, identity, reason, detail, http_status, offered_protocols)
       VALUES (@at, @remoteAddress, @path, @identity, @reason, @detail, @httpStatus, @offeredProtocols)`,
    );
    this.recentRefusedStmt = db.prepare<[number], RefusedHandshakeRow>('SELECT * FROM refused_handshakes ORDER BY id DESC LIMIT ?');
    this.eventsForStmt = db.prepare<[string, number], ConnectionEventRow>(
      'SELECT * FROM connection_events WHERE charge_point_id = ? ORDER BY id DESC LIMIT ?',
    );
    // Per station through the (charge_point_id, id) indexes, so start-up costs the number of stations, not of events.
    this.lastConnectedStmt = db.prepare<[string], ConnectionEventRow>(
      "SELECT * FROM connection_events WHERE charge_point_id = ? AND event = 'connected' ORDER BY id DESC LIMIT 1",
    );
    this.eventBeforeStmt = db.prepare<[string, number], { event: string }>(
      'SELECT event FROM connection_events WHERE charge_point_id = ? AND id < ? ORDER BY id DESC LIMIT 1',
    );
    this.closesAfterStmt = db.prepare<[string, number], { n: number }>(
      "SELECT COUNT(*) AS n FROM connection_events WHERE charge_point_id = ? AND id > ? AND event = 'disconnected'",
    );
    // The station's newest frame in the message log (migration 0011: one row per exchange, times in ms): its CALL,
    // or its answer to ours.
    this.lastHeardStmt = db.prepare<[string], { at: string }>(
      `SELECT strftime('%Y-%m-%dT%H:%M:%fZ', (at + CASE WHEN outbound = 1 THEN IFNULL(answer_ms, 0) ELSE 0 END) / 1000.0, 'unixepoch') AS at
       FROM message_log WHERE station = (SELECT id FROM message_log_names WHERE name = ?) AND (outbound = 0 OR answer_type IN (3, 4))
       ORDER BY id DESC LIMIT 1`,
    );
    this.markDisconnectedStmt = db.prepare(
      'UPDATE charge_points SET last_disconnected_at = ?, last_close_code = ?, last_close_reason = ? WHERE id = ?',
    );
  }

  record(event: {
    at: string;
    chargePointId: string;
    event: ConnectionEventRow['event'];
    remoteAddress?: string | null;
    code?: number | null;
    reason?: string | null;
  }): void {
    this.eventStmt.run({ remoteAddress: null, code: null, reason: null, ...event });
  }

  /**
   * Run at start, before any station can connect: every connection still open in the history was open when the
   * previous run died (a clean stop records each close). Records that close, timed at the last frame heard from
   * the station, so the history never shows two connects in a row.
   *
   * "Open" counts closes rather than looking at the last event: a replacement records 'replaced' and the new
   * 'connected' first, and the replaced connection's 'disconnected' after them, so the newest connection needs one
   * close of its own beyond that one.
   */
  recordImpliedDisconnects(): ImpliedDisconnect[] {
    const stations = this.db.prepare<[], { id: string; last_seen_at: string | null }>('SELECT id, last_seen_at FROM charge_points').all();
    const recorded: ImpliedDisconnect[] = [];
    this.db.transaction(() => {
      for (const { id, last_seen_at: lastSeenAt } of stations) {
        const connected = this.lastConnectedStmt.get(id);
        if (!connected) continue;
        const closesNeeded = this.eventBeforeStmt.get(id, connected.id)?.event === 'replaced' ? 2 : 1;
        if (this.closesAfterStmt.get(id, connected.id)!.n >= closesNeeded) continue;
        // The message log has every frame that got an answer; last_seen_at still knows when retention pruned it.
        const at = latestIso([connected.at, this.lastHeardStmt.get(id)?.at, lastSeenAt]);
        this.record({
          at,
          chargePointId: id,
          event: 'disconnected',
          remoteAddress: connected.remote_address,
          code: ABNORMAL_CLOSURE_CODE,
          reason: CRASH_DISCONNECT_REASON,
        });
        this.markDisconnectedStmt.run(at, ABNORMAL_CLOSURE_CODE, CRASH_DISCONNECT_REASON, id);
        recorded.push({ chargePointId: id, at });
      }
    })();
    return recorded;
  }

  recordRefused(refused: RefusedHandshake): void {
    this.refusedStmt.run(refused);
  }

  recentRefused(limit = 100): RefusedHandshakeRow[] {
    return this.recentRefusedStmt.all(limit);
  }

  eventsFor(chargePointId: string, limit = 100): ConnectionEventRow[] {
    return this.eventsForStmt.all(chargePointId, limit);
  }
}
