import type { AnomalyDto, ListResponse } from '../../../shared/api/types.js';
import { anomalyDto } from '../../csms/services/dto.js';
import { dateParam, intParam, stringParam } from '../http.js';
import type { Router } from '../router.js';

/**
 * Station reports that conflict with what is stored (a second, different StopTransaction, meter values after the stop,
 * a start on a connector the station does not have, a stop for a transaction it was never given), newest first.
 */
export function anomalyRoutes(router: Router): void {
  router.get('/api/anomalies', async ({ query, ctx }): Promise<ListResponse<AnomalyDto>> => {
    const q = {
      chargePointId: stringParam(query, 'chargePointId'),
      transactionId: intParam(query, 'transactionId', { min: 1 }),
      beforeId: intParam(query, 'beforeId', { min: 1 }),
      since: dateParam(query, 'since'),
      limit: intParam(query, 'limit', { min: 1, max: 10_000 }),
    };
    const { items, count } = await ctx.transactions.anomalies(q);
    const { total, capped } = count;
    return { items: items.map(anomalyDto), total, ...(capped ? { totalCapped: true } : {}) };
  });
}
