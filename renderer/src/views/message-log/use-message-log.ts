import { useMemo } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { usePagedRows, type PagedRowsSource, type PagedRowsView } from '../../components/use-paged-rows.js';
import { useApi } from '../../store/connection.js';
import { eventMayMatch, toApiQuery, type MessageFilters } from './message-filters.js';

/** Rows per older page (a few screens: scrolling asks for the next one before the end shows). */
const PAGE_SIZE = 200;
/** New rows fetched per live request; more are fetched in a follow-up request. */
const LIVE_BATCH = 500;
/** One live re-query per this many ms, however many frames a thousand stations send. */
const LIVE_THROTTLE_MS = 700;
/** Rows kept while following the top: a thousand stations log about 2,000 frames a second. */
const MAX_ROWS = 5000;
/** New rows held back while the user reads further down; beyond, they are counted and "jump" reloads. */
const MAX_HELD = 2000;

const idOf = (m: MessageLogEntryDto) => m.id;
/** The log pages by id (`beforeId`): the page after some rows starts below the oldest of them. */
const cursorAfter = (rows: MessageLogEntryDto[]) => rows.at(-1)?.id ?? 0;

/**
 * The message log under the given filters, newest first, kept live: a `message.logged` event that may match makes
 * one throttled `afterId` request for the rows newer than the newest seen (never one request per frame); older
 * pages by `beforeId` as the table scrolls. What is shown is components/paged-rows.ts; this only says how to fetch.
 */
export function useMessageLog(filters: MessageFilters, paused: boolean): PagedRowsView<MessageLogEntryDto, number> {
  const api = useApi();
  const source = useMemo((): PagedRowsSource<MessageLogEntryDto, number> => {
    const query = toApiQuery(filters);
    const page = (p: { items: MessageLogEntryDto[]; nextBeforeId: number | null }) => ({ rows: p.items, nextCursor: p.nextBeforeId });
    return {
      key: JSON.stringify(filters),
      idOf,
      cursorAfter,
      maxRows: MAX_ROWS,
      maxHeld: MAX_HELD,
      throttleMs: LIVE_THROTTLE_MS,
      events: (event) => eventMayMatch(filters, event),
      first: () => api.messageLog({ ...query, limit: PAGE_SIZE }).then(page),
      older: (beforeId) => api.messageLog({ ...query, beforeId, limit: PAGE_SIZE }).then(page),
      live: async (state) => {
        // afterId answers oldest first.
        const { items } = await api.messageLog({ ...query, afterId: state.newestId, limit: LIVE_BATCH });
        return { type: 'newer', rows: [...items].reverse(), more: items.length === LIVE_BATCH };
      },
    };
  }, [api, filters]);
  return usePagedRows(source, paused);
}
