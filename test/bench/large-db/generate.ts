/**
 * Builds the large database of the benchmark (README "Performance", large database): a depot after years of use,
 * in a data folder the real server then opens. The schema is the real one (the storage layer's `openDatabase` runs
 * every migration first); the rows are written with plain INSERTs in big transactions, except the message log,
 * which goes through its repository (message-log-rows.ts) so that it follows the repository's layout.
 *
 * Distributions: ~200 stations of 2 connectors (a few busy, a long tail), ~5,000 id tags in fleet groups (parent
 * tags), transactions spread over 3 years with meter readings each, a few open sessions now, and beside them the
 * reservations, anomalies, audit rows, connection events, security events and file jobs such a depot collects.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseFile } from '../../../main/csms/config/app-paths.js';
import { openDatabase, type Db } from '../../../main/csms/storage/database.js';
import { MessageLogRepository } from '../../../main/csms/storage/repositories/message-log.js';
import { storedListColumns } from '../../../main/csms/storage/repositories/local-list-columns.js';
import { generateMessageLogRows } from './message-log-rows.js';
import { SeededRandom } from '../../support/seeded-random.js';

export interface GenerateOptions {
  dataDir: string;
  transactions: number;
  messageLogRows: number;
  stations: number;
  idTags: number;
  /** Meter readings (meterValue elements) stored per transaction, the stop's own included. */
  readingsPerTransaction: number;
  seed: number;
}

export const DEFAULT_GENERATE: Omit<GenerateOptions, 'dataDir'> = {
  transactions: 1_000_000,
  messageLogRows: 10_000_000,
  stations: 200,
  idTags: 5_000,
  readingsPerTransaction: 6,
  seed: 1,
};

/** The API token the generated database holds, so the bench can call the API without reading it back. */
export const LARGE_DB_API_TOKEN = 'large-db-bench-token-0123456789abcdef';

export interface GenerateReport {
  options: GenerateOptions;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
  fileBytes: number;
  /** Written at (ms since the epoch): the "now" of the generated history. */
  nowMs: number;
}

/** The marker file that says which options built the database in a data folder. */
export const GENERATED_MARKER = 'large-db.json';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();

interface Context {
  db: Db;
  random: SeededRandom;
  options: GenerateOptions;
  nowMs: number;
  stationIds: string[];
  idTags: string[];
  rows: Record<string, number>;
  seconds: Record<string, number>;
  log: (line: string) => void;
}

/** Rows inserted per transaction (BEGIN … COMMIT). */
const BATCH_ROWS = 50_000;

