import type { Db } from '../database.js';
import { perConnection, StationTable } from '../write-caches.js';
import type { InstalledProfile } from '../../../../shared/smart-charging/index.js';
import type { FileStatusKind } from './station-reports.js';
import { storedEntries, storedListColumns } from './local-list-columns.js';
import type {
  CompositeScheduleDto,
  ConfigurationEntryDto,
  ConfigurationSnapshotDto,
  FileJobDto,
  InstalledCertificatesDto,
  LocalListEntryDto,
  LocalListStateDto,
} from '../../../../shared/api/types.js';

/**
 * The shapes this repository returns are the operator API's own (shared/api/types.ts): defined once there, since
 * the API hands them out unchanged.
 */
export type LocalListEntry = LocalListEntryDto;
export type LocalListState = LocalListStateDto;
export type ConfigurationEntry = ConfigurationEntryDto;
export type ConfigurationSnapshot = ConfigurationSnapshotDto;
export type CompositeScheduleRecord = CompositeScheduleDto;
export type InstalledCertificates = InstalledCertificatesDto;
export interface FileJob extends FileJobDto {
  kind: FileStatusKind;
}

const parse = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** The state columns of `local_lists`: everything but the entries' text, which is stored last (migration 0019). */
const LIST_STATE_COLUMNS =
  'charge_point_id, confirmed_version, reported_version, reported_at, last_update_type, last_status, updated_at, entry_count, entries_digest';

interface LocalListStateRow {
  charge_point_id: string;
  confirmed_version: number | null;
  reported_version: number | null;
  reported_at: string | null;
  last_update_type: string | null;
  last_status: string | null;
  updated_at: string;
  entry_count: number | null;
  entries_digest: string | null;
}

interface LocalListRow extends LocalListStateRow {
  entries: string | null;
}

/**
 * A station's list state as stored, without the entries: how many it holds and the digest of their text (null:
 * unknown). Equal digests are equal lists (repositories/local-list-columns.ts).
 */
export interface StoredLocalList extends Omit<LocalListState, 'entries'> {
  entryCount: number | null;
  entriesDigest: string | null;
}

/** The local authorization list each station holds (OCPP 1.6 §3.5, §5.11, §5.15). */
export class LocalListRepository {
  constructor(private readonly db: Db) {}

  get(chargePointId: string): LocalListState | undefined {
    const row = this.db.prepare<[string], LocalListRow>('SELECT * FROM local_lists WHERE charge_point_id = ?').get(chargePointId);
    if (!row) return undefined;
    const { entryCount: _count, entriesDigest: _digest, ...state } = toStoredLocalList(row);
    return { ...state, entries: storedEntries(row.entries) };
  }

  /**
   * Every station's list state without its entries, in station order. The state columns are stored before the
   * entries, so this reads none of their text (at a large depot a million entries; README "Performance").
   */
  listStored(): StoredLocalList[] {
    return this.db
      .prepare<[], LocalListStateRow>(`SELECT ${LIST_STATE_COLUMNS} FROM local_lists ORDER BY charge_point_id`)
      .all()
      .map(toStoredLocalList);
  }

  /** The stored text of each distinct list, by its digest: one text for all the stations that hold the same list. */
  entriesByDigest(): Map<string, string> {
    const rows = this.db
      .prepare<[], { entries_digest: string; entries: string }>(
        `SELECT entries_digest, entries FROM local_lists
         WHERE rowid IN (SELECT min(rowid) FROM local_lists WHERE entries_digest IS NOT NULL GROUP BY entries_digest)`,
      )
      .all();
    return new Map(rows.map((r) => [r.entries_digest, r.entries]));
  }

