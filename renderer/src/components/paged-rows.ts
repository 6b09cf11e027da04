/**
 * The rows of a long, live list read newest first (the message log, the transactions): pages of older rows loaded as
 * the user scrolls down, new rows arriving at the top. Pure: the hooks fetch and dispatch, this decides what is shown.
 *
 * - Rows are newest first, by a numeric id that grows with time (the API's order): a row is never shown twice.
 * - While the user follows the top, new rows go on top (and beyond `maxRows` the oldest leave, with the cursor moved
 *   back so scrolling down loads them again). While the user reads further down, new rows are held back and only
 *   counted ("N new — jump to newest"), so the rows being read never move.
 * - Every answer carries the generation of the request that asked: an answer to filters changed meanwhile (or to a
 *   reload) is dropped.
 */

export interface PagedRows<T, C> {
  /** Loaded rows, newest first. */
  rows: T[];
  /** Where the next older page starts; null when the oldest row is loaded. */
  nextCursor: C | null;
  /** No first page yet (after a reset). */
  loading: boolean;
  loadingOlder: boolean;
  /** The first page or a live request failed. */
  error: string | null;
  /** The last older page failed: shown as a row with Retry. */
  olderError: string | null;
  /** The user is at the top: new rows join the list. */
  following: boolean;
  /** New rows held back while the user reads further down, newest first (at most `maxHeld`). */
  held: T[];
  /** How many new rows arrived while held back (some may not be held: see `heldGap`). */
  heldCount: number;
  /** Some new rows are missing between the held ones and the shown ones: showing them needs the first page again. */
  heldGap: boolean;
  /** The newest id seen, shown or held: live requests ask for rows after it. */
  newestId: number;
  /** Matching rows in all, when the API counts them. */
  total: number | null;
  /** Bumped by a reset or reload: answers carry the generation they were asked in. */
  generation: number;
}

export type PagedRowsEvent<T, C> =
  /** Other filters: start over (empty, loading, following). */
  | { type: 'reset' }
  /** Fetch the first page again, keeping the rows on screen until it arrives (a jump over a gap). */
  | { type: 'reload' }
  | { type: 'firstPage'; generation: number; rows: T[]; nextCursor: C | null; total?: number }
  | { type: 'olderStarted' }
  | { type: 'olderPage'; generation: number; rows: T[]; nextCursor: C | null; total?: number }
  | { type: 'olderFailed'; generation: number; error: string }
  | { type: 'failed'; generation: number; error: string }
  /**
   * Rows newer than `newestId`, newest first. `gapBelow`: there may be more new rows between these and the ones
   * seen (a full page of only new rows), so they cannot simply go on top.
   */
  | { type: 'newer'; generation: number; rows: T[]; gapBelow?: boolean }
  /**
   * The first page fetched again (newest first): new rows as `newer`; rows already shown are replaced by their
   * fresh copy, and shown rows in its id range that it no longer has (they left the filter) are dropped.
   * `complete`: it has every matching row (the list is shorter than a page).
   */
  | { type: 'head'; generation: number; rows: T[]; complete: boolean; total?: number }
  /** Fresh copies of some rows (those in view further down): shown rows are replaced by id, nothing added or dropped. */
  | { type: 'refresh'; generation: number; rows: T[] }
  /** The user scrolled to the top (true) or away from it (false). */
  | { type: 'follow'; following: boolean }
  /** Show the held rows on top now (the caller scrolls to the top). Over a gap, use `reload` instead. */
  | { type: 'showHeld' };

export interface PagedRowsOptions<T, C> {
  idOf: (row: T) => number;
  /** The cursor of the page after these rows, when the oldest of them are dropped to keep `maxRows`. */
  cursorAfter: (rows: T[]) => C;
  /** Rows kept while following the top (older ones come back by scrolling). */
  maxRows: number;
  /** New rows held back while reading; beyond, they are only counted. */
  maxHeld: number;
}

export function initialPagedRows<T, C>(generation = 0): PagedRows<T, C> {
  return {
    rows: [],
    nextCursor: null,
    loading: true,
    loadingOlder: false,
    error: null,
    olderError: null,
    following: true,
    held: [],
    heldCount: 0,
    heldGap: false,
    newestId: 0,
    total: null,
    generation,
  };
}

/** Jumping to the newest must fetch the first page again: some new rows were only counted, not held. */
export function jumpNeedsReload(state: PagedRows<unknown, unknown>): boolean {
  return state.heldGap || state.heldCount > state.held.length;
}

/** Whether scrolling to the end should ask for the next older page now. */
export function shouldLoadOlder(state: PagedRows<unknown, unknown>): boolean {
  return !state.loading && !state.loadingOlder && state.olderError === null && state.nextCursor !== null;
}

