import type { MessageLogPage } from '../../../shared/api/types.js';
import type { MessageLogQuery } from '../../../shared/api/types.js';
import { messageLogDto } from '../../csms/services/dto.js';
import { streamExport } from '../export-stream.js';
import { ApiHttpError, boolParam, intParam, stringParam } from '../http.js';
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
  router.get('/api/message-log', async ({ query, ctx }): Promise<MessageLogPage> => {
    const beforeId = intParam(query, 'beforeId', { min: 1 });
    const afterId = intParam(query, 'afterId', { min: 0 });
    const limit = intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 200;
    const page = await ctx.messageLog.page({ ...filters(query), beforeId, afterId, limit });
    const items = page.items.map(messageLogDto);
    // Newest-first pages continue below the smallest id (a text search cut short continues below what it looked
    // at, docs/api.md); afterId pages (oldest first) have no "before" page.
    const nextBeforeId = afterId === undefined ? page.resume : null;
    return { items, nextBeforeId };
  });

  // Streamed export, oldest first, one JSON object per line, read a page at a time.
  router.get('/api/message-log.ndjson', async ({ res, query, ctx }) => {
    const q = filters(query);
    async function* lines(): AsyncGenerator<string> {
      let afterId: number | null = 0;
      while (afterId !== null) {
        const page = await ctx.messageLog.page({ ...q, afterId, limit: EXPORT_PAGE });
        afterId = page.resume;
        yield page.items.map((row) => JSON.stringify(messageLogDto(row)) + '\n').join('');
      }
    }
    await streamExport(res, 'application/x-ndjson; charset=utf-8', 'message-log.ndjson', lines());
    return HANDLED;
  });
}