  /** Change some fields (undefined = keep). */
  update(
    chargePointId: string,
    fields: Partial<{
      entries: LocalListEntry[] | null;
      confirmedVersion: number | null;
      reportedVersion: number | null;
      reportedAt: string;
      lastUpdateType: string;
      lastStatus: string;
    }>,
    now: string,
  ): void {
    const current = this.get(chargePointId);
    const next = {
      entries: fields.entries !== undefined ? fields.entries : (current?.entries ?? null),
      confirmedVersion: fields.confirmedVersion !== undefined ? fields.confirmedVersion : (current?.confirmedVersion ?? null),
      reportedVersion: fields.reportedVersion !== undefined ? fields.reportedVersion : (current?.reportedVersion ?? null),
      reportedAt: fields.reportedAt ?? current?.reportedAt ?? null,
      lastUpdateType: fields.lastUpdateType ?? current?.lastUpdateType ?? null,
      lastStatus: fields.lastStatus ?? current?.lastStatus ?? null,
    };
    const entriesJson = next.entries === null ? null : JSON.stringify(next.entries);
    const summary = entriesJson === null ? { entryCount: null, entriesDigest: null } : storedListColumns(entriesJson, next.entries!.length);
    this.db
      .prepare(
        `INSERT INTO local_lists (charge_point_id, confirmed_version, reported_version, reported_at, last_update_type, last_status, updated_at,
           entry_count, entries_digest, entries)
         VALUES (@chargePointId, @confirmedVersion, @reportedVersion, @reportedAt, @lastUpdateType, @lastStatus, @now, @entryCount, @entriesDigest, @entries)
         ON CONFLICT(charge_point_id) DO UPDATE SET entries = excluded.entries, entry_count = excluded.entry_count,
           entries_digest = excluded.entries_digest, confirmed_version = excluded.confirmed_version,
           reported_version = excluded.reported_version, reported_at = excluded.reported_at, last_update_type = excluded.last_update_type,
           last_status = excluded.last_status, updated_at = excluded.updated_at`,
      )
      .run({ chargePointId, ...next, ...summary, entries: entriesJson, now });
  }
}

function toStoredLocalList(row: LocalListStateRow): StoredLocalList {
  return {
    chargePointId: row.charge_point_id,
    confirmedVersion: row.confirmed_version,
    reportedVersion: row.reported_version,
    reportedAt: row.reported_at,
    lastUpdateType: row.last_update_type,
    lastStatus: row.last_status,
    updatedAt: row.updated_at,
    entryCount: row.entry_count,
    entriesDigest: row.entries_digest,
  };
}

/**
 * Each station's installed profiles as stored (the JSON text; null: none stored), held in memory per connection
 * (docs/architecture.md, "Hot state"): read on every StartTransaction and every connector that becomes Available
 * (handlers/tx-profiles.ts). Loaded for all stations at the first read, kept in step by `setInstalled`, the only
 * statement that writes the table; loaded again when writes are undone (write-caches.ts). Kept as text, so each read
 * parses its own copy and no caller can change memory behind the database's back.
 */
const installedTexts = perConnection((db) => {
  const all = db.prepare<[], [string, string]>('SELECT charge_point_id, installed FROM charging_profile_sets').raw();
  return new StationTable<string | null>(db, () => all.all(), null);
});

/** Charging profiles each station accepted, and the last composite schedule it reported per connector. */
export class ChargingProfileRepository {
  private readonly setInstalledStmt;
  private readonly texts: StationTable<string | null>;

  constructor(private readonly db: Db) {
    this.texts = installedTexts(db);
    this.setInstalledStmt = db.prepare(
      `INSERT INTO charging_profile_sets (charge_point_id, installed, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(charge_point_id) DO UPDATE SET installed = excluded.installed, updated_at = excluded.updated_at`,
    );
  }

  installed(chargePointId: string): InstalledProfile[] {
    const text = this.texts.get(chargePointId);
    return text === null ? [] : parse<InstalledProfile[]>(text, []);
  }

  setInstalled(chargePointId: string, installed: readonly InstalledProfile[], now: string): void {
    const text = JSON.stringify(installed);
    this.setInstalledStmt.run(chargePointId, text, now);
    this.texts.set(chargePointId, text);
  }

