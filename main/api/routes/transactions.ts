import type { TransactionDetailDto, TransactionPage } from '../../../shared/api/types.js';
import type { ApiContext } from '../context.js';
import type { TransactionListQuery } from '../../csms/services/transaction-ledger.js';
import { csvLine } from '../../../shared/api/csv-line.js';
import { streamExport } from '../export-stream.js';
import { anomalyDto, meterValueDto, transactionEntryDto } from '../../csms/services/dto.js';
import { ApiHttpError, boolParam, dateParam, intParam, notFound, readJsonObject, stringParam, validationFailed } from '../http.js';
import { HANDLED, type Router } from '../router.js';
import { TransactionCloseBody } from '../../../shared/api/request-bodies.js';
import { bodyProblems } from '../validate.js';

function listQuery(query: URLSearchParams): TransactionListQuery {
  return {
    chargePointId: stringParam(query, 'chargePointId'),
    active: boolParam(query, 'active'),
    from: dateParam(query, 'from'),
    to: dateParam(query, 'to'),
    limit: intParam(query, 'limit', { min: 1, max: 10_000 }),
    offset: intParam(query, 'offset', { min: 0 }),
    beforeId: intParam(query, 'beforeId', { min: 1 }),
  };
}

/** One page newest first, its capped count, and where the next page starts (docs/api.md "Transactions"). */
export async function transactionPage(ctx: ApiContext, q: TransactionListQuery): Promise<TransactionPage> {
  const { entries, count } = await ctx.transactions.page(q);
  const { total, capped } = count;
  const limit = q.limit ?? 100;
  return {
    items: entries.map(transactionEntryDto),
    total,
    ...(capped ? { totalCapped: true } : {}),
    nextBeforeId: entries.length === limit ? entries[entries.length - 1]!.row.id : null,
  };
}

function transactionId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw notFound(`Transaction ${raw}`);
  return id;
}

const CSV_COLUMNS = [
  'id',
  'chargePointId',
  'connectorId',
  'idTag',
  'startStatus',
  'reservationId',
  'meterStartWh',
  'startedAt',
  'startReceivedAt',
  'meterStopWh',
  'stoppedAt',
  'stopReceivedAt',
  'stopReason',
  'stopIdTag',
  'endedBy',
  'endedNote',
  'energyWh',
  'startNote',
  'anomalyCount',
] as const;

export function transactionRoutes(router: Router): void {
  router.get('/api/transactions', ({ query, ctx }): Promise<TransactionPage> => transactionPage(ctx, listQuery(query)));

  // Every match, oldest first, streamed a chunk at a time (the page filters apply, paging does not).
  router.get('/api/transactions.csv', async ({ res, query, ctx }) => {
    const q = listQuery(query);
    async function* lines(): AsyncGenerator<string> {
      yield csvLine([...CSV_COLUMNS]);
      for await (const entries of ctx.transactions.chunks(q)) {
        yield entries
          .map((entry) => {
            const dto = transactionEntryDto(entry);
            return csvLine(CSV_COLUMNS.map((c) => dto[c]));
          })
          .join('');
      }
    }
    await streamExport(res, 'text/csv; charset=utf-8', 'transactions.csv', lines());
    return HANDLED;
  });

  router.get('/api/transactions/:id', async ({ params, ctx }): Promise<TransactionDetailDto> => {
    const entry = ctx.transactions.get(transactionId(params.id!));
    if (!entry) throw notFound(`Transaction ${params.id}`);
    return {
      ...transactionEntryDto(entry),
      meterValues: ctx.transactions.meterValues(entry.row.id).map(meterValueDto),
      anomalies: (await ctx.transactions.anomalies({ transactionId: entry.row.id, limit: 1000 })).items.map(anomalyDto),
    };
  });

  // The operator closes a transaction the station will never stop (lost, replaced, decommissioned).
  router.post('/api/transactions/:id/close', async ({ req, params, ctx }) => {
    const id = transactionId(params.id!);
    const body = await readJsonObject(req);
    const problems = bodyProblems(TransactionCloseBody, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim() : 'closed by the operator';
    const closed = await ctx.transactions.closeByOperator(id, note);
    if (!closed) throw notFound(`Transaction ${id}`);
    if (closed === 'already-closed') throw new ApiHttpError(409, 'API_ERR_CONFLICT', `Transaction ${id} is already closed`);
    return transactionEntryDto(closed);
  });
}
