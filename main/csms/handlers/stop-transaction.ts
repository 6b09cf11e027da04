import { resolveIdTag } from '../domain/authorization.js';
import type { TransactionRow } from '../storage/repositories/transactions.js';
import { recordAnomaly } from './anomaly.js';
import type { Handler, HandlerContext } from './context.js';
import { storeMeterValues } from './meter-readings.js';

type StopRequest = Parameters<Handler<'StopTransaction'>>[1];

/**
 * StopTransaction (OCPP 1.6 §4.10). Always answered, never a CALLERROR (a station retries a refused
 * StopTransaction forever): without idTag or reason (reason defaults to Local), for a transaction from before a
 * reboot (TC_032_1), for an id we never issued. A resend of a stop we already recorded changes nothing. A stop that
 * conflicts with what is stored (a second, different stop; a transaction we never issued to this station) is kept
 * as an anomaly; a late stop of a transaction the central system or the operator closed replaces that closure.
 */
export const stopTransaction: Handler<'StopTransaction'> = (ctx, req) => {
  const tx = ctx.repos.transactions.get(req.transactionId);
  const ours = tx !== undefined && tx.charge_point_id === ctx.chargePointId;
  const reason = req.reason ?? 'Local';
  let stoppedNow = false;
  if (ours) {
    stoppedNow = ctx.repos.transactions.stop({
      id: tx.id,
      meterStopWh: req.meterStop,
      stoppedCpAt: req.timestamp,
      reason,
      idTag: req.idTag ?? null,
      endedBy: 'station',
      note: null,
      receivedAt: ctx.nowIso,
    });
    // A transaction we had closed without the station still takes the station's real stop values.
    if (!stoppedNow && tx.ended_by === 'superseded') {
      stoppedNow = ctx.repos.transactions.completeSuperseded(tx.id, req.meterStop, req.timestamp, reason, req.idTag ?? null, ctx.nowIso);
    }
    if (!stoppedNow && (tx.ended_by === 'stale' || tx.ended_by === 'operator')) {
      stoppedNow = ctx.repos.transactions.replaceClosure(tx.id, req.meterStop, req.timestamp, reason, req.idTag ?? null, ctx.nowIso);
    }
    if (!stoppedNow && !sameStop(tx, req, reason)) recordStopConflict(ctx, tx, req, reason);
  } else {
    recordAnomaly(ctx, {
      chargePointId: ctx.chargePointId,
      // Not linked: the id is not one of this station's transactions (and may be issued to another one later).
      transactionId: null,
      connectorId: null,
      kind: 'stop-unknown-transaction',
      detail: tx
        ? `StopTransaction for transaction ${req.transactionId}, which belongs to station ${tx.charge_point_id}`
        : `StopTransaction for transaction ${req.transactionId}, which this central system never issued (e.g. from before a database reset)`,
      action: 'StopTransaction',
      payload: req,
      receivedAt: ctx.nowIso,
    });
  }
  // transactionData is stored once: a resent stop for a finished transaction adds nothing.
  if (req.transactionData && (stoppedNow || !ours)) {
    storeMeterValues(ctx, tx?.connector_id ?? 0, req.transactionId, req.transactionData, 'StopTransaction');
  }
  // After its last readings were staged (each took the key with it): no more readings are expected.
  ctx.repos.meterValues.forgetKey(req.transactionId);
  if (stoppedNow) ctx.emit('transaction.stopped', { chargePointId: ctx.chargePointId, transactionId: req.transactionId, reason });
  return req.idTag !== undefined ? { idTagInfo: resolveIdTag(ctx.repos, req.idTag, ctx.now) } : {};
};

/** A resend of the stop already stored (the station never got our answer): same meter and time. */
function sameStop(tx: TransactionRow, req: StopRequest, reason: string): boolean {
  const sameTime = tx.stopped_cp_at === req.timestamp || (tx.stopped_cp_at !== null && Date.parse(tx.stopped_cp_at) === Date.parse(req.timestamp));
  return tx.meter_stop_wh === req.meterStop && sameTime && (tx.stop_reason ?? 'Local') === reason;
}

function recordStopConflict(ctx: HandlerContext, tx: TransactionRow, req: StopRequest, reason: string): void {
  recordAnomaly(ctx, {
    chargePointId: ctx.chargePointId,
    transactionId: tx.id,
    connectorId: tx.connector_id,
    kind: 'stop-conflict',
    detail:
      `A second StopTransaction (meterStop ${req.meterStop} Wh at ${req.timestamp}, reason ${reason}) differs from the stored stop ` +
      `(meterStop ${tx.meter_stop_wh ?? '—'} Wh at ${tx.stopped_cp_at ?? tx.stop_received_at}, reason ${tx.stop_reason ?? '—'}); the first is kept`,
    action: 'StopTransaction',
    payload: req,
    receivedAt: ctx.nowIso,
  });
}
