import type { Db } from '../database.js';
import { LoadedAtFirstUse, perConnection } from '../write-caches.js';
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

/**
 * The columns of a connector's row in the order `connectorRowOf` reads them: every connector of a fleet is read as
 * arrays of values, as the stations are (charge-points.ts `STATION_COLUMNS`: 28 ms → 16 ms for 15,000 connectors).
 */
export const CONNECTOR_COLUMNS = [
  'charge_point_id',
  'connector_id',
  'status',
  'error_code',
  'info',
  'vendor_id',
  'vendor_error_code',
  'status_cp_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ConnectorRow>;

/** A connector's row from the values of `CONNECTOR_COLUMNS`, in that order. */
export function connectorRowOf(v: unknown[]): ConnectorRow {
  return {
    charge_point_id: v[0] as string,
    connector_id: v[1] as number,
    status: v[2] as string,
    error_code: v[3] as string,
    info: v[4] as string | null,
    vendor_id: v[5] as string | null,
    vendor_error_code: v[6] as string | null,
    status_cp_at: v[7] as string | null,
    updated_at: v[8] as string,
  };
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

type StatusFields = Pick<ConnectorRow, 'status' | 'error_code' | 'info' | 'vendor_id' | 'vendor_error_code'>;

/** What decides whether a report is a change: the fields the history keeps, as one unambiguous string. */
function statusKey(fields: StatusFields): string {
  return JSON.stringify([fields.status, fields.error_code, fields.info, fields.vendor_id, fields.vendor_error_code]);
}

/**
 * Each connector's last reported status held in memory, as one short string per connector, and each station's
 * highest connector, so a StatusNotification is known to be a change or a repeat, and a start on a connector the
 * station never reported is noticed, without reading SQLite (docs/architecture.md, "Hot state"). Loaded whole at
 * first use, kept in step by `recordStatus` (the only statement that writes `connectors`), and loaded again when
 * writes were undone or rows deleted behind it: a station's connectors go with its record (ON DELETE CASCADE), so
 * ChargePointRepository.delete empties it too (write-caches.ts).
 */
export class KnownStatuses extends LoadedAtFirstUse {
  private keys = new Map<string, string>();
  /** Per station, the highest connector id it reported a status for (a start beyond it is an anomaly). */
  private highest = new Map<string, number>();
  private readonly loadStmt;

  private constructor(db: Db) {
    super(db);
    this.loadStmt = db.prepare<[], StatusFields & { charge_point_id: string; connector_id: number }>(
      'SELECT charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code FROM connectors',
    );
  }

  static readonly of = perConnection((db) => new KnownStatuses(db));

  protected load(): void {
    this.keys = new Map();
    this.highest = new Map();
    for (const row of this.loadStmt.all()) {
      this.keys.set(`${row.connector_id}:${row.charge_point_id}`, statusKey(row));
      this.raiseHighest(row.charge_point_id, row.connector_id);
    }
  }

  /** The highest connector id the station reported a status for; undefined when it reported none. */
  highestConnector(chargePointId: string): number | undefined {
    this.ensureLoaded();
    return this.highest.get(chargePointId);
  }

  private raiseHighest(chargePointId: string, connectorId: number): void {
    const current = this.highest.get(chargePointId);
    if (current === undefined || connectorId > current) this.highest.set(chargePointId, connectorId);
  }

  /** The key of what the connector last reported, or undefined when it never reported. */
  get(chargePointId: string, connectorId: number): string | undefined {
    this.ensureLoaded();
    return this.keys.get(`${connectorId}:${chargePointId}`);
  }

  set(chargePointId: string, connectorId: number, key: string): void {
    if (!this.holdsRows) return;
    this.keys.set(`${connectorId}:${chargePointId}`, key);
    this.raiseHighest(chargePointId, connectorId);
  }
}

export class ConnectorRepository {
  private readonly upsertStmt;
  private readonly historyStmt;
  private readonly listStmt;
  private readonly listAllStmt;
  private readonly listSomeStmt;
  private readonly getStmt;
  /** Station ids as keys (name-keys.ts, migration 0018). */
  private readonly names;
  private readonly known: KnownStatuses;

  constructor(db: Db) {
    this.names = NameKeys.of(db);
    this.known = KnownStatuses.of(db);
    // Connectors are created on first sight (OCTT lets the tool choose any number of connectors, §0.1).
    this.upsertStmt = db.prepare(
      `INSERT INTO connectors (charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, updated_at)
       VALUES (@chargePointId, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @cpTimestamp, @receivedAt)
       ON CONFLICT (charge_point_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code,
         info = excluded.info, vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code,
         status_cp_at = excluded.status_cp_at, updated_at = excluded.updated_at`,
    );
    this.historyStmt = db.prepare(
      `INSERT INTO status_changes (station, connector_id, status, error_code, info, vendor_id, vendor_error_code, status_cp_at, received_at)
       VALUES (@station, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @cpTimestamp, @receivedAtMs)`,
    );
    this.listStmt = db.prepare<[string], ConnectorRow>('SELECT * FROM connectors WHERE charge_point_id = ? ORDER BY connector_id');
    this.listAllStmt = db
      .prepare<[], unknown[]>(`SELECT ${CONNECTOR_COLUMNS.join(', ')} FROM connectors ORDER BY charge_point_id, connector_id`)
      .raw();
    this.listSomeStmt = db
      .prepare<[string], unknown[]>(
        `SELECT ${CONNECTOR_COLUMNS.join(', ')} FROM connectors WHERE charge_point_id IN (SELECT value FROM json_each(?)) ORDER BY charge_point_id, connector_id`,
      )
      .raw();
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
    // A history row only when the report says something the connector's row does not already say: stations repeat
    // their statuses at every boot and reconnect, and some every few minutes. The row keeps the latest report's time.
    // The history stores the station's key and the time in ms.
    const key = statusKey({
      status: params.status,
      error_code: params.errorCode,
      info: params.info,
      vendor_id: params.vendorId,
      vendor_error_code: params.vendorErrorCode,
    });
    if (this.known.get(report.chargePointId, report.connectorId) !== key)
      this.historyStmt.run({ ...params, station: this.names.keyOf(report.chargePointId), receivedAtMs: storedTime(report.receivedAt) });
    this.upsertStmt.run(params);
    this.known.set(report.chargePointId, report.connectorId, key);
  }

  list(chargePointId: string): ConnectorRow[] {
    return this.listStmt.all(chargePointId);
  }

  /** Every station's connectors in one read, by station and connector (the station list: one query, not one each). */
  listAll(): ConnectorRow[] {
    return this.listAllStmt.all().map(connectorRowOf);
  }

  /** The connectors of the stations of `ids`, in (station, connector) order. */
  listOfStations(ids: readonly string[]): ConnectorRow[] {
    return this.listSomeStmt.all(JSON.stringify(ids)).map(connectorRowOf);
  }

  /** The highest connector id the station reported a status for (from memory); undefined when none. */
  highestReported(chargePointId: string): number | undefined {
    return this.known.highestConnector(chargePointId);
  }

  get(chargePointId: string, connectorId: number): ConnectorRow | undefined {
    return this.getStmt.get(chargePointId, connectorId);
  }
}