  recordCompositeSchedule(chargePointId: string, connectorId: number, request: object, answer: object, now: string): void {
    this.db
      .prepare(
        `INSERT INTO composite_schedules (charge_point_id, connector_id, request, answer, received_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(charge_point_id, connector_id) DO UPDATE SET request = excluded.request, answer = excluded.answer, received_at = excluded.received_at`,
      )
      .run(chargePointId, connectorId, JSON.stringify(request), JSON.stringify(answer), now);
  }

  compositeSchedules(chargePointId: string): CompositeScheduleRecord[] {
    return this.db
      .prepare<[string], { charge_point_id: string; connector_id: number; request: string; answer: string; received_at: string }>(
        'SELECT * FROM composite_schedules WHERE charge_point_id = ? ORDER BY connector_id',
      )
      .all(chargePointId)
      .map((r) => ({
        chargePointId: r.charge_point_id,
        connectorId: r.connector_id,
        request: parse(r.request, {}),
        answer: parse(r.answer, {}),
        receivedAt: r.received_at,
      }));
  }

  compositeSchedule(chargePointId: string, connectorId: number): CompositeScheduleRecord | undefined {
    return this.compositeSchedules(chargePointId).find((r) => r.connectorId === connectorId);
  }
}

/**
 * Each station's NumberOfConnectors as its configuration snapshot gives it (null: no snapshot, or no whole number in
 * it), held per connection (docs/architecture.md, "Hot state"): every StartTransaction asks for it
 * (handlers/start-transaction.ts), which would otherwise read and parse the whole snapshot. Loaded for all stations at
 * the first use (SQLite picks the key's first entry out of each snapshot's JSON, so the snapshots are not parsed
 * here), kept in step by `save` (the only statement that writes the table), loaded again when writes are undone.
 */
const connectorCounts = perConnection((db) => {
  const all = db
    .prepare<[], [string, string | number | null]>(
      `SELECT s.charge_point_id,
         (SELECT json_extract(e.value, '$.value') FROM json_each(s.entries) e
          WHERE e.key = (SELECT MIN(f.key) FROM json_each(s.entries) f WHERE json_extract(f.value, '$.key') = 'NumberOfConnectors'))
       FROM configuration_snapshots s WHERE json_valid(s.entries)`,
    )
    .raw();
  return new StationTable<number | null>(
    db,
    () => all.all().map(([id, value]) => [id, countOf(value === null ? undefined : String(value))] as const),
    null,
  );
});

function connectorCountOf(entries: readonly ConfigurationEntry[]): number | null {
  return countOf(entries.find((e) => e.key === 'NumberOfConnectors')?.value);
}

