import type { Db } from '../database.js';
import { LoadedAtFirstUse, perConnection } from '../write-caches.js';
import { foldIdTag } from './nocase.js';
import { ACCEPTED, type TransactionRow } from './transaction-row.js';

/**
 * The open transactions (a start without a stop: `stop_received_at IS NULL`) held in memory, so the messages of a
 * session (MeterValues, StopTransaction, the Authorize and StartTransaction checks) are decided without reading them
 * back from SQLite. This is the answering thread's hot state for transactions (docs/architecture.md, "Hot state").
 *
 * It is loaded from the database at first use and kept in step by the only statements that change open
 * transactions (TransactionRepository's insert, stop and recordMeter; TransactionQueries' operator close), each
 * reporting the change here after its statement ran. When writes are undone (a unit's savepoint rolled back, a
 * failed batch: write-caches.ts) what it holds may be ahead of the database, so it is dropped and loaded again at
 * the next use. Rows are frozen: a caller that changed one would change the cache, so it throws instead.
 */
export class OpenTransactions extends LoadedAtFirstUse {
  private byId = new Map<number, TransactionRow>();
  /** A station's open transactions, ordered by id. */
  private byStation = new Map<string, TransactionRow[]>();
  /** Open transactions of Accepted starts by folded id tag, ordered by id (a refused start never makes a tag "in use"). */
  private acceptedByTag = new Map<string, TransactionRow[]>();
  private readonly loadStmt;

  private constructor(db: Db) {
    super(db);
    // In the order of the partial index of open transactions (0001's `transactions_open`), so loading reads only
    // them, not the whole table (years of closed ones).
    this.loadStmt = db.prepare<[], TransactionRow>(
      'SELECT * FROM transactions WHERE stop_received_at IS NULL ORDER BY charge_point_id, connector_id, id',
    );
  }

  /** The one set of this connection, shared by the repositories that read or change transactions. */
  static readonly of = perConnection((db) => new OpenTransactions(db));

  /** The open transaction with this id, or undefined when it is closed or unknown. */
  get(id: number): TransactionRow | undefined {
    this.ensureLoaded();
    return this.byId.get(id);
  }

  onConnector(chargePointId: string, connectorId: number): TransactionRow[] {
    this.ensureLoaded();
    return (this.byStation.get(chargePointId) ?? []).filter((row) => row.connector_id === connectorId);
  }

  /** By connector, then id. */
  ofStation(chargePointId: string): TransactionRow[] {
    this.ensureLoaded();
    return [...(this.byStation.get(chargePointId) ?? [])].sort((a, b) => a.connector_id - b.connector_id || a.id - b.id);
  }

  acceptedForTag(idTag: string): TransactionRow[] {
    this.ensureLoaded();
    return [...(this.acceptedByTag.get(foldIdTag(idTag)) ?? [])];
  }

  /** All of them, ordered by id (tests compare this with the database). */
  all(): TransactionRow[] {
    this.ensureLoaded();
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  /** A transaction was inserted: `row` is what SQLite stored (the INSERT's RETURNING, with defaults and types). */
  inserted(row: TransactionRow): void {
    if (!this.holdsRows) return; // the next use loads it with the rest
    if (row.stop_received_at === null) this.add(Object.freeze(row));
  }

  /** A transaction got its stop (the station's, the central system's or the operator's): it is no longer open. */
  closed(id: number): void {
    if (!this.holdsRows) return;
    const row = this.byId.get(id);
    if (!row) return;
    this.byId.delete(id);
    removeFrom(this.byStation, row.charge_point_id, id);
    removeFrom(this.acceptedByTag, foldIdTag(row.id_tag), id);
  }

  /** `recordMeter` ran for an open transaction: the same change as its UPDATE (null keeps the previous value). */
  metered(id: number, energyWh: number | null, powerW: number | null, at: string): void {
    if (!this.holdsRows) return;
    const row = this.byId.get(id);
    if (!row) return;
    this.replace(
      Object.freeze({
        ...row,
        last_meter_wh: energyWh ?? row.last_meter_wh,
        last_power_w: powerW ?? row.last_power_w,
        last_meter_at: at,
      }),
    );
  }

  protected load(): void {
    this.byId = new Map();
    this.byStation = new Map();
    this.acceptedByTag = new Map();
    for (const row of this.loadStmt.all()) this.add(Object.freeze(row));
  }

  private add(row: TransactionRow): void {
    this.byId.set(row.id, row);
    insertById(this.byStation, row.charge_point_id, row);
    if (row.start_status === ACCEPTED) insertById(this.acceptedByTag, foldIdTag(row.id_tag), row);
  }

  private replace(row: TransactionRow): void {
    this.byId.set(row.id, row);
    replaceIn(this.byStation, row.charge_point_id, row);
    if (row.start_status === ACCEPTED) replaceIn(this.acceptedByTag, foldIdTag(row.id_tag), row);
  }
}

function insertById(map: Map<string, TransactionRow[]>, key: string, row: TransactionRow): void {
  const list = map.get(key);
  if (!list) return void map.set(key, [row]);
  let at = list.length;
  while (at > 0 && list[at - 1]!.id > row.id) at--;
  list.splice(at, 0, row);
}

function replaceIn(map: Map<string, TransactionRow[]>, key: string, row: TransactionRow): void {
  const list = map.get(key);
  const at = list?.findIndex((other) => other.id === row.id) ?? -1;
  if (list && at >= 0) list[at] = row;
}

function removeFrom(map: Map<string, TransactionRow[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((row) => row.id !== id);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest);
}
