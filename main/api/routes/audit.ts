import type { AuditClient, AuditEntryDto, ListResponse } from '../../../shared/api/types.js';
import { auditEntryDto } from '../audit.js';
import { ApiHttpError, intParam, sendText } from '../http.js';
import { HANDLED, type Router } from '../router.js';

const CLIENTS: readonly AuditClient[] = ['console-window', 'console-browser', 'script'];
/** The export holds at most this many entries, newest first (a year of a busy depot's operator actions). */
const EXPORT_LIMIT = 100_000;

function filters(query: URLSearchParams): { client?: AuditClient; chargePointId?: string } {
  const client = query.get('client');
  if (client && !CLIENTS.includes(client as AuditClient))
    throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `client must be one of ${CLIENTS.join(', ')}`);
  return { client: (client as AuditClient | null) ?? undefined, chargePointId: query.get('chargePointId') || undefined };
}

/** The audit trail of operator actions (main/api/audit.ts): read and exported, never written through the API. */
export function auditRoutes(router: Router): void {
  router.get('/api/audit', async ({ query, ctx }): Promise<ListResponse<AuditEntryDto>> => {
    const limit = intParam(query, 'limit', { min: 1, max: 1000 }) ?? 100;
    const before = intParam(query, 'before', { min: 1 });
    const { items, total, totalCapped } = await ctx.audit.list({ ...filters(query), limit, before });
    return { items: items.map(auditEntryDto), total, ...(totalCapped ? { totalCapped: true } : {}) };
  });

  router.get('/api/audit.ndjson', async ({ res, query, ctx }) => {
    const { items } = await ctx.audit.list({ ...filters(query), limit: EXPORT_LIMIT });
    const text = items.map((row) => JSON.stringify(auditEntryDto(row))).join('\n') + (items.length ? '\n' : '');
    sendText(res, 200, 'application/x-ndjson; charset=utf-8', text, 'audit.ndjson');
    return HANDLED;
  });
}
