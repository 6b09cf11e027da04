import type { Db } from '../database.js';
import { CURRENT_DICTIONARY, unpackText } from '../frame-codec/index.js';
import { packReading } from '../frame-codec/pack-protocol.js';
import { onCachedRowsInvalid } from '../write-caches.js';
import { NameKeys } from './name-keys.js';
import { isoTimeSql, periodMs, storedTime } from './stored-times.js';

/** One sampledValue as received (OCPP 1.6 §7), `value` always a string; other keys only when the station sent them. */
export interface StoredSampledValue {
  value: string;
  [key: string]: unknown;
}

/** One meterValue: a timestamp and its sampled values (migration 0005). */
export interface MeterReadingRecord {
  chargePointId: string;
  connectorId: number;
  transactionId: number | null;
  timestamp: string;
  sampledValues: readonly StoredSampledValue[];
  source: 'MeterValues' | 'StopTransaction';
  receivedAt: string;
}

/** One sampled value, as the `meter_values` view shows it (the columns of the table before migration 0005). */
export interface MeterValueRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  transaction_id: number | null;
  timestamp: string;
  value: string;
  measurand: string | null;
  phase: string | null;
  unit: string | null;
  context: string | null;
  location: string | null;
  format: string | null;
  source: string;
  received_at: string;
}

/**
 * The view's id is `reading id * 1000 + sample index`, so a reading holds at most this many samples; a meterValue
 * with more (the schema does not bound `sampledValue`) is stored as several consecutive readings.
 */
const MAX_SAMPLES_PER_READING = 1000;

const SOURCE_CODES = { MeterValues: 1, StopTransaction: 2 } as const;

/**
 * A reading handed over to be packed (beside the answering thread: storage/frame-codec/frame-packer.ts) and written
 * with its CALL's message-log row (`stageReading`, `insertStaged`).
 */
export interface StagedReading {
  /** One meterValue's record, with at most MAX_SAMPLES_PER_READING sampled values. */
  record: MeterReadingRecord;
  /** Its sampled values as the JSON the `meter_values` view reads. */
  json: string;
  /** Its transaction's key reading, which it is packed against; null: packed on its own. */
  key: { id: number; text: string } | null;
}

/** Transactions whose key reading is kept in memory: far more than a depot has open at once. */
const MAX_CACHED_KEYS = 20_000;

/** A transaction's first reading, which its later readings are packed against (null: packed plainly). */
type KeyReading = { id: number; text: string } | null;

export class MeterValueRepository {
  private staged: StagedReading[] = [];
  /**
   * Per transaction, its key reading: read and unpacked once instead of for every MeterValues. Readings are never
   * changed; the cache is emptied when writes are undone or readings deleted (write-caches.ts).
   */
  private readonly keys = new Map<number, KeyReading>();
  /**
   * Transactions found without a reading: their first one, once inserted, becomes their key as it is, so a session
   * reads SQLite for its key once, not again at its second MeterValues.
   */
  private readonly awaitingFirst = new Set<number>();
  private readonly insertStmt;
  private readonly byTransactionStmt;
  private readonly firstOfTransactionStmt;
  private readonly newestOfTransactionStmt;
  /** Station ids as keys (name-keys.ts, migration 0018). */
  private readonly names;

  constructor(private readonly db: Db) {
    onCachedRowsInvalid(db, () => {
      this.keys.clear();
      this.awaitingFirst.clear();
    });
    this.names = NameKeys.of(db);
    this.insertStmt = db.prepare(
      `INSERT INTO meter_readings (station, connector_id, transaction_id, timestamp, sampled_values, source, received_at)
       VALUES (@station, @connectorId, @transactionId, @timestamp, @sampledValues, @source, @receivedAt)`,
    );
    this.byTransactionStmt = db.prepare<[number], MeterValueRow>('SELECT * FROM meter_values WHERE transaction_id = ? ORDER BY id');
    // Through meter_readings_tx, newest first: one reading whatever the length of the session.
    this.newestOfTransactionStmt = db.prepare<[number], { samples: string | null }>(
      `SELECT meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values))) AS samples
       FROM meter_readings r WHERE r.transaction_id = ? ORDER BY r.id DESC LIMIT 1`,
    );
    this.firstOfTransactionStmt = db.prepare<[number], { id: number; sampled_values: Buffer | string }>(
      'SELECT id, sampled_values FROM meter_readings WHERE transaction_id = ? ORDER BY id LIMIT 1',
    );
  }

