import type { TransactionDetailDto } from '../../../shared/api/types.js';
import type { TransactionListQuery } from '../../csms/storage/repositories/transaction-queries.js';
import { csvLine } from '../csv.js';
import { anomalyDto, meterValueDto } from '../dto.js';
import { ApiHttpError, boolParam, dateParam, intParam, notFound, readJsonObject, sendText, stringParam, validationFailed } from '../http.js';
import { HANDLED, type Router } from '../router.js';
import { transactionView, transactionViews } from '../transaction-view.js';
import { checkFields, text } from '../validate.js';

function listQuery(query: URLSearchParams): TransactionListQuery {
  return {
    chargePointId: stringParam(query, 'chargePointId'),
    active: boolParam(query, 'active'),
    from: dateParam(query, 'from'),
    to: dateParam(query, 'to'),
    limit: intParam(query, 'limit', { min: 1, max: 10_000 }),
    offset: intParam(query, 'offset', { min: 0 }),
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
  router.get('/api/transactions', ({ query, ctx }) => {
    const q = listQuery(query);
    return { items: transactionViews(ctx, ctx.transactions.list(q)), total: ctx.transactions.count(q) };
  });

  router.get('/api/transactions.csv', ({ res, query, ctx }) => {
    const q = listQuery(query);
    let csv = csvLine([...CSV_COLUMNS]);
    for (const row of ctx.transactions.iterate(q)) {
      const dto = transactionView(ctx, row);
      csv += csvLine(CSV_COLUMNS.map((c) => dto[c]));
    }
    sendText(res, 200, 'text/csv; charset=utf-8', csv, 'transactions.csv');
    return HANDLED;
  });

  router.get('/api/transactions/:id', ({ params, ctx }): TransactionDetailDto => {
    const row = ctx.csms.repos.transactions.get(transactionId(params.id!));
    if (!row) throw notFound(`Transaction ${params.id}`);
    return {
      ...transactionView(ctx, row),
      meterValues: ctx.csms.repos.meterValues.forTransaction(row.id).map(meterValueDto),
      anomalies: ctx.csms.repos.anomalies.list({ transactionId: row.id, limit: 1000 }).map(anomalyDto),
    };
  });

  // The operator closes a transaction the station will never stop (lost, replaced, decommissioned).
  router.post('/api/transactions/:id/close', async ({ req, params, ctx }) => {
    const id = transactionId(params.id!);
    const body = await readJsonObject(req);
    const problems = checkFields(body, { note: text(1000) });
    if (Object.keys(problems).length) throw validationFailed(problems);
    const row = ctx.csms.repos.transactions.get(id);
    if (!row) throw notFound(`Transaction ${id}`);
    const now = ctx.csms.clock.now().toISOString();
    const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim() : 'closed by the operator';
    const closed = await ctx.csms.groupCommit.run(() => ctx.transactions.closeByOperator(id, note, now));
    if (!closed) throw new ApiHttpError(409, 'API_ERR_CONFLICT', `Transaction ${id} is already closed`);
    ctx.csms.events.emit('transaction.stopped', { chargePointId: row.charge_point_id, transactionId: id, reason: 'Other' });
    return transactionView(ctx, ctx.csms.repos.transactions.get(id)!);
  });
}
