/** What a list shows: "Loading…" before its first answer, a sentence when empty, else its rows (an error shows besides). */
export type ListShows = 'loading' | 'empty' | 'rows' | 'nothing';

export function listShows(rows: readonly unknown[] | undefined, loading: boolean): ListShows {
  if (rows === undefined) return loading ? 'loading' : 'nothing';
  return rows.length === 0 ? 'empty' : 'rows';
}
