import type { MessageLogQuery } from '../../../../shared/api/types.js';
import { parseFrame } from '../../../../shared/ocpp/rpc-frames.js';
import type { Db } from '../database.js';
import { CURRENT_DICTIONARY, fitsAsDictionary, packFrames, unpackFrames, WITH_READING, type PackedFrames } from '../frame-codec/index.js';
import { packRow, type PackRequest } from '../frame-codec/pack-protocol.js';
import { NameKeys } from './name-keys.js';

/**
 * The message log, one row per exchange (migration 0011): a CALL and its answer share a row, frames that belong
 * to no exchange have one of their own. Readers see one entry per frame, as the frames crossed the wire: frame id
 * `row id × 2` is the row's first frame, `row id × 2 + 1` its second (docs/api.md "Message log").
 */

/** One frame of a row: what it was, and its text. */
export interface LoggedFrame {
  /** 2 CALL, 3 CALLRESULT, 4 CALLERROR; null for an unreadable frame. */
  messageType: number | null;
  errorCode: string | null;
  frame: string;
}

/** A row to write: the first frame, and the second when it is already known (a station's CALL and our reply). */
export interface MessageLogExchange {
  /** Time of the first frame. */
  at: Date;
  chargePointId: string;
  /** For answers, the action of the CALL they answer; null when unknown. */
  action: string | null;
  /** Whether we sent the first frame. */
  outbound: boolean;
  first: LoggedFrame;
  answer?: LoggedFrame & { at: Date };
  /** The one meter reading the CALL stored: the frames are stored against its sampled values (not twice). */
  reading?: { id: number; timestamp: string; json: string };
}

/** One frame as the API shows it (the shape of the message log before migration 0011). */
export interface MessageLogRow {
  id: number;
  at: string;
  charge_point_id: string;
  direction: 'in' | 'out';
  message_type: number | null;
  message_id: string | null;
  action: string | null;
  error_code: string | null;
  frame: string;
}

/** One station's CALLs refused for their format (our schema CALLERRORs) among the newest rows of the log. */
export interface FormatRefusalRow {
  charge_point_id: string;
  refused: number;
  /** The newest refusal (our CALLERROR's frame id). */
  last_id: number;
}

/** The OCPP-J error codes of a CALL refused for breaking its schema (OCPP-J §4.2.3), what lenient mode reads anyway. */
const FORMAT_ERROR_CODES = ['FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation'] as const;

/**
 * Rows a text search (or a filter on one of the most frequent actions alone) looks at per request at most. Unpacking
 * costs ~12 µs a row here (README "Bytes stored"), so a page takes at most ~0.1 s, however large the log: of the
 * reader worker's thread (storage/reader/), or of the main thread where there is no worker.
 */
export const TEXT_SCAN_ROWS = 10_000;

/**
 * The actions of most of the traffic, with fixed name keys 1 to 3 (migration 0011), left out of the action index:
 * a page of them fills from the newest rows, and indexing them would cost ~12 bytes a message.
 */
const FREQUENT_ACTIONS: ReadonlySet<string> = new Set(['MeterValues', 'StatusNotification', 'Heartbeat']);

/** Queries that walk the primary key rather than an index that finds their rows: bounded to a window per page. */
function boundedWalk(q: MessageLogQuery): boolean {
  return Boolean(q.text) || (q.action !== undefined && FREQUENT_ACTIONS.has(q.action));
}

/** The row ids a text search looks at: floor < id < ceil; `cut` when rows lie beyond. */
interface ScanWindow {
  floor: number;
  ceil: number;
  cut: boolean;
}

/** `answer_type` of a CALL whose answer never came (timeout, connection closed). */
export const NO_ANSWER = 0;

interface StoredRow {
  id: number;
  at: number;
  station_name: string;
  action_name: string | null;
  outbound: number;
  message_type: number | null;
  error_code: string | null;
  answer_type: number | null;
  answer_error: string | null;
  answer_ms: number | null;
  answer_offset: number | null;
  dictionary: number;
  frames: Buffer;
  reading_id: number | null;
  /** The sampled values of meter reading `reading_id` as JSON (the `meter_values` view's reading); null when gone. */
  reading_values: string | null;
  reading_timestamp: string | null;
}

const SELECT_ROW = `SELECT m.id, m.at, s.name AS station_name, a.name AS action_name, m.outbound, m.message_type, m.error_code,
  m.answer_type, m.answer_error, m.answer_ms, m.answer_offset, m.dictionary, m.frames, m.reading_id,
  meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values))) AS reading_values,
  r.timestamp AS reading_timestamp
  FROM message_log m JOIN message_log_names s ON s.id = m.station LEFT JOIN message_log_names a ON a.id = m.action
  LEFT JOIN meter_readings r ON r.id = m.reading_id`;

