import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { onEventBatch, type EventMatcher } from '../store/event-bus.js';
import { createThrottledRunner, type ThrottledRunner } from '../store/throttled-runner.js';
import { errorMessage } from './error-message.js';
import {
  initialPagedRows,
  jumpNeedsReload,
  pagedRowsReducer,
  shouldLoadOlder,
  type PagedRows,
  type PagedRowsEvent,
  type PagedRowsOptions,
} from './paged-rows.js';
import { useLatest } from './use-latest.js';

/** One page as the source answers it, newest first. */
export interface PageAnswer<T, C> {
  rows: T[];
  nextCursor: C | null;
  total?: number;
}

/** What a live request found: rows after the newest seen, or the first page again. */
export type LiveAnswer<T> =
  | { type: 'newer'; rows: T[]; gapBelow?: boolean; /** more new rows wait: ask again */ more?: boolean }
  | { type: 'head'; rows: T[]; complete: boolean; total?: number; /** fresh copies of rows in view further down */ refreshed?: T[] };

/** The rows in view, by index in the loaded rows (reported by the table). */
export interface VisibleRange {
  first: number;
  last: number;
}

export interface PagedRowsSource<T, C> extends PagedRowsOptions<T, C> {
  /** Changes when the filters change: the rows start over. */
  key: string;
  first: () => Promise<PageAnswer<T, C>>;
  older: (cursor: C) => Promise<PageAnswer<T, C>>;
  live: (state: PagedRows<T, C>, visible: VisibleRange) => Promise<LiveAnswer<T>>;
  /** Events that may bring new or changed rows. */
  events: EventMatcher;
  /** At most one live request per this many ms, however many events arrive. */
  throttleMs: number;
  /** Also a live request on a timer (changes that send no event). */
  pollMs?: number;
}

export interface PagedRowsView<T, C> {
  state: PagedRows<T, C>;
  /** The next older page, unless one is loading, failed, or the end is reached. */
  loadOlder: () => void;
  /** The older page that failed, again. */
  retryOlder: () => void;
  /** The first page again (after it failed). */
  retry: () => void;
  /** The table reports whether the user is at its top (following new rows). */
  setAtTop: (atTop: boolean) => void;
  /** The table reports the rows in view (live requests may refresh them). */
  setVisibleRange: (first: number, last: number) => void;
  /** Show the held-back new rows (the table scrolls to the top). */
  jumpToNewest: () => void;
}

/**
 * A long live list read newest first (paged-rows.ts decides what is shown; this hook fetches): the first page per
 * filters, older pages on demand, and throttled live requests on matching events. `paused`: new rows are held back
 * even at the top (the user paused the live view).
 */
export function usePagedRows<T, C>(source: PagedRowsSource<T, C>, paused = false): PagedRowsView<T, C> {
  const { idOf, cursorAfter, maxRows, maxHeld, key, throttleMs, pollMs } = source;
  const reducer = useMemo(() => pagedRowsReducer<T, C>({ idOf, cursorAfter, maxRows, maxHeld }), [idOf, cursorAfter, maxRows, maxHeld]);
  const [state, dispatch] = useReducer(reducer, undefined, () => initialPagedRows<T, C>());
  const [ownKey, setOwnKey] = useState(key);
  const [atTop, setAtTop] = useState(true);
  // Adjusted while rendering (React's way for state that follows props): other filters start over at the top.
  if (ownKey !== key) {
    setOwnKey(key);
    setAtTop(true);
    dispatch({ type: 'reset' });
  }
  const following = atTop && !paused;
  if (state.following !== following) dispatch({ type: 'follow', following });

  const latest = useLatest({ state, source });
  const runnerRef = useRef<ThrottledRunner | null>(null);
  // Read by live requests only (not rendered): a ref, so scrolling renders nothing here.
  const visibleRef = useRef<VisibleRange>({ first: 0, last: 0 });

  // The first page, for every generation (a reset by other filters, or a reload over a gap).
  const generation = state.generation;
  useEffect(() => {
    latest.current.source.first().then(
      (page) => {
        dispatch({ type: 'firstPage', generation, ...page });
        // Rows logged between the request and now: caught up by the next live request.
        runnerRef.current?.schedule();
      },
      (err: unknown) => dispatch({ type: 'failed', generation, error: errorMessage(err) }),
    );
  }, [generation, latest]);

  // Live requests, one subscription per filters; each reads the state it starts from.
  useEffect(() => {
    const runner = createThrottledRunner(async () => {
      const current = latest.current.state;
      if (current.loading) return;
      try {
        const answer = await latest.current.source.live(current, visibleRef.current);
        if (answer.type === 'head') {
          const { refreshed, ...head } = answer;
          dispatch({ ...head, generation: current.generation });
          if (refreshed?.length) dispatch({ type: 'refresh', rows: refreshed, generation: current.generation });
        } else dispatch({ ...answer, generation: current.generation });
        if (answer.type === 'newer' && answer.more) runner.schedule();
      } catch (err) {
        dispatch({ type: 'failed', generation: current.generation, error: errorMessage(err) });
      }
    }, throttleMs);
    runnerRef.current = runner;
    const off = onEventBatch((batch) => {
      if (batch.some(latest.current.source.events)) runner.schedule();
    });
    const poll = pollMs ? setInterval(runner.schedule, pollMs) : undefined;
    return () => {
      runner.stop();
      off();
      if (poll) clearInterval(poll);
    };
  }, [key, throttleMs, pollMs, latest]);

  // Back at the top over a gap: the held rows cannot go on top, the first page is fetched again.
  const needsReload = following && !state.loading && jumpNeedsReload(state);
  useEffect(() => {
    if (needsReload) dispatch({ type: 'reload' });
  }, [needsReload]);

  // Stable functions (the table's effects depend on them): they read the latest state when called.
  const [actions] = useState(() => ({
    ...pagedActions(latest, dispatch),
    setVisibleRange: (first: number, last: number) => void (visibleRef.current = { first, last }),
  }));

  return { state, setAtTop, ...actions };
}

type Latest<T, C> = { readonly current: { state: PagedRows<T, C>; source: PagedRowsSource<T, C> } };

function pagedActions<T, C>(latest: Latest<T, C>, dispatch: (event: PagedRowsEvent<T, C>) => void) {
  // Set from the request until its answer: a second call before the state shows `loadingOlder` asks nothing.
  let olderInFlight = false;
  const retryOlder = () => {
    const { state, source } = latest.current;
    if (olderInFlight || state.loading || state.nextCursor === null) return;
    olderInFlight = true;
    const { generation, nextCursor } = state;
    dispatch({ type: 'olderStarted' });
    source
      .older(nextCursor)
      .then(
        (page) => dispatch({ type: 'olderPage', generation, ...page }),
        (err: unknown) => dispatch({ type: 'olderFailed', generation, error: errorMessage(err) }),
      )
      // A late answer of an earlier generation is dropped by the reducer.
      .finally(() => (olderInFlight = false));
  };
  return {
    loadOlder: () => {
      if (shouldLoadOlder(latest.current.state)) retryOlder();
    },
    retryOlder,
    retry: () => dispatch({ type: 'reload' }),
    jumpToNewest: () => dispatch(jumpNeedsReload(latest.current.state) ? { type: 'reload' } : { type: 'showHeld' }),
  };
}
