import type { MessageLogQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { SqlConditions } from './sql-conditions.js';

export interface MessageLogEntry {
  at: string;
  chargePointId: string;
  direction: 'in' | 'out';
  messageType: number | null;
  messageId: string | null;
  action: string | null;
  errorCode: string | null;
  frame: string;
}

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
  /** The newest refusal (our CALLERROR's row). */
  last_id: number;
}

/** The OCPP-J error codes of a CALL refused for breaking its schema (OCPP-J §4.2.3), what lenient mode reads anyway. */
const FORMAT_ERROR_CODES = ['FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation'] as const;

export class MessageLogRepository {
  private readonly insertStmt;
  private readonly pruneStmt;
  private readonly formatRefusalsStmt;
  private readonly byIdStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO message_log (at, charge_point_id, direction, message_type, message_id, action, error_code, frame)
       VALUES (@at, @chargePointId, @direction, @messageType, @messageId, @action, @errorCode, @frame)`,
    );
    // The oldest rows by id (the primary key: no index on `at` to maintain on every insert), of those the ones
    // older than the cutoff. Ids grow with time; after the clock was set back, rows behind a newer one simply wait
    // until that one is old enough too.
    this.pruneStmt = db.prepare('DELETE FROM message_log WHERE id IN (SELECT id FROM message_log ORDER BY id LIMIT @batchSize) AND at < @olderThan');
    // A range of the primary key, newest rows only: no index on error_code to pay for on every insert. Our replies
    // to CALLs carry the action; a frame that was not even a CALL (action NULL) is not a format a lenient read fixes.
    this.formatRefusalsStmt = db.prepare<{ window: number }, FormatRefusalRow>(
      `SELECT charge_point_id, COUNT(*) AS refused, MAX(id) AS last_id FROM message_log
       WHERE id > (SELECT IFNULL(MAX(id), 0) FROM message_log) - @window
         AND direction = 'out' AND message_type = 4 AND action IS NOT NULL
         AND error_code IN (${FORMAT_ERROR_CODES.map((code) => `'${code}'`).join(', ')})
       GROUP BY charge_point_id ORDER BY last_id DESC`,
    );
    this.byIdStmt = db.prepare<[number], MessageLogRow>('SELECT * FROM message_log WHERE id = ?');
  }

  get(id: number): MessageLogRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** Per station, the CALLs refused for their format among the newest `windowRows` rows of the log. */
  formatRefusals(windowRows: number): FormatRefusalRow[] {
    return this.formatRefusalsStmt.all({ window: windowRows });
  }

  insert(entry: MessageLogEntry): number {
    return Number(this.insertStmt.run(entry).lastInsertRowid);
  }

  query(q: MessageLogQuery = {}): MessageLogRow[] {
    const filter = new SqlConditions()
      .match('chargePointId', q.chargePointId, 'charge_point_id = @chargePointId')
      .match('action', q.action, 'action = @action')
      .match('direction', q.direction, 'direction = @direction')
      .when(q.errorsOnly, 'error_code IS NOT NULL')
      // An empty search matches everything: no condition.
      .match('text', q.text ? `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined, "frame LIKE @text ESCAPE '\\'")
      .match('beforeId', q.beforeId, 'id < @beforeId')
      .match('afterId', q.afterId, 'id > @afterId');
    const limit = Math.min(Math.max(q.limit ?? 200, 1), 10_000);
    const order = q.afterId !== undefined ? 'ASC' : 'DESC';
    const sql = `SELECT * FROM message_log ${filter.where} ORDER BY id ${order} LIMIT ${limit}`;
    return this.db.prepare<Record<string, unknown>, MessageLogRow>(sql).all(filter.params);
  }

  /** Delete up to `batchSize` rows older than `olderThan`; returns how many went (retention runs in small steps). */
  prune(olderThan: string, batchSize: number): number {
    return this.pruneStmt.run({ olderThan, batchSize }).changes;
  }
}
