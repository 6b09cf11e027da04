import type { TransactionRow } from '../storage/repositories/transactions.js';
import { recordAnomaly } from './anomaly.js';
import type { Handler, HandlerContext } from './context.js';
import { storeMeterValues } from './meter-readings.js';

type MeterValuesRequest = Parameters<Handler<'MeterValues'>>[1];

/**
 * MeterValues (OCPP 1.6 §4.7): always answered `{}`, with or without a transaction, connector 0 (main meter)
 * included. A transaction id we never issued (or -1, errata 3.18) is kept as sent. Stations that omit the
 * transactionId during a transaction (seen from ocpp-go) have their values linked to the connector's open one.
 * Values of a transaction timed after its stop are stored and kept as an anomaly: either the stop or the meter is
 * wrong, and the operator should see it.
 */
export const meterValues: Handler<'MeterValues'> = (ctx, req) => {
  let transactionId = req.transactionId ?? null;
  if (transactionId === null && req.connectorId > 0) {
    const open = ctx.repos.transactions.openOnConnector(ctx.chargePointId, req.connectorId);
    if (open.length === 1) transactionId = open[0]!.id;
  }
  const totals = storeMeterValues(ctx, req.connectorId, transactionId, req.meterValue, 'MeterValues');
  if (transactionId !== null) {
    const tx = ctx.repos.transactions.get(transactionId);
    if (tx && tx.charge_point_id === ctx.chargePointId) {
      if (totals.at !== null) ctx.repos.transactions.recordMeter(transactionId, totals.energyWh, totals.powerW, totals.at);
      if (tx.stop_received_at !== null) recordValuesAfterStop(ctx, tx, req);
    }
  }
  ctx.emit('transaction.meter', { chargePointId: ctx.chargePointId, transactionId, connectorId: req.connectorId });
  return {};
};

/** Values stamped later than the stop (queued values from before it are normal, §3.7, and not anomalies). */
function recordValuesAfterStop(ctx: HandlerContext, tx: TransactionRow, req: MeterValuesRequest): void {
  const stopAt = tx.stopped_cp_at ?? tx.stop_received_at!;
  const stopMs = Date.parse(stopAt);
  const late = (Array.isArray(req.meterValue) ? req.meterValue : []).filter((mv) => Date.parse(mv?.timestamp) > stopMs);
  if (late.length === 0) return;
  const closedBy = tx.ended_by === 'station' ? 'stopped by the station' : `closed (${tx.ended_by ?? 'unknown'})`;
  recordAnomaly(ctx, {
    chargePointId: ctx.chargePointId,
    transactionId: tx.id,
    connectorId: req.connectorId,
    kind: 'meter-after-stop',
    detail: `${late.length} meter value${late.length === 1 ? '' : 's'} timed ${late[0]!.timestamp}${late.length > 1 ? ` to ${late.at(-1)!.timestamp}` : ''}, after the transaction was ${closedBy} at ${stopAt}`,
    action: 'MeterValues',
    payload: req,
    receivedAt: ctx.nowIso,
  });
}
