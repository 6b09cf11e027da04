/**
 * Audit entries as the API shows them. Here, beside the reader worker's queries, because the worker writes the
 * export (read-queries.ts `auditExportChunk`): the whole trail is up to 100,000 entries (~34 MB), which took ~0.4 s
 * of the thread that answers stations to copy across, shape and serialise.
 */
import type { AuditEntryDto } from '../../../../shared/api/types.js';
import type { AuditRow } from '../repositories/audit-log.js';

export function auditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    client: row.client,
    clientName: row.client_name,
    remoteAddress: row.remote_address,
    method: row.method,
    path: row.path,
    action: row.action,
    chargePointId: row.charge_point_id,
    request: row.request,
    status: row.status,
    response: row.response,
    durationMs: row.duration_ms,
  };
}
