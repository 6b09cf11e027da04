/**
 * What the central system knows of the limit each session's station is using: the latest TxProfile limit sent
 * (OCPP 1.6 §5.16 SetChargingProfile) and whether the station has accepted it. Until it has, the station may still
 * be using the limit before, so a session counts at the higher of the two ("possibly in use").
 *
 * A station answers its CALLs in the order they were sent (one outstanding CALL per station, OCPP-J §4.1.1 and
 * rpc/ocpp-connection.ts), so an answer to an older update never tells more than the latest one will; it is ignored.
 */
import { ceilDeciA, deciToA } from './deci-amps.js';

export interface SentLimit {
  key: string;
  /** The latest limit sent; once acknowledged, what the station is known to be using at most. */
  limitA: number;
  sentAtMs: number;
  acknowledged: boolean;
  /** What the station may be using until `limitA` is acknowledged: its possibly-in-use amount when this was sent. */
  previousLimitA: number;
  /** Numbers the updates to this key, so an answer is matched to the update it answers. */
  seq: number;
  /**
   * Never steered by us and the station may be drawing less than `limitA`: a TxDefaultProfile of ours reached it
   * while the session was already running, and a station may apply it to that session (OCPP 1.6 §3.13.1). Only a
   * TxProfile settles it, so the target is sent even when it equals `limitA`.
   */
  unconfirmed?: boolean;
}

/** How a station answered a SetChargingProfile (§5.16): Accepted; Rejected or NotSupported; no answer (timeout, gone). */
export type SetProfileOutcome = 'accepted' | 'rejected' | 'no-answer';

/** The most the station may be using now. */
export function possiblyInUseA(entry: SentLimit): number {
  return entry.acknowledged ? entry.limitA : Math.max(entry.limitA, entry.previousLimitA);
}

/** The sum of possibly-in-use amounts, rounded up to 0.1 A. */
export function possiblyInUseSumA(entries: Iterable<SentLimit>): number {
  let sumDeciA = 0;
  for (const entry of entries) sumDeciA += ceilDeciA(possiblyInUseA(entry));
  return deciToA(sumDeciA);
}

/**
 * A session's starting point before any TxProfile of ours: what its station is known to draw at most, e.g. the
 * limit of a TxDefaultProfile installed on it (§3.13.1), else its maximum.
 */
export function knownLimit(key: string, limitA: number, atMs: number): SentLimit {
  return { key, limitA, sentAtMs: atMs, acknowledged: true, previousLimitA: limitA, seq: 0 };
}

/** The entry after a new limit was sent. Without an entry the station is taken to draw nothing so far. */
export function recordSent(entry: SentLimit | undefined, key: string, limitA: number, nowMs: number): SentLimit {
  const previousLimitA = entry === undefined ? 0 : possiblyInUseA(entry);
  return { key, limitA, sentAtMs: nowMs, acknowledged: false, previousLimitA, seq: (entry?.seq ?? 0) + 1 };
}

/**
 * The entry after the station answered update `seq`. Rejected: it kept what it had, at most `previousLimitA`.
 * No answer: it may have applied the limit or not, so the higher of the two is what it is known to use at most.
 */
export function recordAnswer(entry: SentLimit, seq: number, outcome: SetProfileOutcome): SentLimit {
  if (seq !== entry.seq || entry.acknowledged) return entry;
  if (outcome === 'accepted') return { ...entry, acknowledged: true };
  const limitA = outcome === 'rejected' ? entry.previousLimitA : Math.max(entry.limitA, entry.previousLimitA);
  return { ...entry, limitA, previousLimitA: limitA, acknowledged: true };
}
