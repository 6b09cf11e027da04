import type { ServerResponse } from 'node:http';
import type { MessageLogPage } from '../../../shared/api/types.js';
import type { MessageLogQuery } from '../../../shared/api/types.js';
import { messageLogDto } from '../../csms/services/dto.js';
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

const EXPORT_PAGE = 1000;

/**
 * Resolves once the response can take more (drain) or is gone (close), and takes both listeners off again either
 * way: an export waits here once per page, so listeners left behind would pile up on a large log.
 */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export function messageLogRoutes(router: Router): void {
  router.get('/api/message-log', ({ query, ctx }): MessageLogPage => {
    const beforeId = intParam(query, 'beforeId', { min: 1 });
    const afterId = intParam(query, 'afterId', { min: 0 });
    const limit = intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 200;
    const page = ctx.messageLog.page({ ...filters(query), beforeId, afterId, limit });
    const items = page.items.map(messageLogDto);
    // Newest-first pages continue below the smallest id (a text search cut short continues below what it looked
    // at, docs/api.md); afterId pages (oldest first) have no "before" page.
    const nextBeforeId = afterId === undefined ? page.resume : null;
    return { items, nextBeforeId };
  });

  // Streamed export, oldest first, one JSON object per line; pages of rows so memory stays flat.
  router.get('/api/message-log.ndjson', async ({ res, query, ctx }) => {
    const q = filters(query);
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'attachment; filename="message-log.ndjson"',
    });
    let afterId: number | null = 0;
    while (afterId !== null) {
      if (res.destroyed) return HANDLED;
      const page = ctx.messageLog.page({ ...q, afterId, limit: EXPORT_PAGE });
      afterId = page.resume;
      const chunk = page.items.map((row) => JSON.stringify(messageLogDto(row))).join('\n');
      if (page.items.length > 0 && !res.write(chunk + '\n')) await drainedOrClosed(res);
      // Otherwise one turn of the loop between pages (a text search's pages each unpack up to TEXT_SCAN_ROWS rows),
      // so stations are answered meanwhile.
      else await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
    return HANDLED;
  });
}
