import type Database from 'better-sqlite3';
import { packFrames } from '../frame-codec/index.js';

/**
 * One message-log row per exchange, its frames compressed (README "Bytes stored").
 *
 * Before: two rows per CALL (the CALL and its answer), each with its frame as text, its time as ISO text and the
 * station id and action as text; ≈1,600 bytes stored per message of the benchmark's mix. Now:
 * - a station's CALL and our answer share one row, as do our CALL and the station's answer (the row is written
 *   when our CALL goes out and completed when the answer comes, or marked unanswered). Frames that belong to no
 *   exchange (unreadable frames, the CALLERROR to one, late or unmatched answers) keep a row of their own;
 * - the row's frames are deflated together with a preset dictionary of OCPP 1.6 frames (frame-codec/), losslessly;
 *   `dictionary` says which one (0 = stored as they are);
 * - times are milliseconds since 1970 (the answer's as an offset), the station id and action are keys into
 *   `message_log_names`;
 * - the message id is not stored: it is read back from the frame;
 * - a CALL that stored one meter reading (MeterValues, StopTransaction with transactionData) is compressed against
 *   that reading's sampled values, which the reading keeps anyway (`reading_id`, dictionary 2): the values are not
 *   stored twice. Readings are only deleted by the disk budget, after every log row it may delete (budget-pruning.ts);
 *   a row whose reading is gone reads as a note saying so;
 * - indexes: (station, id) for a station's log, (action, id) for the action filter except for the three actions of
 *   most of the traffic (MeterValues, StatusNotification, Heartbeat: keys 1 to 3), and the rows with an error
 *   (partial: free for ordinary rows). Ids still grow with time: retention and the disk budget prune by id.
 *
 * The API still shows one entry per frame; a frame's id is `row id × 2` for the first frame and `+ 1` for the
 * second (docs/api.md "Message log").
 *
 * Old rows: a CALL row is paired with the first later row of the same station and message id that answers it
 * (message type 3 or 4, the other direction, the same action: unmatched answers were stored without one), unless
 * another CALL with that id came first. The pair keeps the CALL's row id; everything else becomes a row of its own
 * with its id. In JS (SQLite has no deflate), in one pass in id order, inside the migration's transaction (a backup
 * was taken before: pre-migration-backup.ts). Measured on a generated log of the benchmark's mix on this project's
 * 2-core test machine while other work ran on it: 100,000 old rows in 7.8 s, 1,000,000 in 61 s (mostly deflate).
 */
export const name = '0011-message-log-exchanges';

export const sql = `
ALTER TABLE message_log RENAME TO message_log_v1;
DROP INDEX message_log_cp;

CREATE TABLE message_log_names (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE                                -- a station id or an action
);
-- The actions of most of the traffic get fixed keys: the action index leaves them out (see below).
INSERT INTO message_log_names (id, name) VALUES (1, 'MeterValues'), (2, 'StatusNotification'), (3, 'Heartbeat');

CREATE TABLE message_log (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,                         -- ms since 1970 of the first frame
  station       INTEGER NOT NULL,                         -- message_log_names.id of the charge point id
  action        INTEGER,                                  -- message_log_names.id; for answers the action of their CALL
  outbound      INTEGER NOT NULL,                         -- 0: the first frame came from the station, 1: we sent it
  message_type  INTEGER,                                  -- of the first frame: 2 CALL, 3 CALLRESULT, 4 CALLERROR; NULL unreadable
  error_code    TEXT,                                     -- of the first frame: as message_log.error_code was
  answer_type   INTEGER,                                  -- the second frame: 3 or 4; 0 = no answer came (timeout, closed); NULL none (yet)
  answer_error  TEXT,                                     -- of the second frame
  answer_ms     INTEGER,                                  -- the second frame's time minus at; NULL = the same time
  answer_offset INTEGER,                                  -- byte offset of the second frame in the unpacked frames
  dictionary    INTEGER NOT NULL,                         -- frame-codec version: 0 plain UTF-8, 1 deflate with dictionary v1,
                                                          -- 2 deflate with v1 + the sampled values of meter reading reading_id
  reading_id    INTEGER,                                  -- the meter reading the CALL stored (dictionary 2)
  frames        BLOB NOT NULL                             -- the frame(s) as sent or received (secrets redacted)
);
CREATE INDEX message_log_station ON message_log (station, id);
-- Only the rarer actions: a page of MeterValues, StatusNotification or Heartbeat fills from the newest rows anyway
-- (repositories/message-log.ts walks a bounded window for them), and they are most rows.
CREATE INDEX message_log_action ON message_log (action, id) WHERE action > 3;
CREATE INDEX message_log_errors ON message_log (id) WHERE error_code IS NOT NULL OR answer_error IS NOT NULL;
`;

