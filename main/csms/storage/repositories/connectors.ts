import type { Db } from '../database.js';
import { NameKeys } from './name-keys.js';
import { storedTime } from './stored-times.js';

export interface ConnectorRow {
  charge_point_id: string;
  connector_id: number;
  status: string;
  error_code: string;
  info: string | null;
  vendor_id: string | null;
  vendor_error_code: string | null;
  status_cp_at: string | null;
  updated_at: string;
}

export interface StatusReport {
  chargePointId: string;
  connectorId: number;
  status: string;
  errorCode: string;
  info?: string;
  vendorId?: string;
  vendorErrorCode?: string;
  /** The charge point's own timestamp, when it sent one (often missing in the field: interop notes). */
  cpTimestamp?: string;
  receivedAt: string;
}

export class ConnectorRepository {
  private readonly upsertStmt;
  private readonly historyStmt;
  private readonly listStmt;
  private readonly getStmt;
  /** Station ids as keys (name-keys.ts, migration 0018). */
  private readonly names;

  constructor(db: Db) {
    this.names = NameKeys.of(db);
    // Connectors are created on first sight (OCTT lets the tool choose any number of connectors, §0.1).
    this.upsertStmt = db.prepare(
      `INSERT INTO connectors (charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, updated_at)
       VALUES (@chargePointId, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @cpTimestamp, @receivedAt)
       ON CONFLICT (charge_point_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code,
         info = excluded.info, vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code,
         status_cp_at = excluded.status_cp_at, updated_at = excluded.updated_at`,
    );
    // A history row only when the report says something the connector's row does not already say: stations repeat
    // their statuses at every boot and reconnect, and some every few minutes. The row keeps the latest report's time.
    this.historyStmt = db.prepare(
      `INSERT INTO status_changes (station, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, received_at)
       SELECT @station, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @cpTimestamp, @receivedAtMs
       WHERE NOT EXISTS (SELECT 1 FROM connectors WHERE charge_point_id = @chargePointId AND connector_id = @connectorId
         AND status = @status AND error_code = @errorCode AND info IS @info AND vendor_id IS @vendorId AND vendor_error_code IS @vendorErrorCode)`,
    );
    this.listStmt = db.prepare<[string], ConnectorRow>('SELECT * FROM connectors WHERE charge_point_id = ? ORDER BY connector_id');
    this.getStmt = db.prepare<[string, number], ConnectorRow>('SELECT * FROM connectors WHERE charge_point_id = ? AND connector_id = ?');
  }

  /**
   * The current status, and a history row when it changed (status, error code, info or vendor codes): the history is
   * what explains "why is it broken" later; the current row says when it was last reported.
   */
  recordStatus(report: StatusReport): void {
    const params = {
      ...report,
      info: report.info ?? null,
      vendorId: report.vendorId ?? null,
      vendorErrorCode: report.vendorErrorCode ?? null,
      cpTimestamp: report.cpTimestamp ?? null,
    };
    // Compares with the row before the upsert changes it. The history stores the station's key and the time in ms.
    this.historyStmt.run({ ...params, station: this.names.keyOf(report.chargePointId), receivedAtMs: storedTime(report.receivedAt) });
    this.upsertStmt.run(params);
  }

  list(chargePointId: string): ConnectorRow[] {
    return this.listStmt.all(chargePointId);
  }

  get(chargePointId: string, connectorId: number): ConnectorRow | undefined {
    return this.getStmt.get(chargePointId, connectorId);
  }
}