export function pagedRowsReducer<T, C>(options: PagedRowsOptions<T, C>) {
  const { idOf, cursorAfter, maxRows, maxHeld } = options;
  const newest = (rows: T[]) => (rows.length ? idOf(rows[0]!) : 0);

  /** Rows on top of the shown ones; while following, the oldest beyond maxRows leave and the cursor steps back. */
  function prepend(state: PagedRows<T, C>, fresh: T[]): PagedRows<T, C> {
    if (!fresh.length) return state;
    const rows = [...fresh, ...state.rows];
    if (rows.length <= maxRows) return { ...state, rows };
    const kept = rows.slice(0, maxRows);
    return { ...state, rows: kept, nextCursor: cursorAfter(kept), olderError: null };
  }

  /** New rows (newest first, all newer than `newestId`): on top while following, else held back and counted. */
  function addNewer(state: PagedRows<T, C>, fresh: T[], gapBelow: boolean): PagedRows<T, C> {
    if (!fresh.length) return state;
    const newestId = Math.max(state.newestId, newest(fresh));
    if (state.following && !gapBelow && state.heldCount === 0) return prepend({ ...state, newestId }, fresh);
    const held = [...fresh, ...state.held].slice(0, maxHeld);
    return { ...state, newestId, held, heldCount: state.heldCount + fresh.length, heldGap: state.heldGap || gapBelow };
  }

  function showHeld(state: PagedRows<T, C>): PagedRows<T, C> {
    if (!state.heldCount || jumpNeedsReload(state)) return state;
    return prepend({ ...state, held: [], heldCount: 0, heldGap: false }, state.held);
  }

  return function reduce(state: PagedRows<T, C>, event: PagedRowsEvent<T, C>): PagedRows<T, C> {
    switch (event.type) {
      case 'reset':
        return initialPagedRows(state.generation + 1);
      case 'reload':
        return { ...state, generation: state.generation + 1, loadingOlder: false };
      case 'olderStarted':
        return { ...state, loadingOlder: true, olderError: null };
      case 'follow': {
        if (event.following === state.following) return state;
        const next = { ...state, following: event.following };
        return event.following ? showHeld(next) : next;
      }
      case 'showHeld':
        return showHeld(state);
    }
    // Answers to an earlier generation (other filters, or before a reload) belong to rows no longer shown.
    if (event.generation !== state.generation) return state;
    switch (event.type) {
      case 'firstPage':
        return {
          ...state,
          rows: event.rows,
          nextCursor: event.nextCursor,
          total: event.total ?? null,
          loading: false,
          loadingOlder: false,
          error: null,
          olderError: null,
          held: [],
          heldCount: 0,
          heldGap: false,
          newestId: newest(event.rows),
        };
      case 'olderPage': {
        const bottom = state.rows.length ? idOf(state.rows.at(-1)!) : Number.POSITIVE_INFINITY;
        return {
          ...state,
          rows: [...state.rows, ...event.rows.filter((r) => idOf(r) < bottom)],
          nextCursor: event.nextCursor,
          total: event.total ?? state.total,
          loadingOlder: false,
          olderError: null,
        };
      }
      case 'olderFailed':
        return { ...state, loadingOlder: false, olderError: event.error };
      case 'failed':
        return { ...state, loading: false, error: event.error };
      case 'newer':
        return {
          ...addNewer(
            state,
            event.rows.filter((r) => idOf(r) > state.newestId),
            event.gapBelow ?? false,
          ),
          error: null,
        };
      case 'refresh': {
        const fresh = new Map(event.rows.map((r) => [idOf(r), r]));
        const swap = (rows: T[]) => (rows.some((r) => fresh.has(idOf(r))) ? rows.map((r) => fresh.get(idOf(r)) ?? r) : rows);
        return { ...state, rows: swap(state.rows), held: swap(state.held) };
      }
      case 'head': {
        const fresh = event.rows.filter((r) => idOf(r) > state.newestId);
        const known = new Map(event.rows.filter((r) => idOf(r) <= state.newestId).map((r) => [idOf(r), r]));
        // The head answers for every matching row down to its oldest id (all of them when complete).
        const floor = event.complete || !event.rows.length ? Number.NEGATIVE_INFINITY : idOf(event.rows.at(-1)!);
        const refresh = (rows: T[]) => {
          let changed = false;
          const out: T[] = [];
          for (const row of rows) {
            const id = idOf(row);
            if (id < floor) out.push(row);
            else {
              const fresher = known.get(id);
              if (fresher !== row) changed = true;
              if (fresher) out.push(fresher);
            }
          }
          return changed ? out : rows;
        };
        const refreshed = { ...state, rows: refresh(state.rows), held: refresh(state.held), total: event.total ?? state.total, error: null };
        refreshed.heldCount -= state.held.length - refreshed.held.length;
        // A full page of only new rows: there may be more between them and the shown ones.
        const gapBelow = !event.complete && fresh.length > 0 && fresh.length === event.rows.length;
        return addNewer(refreshed, fresh, gapBelow);
      }
    }
  };
}