/** The frames of a stored row. */
/** What a version-2 row was compressed against: the reading's timestamp and sampled values, as stored. */
function readingDictionary(timestamp: string, json: string): string {
  return timestamp + json;
}

/**
 * How a row's frames are packed: against its meter reading when it has one that fits as a dictionary
 * (frame-codec `WITH_READING`), else against the current dictionary.
 */
export function packRequestOf(entry: MessageLogExchange): PackRequest {
  const dictionary = entry.reading ? readingDictionary(entry.reading.timestamp, entry.reading.json) : null;
  const withReading = dictionary !== null && fitsAsDictionary(dictionary);
  return {
    first: entry.first.frame,
    second: entry.answer?.frame ?? null,
    dictionary: withReading ? WITH_READING : CURRENT_DICTIONARY,
    reading: withReading ? dictionary : null,
  };
}

function framesOf(
  row: Pick<StoredRow, 'dictionary' | 'frames' | 'answer_offset' | 'reading_id' | 'reading_values' | 'reading_timestamp'>,
): [string, string | null] {
  if (row.dictionary !== WITH_READING) return unpackFrames(row.dictionary, row.frames, row.answer_offset);
  if (row.reading_values === null) {
    // Only the disk budget deletes readings, after the log rows it may delete (budget-pruning.ts): not expected.
    const note = `[frame not available: stored against meter reading ${row.reading_id}, which was deleted]`;
    return [note, row.answer_offset === null ? null : note];
  }
  return unpackFrames(row.dictionary, row.frames, row.answer_offset, readingDictionary(row.reading_timestamp ?? '', row.reading_values));
}

/** SQLite's LIKE without wildcards: ASCII letters match either case, nothing else is folded. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** A frame-level condition of a query: every frame the API returns satisfies all of them. */
interface FrameFilter {
  direction?: 'in' | 'out';
  errorsOnly?: boolean;
  /** Lower-cased (ASCII) search text. */
  text?: string;
}

function frameMatches(filter: FrameFilter, direction: 'in' | 'out', errorCode: string | null, text: string): boolean {
  if (filter.direction !== undefined && direction !== filter.direction) return false;
  if (filter.errorsOnly && errorCode === null) return false;
  if (filter.text !== undefined && !asciiLower(text).includes(filter.text)) return false;
  return true;
}

export class MessageLogRepository {
  private readonly insertStmt;
  private readonly completeStmt;
  private readonly unansweredStmt;
  private readonly firstFrameStmt;
  /** Station ids and actions as keys (name-keys.ts). */
  private readonly names;
  private readonly pruneStmt;
  private readonly formatRefusalsStmt;
  private readonly byIdStmt;
  private readonly idRangeStmt;