  /**
   * One row per meterValue; nothing for a meterValue without sampled values (it has nothing to show). Staged: the
   * dispatcher takes the readings a CALL's handler staged (`takeStaged`) and has them packed and written with the
   * CALL's message-log row, in the same batch as the handler's other writes (services/message-log-recorder.ts).
   */
  stageReading(record: MeterReadingRecord): void {
    this.staged.push(...this.readingsOf(record));
  }

  /** The rows of one meterValue: one per MAX_SAMPLES_PER_READING sampled values. */
  private readingsOf(record: MeterReadingRecord): StagedReading[] {
    const rows: StagedReading[] = [];
    const samples = record.sampledValues;
    if (samples.length === 0) return rows;
    const key = this.keyFor(record.transactionId);
    for (let start = 0; start < samples.length; start += MAX_SAMPLES_PER_READING) {
      const sampledValues = samples.slice(start, start + MAX_SAMPLES_PER_READING);
      rows.push({ record: { ...record, sampledValues }, json: JSON.stringify(sampledValues), key });
    }
    return rows;
  }

  /** The readings staged since the last call, forgotten here. */
  takeStaged(): StagedReading[] {
    const taken = this.staged;
    this.staged = [];
    return taken;
  }

  /** Write a staged reading with its packed sampled values (pack-protocol.ts `packExchange`); returns its id. */
  insertStaged(staged: StagedReading, packed: Buffer): number {
    const { record } = staged;
    const id = Number(
      this.insertStmt.run({
        station: this.names.keyOf(record.chargePointId),
        connectorId: record.connectorId,
        transactionId: record.transactionId,
        timestamp: record.timestamp,
        // Compressed (migration 0012); the meter_values view reads it back as the same JSON.
        sampledValues: packed,
        // Migration 0012: a code and milliseconds; the meter_values view shows them as text again.
        source: SOURCE_CODES[record.source],
        receivedAt: storedTime(record.receivedAt),
      }).lastInsertRowid,
    );
    const transactionId = record.transactionId;
    if (transactionId !== null && this.awaitingFirst.delete(transactionId)) {
      this.remember(transactionId, packed[0] === CURRENT_DICTIONARY ? { id, text: staged.json } : null);
    }
    return id;
  }

  /** Pack here and write at once (tests, and writes outside a CALL). */
  insertReading(record: MeterReadingRecord): void {
    for (const reading of this.readingsOf(record)) this.insertStaged(reading, packReading(reading.json, reading.key));
  }

  /**
   * The key a reading of this transaction is packed against: its first reading when that one is not itself packed
   * against another; null when it has none yet (this reading is packed on its own, and becomes the key if first).
   */
  private keyFor(transactionId: number | null): { id: number; text: string } | null {
    if (transactionId === null) return null;
    let key = this.keys.get(transactionId);
    if (key === undefined) {
      if (this.awaitingFirst.has(transactionId)) return null;
      key = this.readKey(transactionId);
      // Until the transaction has a reading there is no key; its first reading, once inserted, is final.
      if (key !== undefined) this.remember(transactionId, key);
      else this.awaitingFirst.add(transactionId);
    }
    return key ?? null;
  }

  /** undefined: the transaction has no reading yet; null: its first reading cannot be a key. */
  private readKey(transactionId: number): KeyReading | undefined {
    const row = this.firstOfTransactionStmt.get(transactionId);
    if (!row) return undefined;
    if (Buffer.isBuffer(row.sampled_values) && row.sampled_values[0] !== CURRENT_DICTIONARY) return null;
    return { id: row.id, text: typeof row.sampled_values === 'string' ? row.sampled_values : unpackText(row.sampled_values) };
  }

  private remember(transactionId: number, key: KeyReading): void {
    if (this.keys.size >= MAX_CACHED_KEYS) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(transactionId, key);
  }

  /**
   * The transaction has stopped: its key leaves the cache, which then holds open transactions only (a late reading
   * reads the key again). Without this the cache fills up to MAX_CACHED_KEYS with stopped transactions' keys.
   */
  forgetKey(transactionId: number): void {
    this.keys.delete(transactionId);
    this.awaitingFirst.delete(transactionId);
  }

