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

export interface RefusedHandshake {
  at: string;
  remoteAddress: string | null;
  path: string;
  identity: string | null;
  reason: string;
  detail: string;
  httpStatus: number;
  offeredProtocols: string | null;
}

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

/** Why a charger connects, disconnects or is refused: what a technician needs first (anchors §3, pain point 1). */
export class ConnectionEventRepository {
  private readonly eventStmt;
  private readonly refusedStmt;
  private readonly recentRefusedStmt;
  private readonly eventsForStmt;

  constructor(db: Db) {
    this.eventStmt = db.prepare(
      'INSERT INTO connection_events (at, charge_point_id, event, remote_address, code, reason) VALUES (@at, @chargePointId, @event, @remoteAddress, @code, @reason)',
    );
    this.refusedStmt = db.prepare(
      `INSERT INTO refused_handshakes (at, remote_address, path, identity, reason, detail, http_status, offered_protocols)
       VALUES (@at, @remoteAddress, @path, @identity, @reason, @detail, @httpStatus, @offeredProtocols)`,
    );
    this.recentRefusedStmt = db.prepare<[number], RefusedHandshakeRow>('SELECT * FROM refused_handshakes ORDER BY id DESC LIMIT ?');
    this.eventsForStmt = db.prepare<[string, number], ConnectionEventRow>('SELECT * FROM connection_events WHERE charge_point_id = ? ORDER BY id DESC LIMIT ?');
  }

  record(event: { at: string; chargePointId: string; event: ConnectionEventRow['event']; remoteAddress?: string | null; code?: number | null; reason?: string | null }): void {
    this.eventStmt.run({ remoteAddress: null, code: null, reason: null, ...event });
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
