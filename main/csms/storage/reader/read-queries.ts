import type { AnomalyQuery, MessageLogQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import { AnomalyRepository, type AnomalyRow } from '../repositories/anomalies.js';
import { AuditLogRepository, type AuditFilter, type AuditRow } from '../repositories/audit-log.js';
import { ChargePointRepository } from '../repositories/charge-points.js';
import { ConnectorRepository } from '../repositories/connectors.js';
import { IdTagRepository } from '../repositories/id-tags.js';
import { EnergyReportQueries, type EnergyReportRows, type EnergyReportRowsQuery } from '../repositories/energy-report.js';
import type { CappedCount } from '../repositories/list-paging.js';
import { MessageLogRepository, type FormatRefusalRow } from '../repositories/message-log.js';
import { LocalListRepository } from '../repositories/station-operations.js';
import { auditEntryDto } from './audit-entries.js';
import { localListSummaries } from './local-list-summary.js';
import { messageLogEntryDto, messageLogPageBody } from './message-log-entries.js';
import { TransactionQueries, type TransactionListQuery } from '../repositories/transaction-queries.js';
import { idTagPageBody, idTagsCsv, type IdTagPageQuery } from './id-tag-list.js';
import { stationListBody, type StationListQuery } from './station-list.js';
import type { TransactionRow } from '../repositories/transactions.js';

/**
 * One chunk of an NDJSON export (the message log's, oldest first; the audit trail's, newest first) and where the
 * next starts (null: this is the last).
 */
export interface ExportChunk {
  /** UTF-8 NDJSON, a buffer of its own (handed over without a copy, reader-worker.ts). */
  bytes: Uint8Array;
  resume: number | null;
}

/** Transactions with the number of anomalies recorded against each (same order). */
export interface TransactionRows {
  rows: TransactionRow[];
  anomalyCounts: number[];
}

export interface TransactionPageRows extends TransactionRows {
  count: CappedCount;
}

export interface TransactionChunkRows extends TransactionRows {
  /** The id to continue after, or null at the end. */
  resume: number | null;
}

export interface AnomalyPageRows {
  items: AnomalyRow[];
  count: CappedCount;
}

export interface AuditPageRows {
  items: AuditRow[];
  total: number;
  totalCapped: boolean;
}

/** One chunk of an export, oldest first: the rows with an id above `afterId`. */
export type TransactionChunkQuery = Omit<TransactionListQuery, 'beforeId' | 'offset'> & { afterId: number; limit: number };

const utf8 = new TextEncoder();

/** `value` as UTF-8 JSON in a buffer of its own (never a pooled slice), which the worker can hand over without a copy. */
function jsonBytes(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value));
}

/** Rows as NDJSON, one entry per line and each line ended, in a buffer of its own (as `jsonBytes`). */
function ndjsonBytes<R>(rows: readonly R[], entry: (row: R) => unknown): Uint8Array {
  let text = '';
  for (const row of rows) text += JSON.stringify(entry(row)) + '\n';
  return utf8.encode(text);
}

/**
 * The reads of the operator's long lists, written once and run either by the reader worker on its read-only
 * connection (reader-worker.ts) or, where there is no file to open a second connection on, on the main one.
 * Arguments and results are plain data: they cross to the worker and back by structured clone, except the answers
 * that grow with the fleet, which come back as UTF-8 JSON the worker hands over without a copy (reader-worker.ts).
 */