  /** A transaction just started has no reading: its first one needs no read of the database for its key. */
  startedWithoutReadings(transactionId: number): void {
    if (this.keys.size + this.awaitingFirst.size < MAX_CACHED_KEYS) this.awaitingFirst.add(transactionId);
  }

  /** How many transactions' keys are cached: for tests and diagnostics. */
  get cachedKeyCount(): number {
    return this.keys.size;
  }

  /** The sampled values of the transaction's newest reading, as stored; [] when it has none. */
  newestOfTransaction(transactionId: number): StoredSampledValue[] {
    const samples = this.newestOfTransactionStmt.get(transactionId)?.samples;
    return samples ? (JSON.parse(samples) as StoredSampledValue[]) : [];
  }

  /** Per sampled value, oldest first (from the `meter_values` view). */
  forTransaction(transactionId: number): MeterValueRow[] {
    return this.byTransactionStmt.all(transactionId);
  }

  /**
   * Readings without a transactionId received while `tx` ran (between its start and its stop, or now) on its
   * connector or on connector 0, the station's main meter (OCPP 1.6 §7.21: connectorId 0 is the whole charge
   * point), at most `limit`. The central system links those when exactly one transaction is open on the connector,
   * so these are the ambiguous ones.
   */
  unassignedDuring(
    tx: { charge_point_id: string; connector_id: number; start_received_at: string; stop_received_at: string | null },
    limit: number,
  ): MeterValueRow[] {
    const max = Math.max(1, Math.floor(limit));
    // The readings themselves in id order through the partial index of unassigned readings, split into sampled
    // values here like the view does: ordering the view by its computed id sorted every match (a temporary B-tree).
    // A reading holds at most 1000 samples, so `max` readings always hold `max` values.
    // Stored readings are compressed with their receive time in ms and their source as a code (migration 0012):
    // read back in the view's forms, the period compared in ms.
    const readings = this.db
      .prepare<Record<string, unknown>, ReadingRow>(
        `SELECT r.id, @chargePointId AS charge_point_id, r.connector_id, r.transaction_id, r.timestamp,
           meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values))) AS sampled_values,
           CASE r.source WHEN 1 THEN 'MeterValues' WHEN 2 THEN 'StopTransaction' ELSE r.source END AS source,
           ${isoTimeSql('r.received_at')} AS received_at
         FROM meter_readings r
         WHERE r.station = (SELECT id FROM message_log_names WHERE name = @chargePointId) AND r.transaction_id IS NULL AND r.connector_id IN (0, @connectorId)
           AND r.received_at >= @from AND (@to IS NULL OR r.received_at <= @to)
         ORDER BY r.id LIMIT ${max}`,
      )
      .all({
        chargePointId: tx.charge_point_id,
        connectorId: tx.connector_id,
        from: periodMs(tx.start_received_at),
        to: tx.stop_received_at === null ? null : periodMs(tx.stop_received_at),
      });
    return readings.flatMap(sampledValueRows).slice(0, max);
  }
}

/** One row of `meter_readings` as `unassignedDuring` reads it back: sampled values as JSON, times and source as text. */
interface ReadingRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  transaction_id: number | null;
  timestamp: string;
  sampled_values: string;
  source: string;
  received_at: string;
}

/** A sampled-value field as the view gives it: text, or null when the station did not send it. */
const text = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** A reading's sampled values as the `meter_values` view shows them (same ids: reading id * 1000 + index). */
function sampledValueRows(reading: ReadingRow): MeterValueRow[] {
  const samples = JSON.parse(reading.sampled_values) as StoredSampledValue[];
  return samples.map((sample, index) => ({
    id: reading.id * MAX_SAMPLES_PER_READING + index,
    charge_point_id: reading.charge_point_id,
    connector_id: reading.connector_id,
    transaction_id: reading.transaction_id,
    timestamp: reading.timestamp,
    value: text(sample.value) ?? '',
    measurand: text(sample.measurand),
    phase: text(sample.phase),
    unit: text(sample.unit),
    context: text(sample.context),
    location: text(sample.location),
    format: text(sample.format),
    source: reading.source,
    received_at: reading.received_at,
  }));
}
