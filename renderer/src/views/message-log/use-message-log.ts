import { useCallback, useEffect, useReducer } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { errorMessage } from '../../components/error-message.js';
import { useLatest } from '../../components/use-latest.js';
import { useApi } from '../../store/connection.js';
import { onEventBatch } from '../../store/event-bus.js';
import { createThrottledRunner } from '../../store/throttled-runner.js';
import { initialRows, messageLogReducer, newestId } from './message-log-state.js';
import { eventMayMatch, toApiQuery, type MessageFilters } from './message-filters.js';

const PAGE_SIZE = 100;
/** New rows fetched per live request; more are fetched in a follow-up request. */
const LIVE_BATCH = 500;
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
  loadOlder: () => void;
  showPending: () => void;
}

/**
 * The message log under the given filters, newest first, kept live: a `message.logged` event that may match
 * makes one throttled `afterId` request for the rows newer than the newest shown (never one request per frame).
 * While `paused`, new rows are held back in `pending` so the rows the user reads do not move. What the rows do is
 * message-log-state.ts; this hook only fetches.
 */
export function useMessageLog(filters: MessageFilters, paused: boolean): MessageLogState {
  const api = useApi();
  const filterKey = JSON.stringify(filters);
  const [state, dispatch] = useReducer(messageLogReducer, undefined, () => initialRows(filterKey, paused));
  // Adjusted while rendering (React's way for state that follows props): other filters start over, and a pause
  // or resume holds back or shows rows in the same render.
  if (state.filterKey !== filterKey) dispatch({ type: 'reset', filterKey });
  if (state.paused !== paused) dispatch({ type: 'paused', paused });
  // Live requests ask for rows after the newest one seen, read when they start.
  const latest = useLatest({ state, filters });

  useEffect(() => {
    let alive = true;
    // Following starts from the first page's newest row: before it is in, there is nothing to follow from.
    let ready = false;
    const query = toApiQuery(latest.current.filters);
    const runner = createThrottledRunner(async () => {
      try {
        const page = await api.messageLog({ ...query, afterId: newestId(latest.current.state), limit: LIVE_BATCH });
        if (!alive || page.items.length === 0) return;
        dispatch({ type: 'newer', ascending: page.items });
        if (page.items.length === LIVE_BATCH) runner.schedule();
      } catch (err) {
        if (alive) dispatch({ type: 'failed', error: errorMessage(err) });
      }
    }, LIVE_THROTTLE_MS);

    api.messageLog({ ...query, limit: PAGE_SIZE }).then(
      (page) => {
        if (!alive) return;
        dispatch({ type: 'firstPage', items: page.items, hasOlder: page.nextBeforeId !== null });
        ready = true;
        // Frames logged between the request and now are picked up by the next event (or this catch-up).
        runner.schedule();
      },
      (err: unknown) => {
        if (alive) dispatch({ type: 'failed', error: errorMessage(err) });
      },
    );
    const off = onEventBatch((batch) => {
      if (ready && batch.some((e) => eventMayMatch(latest.current.filters, e))) runner.schedule();
    });
    return () => {
      alive = false;
      runner.stop();
      off();
    };
  }, [api, filterKey, latest]);

  const showPending = useCallback(() => dispatch({ type: 'showPending' }), []);

  const loadOlder = () => {
    const beforeId = latest.current.state.items.at(-1)?.id;
    if (!beforeId) return;
    const key = latest.current.state.filterKey;
    dispatch({ type: 'loadingOlder' });
    api.messageLog({ ...toApiQuery(latest.current.filters), beforeId, limit: PAGE_SIZE }).then(
      (page) => {
        // Rows of filters changed meanwhile are not these rows' neighbours.
        if (latest.current.state.filterKey === key) dispatch({ type: 'older', items: page.items, hasOlder: page.nextBeforeId !== null });
      },
      (err: unknown) => dispatch({ type: 'failed', error: errorMessage(err) }),
    );
  };

  const { items, pending, loading, error, hasOlder, loadingOlder } = state;
  return { items, pending, loading, error, hasOlder, loadingOlder, loadOlder, showPending };
}
