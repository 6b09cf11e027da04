import { resolveIdTag, type IdTagInfo } from '../domain/authorization.js';
import type { Handler } from './context.js';

/**
 * StartTransaction (OCPP 1.6 §4.8). Rules the conformance tests check (octt16.md §2.5, §2.8):
 * - the idTag is verified here, whatever the station's cache said; a transactionId is issued also when the tag is
 *   refused (TC_037_3), because the station may already be charging;
 * - a resend of a start we already recorded (the station never got our reply) returns the same transactionId;
 * - an older transaction still open on the same connector can no longer be running: it is closed as superseded,
 *   so the tag is not refused as ConcurrentTx because of it; ConcurrentTx applies to a transaction open elsewhere;
 * - `reservationId` marks that reservation used (TC_046);
 * - queued messages with old timestamps are processed like fresh ones (§3.7).
 */
export const startTransaction: Handler<'StartTransaction'> = (ctx, req) => {
  const { repos, chargePointId } = ctx;
  const duplicate = repos.transactions.findDuplicateStart(chargePointId, req.connectorId, req.idTag, req.meterStart, req.timestamp);
  if (duplicate) {
    return { transactionId: duplicate.id, idTagInfo: { ...resolveIdTag(repos, req.idTag, ctx.now), status: duplicate.start_status as IdTagInfo['status'] } };
  }

  for (const stale of repos.transactions.openOnConnector(chargePointId, req.connectorId)) {
    repos.transactions.stop({
      id: stale.id,
      meterStopWh: stale.last_meter_wh === null ? null : Math.round(stale.last_meter_wh),
      stoppedCpAt: null,
      reason: 'Other',
      idTag: null,
      endedBy: 'superseded',
      note: `Superseded by a new StartTransaction on connector ${req.connectorId} at ${req.timestamp}`,
      receivedAt: ctx.nowIso,
    });
    ctx.emit('transaction.stopped', { chargePointId, transactionId: stale.id, reason: 'Superseded' });
  }

  const idTagInfo = resolveIdTag(repos, req.idTag, ctx.now);
  if (idTagInfo.status === 'Accepted' && repos.transactions.openForTag(req.idTag).length > 0) idTagInfo.status = 'ConcurrentTx';

  const transactionId = repos.transactions.insert({
    chargePointId,
    connectorId: req.connectorId,
    idTag: req.idTag,
    startStatus: idTagInfo.status,
    reservationId: req.reservationId ?? null,
    meterStartWh: req.meterStart,
    startedCpAt: req.timestamp,
    receivedAt: ctx.nowIso,
  });
  if (req.reservationId !== undefined && repos.reservations.markUsed(req.reservationId, chargePointId, transactionId, ctx.nowIso)) {
    ctx.emit('reservation.changed', { chargePointId, reservationId: req.reservationId, status: 'Used' });
  }
  ctx.emit('transaction.started', { chargePointId, connectorId: req.connectorId, transactionId, idTag: req.idTag });
  return { transactionId, idTagInfo };
};
