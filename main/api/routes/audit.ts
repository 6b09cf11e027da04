import type { AuditClient, AuditEntryDto, ListResponse } from '../../../shared/api/types.js';
import { auditEntryDto } from '../../csms/services/dto.js';
import { streamExport } from '../export-stream.js';
import { ApiHttpError, intParam } from '../http.js';
import { HANDLED, type Router } from '../router.js';

const CLIENTS: readonly AuditClient[] = ['console-window', 'console-browser', 'script'];
/** The export holds at most this many entries, newest first (a year of a busy depot's operator actions). */
const EXPORT_LIMIT = 100_000;
/** Entries per chunk of the export, each written by the reader worker. */
const EXPORT_CHUNK = 2_000;

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

  // Streamed, newest first, at most EXPORT_LIMIT entries, one JSON object per line.
  router.get('/api/audit.ndjson', async ({ res, query, ctx }) => {
    const filter = filters(query);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      let before: number | undefined;
      for (let left = EXPORT_LIMIT; left > 0;) {
        const chunk = await ctx.audit.exportChunk({ ...filter, before, limit: Math.min(EXPORT_CHUNK, left) });
        yield chunk.bytes;
        if (chunk.resume === null) return;
        before = chunk.resume;
        left -= EXPORT_CHUNK;
      }
    }
    await streamExport(res, 'application/x-ndjson; charset=utf-8', 'audit.ndjson', chunks());
    return HANDLED;
  });
}
