import type { Db } from './database.js';

/**
 * Repositories keep lookups in memory (a station's name key, a transaction's first meter reading, and the hot state
 * of docs/architecture.md: open transactions, id tags, admission, connector statuses, active reservations, installed
 * charging profiles) so the answering thread does not read them back from SQLite for every message. Such an entry
 * names a row that may have been written in the still-open batch: when SQLite undoes writes (a savepoint rolled back,
 * a failed batch) or rows are deleted behind the cache (the disk budget's pruning, a station's connectors deleted
 * with its record), every cache of that connection is emptied, and the next lookup reads the database again. All are
 * rare (errors, a daily prune, an operator's delete), so emptying everything is cheap and leaves nothing to get wrong.
 */
const forgetters = new WeakMap<Db, Set<() => void>>();

/** Call `forget` whenever writes on `db` were undone or rows a cache may hold were deleted. */
export function onCachedRowsInvalid(db: Db, forget: () => void): void {
  let set = forgetters.get(db);
  if (!set) forgetters.set(db, (set = new Set()));
  set.add(forget);
}

/** Empty every cache of `db` (after a rollback, or a delete of rows a cache may name). */
export function invalidateCachedRows(db: Db): void {
  for (const forget of forgetters.get(db) ?? []) forget();
}

/**
 * One cache per connection, made at first use: repositories that share a cache (the station keys, the open
 * transactions, the stations' admission) must see the same one, however many of them are built on the connection.
 */
export function perConnection<T>(create: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    if (!made.has(db)) made.set(db, create(db));
    return made.get(db)!;
  };
}

/**
 * Memory that holds a whole table's worth of rows (or the part a CALL is decided from), loaded at its first use and
 * kept in step by the writes that report to it. When writes are undone or rows deleted behind it, it is marked
 * unloaded and loaded again at its next use; a change reported while it is unloaded is skipped, since that load
 * reads it from the database anyway.
 */
export abstract class LoadedAtFirstUse {
  private loaded = false;
  /** How often it was loaded from the database (the tests check that undone writes load it again). */
  loads = 0;

  protected constructor(db: Db) {
    onCachedRowsInvalid(db, () => (this.loaded = false));
  }

  /** Read everything it holds from the database, replacing what it held. */
  protected abstract load(): void;

  protected ensureLoaded(): void {
    if (this.loaded) return;
    this.load();
    this.loaded = true;
    this.loads++;
  }

  /**
   * Read everything again at the next use: for memory whose rows change so seldom (an operator's action) that
   * reading them again is simpler than applying each change.
   */
  protected unload(): void {
    this.loaded = false;
  }

  /** Whether a reported change must be applied now (not when the next use loads everything anyway). */
  protected get holdsRows(): boolean {
    return this.loaded;
  }
}

/**
 * A value per station for a whole table (one row per station at most), loaded in one read at its first use and again
 * after writes were undone; `absent` stands for a station without a row (and `set(id, absent)` for a deleted one).
 * Kept in step by the statements that write the table (`set`; skipped while nothing is loaded, since the load reads
 * the change anyway). One read for all stations instead of one per station at its first message: after a restart of
 * a depot of 5,000 stations, 5,000 reads on the answering thread while they come back.
 */
export class StationTable<V> extends LoadedAtFirstUse {
  private readonly values = new Map<string, V>();

  constructor(
    db: Db,
    private readonly rows: () => Iterable<readonly [string, V]>,
    private readonly absent: V,
  ) {
    super(db);
  }

  get(chargePointId: string): V {
    this.ensureLoaded();
    const value = this.values.get(chargePointId);
    return value === undefined ? this.absent : value;
  }

  set(chargePointId: string, value: V): void {
    if (this.holdsRows) this.values.set(chargePointId, value);
  }

  protected load(): void {
    this.values.clear();
    for (const [id, value] of this.rows()) this.values.set(id, value);
  }
}
