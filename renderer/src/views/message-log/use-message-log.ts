import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { useApi } from '../../store/connection.js';
import { onEventBatch } from '../../store/event-bus.js';
import { eventMayMatch, toApiQuery, type MessageFilters } from './message-filters.js';

const PAGE_SIZE = 100;
/** New rows fetched per live request; more are fetched in a follow-up request. */
const LIVE_BATCH = 500;
/** At most this many rows kept on screen; older ones come back with "Load older". */
const MAX_ROWS = 2000;
/** One live re-query per this many ms, however many frames a thousand stations send. */
const LIVE_THROTTLE_MS = 700;

export interface MessageLogState {
  items: MessageLogEntryDto[];
  /** New rows that arrived while paused (shown on resume). */
  pending: MessageLogEntryDto[];
  loading: boolean;
  error: string | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  showPending(): void;
}

/**
 * The message log under the given filters, newest first, kept live: a `message.logged` event that may match
 * makes one throttled `afterId` request for the rows newer than the newest shown (never one request per frame).
 * While `paused`, new rows are held back in `pending` so the rows the user reads do not move.
 */
export function useMessageLog(filters: MessageFilters, paused: boolean): MessageLogState {
  const api = useApi();
  const [items, setItems] = useState<MessageLogEntryDto[]>([]);
  const [pending, setPending] = useState<MessageLogEntryDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const newestId = useRef(0);
  const pendingRef = useRef<MessageLogEntryDto[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const filterKey = JSON.stringify(filters);

  /** Newest rows on top; beyond MAX_ROWS the oldest leave the screen (and "Load older" brings them back). */
  const prepend = useCallback((fresh: MessageLogEntryDto[]) => {
    setItems((rows) => {
      // Only rows newer than the top one: a late answer can never show a row twice.
      const top = rows[0]?.id ?? 0;
      const next = [...fresh.filter((r) => r.id > top), ...rows];
      if (next.length <= MAX_ROWS) return next;
      setHasOlder(true);
      return next.slice(0, MAX_ROWS);
    });
  }, []);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let again = false;
    let lastStartMs = 0;
    // Following starts from the first page's newest row: before it is in, there is nothing to follow from.
    let ready = false;
    const query = toApiQuery(filters);
    setLoading(true);
    setItems([]);
    pendingRef.current = [];
    setPending([]);
    newestId.current = 0;

    const followNew = async () => {
      if (!alive) return;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      lastStartMs = Date.now();
      try {
        const page = await api.messageLog({ ...query, afterId: newestId.current, limit: LIVE_BATCH });
        if (!alive || page.items.length === 0) return;
        newestId.current = page.items.at(-1)!.id;
        const fresh = [...page.items].reverse();
        if (pausedRef.current) {
          pendingRef.current = [...fresh, ...pendingRef.current].slice(0, MAX_ROWS);
          setPending(pendingRef.current);
        } else prepend(fresh);
        if (page.items.length === LIVE_BATCH) again = true;
      } catch (err) {
        if (alive) setError(err instanceof Error ? err.message : String(err));
      } finally {
        inFlight = false;
        if (again && alive) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (timer || !ready) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          void followNew();
        },
        Math.max(0, lastStartMs + LIVE_THROTTLE_MS - Date.now()),
      );
    };

    api.messageLog({ ...query, limit: PAGE_SIZE }).then(
      (page) => {
        if (!alive) return;
        setItems(page.items);
        setHasOlder(page.nextBeforeId !== null);
        newestId.current = page.items[0]?.id ?? newestId.current;
        setError(null);
        setLoading(false);
        ready = true;
        // Frames logged between the request and now are picked up by the next event (or this catch-up).
        schedule();
      },
      (err: unknown) => {
        if (!alive) return;
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
      },
    );
    const off = onEventBatch((batch) => {
      if (batch.some((e) => eventMayMatch(filters, e))) schedule();
    });
    return () => {
      alive = false;
      off();
      if (timer) clearTimeout(timer);
    };
    // filterKey stands for filters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  const showPending = useCallback(() => {
    const held = pendingRef.current;
    pendingRef.current = [];
    setPending([]);
    if (held.length) prepend(held);
  }, [prepend]);

  // Resuming shows what was held back.
  useEffect(() => {
    if (!paused) showPending();
  }, [paused, showPending]);

  const loadOlder = useCallback(() => {
    const beforeId = items.at(-1)?.id;
    if (!beforeId) return;
    setLoadingOlder(true);
    api.messageLog({ ...toApiQuery(filters), beforeId, limit: PAGE_SIZE }).then(
      (page) => {
        setItems((rows) => [...rows, ...page.items.filter((r) => r.id < (rows.at(-1)?.id ?? Infinity))]);
        setHasOlder(page.nextBeforeId !== null);
        setLoadingOlder(false);
      },
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setLoadingOlder(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey, items]);

  return { items, pending, loading, error, hasOlder, loadingOlder, loadOlder, showPending };
}
