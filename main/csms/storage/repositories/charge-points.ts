import type { Db } from '../database.js';
import { invalidateCachedRows, perConnection, StationTable } from '../write-caches.js';

export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';
export type ValidationMode = 'strict' | 'lenient';

export interface AuthSecret {
  salt: string;
  hash: string;
}

export interface ChargePointRow {
  id: string;
  registration_status: RegistrationStatus;
  description: string;
  security_profile: number;
  auth_secrets: string;
  validation_mode: ValidationMode | null;
  vendor: string | null;
  model: string | null;
  charge_point_serial: string | null;
  charge_box_serial: string | null;
  firmware_version: string | null;
  iccid: string | null;
  imsi: string | null;
  meter_type: string | null;
  meter_serial: string | null;
  last_boot_at: string | null;
  last_seen_at: string | null;
  last_connected_at: string | null;
  last_disconnected_at: string | null;
  last_remote_address: string | null;
  firmware_status: string | null;
  diagnostics_status: string | null;
  /** The heartbeat interval the station was given (BootNotification.conf or ChangeConfiguration); null = not known. */
  heartbeat_interval_sec: number | null;
  /** Close code and reason of the station's last connection (RFC 6455 §7.4); null while none closed. */
  last_close_code: number | null;
  last_close_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The columns of a station's record in the order `chargePointRowOf` reads them. The whole list is read as arrays
 * of values: better-sqlite3 builds each row object one property at a time, which for 5,000 of these 27-column
 * records took 47 ms, against 16 ms for the arrays (README "Performance", large database); an object literal of a
 * fixed shape costs little besides. test/unit/station-rows.test.ts holds both readings equal.
 */
export const STATION_COLUMNS = [
  'id',
  'registration_status',
  'description',
  'security_profile',
  'auth_secrets',
  'validation_mode',
  'vendor',
  'model',
  'charge_point_serial',
  'charge_box_serial',
  'firmware_version',
  'iccid',
  'imsi',
  'meter_type',
  'meter_serial',
  'last_boot_at',
  'last_seen_at',
  'last_connected_at',
  'last_disconnected_at',
  'last_remote_address',
  'firmware_status',
  'diagnostics_status',
  'heartbeat_interval_sec',
  'last_close_code',
  'last_close_reason',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ChargePointRow>;

/** A station's record from the values of `STATION_COLUMNS`, in that order. */
export function chargePointRowOf(v: unknown[]): ChargePointRow {
  return {
    id: v[0] as string,
    registration_status: v[1] as RegistrationStatus,
    description: v[2] as string,
    security_profile: v[3] as number,
    auth_secrets: v[4] as string,
    validation_mode: v[5] as ValidationMode | null,
    vendor: v[6] as string | null,
    model: v[7] as string | null,
    charge_point_serial: v[8] as string | null,
    charge_box_serial: v[9] as string | null,
    firmware_version: v[10] as string | null,
    iccid: v[11] as string | null,
    imsi: v[12] as string | null,
    meter_type: v[13] as string | null,
    meter_serial: v[14] as string | null,
    last_boot_at: v[15] as string | null,
    last_seen_at: v[16] as string | null,
    last_connected_at: v[17] as string | null,
    last_disconnected_at: v[18] as string | null,
    last_remote_address: v[19] as string | null,
    firmware_status: v[20] as string | null,
    diagnostics_status: v[21] as string | null,
    heartbeat_interval_sec: v[22] as number | null,
    last_close_code: v[23] as number | null,
    last_close_reason: v[24] as string | null,
    created_at: v[25] as string,
    updated_at: v[26] as string,
  };
}

/**
 * What admitting a station needs of its record: the handshake (who may connect, with which security profile and
 * password) and every CALL (registration status, validation mode). Narrow, since it is read so often: building the
 * whole 24-column row cost ~5 % of the time at saturation and during a connection storm (README "Performance").
 */
export type ChargePointAdmission = Pick<ChargePointRow, 'id' | 'registration_status' | 'validation_mode' | 'security_profile' | 'auth_secrets'>;

export interface BootInfo {
  vendor: string;
  model: string;
  chargePointSerial?: string;
  chargeBoxSerial?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerial?: string;
}

const ADMISSION_COLUMNS = 'id, registration_status, validation_mode, security_profile, auth_secrets';

/**
 * Every station's admission, kept in memory per connection: it is read for every handshake and CALL and changes only
 * through `create`, `update` and `delete` below. Loaded whole at its first use (`StationTable`), so an identity that
 * is no station yet (a new station at its first handshake, 10,000 of them when a new depot comes up) is answered
 * without a read too. `create` adds the row it wrote (the table's defaults for what it leaves out), `update` reads
 * its station's row again, `delete` drops it; loaded again when writes are undone (write-caches.ts). Entries are
 * frozen, so no caller can change them.
 */
const admissionsOf = perConnection((db) => {
  const all = db.prepare<[], ChargePointAdmission>(`SELECT ${ADMISSION_COLUMNS} FROM charge_points`);
  return new StationTable<ChargePointAdmission | undefined>(db, () => all.all().map((row) => [row.id, Object.freeze(row)] as const), undefined);
});

export class ChargePointRepository {
  private readonly byId;
  private readonly all;
  private readonly insertStmt;
  private readonly bootStmt;
  private readonly seenStmt;
  private readonly connectedStmt;
  private readonly disconnectedStmt;
  private readonly someStmt;
  private readonly countStmt;
  private readonly heartbeatIntervalStmt;
  private readonly fileStatusStmt;
  private readonly admissionStmt;
  private readonly admissions: StationTable<ChargePointAdmission | undefined>;

  constructor(private readonly db: Db) {
    this.admissions = admissionsOf(db);
    this.admissionStmt = db.prepare<[string], ChargePointAdmission>(`SELECT ${ADMISSION_COLUMNS} FROM charge_points WHERE id = ?`);
    this.byId = db.prepare<[string], ChargePointRow>('SELECT * FROM charge_points WHERE id = ?');
    this.all = db.prepare<[], unknown[]>(`SELECT ${STATION_COLUMNS.join(', ')} FROM charge_points ORDER BY id`).raw();
    this.someStmt = db
      .prepare<[string], unknown[]>(
        `SELECT ${STATION_COLUMNS.join(', ')} FROM charge_points WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .raw();
    this.countStmt = db.prepare<[], number>('SELECT COUNT(*) FROM charge_points').pluck();
    this.insertStmt = db.prepare(
      `INSERT INTO charge_points (id, registration_status, description, security_profile, created_at, updated_at)
       VALUES (@id, @registrationStatus, @description, @securityProfile, @now, @now)`,
    );
    this.bootStmt = db.prepare(
      `UPDATE charge_points SET vendor = @vendor, model = @model, charge_point_serial = @chargePointSerial,
         charge_box_serial = @chargeBoxSerial, firmware_version = @firmwareVersion, iccid = @iccid, imsi = @imsi,
         meter_type = @meterType, meter_serial = @meterSerial, last_boot_at = @now, last_seen_at = @now, updated_at = @now
       WHERE id = @id`,
    );
    // Never backwards: a boot or a connect may have stored a later time in the meantime.
    this.seenStmt = db.prepare('UPDATE charge_points SET last_seen_at = @at WHERE id = @id AND (last_seen_at IS NULL OR last_seen_at < @at)');
    this.connectedStmt = db.prepare('UPDATE charge_points SET last_connected_at = ?, last_seen_at = ?, last_remote_address = ? WHERE id = ?');
    this.disconnectedStmt = db.prepare('UPDATE charge_points SET last_disconnected_at = ?, last_close_code = ?, last_close_reason = ? WHERE id = ?');
    this.heartbeatIntervalStmt = db.prepare('UPDATE charge_points SET heartbeat_interval_sec = ? WHERE id = ?');
    this.fileStatusStmt = {
      firmware: db.prepare('UPDATE charge_points SET firmware_status = ?, updated_at = ? WHERE id = ?'),
      diagnostics: db.prepare('UPDATE charge_points SET diagnostics_status = ?, updated_at = ? WHERE id = ?'),
    };
  }

  get(id: string): ChargePointRow | undefined {
    return this.byId.get(id);
  }

  admission(id: string): ChargePointAdmission | undefined {
    return this.admissions.get(id);
  }

  /** Every station in id order (read as arrays of values, see `chargePointRowOf`). */
  list(): ChargePointRow[] {
    return this.all.all().map(chargePointRowOf);
  }

  /** The stations of `ids` that exist, in id order. */
  listSome(ids: readonly string[]): ChargePointRow[] {
    return this.someStmt.all(JSON.stringify(ids)).map(chargePointRowOf);
  }

  count(): number {
    return this.countStmt.get()!;
  }

  create(input: { id: string; registrationStatus: RegistrationStatus; description?: string; securityProfile?: number; now: string }): void {
    this.insertStmt.run({
      id: input.id,
      registrationStatus: input.registrationStatus,
      description: input.description ?? '',
      securityProfile: input.securityProfile ?? 0,
      now: input.now,
    });
    this.admissions.set(
      input.id,
      Object.freeze({
        id: input.id,
        registration_status: input.registrationStatus,
        validation_mode: null,
        security_profile: input.securityProfile ?? 0,
        auth_secrets: '[]',
      }),
    );
  }

  update(
    id: string,
    fields: Partial<{
      registrationStatus: RegistrationStatus;
      description: string;
      securityProfile: number;
      authSecrets: AuthSecret[];
      validationMode: ValidationMode | null;
    }>,
    now: string,
  ): void {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, now };
    const set = (column: string, name: string, value: unknown) => {
      if (value === undefined) return;
      sets.push(`${column} = @${name}`);
      params[name] = value;
    };
    set('registration_status', 'registrationStatus', fields.registrationStatus);
    set('description', 'description', fields.description);
    set('security_profile', 'securityProfile', fields.securityProfile);
    set('auth_secrets', 'authSecrets', fields.authSecrets === undefined ? undefined : JSON.stringify(fields.authSecrets));
    set('validation_mode', 'validationMode', fields.validationMode);
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE charge_points SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
    const row = this.admissionStmt.get(id);
    this.admissions.set(id, row && Object.freeze(row));
  }

  delete(id: string): boolean {
    this.admissions.set(id, undefined);
    const deleted = this.db.prepare('DELETE FROM charge_points WHERE id = ?').run(id).changes > 0;
    // The station's connectors went with it (ON DELETE CASCADE), behind the memory that holds their statuses.
    if (deleted) invalidateCachedRows(this.db);
    return deleted;
  }

  recordBoot(id: string, info: BootInfo, now: string): void {
    this.bootStmt.run({
      id,
      now,
      vendor: info.vendor,
      model: info.model,
      chargePointSerial: info.chargePointSerial ?? null,
      chargeBoxSerial: info.chargeBoxSerial ?? null,
      firmwareVersion: info.firmwareVersion ?? null,
      iccid: info.iccid ?? null,
      imsi: info.imsi ?? null,
      meterType: info.meterType ?? null,
      meterSerial: info.meterSerial ?? null,
    });
  }

  markSeen(id: string, now: string): void {
    this.seenStmt.run({ at: now, id });
  }

  markConnected(id: string, remoteAddress: string | undefined, now: string): void {
    this.connectedStmt.run(now, now, remoteAddress ?? null, id);
  }

  markDisconnected(id: string, now: string, close: { code: number | null; reason: string | null } = { code: null, reason: null }): void {
    this.disconnectedStmt.run(now, close.code, close.reason, id);
  }

  /** The heartbeat interval the station now works with (OCPP 1.6 §4.2 BootNotification.conf, §9.1 HeartbeatInterval). */
  setHeartbeatInterval(id: string, heartbeatIntervalSec: number): void {
    this.heartbeatIntervalStmt.run(heartbeatIntervalSec, id);
  }

  setFileStatus(id: string, kind: 'firmware' | 'diagnostics', status: string, now: string): void {
    this.fileStatusStmt[kind].run(status, now, id);
  }
}

export function parseAuthSecrets(row: Pick<ChargePointRow, 'auth_secrets'>): AuthSecret[] {
  try {
    const value = JSON.parse(row.auth_secrets) as unknown;
    return Array.isArray(value) ? (value as AuthSecret[]) : [];
  } catch {
    return [];
  }
}