export function createReadQueries(db: Db) {
  const messageLog = new MessageLogRepository(db);
  const transactions = new TransactionQueries(db);
  const anomalies = new AnomalyRepository(db);
  const auditLog = new AuditLogRepository(db);
  const localLists = new LocalListRepository(db);
  const energy = new EnergyReportQueries(db);
  const chargePoints = new ChargePointRepository(db);
  const connectors = new ConnectorRepository(db);
  const idTags = new IdTagRepository(db);
  // The stations' list states and the texts of their distinct lists, from one snapshot (a read transaction).
  const localListSnapshot = db.transaction(() => [localLists.listStored(), localLists.entriesByDigest()] as const);
  const withAnomalyCounts = (rows: TransactionRow[]): TransactionRows => ({
    rows,
    anomalyCounts: rows.map((row) => anomalies.countForTransaction(row.id)),
  });
  return {
    /**
     * `GET /api/charge-points` as UTF-8 JSON: read, shaped and serialised here, since at 5,000 stations that is
     * ~100 ms (README "Performance", large database). The bytes have a buffer of their own, which the worker hands
     * over without a copy (reader-worker.ts), where 20,000 objects would be rebuilt on the answering thread.
     */
    stationList: ({ live, ids }: StationListQuery): Uint8Array =>
      jsonBytes(
        ids === undefined
          ? stationListBody(chargePoints.list(), connectors.listAll(), live)
          : stationListBody(chargePoints.listSome(ids), connectors.listOfStations(ids), live),
      ),
    /** A page of `GET /api/id-tags` as UTF-8 JSON: every tag is read and sorted to choose it (id-tag-list.ts). */
    idTagPage: (q: IdTagPageQuery): Uint8Array => jsonBytes(idTagPageBody(idTags.list(), q)),
    /** `GET /api/id-tags.csv` as UTF-8 text (id-tag-list.ts). */
    idTagsCsv: (): Uint8Array => utf8.encode(idTagsCsv(idTags.list())),
    /** `GET /api/message-log` as UTF-8 JSON: a page may hold 10,000 rows (message-log-entries.ts). */
    messageLogPageJson: (q: MessageLogQuery): Uint8Array => jsonBytes(messageLogPageBody(messageLog.page(q), q)),
    /** A chunk of `GET /api/message-log.ndjson`: the rows after `q.afterId`, as NDJSON lines. */
    messageLogExportChunk: (q: MessageLogQuery & { afterId: number }): ExportChunk => {
      const page = messageLog.page(q);
      return { bytes: ndjsonBytes(page.items, messageLogEntryDto), resume: page.resume };
    },
    /** Per station, the CALLs refused for their format among the newest `windowRows` rows (the connection doctor). */
    formatRefusals: (windowRows: number): FormatRefusalRow[] => messageLog.formatRefusals(windowRows),
    transactionPage: (q: TransactionListQuery): TransactionPageRows => ({
      ...withAnomalyCounts(transactions.list(q)),
      count: transactions.count(q),
    }),
    transactionChunk: (q: TransactionChunkQuery): TransactionChunkRows => {
      const rows = transactions.listAfter(q, q.afterId, q.limit);
      return { ...withAnomalyCounts(rows), resume: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
    },
    anomalyPage: (q: AnomalyQuery): AnomalyPageRows => ({ items: anomalies.list(q), count: anomalies.count(q) }),
    auditPage: (filter: AuditFilter): AuditPageRows => auditLog.list(filter),
    /** A chunk of `GET /api/audit.ndjson`: `filter.limit` entries below `filter.before`, newest first, as NDJSON lines. */
    auditExportChunk: (filter: AuditFilter): ExportChunk => {
      const rows = auditLog.rows(filter);
      return { bytes: ndjsonBytes(rows, auditEntryDto), resume: rows.length === filter.limit ? rows[rows.length - 1]!.id : null };
    },
    /** `GET /api/local-lists` as UTF-8 JSON: each station's list summed up against every id tag (local-list-summary.ts). */
    localLists: (): Uint8Array => jsonBytes(localListSummaries(...localListSnapshot(), idTags.list())),
    /** Energy per period and group, added up where it is read: only the sums cross back (repositories/energy-report.ts). */
    energyReport: (q: EnergyReportRowsQuery): EnergyReportRows => energy.report(q),
  };
}

export type ReadQueries = ReturnType<typeof createReadQueries>;
export type ReadQueryName = keyof ReadQueries;
export type ReadArgument<K extends ReadQueryName> = Parameters<ReadQueries[K]>[0];
export type ReadResult<K extends ReadQueryName> = ReturnType<ReadQueries[K]>;

/** What the answering thread posts to the reader worker, and what comes back. */
export interface ReadRequest {
  id: number;
  name: ReadQueryName;
  argument: unknown;
}
export type ReaderMessage =
  | { kind: 'ready' }
  | { kind: 'opening-failed'; message: string }
  | { kind: 'answer'; id: number; ok: true; result: unknown }
  | { kind: 'answer'; id: number; ok: false; message: string; code?: string };
