import { checkConcurrentTx } from '../domain/concurrent-tx.js';
import { resolveIdTag, type IdTagInfo } from '../domain/authorization.js';
import { ACCEPTED } from '../storage/repositories/transactions.js';
import { recordAnomaly } from './anomaly.js';
import type { Handler, HandlerContext } from './context.js';
import { bindTxProfiles } from './tx-profiles.js';

/**
 * StartTransaction (OCPP 1.6 §4.8). Rules the OCTT Core test cases check (test/integration/conformance-core.test.ts) and real depots need
 * (README "Transactions and id tags"):
 * - the idTag is verified here, whatever the station's cache said; a transactionId is issued also when the tag is
 *   refused (TC_037_3), because the station may already be charging. A refused start is recorded but is no open
 *   session: it never makes its tag "in use", never uses a reservation, and ends with its stop, the next start on
 *   its connector, or the connector reporting Available/Preparing (status-notification.ts);
 * - a resend of a start we already recorded (the station never got our reply) returns the same transactionId;
 * - an older transaction still open on the same connector can no longer be running: it is closed as superseded;
 * - ConcurrentTx is a policy over the tag's sessions elsewhere (domain/concurrent-tx.ts);
 * - `reservationId` marks that reservation used (TC_046), by an Accepted start only;
 * - the TxProfile of the RemoteStartTransaction that asked for this start is bound to it (tx-profiles.ts);
 * - queued messages with old timestamps are processed like fresh ones (§3.7).
 */
export const startTransaction: Handler<'StartTransaction'> = (ctx, req) => {
  const { repos, chargePointId } = ctx;
  const duplicate = repos.transactions.findDuplicateStart(chargePointId, req.connectorId, req.idTag, req.meterStart, req.timestamp);
  if (duplicate) {
    return {
      transactionId: duplicate.id,
      idTagInfo: { ...resolveIdTag(repos, req.idTag, ctx.now), status: duplicate.start_status as IdTagInfo['status'] },
    };
  }

  const superseded: number[] = [];
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
    superseded.push(stale.id);
    ctx.emit('transaction.stopped', { chargePointId, transactionId: stale.id, reason: 'Superseded' });
  }

  const idTagInfo = resolveIdTag(repos, req.idTag, ctx.now);
  let startNote = refusalNote(idTagInfo, req.idTag);
  if (idTagInfo.status === ACCEPTED) {
    const concurrent = checkConcurrentTx(ctx, req.idTag);
    if (concurrent.blockedBy) idTagInfo.status = 'ConcurrentTx';
    startNote = concurrent.notes.length ? concurrent.notes.join('; ') : null;
  }

  const transactionId = repos.transactions.insert({
    chargePointId,
    connectorId: req.connectorId,
    idTag: req.idTag,
    startStatus: idTagInfo.status,
    reservationId: req.reservationId ?? null,
    meterStartWh: req.meterStart,
    startedCpAt: req.timestamp,
    receivedAt: ctx.nowIso,
    startNote,
  });
  repos.meterValues.startedWithoutReadings(transactionId);
  recordUnknownConnector(ctx, req, transactionId);
  bindTxProfiles(ctx, req.connectorId, req.idTag, transactionId, superseded);
  if (
    idTagInfo.status === ACCEPTED &&
    req.reservationId !== undefined &&
    repos.reservations.markUsed(req.reservationId, chargePointId, transactionId, ctx.nowIso)
  ) {
    ctx.emit('reservation.changed', { chargePointId, reservationId: req.reservationId, status: 'Used' });
  }
  ctx.emit('transaction.started', { chargePointId, connectorId: req.connectorId, transactionId, idTag: req.idTag });
  return { transactionId, idTagInfo };
};

/** Why the tag itself was refused, in the operator's words. */
function refusalNote(info: IdTagInfo, idTag: string): string | null {
  switch (info.status) {
    case 'Accepted':
    case 'ConcurrentTx':
      return null;
    case 'Invalid':
      return `${idTag} is not a known id tag, or is stored as Invalid`;
    case 'Blocked':
      return `${idTag} is blocked`;
    case 'Expired':
      return info.expiryDate ? `${idTag} expired at ${info.expiryDate}` : `${idTag} is stored as Expired`;
  }
}

/**
 * A start on a connector the station does not have: beyond NumberOfConnectors when we know it (its configuration
 * snapshot), else beyond the highest connector it reported a status for. Answered like any other start (the station
 * may be charging), and kept as an anomaly for the operator.
 */
function recordUnknownConnector(ctx: HandlerContext, req: { connectorId: number }, transactionId: number): void {
  // Both from memory (docs/architecture.md, "Hot state"): a start reads no snapshot and no connector row.
  const configuredCount = ctx.repos.configurationSnapshots.numberOfConnectors(ctx.chargePointId);
  const known = configuredCount ?? ctx.repos.connectors.highestReported(ctx.chargePointId);
  if (known === undefined || known === 0 || req.connectorId <= known) return;
  const basis = configuredCount !== undefined ? `NumberOfConnectors is ${configuredCount}` : `it reported connectors up to ${known}`;
  recordAnomaly(ctx, {
    chargePointId: ctx.chargePointId,
    transactionId,
    connectorId: req.connectorId,
    kind: 'unknown-connector',
    detail: `StartTransaction on connector ${req.connectorId}, which the station does not have (${basis})`,
    action: 'StartTransaction',
    payload: req,
    receivedAt: ctx.nowIso,
  });
}
