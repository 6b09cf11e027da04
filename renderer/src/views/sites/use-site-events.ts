import { useState } from 'react';
import type { SiteEvent } from '../../../../shared/api/types.js';
import { errorMessage } from '../../components/error-message.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { isAllocationEvent, mergeEvents } from './site-events.js';

const PAGE_SIZE = 50;

/** A site's event history (GET /api/sites/{siteId}/events): the newest page kept live, older pages on demand. */
export function useSiteEvents(siteId: string, enabled: boolean) {
  const api = useApi();
  const first = useLiveQuery(`site-events:${siteId}`, () => api.listSiteEvents(siteId, { limit: PAGE_SIZE }), {
    events: (event) => isAllocationEvent(event, siteId),
    throttleMs: 2000,
    pollMs: 10_000,
    enabled,
  });
  const [older, setOlder] = useState<{ siteId: string; items: SiteEvent[]; more: boolean }>({ siteId, items: [], more: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const olderItems = older.siteId === siteId ? older.items : [];
  const events = mergeEvents(first.data?.items ?? [], olderItems);
  const firstFull = (first.data?.items.length ?? 0) >= PAGE_SIZE;
  const hasMore = firstFull && (older.siteId !== siteId || older.more);

  const loadMore = () => {
    const before = events.at(-1)?.id;
    if (before === undefined || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    api.listSiteEvents(siteId, { before, limit: PAGE_SIZE }).then(
      (page) => {
        setOlder({ siteId, items: mergeEvents(olderItems, page.items), more: page.items.length >= PAGE_SIZE });
        setLoadingMore(false);
      },
      (err: unknown) => {
        setMoreError(errorMessage(err));
        setLoadingMore(false);
      },
    );
  };
  return { events: first.data ? events : undefined, loading: first.loading, error: first.error ?? moreError, hasMore, loadMore, loadingMore };
}
