import type { AnomalyQuery } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import { unconfirmedAfterMs, type RuntimeSettings } from '../config/settings.js';
import { isUnconfirmed } from '../domain/concurrent-tx.js';
import type { CsmsEvents } from '../domain/events.js';
import type { LastHeard } from '../domain/last-heard.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { CappedCount } from '../storage/repositories/list-paging.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { MeterValueRow } from '../storage/repositories/meter-values.js';
import type { TransactionListQuery, TransactionQueries } from '../storage/repositories/transaction-queries.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';
import type { AnomalyPageRows, TransactionChunkQuery, TransactionChunkRows, TransactionRows } from '../storage/reader/read-queries.js';
import type { TransactionRow } from '../storage/repositories/transactions.js';

export type { CappedCount, TransactionListQuery };

/** One page of the list, newest first, and the matches counted up to a cap (storage/repositories/list-paging.ts). */
export interface TransactionPage {
  entries: TransactionEntry[];
  count: CappedCount;
}

/** Rows per chunk of an export: one read of the reader worker each. */
const EXPORT_CHUNK_ROWS = 1000;

/** A transaction with what the operator sees beside it. */
export interface TransactionEntry {
  row: TransactionRow;
  /** Open, and its station unheard for longer than `unconfirmedAfterSec` (the rule of domain/concurrent-tx.ts). */
  unconfirmed: boolean;
  anomalyCount: number;
}

/** Readings without a transactionId shown with a transaction: at most this many (a chart, not an export). */
const MAX_UNASSIGNED = 5_000;

/**
 * The operator's side of transactions: lists and exports, one transaction with its meter values and anomalies,
 * the anomalies themselves, and the operator's close of a transaction the station will never stop.
 */
export class TransactionLedger {
  constructor(
    private readonly repos: Pick<Repositories, 'transactions' | 'meterValues' | 'anomalies' | 'chargePoints'>,
    private readonly queries: TransactionQueries,
    /** Lists and exports are read off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    private readonly settings: () => RuntimeSettings,
    private readonly lastHeard: LastHeard,
  ) {}

  /** Newest first; `beforeId` continues below a page. */
  async page(q: TransactionListQuery): Promise<TransactionPage> {
    const page = await this.reader.run('transactionPage', q);
    return { entries: this.entries(page), count: page.count };
  }

  /** Every match, oldest first, a chunk at a time (exports): memory stays flat however many there are. */
  async *chunks(q: Omit<TransactionChunkQuery, 'afterId' | 'limit'>): AsyncGenerator<TransactionEntry[]> {
    let afterId: number | null = 0;
    while (afterId !== null) {
      const chunk: TransactionChunkRows = await this.reader.run('transactionChunk', { ...q, afterId, limit: EXPORT_CHUNK_ROWS });
      if (chunk.rows.length > 0) yield this.entries(chunk);
      afterId = chunk.resume;
    }
  }

  get(id: number): TransactionEntry | undefined {
    const row = this.repos.transactions.get(id);
    return row && this.entries({ rows: [row], anomalyCounts: [this.repos.anomalies.countForTransaction(id)] })[0];
  }

  /** Transactions open on a connector, oldest first. */
  openOnConnector(chargePointId: string, connectorId: number): TransactionRow[] {
    return this.repos.transactions.openOnConnector(chargePointId, connectorId);
  }

  meterValues(transactionId: number): MeterValueRow[] {
    return this.repos.meterValues.forTransaction(transactionId);
  }

  /** Readings the station sent without a transactionId while `tx` ran, on its connector or its main meter. */
  unassignedMeterValues(tx: TransactionRow): MeterValueRow[] {
    return this.repos.meterValues.unassignedDuring(tx, MAX_UNASSIGNED);
  }

  /** Newest first, with the matches counted up to a cap; read off the answering thread. */
  anomalies(q: AnomalyQuery): Promise<AnomalyPageRows> {
    return this.reader.run('anomalyPage', q);
  }

  /** Close a transaction for the operator; undefined when there is none, 'already-closed' when it was stopped. */
  async closeByOperator(id: number, note: string): Promise<TransactionEntry | 'already-closed' | undefined> {
    const row = this.repos.transactions.get(id);
    if (!row) return undefined;
    const now = this.clock.now().toISOString();
    const closed = await this.groupCommit.run(() => this.queries.closeByOperator(id, note, now));
    if (!closed) return 'already-closed';
    this.events.emit('transaction.stopped', { chargePointId: row.charge_point_id, transactionId: id, reason: 'Other' });
    return this.get(id);
  }

  /** Station times are read once per station per answer. */
  private entries({ rows, anomalyCounts }: TransactionRows): TransactionEntry[] {
    const nowMs = this.clock.now().getTime();
    const limitMs = unconfirmedAfterMs(this.settings());
    const silent = new Map<string, boolean>();
    const stationSilent = (chargePointId: string): boolean => {
      let value = silent.get(chargePointId);
      if (value === undefined) {
        const stored = this.repos.chargePoints.get(chargePointId)?.last_seen_at ?? null;
        value = isUnconfirmed(this.lastHeard.latest(chargePointId, stored), nowMs, limitMs);
        silent.set(chargePointId, value);
      }
      return value;
    };
    return rows.map((row, i) => ({
      row,
      unconfirmed: row.stop_received_at === null && stationSilent(row.charge_point_id),
      anomalyCount: anomalyCounts[i]!,
    }));
  }
}