  constructor(private readonly db: Db) {
    this.names = NameKeys.of(db);
    this.insertStmt = db.prepare(
      `INSERT INTO message_log (at, station, action, outbound, message_type, error_code, answer_type, answer_error, answer_ms, answer_offset, dictionary, frames, reading_id)
       VALUES (@at, @station, @action, @outbound, @messageType, @errorCode, @answerType, @answerError, @answerMs, @answerOffset, @dictionary, @frames, @readingId)`,
    );
    // Only a row still waiting for its answer is completed: a row marked unanswered keeps that mark.
    this.completeStmt = db.prepare(
      `UPDATE message_log SET answer_type = @answerType, answer_error = @answerError, answer_ms = @answerMs, answer_offset = @answerOffset,
         dictionary = @dictionary, frames = @frames
       WHERE id = @id AND answer_type IS NULL AND answer_offset IS NULL`,
    );
    this.unansweredStmt = db.prepare(`UPDATE message_log SET answer_type = ${NO_ANSWER} WHERE id = ? AND answer_type IS NULL`);
    this.firstFrameStmt = db.prepare<[number], Pick<StoredRow, 'at' | 'dictionary' | 'frames' | 'answer_offset' | 'answer_type'>>(
      'SELECT at, dictionary, frames, answer_offset, answer_type FROM message_log WHERE id = ?',
    );
    // The oldest rows by id (the primary key: no index on `at` to maintain on every insert), of those the ones
    // older than the cutoff. Ids grow with time; after the clock was set back, rows behind a newer one simply wait
    // until that one is old enough too.
    this.pruneStmt = db.prepare('DELETE FROM message_log WHERE id IN (SELECT id FROM message_log ORDER BY id LIMIT @batchSize) AND at < @olderThan');
    // A range of the primary key, newest rows only, through the partial index of rows with an error. Our replies
    // to CALLs carry the action; a frame that was not even a CALL (action NULL) is not a format a lenient read fixes.
    this.formatRefusalsStmt = db.prepare<{ window: number }, FormatRefusalRow>(
      `SELECT s.name AS charge_point_id, COUNT(*) AS refused, MAX(m.id) * 2 + 1 AS last_id
       FROM message_log m INDEXED BY message_log_errors JOIN message_log_names s ON s.id = m.station
       WHERE m.id > (SELECT IFNULL(MAX(id), 0) FROM message_log) - @window
         AND (m.error_code IS NOT NULL OR m.answer_error IS NOT NULL)
         AND m.outbound = 0 AND m.answer_type = 4 AND m.action IS NOT NULL
         AND m.answer_error IN (${FORMAT_ERROR_CODES.map((code) => `'${code}'`).join(', ')})
       GROUP BY m.station ORDER BY last_id DESC`,
    );
    this.byIdStmt = db.prepare<[number], StoredRow>(`${SELECT_ROW} WHERE m.id = ?`);
    this.idRangeStmt = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM message_log');
    // Text search looks into the compressed frames: `message_log_match` unpacks a row and says which of its frames
    // contain the text (bit 1: the first, bit 2: the second). README "Bytes stored" has what that costs.
    let last: { frames: Buffer; pattern: string; dictionary: number; offset: number | null; result: number } | null = null;
    db.function(
      'message_log_match',
      { deterministic: true, varargs: false },
      (dictionary, frames, offset, pattern, readingId, readingValues, readingTimestamp) => {
        const bytes = frames as Buffer;
        const off = offset as number | null;
        const dict = dictionary as number;
        const text = pattern as string;
        if (last && last.pattern === text && last.dictionary === dict && last.offset === off && last.frames.equals(bytes)) return last.result;
        const [first, second] = framesOf({
          dictionary: dict,
          frames: bytes,
          answer_offset: off,
          reading_id: readingId as number | null,
          reading_values: readingValues as string | null,
          reading_timestamp: readingTimestamp as string | null,
        });
        const result = (asciiLower(first).includes(text) ? 1 : 0) | (second !== null && asciiLower(second).includes(text) ? 2 : 0);
        last = { frames: Buffer.from(bytes), pattern: text, dictionary: dict, offset: off, result };
        return result;
      },
    );
  }

  /** Write a row, packed here; returns its id. */
  insert(entry: MessageLogExchange): number {
    return this.insertPacked(entry, packRow(packRequestOf(entry)));
  }

  /** Write a row whose frames were packed already, from `packRequestOf(entry)` (elsewhere: the pack worker); returns its id. */
  insertPacked(entry: MessageLogExchange, packed: PackedFrames): number {
    const at = entry.at.getTime();
    const answerMs = entry.answer ? entry.answer.at.getTime() - at : 0;
    return Number(
      this.insertStmt.run({
        at,
        station: this.names.keyOf(entry.chargePointId),
        action: entry.action === null ? null : this.names.keyOf(entry.action),
        outbound: entry.outbound ? 1 : 0,
        messageType: entry.first.messageType,
        errorCode: entry.first.errorCode,
        answerType: entry.answer?.messageType ?? null,
        answerError: entry.answer?.errorCode ?? null,
        answerMs: answerMs || null,
        answerOffset: packed.secondAt,
        dictionary: packed.dictionary,
        frames: packed.bytes,
        readingId: packed.dictionary === WITH_READING ? (entry.reading?.id ?? null) : null,
      }).lastInsertRowid,
    );
  }

  /**
   * Add the answer to the row of our CALL (row `id`, written when the CALL went out). False when that row is gone
   * (pruned) or no longer waits for an answer: the answer then needs a row of its own.
   */
  complete(id: number, answer: LoggedFrame & { at: Date }): boolean {
    const row = this.firstFrameStmt.get(id);
    if (!row || row.answer_type !== null || row.answer_offset !== null) return false;
    const [first] = unpackFrames(row.dictionary, row.frames, null);
    const packed = packFrames(first, answer.frame);
    return (
      this.completeStmt.run({
        id,
        answerType: answer.messageType,
        answerError: answer.errorCode,
        answerMs: answer.at.getTime() - row.at || null,
        answerOffset: packed.secondAt,
        dictionary: packed.dictionary,
        frames: packed.bytes,
      }).changes === 1
    );
  }

  /** Mark our CALL (row `id`) as never answered (timed out, or the connection closed first). */
  markUnanswered(id: number): void {
    this.unansweredStmt.run(id);
  }

