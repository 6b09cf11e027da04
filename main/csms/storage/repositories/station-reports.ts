import type { Db } from '../database.js';

export type FileStatusKind = 'firmware' | 'diagnostics' | 'log' | 'signedFirmware';

/** What stations report on their own: file-transfer status notifications, security events, vendor data. */
export class StationReportRepository {
  private readonly fileStatusStmt;
  private readonly securityEventStmt;
  private readonly dataTransferStmt;

  constructor(private readonly db: Db) {
    this.fileStatusStmt = db.prepare(
      'INSERT INTO station_file_status (charge_point_id, kind, status, request_id, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.securityEventStmt = db.prepare(
      'INSERT INTO security_events (charge_point_id, type, tech_info, cp_timestamp, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.dataTransferStmt = db.prepare(
      'INSERT INTO data_transfers (charge_point_id, vendor_id, message_id, data, answered_status, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  recordFileStatus(chargePointId: string, kind: FileStatusKind, status: string, requestId: number | null, receivedAt: string): void {
    this.fileStatusStmt.run(chargePointId, kind, status, requestId, receivedAt);
  }

  recordSecurityEvent(chargePointId: string, type: string, techInfo: string | null, cpTimestamp: string, receivedAt: string): void {
    this.securityEventStmt.run(chargePointId, type, techInfo, cpTimestamp, receivedAt);
  }

  recordDataTransfer(chargePointId: string, vendorId: string, messageId: string | null, data: string | null, answeredStatus: string, receivedAt: string): void {
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
