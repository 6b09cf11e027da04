/**
 * Which SetChargingProfile updates (OCPP 1.6 §5.16) to send now to move the sessions towards a new allocation,
 * so that the sum of what the stations may be using never grows past the budget while updates are in flight:
 * - a decrease goes out at once, whatever its size and however recent the last update (safety first), and so does
 *   a target equal to an unconfirmed starting point (sent-limits.ts), which cannot raise the sum either;
 * - an increase goes out only if the possibly-in-use sum, counting every unacknowledged decrease at its old value,
 *   stays within the budget with it; otherwise it waits for those decreases to be acknowledged;
 * - an increase waits while the station's latest update is unacknowledged, is skipped when smaller than
 *   `hysteresisA`, and goes out at most once per `minUpdateIntervalSec` per session, so measured-draw noise does
 *   not flood stations with profiles.
 * docs/architecture.md "Sites: how the limit is shared".
 */
import type { Allocation, SessionAllocation } from './allocate.js';
import { ceilDeciA, deciToA, floorDeciA } from './deci-amps.js';
import { possiblyInUseA, type SentLimit } from './sent-limits.js';

export interface PlanOptions {
  minUpdateIntervalSec: number;
  hysteresisA: number;
}

export interface PlannedUpdate {
  key: string;
  limitA: number;
  /** The latest limit sent before (0 when none). */
  fromA: number;
  kind: 'decrease' | 'increase' | 'confirm';
}

export type DeferReason = 'awaiting-ack' | 'below-hysteresis' | 'rate-limited' | 'no-room-yet';

export interface DeferredUpdate {
  key: string;
  /** The target not sent yet. */
  limitA: number;
  fromA: number;
  reason: DeferReason;
}

export interface UpdatePlan {
  updates: PlannedUpdate[];
  deferred: DeferredUpdate[];
  budgetA: number;
  /** The possibly-in-use sum once the updates are sent (held sessions at their hold if higher). */
  possiblyInUseA: number;
}

const isHeld = (target: SessionAllocation): boolean => target.reason === 'held-offline' || target.reason === 'held-refused';
/**
 * No update for a session the station cannot be steered through: held ones, and finishing ones, whose transaction
 * has stopped, so a TxProfile for it would be rejected (§3.13.1: a TxProfile needs its transaction). A finishing
 * session keeps counting at what it was sent until the caller forgets it at StopTransaction.
 */
const takesNoUpdate = (target: SessionAllocation): boolean => isHeld(target) || target.reason === 'not-charging';

function assertOptions(options: PlanOptions): void {
  const ok = (x: number) => Number.isFinite(x) && x >= 0;
  if (!ok(options.minUpdateIntervalSec) || !ok(options.hysteresisA)) {
    throw new RangeError('planUpdates: minUpdateIntervalSec and hysteresisA must be numbers ≥ 0');
  }
}

/** Possibly in use per key, in deci-amps: every sent entry, a held session at least at its hold. */
function inUseByKey(sent: ReadonlyMap<string, SentLimit>, target: Allocation): Map<string, number> {
  const inUse = new Map<string, number>();
  for (const [key, entry] of sent) inUse.set(key, ceilDeciA(possiblyInUseA(entry)));
  for (const t of target.sessions) if (isHeld(t)) inUse.set(t.key, Math.max(inUse.get(t.key) ?? 0, ceilDeciA(t.limitA)));
  return inUse;
}

/** Why an increase cannot go out now apart from room, or null. */
function increaseBlocker(entry: SentLimit | undefined, targetDeciA: number, nowMs: number, options: PlanOptions): DeferReason | null {
  if (entry !== undefined && !entry.acknowledged) return 'awaiting-ack';
  const fromDeciA = entry === undefined ? 0 : ceilDeciA(entry.limitA);
  if (targetDeciA - fromDeciA < ceilDeciA(options.hysteresisA)) return 'below-hysteresis';
  if (entry !== undefined && nowMs - entry.sentAtMs < options.minUpdateIntervalSec * 1000) return 'rate-limited';
  return null;
}

/** The updates to send now and the ones held back, with why. Pure: the caller sends them and records them. */
export function planUpdates(sent: readonly SentLimit[], target: Allocation, nowMs: number, options: PlanOptions): UpdatePlan {
  assertOptions(options);
  const sentByKey = new Map(sent.map((entry) => [entry.key, entry]));
  const inUse = inUseByKey(sentByKey, target);
  const budgetDeciA = floorDeciA(target.totals.budgetA);
  let inUseDeciA = [...inUse.values()].reduce((a, b) => a + b, 0);
  const updates: PlannedUpdate[] = [];
  const deferred: DeferredUpdate[] = [];

  for (const t of target.sessions) {
    if (takesNoUpdate(t)) continue;
    const entry = sentByKey.get(t.key);
    const fromDeciA = entry === undefined ? 0 : ceilDeciA(entry.limitA);
    const targetDeciA = floorDeciA(t.limitA);
    const change = { key: t.key, limitA: deciToA(targetDeciA), fromA: deciToA(fromDeciA) };
    // A decrease does not lower the possibly-in-use sum until acknowledged, so it changes nothing here.
    if (targetDeciA < fromDeciA) updates.push({ ...change, kind: 'decrease' });
    if (targetDeciA === fromDeciA && entry?.unconfirmed === true) updates.push({ ...change, kind: 'confirm' });
    if (targetDeciA <= fromDeciA) continue;
    const blocker = increaseBlocker(entry, targetDeciA, nowMs, options);
    const growthDeciA = targetDeciA - (inUse.get(t.key) ?? 0);
    if (blocker === null && inUseDeciA + Math.max(0, growthDeciA) > budgetDeciA) deferred.push({ ...change, reason: 'no-room-yet' });
    else if (blocker !== null) deferred.push({ ...change, reason: blocker });
    else {
      updates.push({ ...change, kind: 'increase' });
      inUseDeciA += Math.max(0, growthDeciA);
      inUse.set(t.key, Math.max(targetDeciA, inUse.get(t.key) ?? 0));
    }
  }
  return { updates, deferred, budgetA: deciToA(budgetDeciA), possiblyInUseA: deciToA(inUseDeciA) };
}