  /** One frame by its id (row id × 2 + 0 or 1). */
  get(frameId: number): MessageLogRow | undefined {
    const row = this.byIdStmt.get(Math.floor(frameId / 2));
    return row ? expand(row).find((frame) => frame.id === frameId) : undefined;
  }

  /** Per station, the CALLs refused for their format among the newest `windowRows` rows of the log. */
  formatRefusals(windowRows: number): FormatRefusalRow[] {
    return this.formatRefusalsStmt.all({ window: windowRows });
  }

  /**
   * One entry per frame, newest first (oldest first with `afterId`), at most `limit`. Rows are selected by their
   * station, action and id range through an index; the frame-level filters (direction, errors, text) keep a row
   * when one of its frames passes them all, and then pick its frames. Each selected row yields at least one frame,
   * so `limit` rows always fill a page of `limit` frames.
   */
  query(q: MessageLogQuery = {}): MessageLogRow[] {
    return this.page(q).items;
  }

  /**
   * A page of `query`, and the frame id to go on from (as `beforeId` newest first, as `afterId` oldest first), null
   * at the end. A text search unpacks at most TEXT_SCAN_ROWS rows per page so it answers in bounded time (the
   * thread that answers stations runs it); a page it cut short may hold fewer frames than `limit` and still go on.
   */
  page(q: MessageLogQuery = {}): { items: MessageLogRow[]; resume: number | null } {
    const window = boundedWalk(q) ? this.scanWindow(q) : undefined;
    const { sql, params, filter, limit, ascending } = buildQuery(q, window);
    const rows = this.db.prepare<Record<string, unknown>, StoredRow>(sql).all(params);
    const frames: MessageLogRow[] = [];
    for (const row of rows) {
      const expanded = expand(row).filter(
        (f) =>
          (q.beforeId === undefined || f.id < q.beforeId) &&
          (q.afterId === undefined || f.id > q.afterId) &&
          frameMatches(filter, f.direction, f.error_code, f.frame),
      );
      if (!ascending) expanded.reverse();
      frames.push(...expanded);
    }
    const items = frames.slice(0, limit);
    if (items.length === limit) return { items, resume: items.at(-1)!.id };
    if (window?.cut) return { items, resume: ascending ? 2 * window.ceil - 1 : 2 * (window.floor + 1) };
    return { items, resume: null };
  }

  /** The rows a text search may unpack: TEXT_SCAN_ROWS ids from where the page starts. */
  private scanWindow(q: MessageLogQuery): ScanWindow {
    const range = this.idRangeStmt.get()!;
    const lo = range.lo ?? 0;
    const hi = range.hi ?? 0;
    if (q.afterId !== undefined) {
      const ceil = Math.floor(q.afterId / 2) + TEXT_SCAN_ROWS + 1;
      return { floor: 0, ceil, cut: ceil <= hi };
    }
    const top = q.beforeId === undefined ? hi : Math.floor((q.beforeId - 1) / 2);
    const floor = top - TEXT_SCAN_ROWS;
    return { floor, ceil: Number.MAX_SAFE_INTEGER, cut: floor >= lo };
  }

  /** EXPLAIN QUERY PLAN of the SQL `query(q)` runs: one line per step (tests check every step uses an index). */
  queryPlan(q: MessageLogQuery): string[] {
    const { sql, params } = buildQuery(q, boundedWalk(q) ? this.scanWindow(q) : undefined);
    return this.db
      .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(params)
      .map((step) => step.detail);
  }

  /** Delete up to `batchSize` rows older than `olderThan`; returns how many went (retention runs in small steps). */
  prune(olderThan: Date, batchSize: number): number {
    return this.pruneStmt.run({ olderThan: olderThan.getTime(), batchSize }).changes;
  }
}

/**
 * The SQL of a message-log query. Rows are selected by their station, action and id range through an index; the
 * frame-level filters (direction, errors, text) keep a row when one of its frames passes them all, and the caller
 * then picks those frames. Each selected row yields at least one frame, so `limit` rows fill a page of `limit`.
 */
