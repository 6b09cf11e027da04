import type { Handler } from './context.js';
import { storeMeterValues } from './meter-readings.js';

/**
 * MeterValues (OCPP 1.6 §4.7): always answered `{}`, with or without a transaction, connector 0 (main meter)
 * included. A transaction id we never issued (or -1, errata 3.18) is kept as sent. Stations that omit the
 * transactionId during a transaction (seen from ocpp-go) have their values linked to the connector's open one.
 */
export const meterValues: Handler<'MeterValues'> = (ctx, req) => {
  let transactionId = req.transactionId ?? null;
  if (transactionId === null && req.connectorId > 0) {
    const open = ctx.repos.transactions.openOnConnector(ctx.chargePointId, req.connectorId);
    if (open.length === 1) transactionId = open[0]!.id;
  }
  const totals = storeMeterValues(ctx, req.connectorId, transactionId, req.meterValue, 'MeterValues');
  if (transactionId !== null && totals.at !== null) {
    const tx = ctx.repos.transactions.get(transactionId);
    if (tx && tx.charge_point_id === ctx.chargePointId) ctx.repos.transactions.recordMeter(transactionId, totals.energyWh, totals.powerW, totals.at);
  }
  ctx.emit('transaction.meter', { chargePointId: ctx.chargePointId, transactionId, connectorId: req.connectorId });
  return {};
};
