import type { SecurityEventDto, SecurityEventQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { SqlConditions } from './sql-conditions.js';

export type FileStatusKind = 'firmware' | 'diagnostics' | 'log' | 'signedFirmware';
export type SecurityEventSource = SecurityEventDto['source'];
export type SecurityEvent = SecurityEventDto;

interface SecurityEventRow {
  id: number;
  charge_point_id: string;
  type: string;
  tech_info: string | null;
  cp_timestamp: string;
  received_at: string;
  source: SecurityEventSource;
}

const SECURITY_EVENT_COLUMNS = 'id, charge_point_id, type, tech_info, cp_timestamp, received_at, source';

function securityEventOf(r: SecurityEventRow): SecurityEvent {
  return {
    id: r.id,
    chargePointId: r.charge_point_id,
    type: r.type,
    techInfo: r.tech_info,
    timestamp: r.cp_timestamp,
    receivedAt: r.received_at,
    source: r.source,
  };
}

/** What stations report on their own: file-transfer status notifications, security events, vendor data. */
export class StationReportRepository {
  private readonly fileStatusStmt;
  private readonly securityEventStmt;
  private readonly dataTransferStmt;

  constructor(private readonly db: Db) {
    this.fileStatusStmt = db.prepare(
      'INSERT INTO station_file_status (charge_point_id, kind, status, request_id, received_at, job_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.securityEventStmt = db.prepare(
      'INSERT INTO security_events (charge_point_id, type, tech_info, cp_timestamp, received_at, source) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.dataTransferStmt = db.prepare(
      'INSERT INTO data_transfers (charge_point_id, vendor_id, message_id, data, answered_status, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** `jobId`: the file job the notification belongs to, if one was open (FileJobRepository.jobForNotification). */
  recordFileStatus(
    chargePointId: string,
    kind: FileStatusKind,
    status: string,
    requestId: number | null,
    receivedAt: string,
    jobId: number | null = null,
  ): void {
    this.fileStatusStmt.run(chargePointId, kind, status, requestId, receivedAt, jobId);
  }

  /** `source`: 'station' for a SecurityEventNotification, 'csms' for what the central system itself refused. */
  recordSecurityEvent(
    chargePointId: string,
    type: string,
    techInfo: string | null,
    cpTimestamp: string,
    receivedAt: string,
    source: SecurityEventSource = 'station',
  ): void {
    this.securityEventStmt.run(chargePointId, type, techInfo, cpTimestamp, receivedAt, source);
  }

  /** Newest first. */
  securityEvents(chargePointId: string, limit = 50): SecurityEvent[] {
    return this.db
      .prepare<[string, number], SecurityEventRow>(
        `SELECT ${SECURITY_EVENT_COLUMNS} FROM security_events WHERE charge_point_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(chargePointId, limit)
      .map(securityEventOf);
  }

  /**
   * Every station's security events, newest first: `source` 'csms' gives what the central system refused (a CSR),
   * `since` (ISO 8601, as stored) those received from then on.
   */
  recentSecurityEvents(q: SecurityEventQuery = {}): SecurityEvent[] {
    const filter = new SqlConditions().match('source', q.source, 'source = @source').match('since', q.since, 'received_at >= @since');
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
    return this.db
      .prepare<Record<string, unknown>, SecurityEventRow>(
        `SELECT ${SECURITY_EVENT_COLUMNS} FROM security_events ${filter.where} ORDER BY id DESC LIMIT ${limit}`,
      )
      .all(filter.params)
      .map(securityEventOf);
  }

  recordDataTransfer(
    chargePointId: string,
    vendorId: string,
    messageId: string | null,
    data: string | null,
    answeredStatus: string,
    receivedAt: string,
  ): void {
    this.dataTransferStmt.run(chargePointId, vendorId, messageId, data, answeredStatus, receivedAt);
  }

  fileStatusHistory(chargePointId: string, kind: FileStatusKind, limit = 50): { status: string; request_id: number | null; received_at: string }[] {
    return this.db
      .prepare<[string, string, number], { status: string; request_id: number | null; received_at: string }>(
        'SELECT status, request_id, received_at FROM station_file_status WHERE charge_point_id = ? AND kind = ? ORDER BY id DESC LIMIT ?',
      )
      .all(chargePointId, kind, limit);
  }
}
