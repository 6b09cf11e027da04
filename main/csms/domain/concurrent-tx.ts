import { unconfirmedAfterMs } from '../config/settings.js';
import type { HandlerContext } from '../handlers/context.js';
import type { TransactionRow } from '../storage/repositories/transactions.js';

/** What the ConcurrentTx policy found about the other open sessions of a tag that starts again. */
export interface ConcurrentTxCheck {
  /** The session that makes this start ConcurrentTx; undefined = the start may go ahead. */
  blockedBy?: TransactionRow;
  /** What was decided about the other sessions (closed as stale, unconfirmed, allowed), for the start's note. */
  notes: string[];
}

/** Whether the tag may charge at several connectors at once: its own setting, else the default. */
function allowsConcurrentTx(ctx: Pick<HandlerContext, 'repos' | 'settings'>, idTag: string): boolean {
  const own = ctx.repos.idTags.get(idTag)?.allow_concurrent_tx;
  return own === null || own === undefined ? ctx.settings.allowConcurrentTxByDefault : own === 1;
}

/** Whether the station of an open session has been silent for longer than the unconfirmed limit. */
export function isUnconfirmed(lastSeenAt: string | null | undefined, nowMs: number, limitMs: number): boolean {
  if (!lastSeenAt) return true;
  return nowMs - Date.parse(lastSeenAt) > limitMs;
}

const where = (tx: TransactionRow) => `${tx.charge_point_id} connector ${tx.connector_id} (transaction ${tx.id})`;

/**
 * ConcurrentTx as a policy (OCPP 1.6 §7.2 AuthorizationStatus ConcurrentTx: "already involved in another
 * transaction"), applied to the tag's other open sessions (Accepted starts without a stop; the one on this start's
 * own connector was superseded before):
 * - its connector reported Available since it started: it is over, its stop was lost; closed as stale here (a late
 *   StopTransaction still replaces that closure with the station's own values);
 * - its station has been unheard for longer than `unconfirmedAfterSec`: kept open (its stop may still come) but it
 *   does not block, and the console flags it unconfirmed;
 * - a tag allowed several sessions (its own setting or the default) is never refused for them;
 * - otherwise it blocks: the start is answered ConcurrentTx.
 * Runs inside the StartTransaction's storage batch; the events it emits follow the commit.
 */
export function checkConcurrentTx(ctx: HandlerContext, idTag: string): ConcurrentTxCheck {
  const others = ctx.repos.transactions.openForTag(idTag);
  if (others.length === 0) return { notes: [] };
  if (allowsConcurrentTx(ctx, idTag)) return { notes: [`tag may charge at several connectors; also charging at ${others.map(where).join(', ')}`] };
  const result: ConcurrentTxCheck = { notes: [] };
  const limitMs = unconfirmedAfterMs(ctx.settings);
  for (const other of others) {
    const availableAt = ctx.repos.transactions.lastAvailableAt(other.charge_point_id, other.connector_id);
    // Strictly later (times are kept to the millisecond): an Available received with the start belongs before it.
    if (availableAt !== undefined && availableAt > other.start_received_at) {
      const note = `Closed as stale when ${idTag} started at ${ctx.chargePointId}: connector ${other.connector_id} reported Available at ${availableAt}, after this transaction started, and no StopTransaction came`;
      ctx.repos.transactions.stop({
        id: other.id,
        meterStopWh: other.last_meter_wh === null ? null : Math.round(other.last_meter_wh),
        stoppedCpAt: null,
        reason: 'Other',
        idTag: null,
        endedBy: 'stale',
        note,
        receivedAt: ctx.nowIso,
      });
      ctx.emit('transaction.stopped', { chargePointId: other.charge_point_id, transactionId: other.id, reason: 'Stale' });
      result.notes.push(`closed ${where(other)} as stale: its connector reported Available since`);
      continue;
    }
    const stored = ctx.repos.chargePoints.get(other.charge_point_id)?.last_seen_at ?? null;
    const lastSeenAt = ctx.services.lastHeard?.latest(other.charge_point_id, stored) ?? stored;
    if (isUnconfirmed(lastSeenAt, ctx.now.getTime(), limitMs)) {
      result.notes.push(`${where(other)} is unconfirmed: its station was last heard ${lastSeenAt ?? 'never'}`);
      continue;
    }
    result.blockedBy ??= other;
  }
  if (result.blockedBy) result.notes.unshift(`tag charging at ${where(result.blockedBy)}, started ${result.blockedBy.started_cp_at}`);
  return result;
}
