import { resolveIdTag } from '../domain/authorization.js';
import type { Handler } from './context.js';
import { storeMeterValues } from './meter-readings.js';

/**
 * StopTransaction (OCPP 1.6 §4.10). Always answered, never a CALLERROR (the station would retry forever, anchors
 * pain point 6): without idTag or reason (reason defaults to Local), for a transaction from before a reboot
 * (TC_032_1), for an id we never issued. A resend of a stop we already recorded changes nothing.
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
    // A transaction we had closed as superseded still takes the station's real stop values.
    if (!stoppedNow && tx.ended_by === 'superseded') {
      stoppedNow = ctx.repos.transactions.completeSuperseded(tx.id, req.meterStop, req.timestamp, reason, req.idTag ?? null, ctx.nowIso);
    }
  }
  // transactionData is stored once: a resent stop for a finished transaction adds nothing.
  if (req.transactionData && (stoppedNow || !ours)) {
    storeMeterValues(ctx, tx?.connector_id ?? 0, req.transactionId, req.transactionData, 'StopTransaction');
  }
  if (stoppedNow) ctx.emit('transaction.stopped', { chargePointId: ctx.chargePointId, transactionId: req.transactionId, reason });
  return req.idTag !== undefined ? { idTagInfo: resolveIdTag(ctx.repos, req.idTag, ctx.now) } : {};
};