interface OldRow {
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

interface Pending {
  row: OldRow;
}

/** Old rows read per step (better-sqlite3 runs no other statement while an iterator is open). */
const READ_BATCH = 5_000;
/** At most this many CALLs wait for their answer in memory; beyond, the oldest is written unanswered. */
const MAX_PENDING = 100_000;

export function run(db: Database.Database): void {
  const names = new Map(
    db
      .prepare<[], { id: number; name: string }>('SELECT id, name FROM message_log_names')
      .all()
      .map((row) => [row.name, row.id] as const),
  );
  const nameInsert = db.prepare<[string]>('INSERT INTO message_log_names (name) VALUES (?)');
  const key = (name: string) => {
    let id = names.get(name);
    if (id === undefined) {
      id = Number(nameInsert.run(name).lastInsertRowid);
      names.set(name, id);
    }
    return id;
  };
  const insert = db.prepare(
    `INSERT INTO message_log (id, at, station, action, outbound, message_type, error_code, answer_type, answer_error, answer_ms, answer_offset, dictionary, frames)
     VALUES (@id, @at, @station, @action, @outbound, @messageType, @errorCode, @answerType, @answerError, @answerMs, @answerOffset, @dictionary, @frames)`,
  );
  const write = (first: OldRow, answer: OldRow | null) => {
    const at = Date.parse(first.at);
    const packed = packFrames(first.frame, answer?.frame ?? null);
    const answerMs = answer ? Date.parse(answer.at) - at : 0;
    insert.run({
      id: first.id,
      at: Number.isFinite(at) ? at : 0,
      station: key(first.charge_point_id),
      action: first.action === null ? null : key(first.action),
      outbound: first.direction === 'out' ? 1 : 0,
      messageType: first.message_type,
      errorCode: first.error_code,
      answerType: answer ? answer.message_type : null,
      answerError: answer ? answer.error_code : null,
      answerMs: answerMs && Number.isFinite(answerMs) ? answerMs : null,
      answerOffset: packed.secondAt,
      dictionary: packed.dictionary,
      frames: packed.bytes,
    });
  };
  // The newest unanswered CALL per station and message id, in insertion order (oldest first).
  const pending = new Map<string, Pending>();
  const read = db.prepare<[number], OldRow>(`SELECT * FROM message_log_v1 WHERE id > ? ORDER BY id LIMIT ${READ_BATCH}`);
  for (let rows = read.all(0); rows.length > 0; rows = read.all(rows.at(-1)!.id)) {
    for (const row of rows) place(row);
  }
  for (const { row } of pending.values()) write(row, null);
  db.exec('DROP TABLE message_log_v1');

  function place(row: OldRow): void {
    const k = row.message_id === null ? null : `${row.charge_point_id}\u0000${row.message_id}`;
    if (k !== null && row.message_type === 2) {
      const earlier = pending.get(k);
      if (earlier) {
        pending.delete(k);
        write(earlier.row, null);
      }
      pending.set(k, { row });
      if (pending.size > MAX_PENDING) {
        const [oldestKey, oldest] = pending.entries().next().value as [string, Pending];
        pending.delete(oldestKey);
        write(oldest.row, null);
      }
      return;
    }
    const call = k === null ? undefined : pending.get(k);
    if (
      call &&
      (row.message_type === 3 || row.message_type === 4) &&
      row.action !== null &&
      row.action === call.row.action &&
      row.direction !== call.row.direction
    ) {
      pending.delete(k!);
      write(call.row, row);
      return;
    }
    write(row, null);
  }
}
