import type { ListResponse, MeterValueDto, TransactionPage } from '../../../shared/api/types.js';
import { transactionPage } from './transactions.js';
import { meterValueDto } from '../../csms/services/dto.js';
import { boolParam, dateParam, intParam, notFound, stringParam } from '../http.js';
import type { Router } from '../router.js';

/**
 * Transaction views the operator console needs beyond the list route: the sessions of one id tag ("who charged
 * where"), and the meter values a station sent without a transactionId on the transaction's connector or the station's
 * main meter (connector 0) while it ran (OCPP 1.6 §4.7: transactionId is optional in MeterValues).
 */
export function transactionExtraRoutes(router: Router): void {
  router.get('/api/id-tags/:idTag/transactions', ({ params, query, ctx }): Promise<TransactionPage> => {
    const q = {
      idTag: params.idTag!,
      chargePointId: stringParam(query, 'chargePointId'),
      active: boolParam(query, 'active'),
      from: dateParam(query, 'from'),
      to: dateParam(query, 'to'),
      limit: intParam(query, 'limit', { min: 1, max: 10_000 }) ?? 100,
      offset: intParam(query, 'offset', { min: 0 }) ?? 0,
      beforeId: intParam(query, 'beforeId', { min: 1 }),
    };
    return transactionPage(ctx, q);
  });

  router.get('/api/transactions/:id/unassigned-meter-values', ({ params, ctx }): ListResponse<MeterValueDto> => {
    const id = Number(params.id);
    const entry = Number.isInteger(id) && id > 0 ? ctx.transactions.get(id) : undefined;
    if (!entry) throw notFound(`Transaction ${params.id}`);
    return { items: ctx.transactions.unassignedMeterValues(entry.row).map(meterValueDto) };
  });
}
