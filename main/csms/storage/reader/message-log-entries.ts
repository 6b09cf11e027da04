/**
 * Message-log rows as the API shows them: one entry per frame (docs/api.md "Message log"), with the schema violations
 * of the rows marked as breaking their schema. Here, beside the reader worker's queries, because the worker shapes
 * and serialises the pages and export chunks (read-queries.ts): a page may hold 10,000 rows, ~2.7 MB of JSON, which
 * took 15–30 ms to rebuild, shape and serialise on the thread that answers stations.
 */
import type { CallViolation, MessageLogEntryDto, MessageLogPage, MessageLogQuery } from '../../../../shared/api/types.js';
import { isOcppAction } from '../../../../shared/ocpp/actions.js';
import { parseFrame } from '../../../../shared/ocpp/rpc-frames.js';
import { createOcppValidator, type OcppValidator } from '../../../../shared/ocpp/validator.js';
import { INVALID_RESULT_PREFIX, LENIENT_PREFIX } from '../message-marks.js';
import type { MessageLogRow } from '../repositories/message-log.js';

/** Built at the first marked row: most pages have none, and a thread that never meets one never compiles the schemas. */
let validator: OcppValidator | undefined;

export function messageLogEntryDto(row: MessageLogRow): MessageLogEntryDto {
  const violations = schemaViolations(row);
  return {
    id: row.id,
    at: row.at,
    chargePointId: row.charge_point_id,
    direction: row.direction,
    messageType: row.message_type,
    messageId: row.message_id,
    action: row.action,
    errorCode: row.error_code,
    ...(violations ? { violations } : {}),
    frame: row.frame,
  };
}

/**
 * The schema violations of a row marked as breaking its schema (a station's invalid CALLRESULT, a lenient CALL),
 * derived from the stored frame: the frame is the record, and the schemas are fixed for a release. Only marked rows
 * are checked, so a page of ordinary rows costs nothing more.
 */
function schemaViolations(row: MessageLogRow): CallViolation[] | null {
  const code = row.error_code;
  if (!code || !(code.startsWith(INVALID_RESULT_PREFIX) || code.startsWith(LENIENT_PREFIX)) || !row.action || !isOcppAction(row.action)) return null;
  const parsed = parseFrame(row.frame);
  if (parsed.kind !== 'call' && parsed.kind !== 'result') return null;
  validator ??= createOcppValidator();
  const outcome = parsed.kind === 'call' ? validator.request(row.action, parsed.payload) : validator.response(row.action, parsed.payload);
  return outcome.ok ? [] : outcome.issues;
}

/**
 * `GET /api/message-log`: newest-first pages continue below the smallest id they looked at (a text search cut short
 * continues below what it searched, docs/api.md); oldest-first pages (`afterId`) have no "before" page.
 */
export function messageLogPageBody(page: { items: MessageLogRow[]; resume: number | null }, q: MessageLogQuery): MessageLogPage {
  return { items: page.items.map(messageLogEntryDto), nextBeforeId: q.afterId === undefined ? page.resume : null };
}