/** Insert `count` rows made by `row(i)` through one prepared statement, BATCH_ROWS per transaction. */
function bulk(ctx: Context, table: string, sql: string, count: number, row: (i: number) => Record<string, unknown>): void {
  const started = performance.now();
  const stmt = ctx.db.prepare(sql);
  const batch = ctx.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) stmt.run(row(i));
  });
  for (let from = 0; from < count; from += BATCH_ROWS) batch(from, Math.min(count, from + BATCH_ROWS));
  const seconds = (performance.now() - started) / 1000;
  ctx.rows[table] = (ctx.rows[table] ?? 0) + count;
  ctx.seconds[table] = (ctx.seconds[table] ?? 0) + seconds;
  ctx.log(`  ${table}: ${count.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
}

function stations(ctx: Context): void {
  const { nowMs, random } = ctx;
  bulk(
    ctx,
    'charge_points',
    `INSERT INTO charge_points (id, registration_status, description, security_profile, vendor, model, firmware_version, last_boot_at,
       last_seen_at, last_connected_at, last_disconnected_at, heartbeat_interval_sec, created_at, updated_at)
     VALUES (@id, 'Accepted', @description, @profile, @vendor, @model, '1.4.2', @boot, @seen, @connected, @disconnected, 300, @created, @created)`,
    ctx.stationIds.length,
    (i) => ({
      id: ctx.stationIds[i],
      description: `Depot bay ${i + 1}`,
      profile: i % 10 === 0 ? 2 : 1,
      vendor: random.pick(['Alfen', 'ABB', 'Kempower', 'Wallbox']),
      model: random.pick(['Eve Double', 'Terra AC', 'T-Series', 'Commander 2']),
      boot: iso(nowMs - random.int(1, 30) * DAY_MS),
      seen: iso(nowMs - random.int(0, 600_000)),
      connected: iso(nowMs - random.int(1, 30) * DAY_MS),
      disconnected: iso(nowMs - random.int(31, 60) * DAY_MS),
      created: iso(nowMs - 3 * YEAR_MS),
    }),
  );
  const connectors = ctx.stationIds.flatMap((id) => [0, 1, 2].map((connector) => ({ id, connector })));
  bulk(
    ctx,
    'connectors',
    `INSERT INTO connectors (charge_point_id, connector_id, status, updated_at) VALUES (@id, @connector, @status, @at)`,
    connectors.length,
    (i) => ({ ...connectors[i], status: random.pick(['Available', 'Available', 'Charging', 'Preparing']), at: iso(nowMs - random.int(0, DAY_MS)) }),
  );
}

/** Fleet cards: one parent tag per group of 100, members point at it. */
function idTags(ctx: Context): void {
  const { nowMs, random } = ctx;
  bulk(
    ctx,
    'id_tags',
    `INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag, description, created_at, updated_at)
     VALUES (@idTag, @status, @expiry, @parent, @description, @at, @at)`,
    ctx.idTags.length,
    (i) => ({
      idTag: ctx.idTags[i],
      status: random.chance(0.03) ? random.pick(['Blocked', 'Expired']) : 'Accepted',
      expiry: random.chance(0.2) ? iso(nowMs + random.int(-100, 700) * DAY_MS) : null,
      parent: i % 100 === 0 ? null : ctx.idTags[i - (i % 100)],
      description: i % 100 === 0 ? `Fleet ${i / 100 + 1}` : `Driver ${i + 1} (fleet ${Math.floor(i / 100) + 1})`,
      at: iso(nowMs - random.int(0, 3 * 365) * DAY_MS),
    }),
  );
}

/**
 * Transactions in order of time over 3 years (ids grow with time, as the central system issues them), each with
 * its meter readings; the last few are still open. Refused starts are 1 %.
 */
function transactionsWithReadings(ctx: Context): void {
  const { db, nowMs, random, options } = ctx;
  const total = options.transactions;
  const fromMs = nowMs - 3 * YEAR_MS;
  const stepMs = (nowMs - fromMs) / Math.max(1, total);
  const openFrom = total - Math.min(total, Math.ceil(ctx.stationIds.length * 0.6));
  const insertTx = db.prepare(
    `INSERT INTO transactions (id, charge_point_id, connector_id, id_tag, start_status, reservation_id, meter_start_wh, started_cp_at,
       start_received_at, meter_stop_wh, stopped_cp_at, stop_received_at, stop_reason, stop_id_tag, ended_by, last_meter_wh, last_power_w, last_meter_at, start_note)
     VALUES (@id, @cp, @connector, @idTag, @status, NULL, @meterStart, @startAt, @startAt, @meterStop, @stopAt, @stopAt, @reason, @stopTag, @endedBy,
       @lastMeter, @lastPower, @lastMeterAt, @note)`,
  );
  const insertReading = db.prepare(
    `INSERT INTO meter_readings (station, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
     VALUES (@station, @connector, @tx, @at, @samples, @source, @at)`,
  );
  const insertStatus = db.prepare(
    `INSERT INTO status_changes (station, connector_id, status, error_code, status_cp_at, received_at)
     VALUES (@station, @connector, @status, 'NoError', @at, @atMs)`,
  );
  // Readings and status changes name their station by its key (migration 0018).
  const insertName = db.prepare('INSERT OR IGNORE INTO message_log_names (name) VALUES (?)');
  const nameKey = db.prepare<[string], { id: number }>('SELECT id FROM message_log_names WHERE name = ?');
  const stationKeys = new Map(
    ctx.stationIds.map((cp) => {
      insertName.run(cp);
      return [cp, nameKey.get(cp)!.id] as const;
    }),
  );
  const started = performance.now();
  let readings = 0;
  let statuses = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const cp = ctx.stationIds[random.skewed(ctx.stationIds.length, 1.6)]!;
      const station = stationKeys.get(cp)!;
      const connector = random.int(1, 2);
      const startMs = fromMs + i * stepMs + random.int(0, Math.floor(stepMs / 2));
      const refused = random.chance(0.01);
      const open = !refused && i >= openFrom;
      const durationMs = random.int(20, 240) * 60_000;
      const stopMs = open ? null : startMs + (refused ? 0 : durationMs);
      const meterStart = random.int(0, 9_000_000);
      const energy = refused ? 0 : random.int(2_000, 60_000);
      const idTag = ctx.idTags[random.skewed(ctx.idTags.length, 1.8)]!;
      insertTx.run({
        id,
        cp,
        connector,
        idTag,
        status: refused ? random.pick(['Invalid', 'Blocked', 'ConcurrentTx']) : 'Accepted',
        meterStart,
        startAt: iso(startMs),
        meterStop: stopMs === null || refused ? null : meterStart + energy,
        stopAt: stopMs === null ? null : iso(stopMs),
        reason: stopMs === null ? null : refused ? 'Other' : random.pick(['Local', 'EVDisconnected', 'Remote']),
        stopTag: stopMs === null || refused ? null : idTag,
        endedBy: stopMs === null ? null : refused ? 'stale' : 'station',
        lastMeter: refused ? null : meterStart + energy,
        lastPower: refused ? null : random.int(3_000, 22_000),
        lastMeterAt: refused ? null : iso(startMs + durationMs),
        note: refused ? 'the tag is not accepted' : null,
      });
      if (refused) continue;
      const count = options.readingsPerTransaction;
      for (let r = 0; r < count; r++) {
        const last = r === count - 1 && !open;
        const atMs = startMs + Math.floor((durationMs * (r + 1)) / count);
        insertReading.run({
          station,
          connector,
          tx: id,
          at: iso(atMs),
          samples: JSON.stringify([
            {
              value: String(meterStart + Math.floor((energy * (r + 1)) / count)),
              measurand: 'Energy.Active.Import.Register',
              unit: 'Wh',
              context: last ? 'Transaction.End' : 'Sample.Periodic',
            },
            {
              value: String(random.int(3_000, 22_000)),
              measurand: 'Power.Active.Import',
              unit: 'W',
              context: last ? 'Transaction.End' : 'Sample.Periodic',
            },
            { value: String(random.int(10, 100)), measurand: 'SoC', unit: 'Percent', location: 'EV' },
          ]),
          source: last ? 'StopTransaction' : 'MeterValues',
        });
        readings++;
      }
      // Now and then the main meter reports without a transaction (the "unassigned meter values" of a transaction).
      if (random.chance(0.01)) {
        insertReading.run({
          station,
          connector: 0,
          tx: null,
          at: iso(startMs + 60_000),
          samples: JSON.stringify([{ value: String(random.int(1, 9_000_000)), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]),
          source: 'MeterValues',
        });
        readings++;
      }
      insertStatus.run({ station, connector, status: 'Charging', at: iso(startMs + 1_000), atMs: Math.round(startMs + 1_000) });
      statuses++;
      if (stopMs !== null) {
        insertStatus.run({ station, connector, status: 'Available', at: iso(stopMs + 5_000), atMs: Math.round(stopMs + 5_000) });
        statuses++;
      }
    }
  });
  let lastReport = performance.now();
  for (let from = 0; from < total; from += BATCH_ROWS / 10) {
    batch(from, Math.min(total, from + BATCH_ROWS / 10));
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      ctx.log(`  transactions: ${Math.min(total, from + BATCH_ROWS / 10).toLocaleString('en')} of ${total.toLocaleString('en')}…`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  ctx.rows.transactions = total;
  ctx.rows.meter_readings = readings;
  ctx.rows.status_changes = statuses;
  ctx.seconds['transactions + meter_readings + status_changes'] = seconds;
  ctx.log(
    `  transactions: ${total.toLocaleString('en')}, meter_readings: ${readings.toLocaleString('en')}, status_changes: ${statuses.toLocaleString('en')} in ${seconds.toFixed(1)} s`,
  );
}

/** What happens around the transactions, in proportion to them. */
function surroundings(ctx: Context): void {
  const { nowMs, random, options } = ctx;
  const tx = options.transactions;
  const spanMs = 3 * YEAR_MS;
  const timeAt = (i: number, count: number) => nowMs - spanMs + Math.floor(((i + random.next()) * spanMs) / Math.max(1, count));
  const station = () => ctx.stationIds[random.skewed(ctx.stationIds.length, 1.6)]!;
  const tag = () => ctx.idTags[random.skewed(ctx.idTags.length, 1.8)]!;

  const reservations = Math.ceil(tx * 0.02);
  bulk(
    ctx,
    'reservations',
    `INSERT INTO reservations (id, charge_point_id, connector_id, id_tag, expiry_date, status, station_answer, transaction_id, created_at, updated_at)
     VALUES (@id, @cp, @connector, @idTag, @expiry, @status, @answer, @tx, @at, @at)`,
    reservations,
    (i) => {
      const at = timeAt(i, reservations);
      const recent = i > reservations - 20;
      const status = recent ? 'Active' : random.pick(['Used', 'Used', 'Expired', 'Cancelled', 'Refused']);
      return {
        id: i + 1,
        cp: station(),
        connector: random.int(1, 2),
        idTag: tag(),
        expiry: iso(recent ? nowMs + 3_600_000 : at + 3_600_000),
        status,
        answer: status === 'Refused' ? 'Occupied' : 'Accepted',
        tx: status === 'Used' ? random.int(1, tx) : null,
        at: iso(at),
      };
    },
  );

  const anomalies = Math.ceil(tx * 0.01);
  bulk(
    ctx,
    'anomalies',
    `INSERT INTO anomalies (charge_point_id, transaction_id, connector_id, kind, detail, action, payload, received_at)
     VALUES (@cp, @tx, @connector, @kind, 'the station reported a stop that conflicts with the stored one', @action, @payload, @at)`,
    anomalies,
    (i) => {
      const kind = random.pick(['stop-conflict', 'stop-unknown-transaction', 'meter-after-stop', 'unknown-connector']);
      const txId = kind === 'stop-unknown-transaction' ? null : Math.min(tx, Math.floor((i / anomalies) * tx) + 1);
      return {
        cp: station(),
        tx: txId,
        connector: random.int(1, 3),
        kind,
        action: kind === 'meter-after-stop' ? 'MeterValues' : 'StopTransaction',
        payload: JSON.stringify({
          transactionId: txId ?? random.int(tx, tx * 2),
          meterStop: random.int(0, 9_000_000),
          timestamp: iso(timeAt(i, anomalies)),
        }),
        at: iso(timeAt(i, anomalies)),
      };
    },
  );

  const audits = Math.ceil(tx * 0.1);
  bulk(
    ctx,
    'audit_log',
    `INSERT INTO audit_log (at, client, client_name, remote_address, method, path, action, charge_point_id, request, status, response, duration_ms)
     VALUES (@at, @client, @clientName, '127.0.0.1', 'POST', @path, @action, @cp, @request, 200, '{"status":"Accepted"}', @ms)`,
    audits,
    (i) => {
      const cp = random.chance(0.8) ? station() : null;
      const action = cp
        ? random.pick(['call Reset', 'call TriggerMessage', 'call RemoteStartTransaction', 'station edit'])
        : random.pick(['settings change', 'id tag create']);
      return {
        at: iso(timeAt(i, audits)),
        client: random.pick(['console-window', 'console-window', 'console-browser', 'script']),
        clientName: random.chance(0.3) ? 'depot-script/1.0' : null,
        path: cp ? `/api/charge-points/${cp}/calls/Reset` : '/api/settings',
        action,
        cp,
        request: JSON.stringify({ type: 'Soft' }),
        ms: random.int(5, 3_000),
      };
    },
  );

  const connectionEvents = Math.ceil(tx * 0.4);
  bulk(
    ctx,
    'connection_events',
    `INSERT INTO connection_events (at, charge_point_id, event, remote_address, code, reason) VALUES (@at, @cp, @event, @address, @code, @reason)`,
    connectionEvents,
    (i) => {
      const event = i % 2 === 0 ? 'connected' : 'disconnected';
      return {
        at: iso(timeAt(i, connectionEvents)),
        cp: ctx.stationIds[Math.floor(i / 2) % ctx.stationIds.length],
        event,
        address: `10.20.${random.int(0, 3)}.${random.int(2, 250)}`,
        code: event === 'disconnected' ? random.pick([1000, 1001, 1006]) : null,
        reason: event === 'disconnected' ? random.pick(['', 'ping timeout', 'station closed']) : null,
      };
    },
  );

  const refused = Math.ceil(tx * 0.01);
  bulk(
    ctx,
    'refused_handshakes',
    `INSERT INTO refused_handshakes (at, remote_address, path, identity, reason, detail, http_status, offered_protocols)
     VALUES (@at, '10.20.9.9', @path, @identity, 'unknown-identity', 'not registered', 404, 'ocpp1.6')`,
    refused,
    (i) => ({ at: iso(timeAt(i, refused)), path: `/ocpp/STRAY-${i % 50}`, identity: `STRAY-${i % 50}` }),
  );

  const securityEvents = Math.ceil(tx * 0.02);
  bulk(
    ctx,
    'security_events',
    `INSERT INTO security_events (charge_point_id, type, tech_info, cp_timestamp, received_at, source) VALUES (@cp, @type, @info, @at, @at, @source)`,
    securityEvents,
    (i) => ({
      cp: station(),
      type: random.pick(['StartupOfTheDevice', 'ResetOrReboot', 'InvalidCentralSystemCertificate', 'SettingSystemTime']),
      info: random.chance(0.5) ? 'watchdog' : null,
      at: iso(timeAt(i, securityEvents)),
      source: random.chance(0.02) ? 'csms' : 'station',
    }),
  );

  const fileJobs = Math.ceil(tx * 0.002);
  bulk(
    ctx,
    'file_jobs',
    `INSERT INTO file_jobs (id, charge_point_id, kind, action, request_id, request, answer, status, created_at, updated_at, station_status, ended_at)
     VALUES (@id, @cp, @kind, @action, @requestId, @request, '{"status":"Accepted"}', 'Accepted', @at, @at, @stationStatus, @at)`,
    fileJobs,
    (i) => {
      const kind = random.pick(['firmware', 'diagnostics']);
      return {
        id: i + 1,
        cp: station(),
        kind,
        action: kind === 'firmware' ? 'UpdateFirmware' : 'GetDiagnostics',
        requestId: i + 1,
        request: JSON.stringify({ location: 'http://depot/fw.bin', retrieveDate: iso(timeAt(i, fileJobs)) }),
        at: iso(timeAt(i, fileJobs)),
        stationStatus: kind === 'firmware' ? 'Installed' : 'Uploaded',
      };
    },
  );
  bulk(
    ctx,
    'station_file_status',
    `INSERT INTO station_file_status (charge_point_id, kind, status, request_id, received_at, job_id)
     SELECT charge_point_id, kind, @status, request_id, updated_at, id FROM file_jobs WHERE id = @job`,
    fileJobs * 2,
    (i) => ({ job: Math.floor(i / 2) + 1, status: i % 2 === 0 ? 'Downloading' : 'Installed' }),
  );

  // Every station holds the same list, as stations kept in step do.
  const entries = JSON.stringify(ctx.idTags.slice(0, 200).map((idTag) => ({ idTag, idTagInfo: { status: 'Accepted' } })));
  const listColumns = storedListColumns(entries);
  bulk(
    ctx,
    'local_lists',
    `INSERT INTO local_lists (charge_point_id, entries, entry_count, entries_digest, confirmed_version, reported_version, reported_at, last_update_type,
       last_status, updated_at)
     VALUES (@cp, @entries, @entryCount, @entriesDigest, 12, 12, @at, 'Full', 'Accepted', @at)`,
    ctx.stationIds.length,
    (i) => ({ cp: ctx.stationIds[i], entries, ...listColumns, at: iso(nowMs - random.int(1, 90) * DAY_MS) }),
  );
  const profile = (id: number) => ({
    chargingProfileId: id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Recurring',
    recurrencyKind: 'Daily',
    chargingSchedule: {
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 16 },
        { startPeriod: 25_200, limit: 32 },
      ],
    },
  });
  bulk(
    ctx,
    'charging_profile_sets',
    `INSERT INTO charging_profile_sets (charge_point_id, installed, updated_at) VALUES (@cp, @installed, @at)`,
    ctx.stationIds.length,
    (i) => ({
      cp: ctx.stationIds[i],
      installed: JSON.stringify([{ connectorId: 0, profile: profile(1), installedAt: iso(nowMs - DAY_MS) }]),
      at: iso(nowMs - DAY_MS),
    }),
  );
  bulk(
    ctx,
    'charging_profile_library',
    `INSERT INTO charging_profile_library (name, description, profile, created_at, updated_at) VALUES (@name, 'depot profile', @profile, @at, @at)`,
    20,
    (i) => ({ name: `Depot night ${i + 1}`, profile: JSON.stringify(profile(i + 1)), at: iso(nowMs - YEAR_MS) }),
  );
}

/** Stored settings for a measurement that measures the queries only: no pruning, no backup, a known token. */
function settings(ctx: Context): void {
  const values: Record<string, unknown> = {
    apiToken: LARGE_DB_API_TOKEN,
    dataFolderBudgetMiB: 0,
    backupIntervalHours: 0,
    messageLogRetentionDays: 0,
  };
  const stmt = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(values)) stmt.run(key, JSON.stringify(value));
}

export function generateLargeDatabase(options: GenerateOptions, log: (line: string) => void = console.log): GenerateReport {
  const started = performance.now();
  rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const file = databaseFile(options.dataDir);
  // The real schema: every migration of the storage layer.
  const db = openDatabase({ file, syncMode: 'NORMAL' });
  // Bulk load: no journal and no fsync (a crash here only means generating again), a big page cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -512000');
  const nowMs = Date.now();
  const random = new SeededRandom(options.seed);
  const ctx: Context = {
    db,
    random,
    options,
    nowMs,
    stationIds: Array.from({ length: options.stations }, (_, i) => `DEPOT-${String(i + 1).padStart(3, '0')}`),
    idTags: Array.from({ length: options.idTags }, (_, i) =>
      i % 100 === 0 ? `FLEET${String(i / 100 + 1).padStart(3, '0')}` : `TAG${String(i + 1).padStart(5, '0')}`,
    ),
    rows: {},
    seconds: {},
    log,
  };
  log(`Generating into ${file}`);
  settings(ctx);
  stations(ctx);
  idTags(ctx);
  transactionsWithReadings(ctx);
  surroundings(ctx);
  const logStarted = performance.now();
  let lastReport = logStarted;
  generateMessageLogRows(
    db,
    new MessageLogRepository(db),
    random,
    { rows: options.messageLogRows, stationIds: ctx.stationIds, idTags: ctx.idTags, fromMs: nowMs - 60 * DAY_MS, toMs: nowMs },
    (done) => {
      if (performance.now() - lastReport < 10_000) return;
      lastReport = performance.now();
      log(`  message_log: ${done.toLocaleString('en')} of ${options.messageLogRows.toLocaleString('en')}…`);
    },
  );
  ctx.rows.message_log = options.messageLogRows;
  ctx.seconds.message_log = (performance.now() - logStarted) / 1000;
  log(`  message_log: ${options.messageLogRows.toLocaleString('en')} rows in ${ctx.seconds.message_log.toFixed(1)} s`);
  // Back to what the central system expects to find.
  db.pragma('journal_mode = WAL');
  db.close();
  const report: GenerateReport = {
    options,
    rows: ctx.rows,
    seconds: ctx.seconds,
    totalSeconds: (performance.now() - started) / 1000,
    fileBytes: statSync(file).size,
    nowMs,
  };
  writeFileSync(join(options.dataDir, GENERATED_MARKER), JSON.stringify(report, null, 2));
  return report;
}