function countOf(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** The last configuration each station reported (GetConfiguration), kept up to date by accepted changes. */
export class ConfigurationSnapshotRepository {
  private readonly getStmt;
  private readonly counts: StationTable<number | null>;

  constructor(private readonly db: Db) {
    this.counts = connectorCounts(db);
    this.getStmt = db.prepare<
      [string],
      { charge_point_id: string; entries: string; unknown_keys: string; requested_keys: string | null; taken_at: string | null; updated_at: string }
    >('SELECT * FROM configuration_snapshots WHERE charge_point_id = ?');
  }

  get(chargePointId: string): ConfigurationSnapshot | undefined {
    const row = this.getStmt.get(chargePointId);
    if (!row) return undefined;
    return {
      chargePointId: row.charge_point_id,
      entries: parse<ConfigurationEntry[]>(row.entries, []),
      unknownKeys: parse<string[]>(row.unknown_keys, []),
      requestedKeys: row.requested_keys === null ? null : parse<string[]>(row.requested_keys, []),
      takenAt: row.taken_at,
      updatedAt: row.updated_at,
    };
  }

  /** The station's NumberOfConnectors in its snapshot (from memory); undefined when it has none. */
  numberOfConnectors(chargePointId: string): number | undefined {
    return this.counts.get(chargePointId) ?? undefined;
  }

  save(snapshot: Omit<ConfigurationSnapshot, 'updatedAt'>, now: string): void {
    this.db
      .prepare(
        `INSERT INTO configuration_snapshots (charge_point_id, entries, unknown_keys, requested_keys, taken_at, updated_at)
         VALUES (@chargePointId, @entries, @unknownKeys, @requestedKeys, @takenAt, @now)
         ON CONFLICT(charge_point_id) DO UPDATE SET entries = excluded.entries, unknown_keys = excluded.unknown_keys,
           requested_keys = excluded.requested_keys, taken_at = excluded.taken_at, updated_at = excluded.updated_at`,
      )
      .run({
        chargePointId: snapshot.chargePointId,
        entries: JSON.stringify(snapshot.entries),
        unknownKeys: JSON.stringify(snapshot.unknownKeys),
        requestedKeys: snapshot.requestedKeys === null ? null : JSON.stringify(snapshot.requestedKeys),
        takenAt: snapshot.takenAt,
        now,
      });
    this.counts.set(snapshot.chargePointId, connectorCountOf(snapshot.entries));
  }
}

interface FileJobRow {
  id: number;
  charge_point_id: string;
  kind: FileStatusKind;
  action: string;
  request_id: number | null;
  request: string;
  answer: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  upload_protocol: 'ftp' | 'http' | null;
  upload_protocol_reason: string | null;
  credential_sha256: string | null;
  credential_expires_at: string | null;
  station_status: string | null;
  ended_at: string | null;
  ended_reason: string | null;
}

/**
 * The status notifications after which a job is over (OCPP 1.6 §7.24 DiagnosticsStatus, §7.25 FirmwareStatus; white
 * paper UploadLogStatusEnumType and FirmwareStatusEnumType): its upload credential stops working then.
 */
const TERMINAL_STATUSES: Record<FileStatusKind, ReadonlySet<string>> = {
  firmware: new Set(['Installed', 'InstallationFailed', 'DownloadFailed']),
  diagnostics: new Set(['Uploaded', 'UploadFailed']),
  log: new Set(['Uploaded', 'UploadFailure', 'BadMessage', 'NotSupportedOperation', 'PermissionDenied']),
  signedFirmware: new Set(['Installed', 'InstallationFailed', 'DownloadFailed', 'InvalidSignature', 'InstallVerificationFailed']),
};

const isTerminalFileStatus = (kind: FileStatusKind, status: string): boolean => TERMINAL_STATUSES[kind].has(status);

/** The flag on a job whose station reported Uploaded although no file reached this central system with its credential. */
const UPLOADED_NOTHING_ARRIVED = 'uploaded-but-nothing-arrived';

/** Firmware updates, diagnostics and log uploads the operator asked for; their progress is the station's notifications. */
export class FileJobRepository {
  constructor(private readonly db: Db) {}

  create(input: {
    chargePointId: string;
    kind: FileStatusKind;
    action: string;
    requestId: number | null;
    /** As it may be shown: without the upload password (rpc/redaction.ts). */
    request: object;
    now: string;
    upload?: { protocol: 'ftp' | 'http'; reason: string; credentialSha256: string; credentialExpiresAt: string };
  }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO file_jobs (charge_point_id, kind, action, request_id, request, status, created_at, updated_at,
             upload_protocol, upload_protocol_reason, credential_sha256, credential_expires_at)
           VALUES (?, ?, ?, ?, ?, 'Sent', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.chargePointId,
          input.kind,
          input.action,
          input.requestId,
          JSON.stringify(input.request),
          input.now,
          input.now,
          input.upload?.protocol ?? null,
          input.upload?.reason ?? null,
          input.upload?.credentialSha256 ?? null,
          input.upload?.credentialExpiresAt ?? null,
        ).lastInsertRowid,
    );
  }

  answer(id: number, status: string, answer: object, now: string): void {
    this.db.prepare('UPDATE file_jobs SET status = ?, answer = ?, updated_at = ? WHERE id = ?').run(status, JSON.stringify(answer), now, id);
  }

  /** The job is over (refused, failed, or its last status came): its upload credential stops working. */
  end(id: number, reason: string, now: string): void {
    this.db
      .prepare('UPDATE file_jobs SET ended_at = ?, ended_reason = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(now, reason, now, id);
  }

  /**
   * The job a status notification belongs to: with a requestId (GetLog, SignedUpdateFirmware) the job with that
   * requestId; otherwise the newest job of that kind still open. None: a notification nobody asked for (e.g. after a
   * TriggerMessage), kept in the station's history but in no job's timeline.
   */
  jobForNotification(chargePointId: string, kind: FileStatusKind, requestId: number | null): number | null {
    const row =
      requestId !== null
        ? this.db
            .prepare<[string, string, number], { id: number }>(
              'SELECT id FROM file_jobs WHERE charge_point_id = ? AND kind = ? AND request_id = ? ORDER BY id DESC LIMIT 1',
            )
            .get(chargePointId, kind, requestId)
        : this.db
            .prepare<[string, string], { id: number }>(
              'SELECT id FROM file_jobs WHERE charge_point_id = ? AND kind = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1',
            )
            .get(chargePointId, kind);
    return row?.id ?? null;
  }

  /**
   * A status notification of the job: kept as its last status while the job is open (an `Idle` after the end does
   * not hide how it ended); a terminal one ends the job.
   */
  recordStationStatus(id: number, kind: FileStatusKind, status: string, now: string): void {
    this.db.prepare('UPDATE file_jobs SET station_status = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL').run(status, now, id);
    if (isTerminalFileStatus(kind, status)) this.end(id, `station reported ${status}`, now);
  }

  /**
   * A station works on one transfer of a kind at a time: once it took a new job, the older open ones of that kind
   * are over (and their upload credentials with them).
   */
  endSuperseded(chargePointId: string, kind: FileStatusKind, newJobId: number, now: string): number[] {
    const older = this.db
      .prepare<[string, string, number], { id: number }>(
        'SELECT id FROM file_jobs WHERE charge_point_id = ? AND kind = ? AND id < ? AND ended_at IS NULL',
      )
      .all(chargePointId, kind, newJobId)
      .map((r) => r.id);
    for (const id of older) this.end(id, `superseded by job ${newJobId}`, now);
    return older;
  }

  /** The open job of this station whose upload credential has this SHA-256, if it has not expired. */
  jobForCredential(chargePointId: string, credentialSha256: string, now: string): number | undefined {
    return this.db
      .prepare<[string, string, string], { id: number }>(
        'SELECT id FROM file_jobs WHERE charge_point_id = ? AND credential_sha256 = ? AND ended_at IS NULL AND credential_expires_at > ? ORDER BY id DESC LIMIT 1',
      )
      .get(chargePointId, credentialSha256, now)?.id;
  }

  recordUpload(jobId: number, upload: { chargePointId: string; name: string; size: number; via: 'http' | 'ftp' }, now: string): void {
    this.db
      .prepare('INSERT INTO file_job_uploads (job_id, charge_point_id, name, size, via, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(jobId, upload.chargePointId, upload.name, upload.size, upload.via, now);
    this.db.prepare('UPDATE file_jobs SET updated_at = ? WHERE id = ?').run(now, jobId);
  }

  /** The next requestId for GetLog / SignedUpdateFirmware of this station. */
  nextRequestId(chargePointId: string): number {
    return this.db
      .prepare<[string], { next: number }>('SELECT COALESCE(MAX(request_id), 0) + 1 AS next FROM file_jobs WHERE charge_point_id = ?')
      .get(chargePointId)!.next;
  }

  get(id: number): FileJob | undefined {
    const row = this.db.prepare<[number], FileJobRow>('SELECT * FROM file_jobs WHERE id = ?').get(id);
    return row && this.withTimeline(row);
  }

  /** Newest first, each with its status timeline. */
  list(chargePointId: string, limit = 50): FileJob[] {
    return this.db
      .prepare<[string, number], FileJobRow>('SELECT * FROM file_jobs WHERE charge_point_id = ? ORDER BY id DESC LIMIT ?')
      .all(chargePointId, limit)
      .map((row) => this.withTimeline(row));
  }

  private withTimeline(row: FileJobRow): FileJob {
    type StatusRow = { status: string; request_id: number | null; received_at: string };
    let timeline = this.db
      .prepare<[number], StatusRow>('SELECT status, request_id, received_at FROM station_file_status WHERE job_id = ? ORDER BY id')
      .all(row.id);
    if (timeline.length === 0 && row.station_status === null) {
      // Jobs recorded before notifications were tied to their job: the notifications of the kind until the next job.
      const next = this.db
        .prepare<[string, string, number], { created_at: string }>(
          'SELECT created_at FROM file_jobs WHERE charge_point_id = ? AND kind = ? AND id > ? ORDER BY id LIMIT 1',
        )
        .get(row.charge_point_id, row.kind, row.id);
      timeline = this.db
        .prepare<[string, string, string, string], StatusRow>(
          `SELECT status, request_id, received_at FROM station_file_status
           WHERE charge_point_id = ? AND kind = ? AND job_id IS NULL AND received_at >= ? AND received_at < ? ORDER BY id`,
        )
        .all(row.charge_point_id, row.kind, row.created_at, next?.created_at ?? '9999')
        .filter((s) => row.request_id === null || s.request_id === null || s.request_id === row.request_id);
    }
    const receivedFiles = this.db
      .prepare<[number], { name: string; size: number; via: 'http' | 'ftp'; received_at: string }>(
        'SELECT name, size, via, received_at FROM file_job_uploads WHERE job_id = ? ORDER BY id',
      )
      .all(row.id)
      .map((f) => ({ name: f.name, size: f.size, via: f.via, receivedAt: f.received_at }));
    const uploadsHere = row.credential_sha256 !== null;
    return {
      id: row.id,
      chargePointId: row.charge_point_id,
      kind: row.kind,
      action: row.action,
      requestId: row.request_id,
      request: parse(row.request, {}),
      answer: parse(row.answer, null),
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      timeline: timeline.map((s) => ({ status: s.status, requestId: s.request_id, receivedAt: s.received_at })),
      uploadProtocol: row.upload_protocol,
      uploadProtocolReason: row.upload_protocol_reason,
      hasUploadCredential: uploadsHere,
      credentialExpiresAt: row.credential_expires_at,
      stationStatus: row.station_status,
      endedAt: row.ended_at,
      endedReason: row.ended_reason,
      receivedFiles,
      // Only a job that uploads here can know nothing arrived; for a location elsewhere we cannot tell.
      problem:
        uploadsHere && receivedFiles.length === 0 && (row.station_status === 'Uploaded' || timeline.some((s) => s.status === 'Uploaded'))
          ? UPLOADED_NOTHING_ARRIVED
          : null,
    };
  }
}

/** GetInstalledCertificateIds answers per station and certificate type (DeleteCertificate reuses the hash data). */
export class InstalledCertificateRepository {
  constructor(private readonly db: Db) {}

  record(chargePointId: string, certificateType: string, status: string, hashData: readonly object[], now: string): void {
    this.db
      .prepare(
        `INSERT INTO installed_certificates (charge_point_id, certificate_type, status, hash_data, received_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(charge_point_id, certificate_type) DO UPDATE SET status = excluded.status, hash_data = excluded.hash_data, received_at = excluded.received_at`,
      )
      .run(chargePointId, certificateType, status, JSON.stringify(hashData), now);
  }

  list(chargePointId: string): InstalledCertificates[] {
    return this.db
      .prepare<[string], { charge_point_id: string; certificate_type: string; status: string; hash_data: string; received_at: string }>(
        'SELECT * FROM installed_certificates WHERE charge_point_id = ? ORDER BY certificate_type',
      )
      .all(chargePointId)
      .map((r) => ({
        chargePointId: r.charge_point_id,
        certificateType: r.certificate_type,
        status: r.status,
        hashData: parse(r.hash_data, []),
        receivedAt: r.received_at,
      }));
  }
}
