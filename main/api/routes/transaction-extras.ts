import type { ListResponse, MeterValueDto, TransactionDto } from '../../../shared/api/types.js';
import type { MeterValueRow } from '../../csms/storage/repositories/meter-values.js';
import { OPEN_SESSION } from '../../csms/storage/repositories/transaction-queries.js';
import type { TransactionRow } from '../../csms/storage/repositories/transactions.js';
import { meterValueDto } from '../dto.js';
import { transactionViews } from '../transaction-view.js';
import { boolParam, dateParam, intParam, notFound, stringParam } from '../http.js';
import type { Router } from '../router.js';

/** Readings without a transactionId shown with a transaction: at most this many (a chart, not an export). */
const MAX_UNASSIGNED = 5_000;

/**
 * Transaction views the operator console needs beyond the list route: the sessions of one id tag ("who charged
 * where"), and the meter values a station sent without a transactionId on the transaction's connector or the station's
 * main meter (connector 0) while it ran (OCPP 1.6 §4.7: transactionId is optional in MeterValues).
 */
export function transactionExtraRoutes(router: Router): void {
  router.get('/api/id-tags/:idTag/transactions', ({ params, query, ctx }): ListResponse<TransactionDto> => {
    const where = ['id_tag = @idTag'];
    const values: Record<string, unknown> = { idTag: params.idTag! };
    const chargePointId = stringParam(query, 'chargePointId');
    const active = boolParam(query, 'active');
    const from = dateParam(query, 'from');
    const to = dateParam(query, 'to');
    if (chargePointId !== undefined) (where.push('charge_point_id = @chargePointId'), (values.chargePointId = chargePointId));
    if (active === true) where.push(`(${OPEN_SESSION})`);
    if (active === false) where.push(`NOT (${OPEN_SESSION})`);
    if (from !== undefined) (where.push('start_received_at >= @from'), (values.from = from));
    if (to !== undefined) (where.push('start_received_at < @to'), (values.to = to));
    const limit = intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100;
    const offset = intParam(query, 'offset', { min: 0 }) ?? 0;
    const sql = where.join(' AND ');
    const rows = ctx.csms.db
      .prepare<Record<string, unknown>, TransactionRow>(`SELECT * FROM transactions WHERE ${sql} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`)
      .all(values);
    const total = ctx.csms.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM transactions WHERE ${sql}`).get(values)!.n;
    return { items: transactionViews(ctx, rows), total };
  });

  router.get('/api/transactions/:id/unassigned-meter-values', ({ params, ctx }): ListResponse<MeterValueDto> => {
    const id = Number(params.id);
    const row = Number.isInteger(id) && id > 0 ? ctx.csms.repos.transactions.get(id) : undefined;
    if (!row) throw notFound(`Transaction ${params.id}`);
    // Received between the start and the stop (or now) without a transactionId, on the transaction's connector (the
    // central system links those when exactly one transaction is open there, so these are the ambiguous ones) or on
    // connector 0, the station's main meter (§7.21: connectorId 0 is the whole charge point).
    const rows = ctx.csms.db
      .prepare<Record<string, unknown>, MeterValueRow>(
        `SELECT * FROM meter_values
         WHERE charge_point_id = @chargePointId AND connector_id IN (0, @connectorId) AND transaction_id IS NULL
           AND received_at >= @from AND (@to IS NULL OR received_at <= @to)
         ORDER BY id LIMIT ${MAX_UNASSIGNED}`,
      )
      .all({ chargePointId: row.charge_point_id, connectorId: row.connector_id, from: row.start_received_at, to: row.stop_received_at });
    return { items: rows.map(meterValueDto) };
  });
}
