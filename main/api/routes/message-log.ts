import type { MessageLogQuery } from '../../../shared/api/types.js';
import { streamExport } from '../export-stream.js';
import { ApiHttpError, boolParam, intParam, sendSerialisedJson, stringParam } from '../http.js';
import { HANDLED, type Router } from '../router.js';

function filters(query: URLSearchParams): MessageLogQuery {
  const direction = stringParam(query, 'direction');
  if (direction !== undefined && direction !== 'in' && direction !== 'out')
    throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', 'direction must be in or out');
  return {
    chargePointId: stringParam(query, 'chargePointId'),
    action: stringParam(query, 'action'),
    direction,
    errorsOnly: boolParam(query, 'errorsOnly'),
    // Free text searched in the stored frame (ids, idTags, values): what a technician remembers of a message.
    text: stringParam(query, 'text') || undefined,
  };
}

/** Rows per chunk of the NDJSON export. */
const EXPORT_PAGE = 1000;

export function messageLogRoutes(router: Router): void {
  // A MessageLogPage (storage/reader/message-log-entries.ts), shaped and serialised by the reader worker.
  router.get('/api/message-log', async ({ res, query, ctx }) => {
    const beforeId = intParam(query, 'beforeId', { min: 1 });
    const afterId = intParam(query, 'afterId', { min: 0 });
    const limit = intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 200;
    sendSerialisedJson(res, 200, await ctx.messageLog.pageJson({ ...filters(query), beforeId, afterId, limit }));
    return HANDLED;
  });

  // Streamed export, oldest first, one JSON object per line, read a chunk at a time.
  router.get('/api/message-log.ndjson', async ({ res, query, ctx }) => {
    const q = filters(query);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      let afterId: number | null = 0;
      while (afterId !== null) {
        const chunk = await ctx.messageLog.exportChunk({ ...q, afterId, limit: EXPORT_PAGE });
        afterId = chunk.resume;
        yield chunk.bytes;
      }
    }
    await streamExport(res, 'application/x-ndjson; charset=utf-8', 'message-log.ndjson', chunks());
    return HANDLED;
  });
}