function buildQuery(
  q: MessageLogQuery,
  window?: ScanWindow,
): { sql: string; params: Record<string, unknown>; filter: FrameFilter; limit: number; ascending: boolean } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (window) {
    where.push('m.id > @scanFloor AND m.id < @scanCeil');
    params.scanFloor = window.floor;
    params.scanCeil = window.ceil;
  }
  if (q.chargePointId !== undefined) {
    where.push('m.station = (SELECT id FROM message_log_names WHERE name = @chargePointId)');
    params.chargePointId = q.chargePointId;
  }
  if (q.action !== undefined) {
    where.push('m.action = (SELECT id FROM message_log_names WHERE name = @action)');
    params.action = q.action;
    // The planner may use the partial index only when the query says it is within it.
    if (!FREQUENT_ACTIONS.has(q.action)) where.push(`m.action > ${FREQUENT_ACTIONS.size}`);
  }
  // Frame ids 2r and 2r + 1 belong to row r. Without a bound, the newest page still walks the primary key from
  // its end: the bound says so to the planner (a SEARCH, not a SCAN, in EXPLAIN QUERY PLAN).
  if (q.beforeId !== undefined || q.afterId === undefined) {
    where.push('m.id <= @beforeRow');
    params.beforeRow = q.beforeId === undefined ? Number.MAX_SAFE_INTEGER : Math.floor((q.beforeId - 1) / 2);
  }
  if (q.afterId !== undefined) {
    // Row r's newest frame is 2r + 1 when it has a second frame, else 2r.
    where.push('m.id >= @afterRow AND (m.id > @afterRow OR (@afterEven AND m.answer_offset IS NOT NULL))');
    params.afterRow = Math.floor(q.afterId / 2);
    params.afterEven = q.afterId % 2 === 0 ? 1 : 0;
  }
  const filter: FrameFilter = {};
  if (q.direction !== undefined) filter.direction = q.direction;
  if (q.errorsOnly) filter.errorsOnly = true;
  // An empty search matches everything: no condition.
  if (q.text) filter.text = asciiLower(q.text);
  if (filter.direction !== undefined || filter.errorsOnly || filter.text !== undefined) {
    const first: string[] = [];
    const second: string[] = ['m.answer_offset IS NOT NULL'];
    if (filter.direction !== undefined) {
      params.firstOutbound = filter.direction === 'out' ? 1 : 0;
      first.push('m.outbound = @firstOutbound');
      second.push('m.outbound <> @firstOutbound');
    }
    if (filter.errorsOnly) {
      first.push('m.error_code IS NOT NULL');
      second.push('m.answer_error IS NOT NULL');
      // The partial index's own condition, so the planner can walk message_log_errors.
      where.push('(m.error_code IS NOT NULL OR m.answer_error IS NOT NULL)');
    }
    if (filter.text !== undefined) {
      params.text = filter.text;
      first.push(
        '(message_log_match(m.dictionary, m.frames, m.answer_offset, @text, m.reading_id, meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values))), r.timestamp) & 1) <> 0',
      );
      second.push(
        '(message_log_match(m.dictionary, m.frames, m.answer_offset, @text, m.reading_id, meter_samples(r.sampled_values, (SELECT k.sampled_values FROM meter_readings k WHERE k.id = meter_samples_key(r.sampled_values))), r.timestamp) & 2) <> 0',
      );
    }
    where.push(`((${first.length ? first.join(' AND ') : '1'}) OR (${second.join(' AND ')}))`);
  }
  const limit = Math.min(Math.max(q.limit ?? 200, 1), 10_000);
  const ascending = q.afterId !== undefined;
  const sql = `${SELECT_ROW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.id ${ascending ? 'ASC' : 'DESC'} LIMIT ${limit}`;
  return { sql, params, filter, limit, ascending };
}

/** A stored row as the frames it holds, oldest first. */
function expand(row: StoredRow): MessageLogRow[] {
  const [first, second] = framesOf(row);
  const at = new Date(row.at);
  const firstDirection = row.outbound ? 'out' : 'in';
  const frames: MessageLogRow[] = [
    {
      id: row.id * 2,
      at: at.toISOString(),
      charge_point_id: row.station_name,
      direction: firstDirection,
      message_type: row.message_type,
      message_id: messageIdOf(first),
      action: row.action_name,
      error_code: row.error_code,
      frame: first,
    },
  ];
  if (second !== null) {
    frames.push({
      id: row.id * 2 + 1,
      at: new Date(row.at + (row.answer_ms ?? 0)).toISOString(),
      charge_point_id: row.station_name,
      direction: firstDirection === 'out' ? 'in' : 'out',
      message_type: row.answer_type,
      message_id: messageIdOf(second),
      action: row.action_name,
      error_code: row.answer_error,
      frame: second,
    });
  }
  return frames;
}

/** The message id as the recorder read it when the frame arrived (not stored: it is in the frame). */
function messageIdOf(frame: string): string | null {
  const parsed = parseFrame(frame);
  return 'messageId' in parsed ? (parsed.messageId ?? null) : null;
}
