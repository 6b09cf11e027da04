/**
 * The sentences of a site's event history (GET /api/sites/{siteId}/events): what was decided and why, in the
 * operator's words, with the session named as station/connector and its transaction.
 */
import type { Allocation } from '../sites/index.js';
import type { SessionFacts } from './assess.js';

const amps = (a: number) => `${Math.round(a * 10) / 10} A`;

export const sessionName = (s: Pick<SessionFacts, 'chargePointId' | 'connectorId' | 'transactionId'>) =>
  `${s.chargePointId}/${s.connectorId} (transaction ${s.transactionId})`;

/** "Budget 90 A of 100 A: CP-1/1 32 A, CP-2/1 29 A (gives back), CP-3/1 held 16 A (offline)". */
export function allocationSentence(limitA: number, budgetA: number, sessions: readonly SessionFacts[], allocation: Allocation): string {
  const parts = allocation.sessions.map((a, i) => {
    const s = sessions[i]!;
    const name = `${s.chargePointId}/${s.connectorId}`;
    switch (a.reason) {
      case 'held-offline':
        return `${name} held at ${amps(a.limitA)} (offline)`;
      case 'held-refused':
        return `${name} held at ${amps(a.limitA)} (refuses profiles)`;
      case 'paused-no-room':
        return `${name} paused (no room)`;
      case 'not-charging':
        return `${name} 0 A (finishing)`;
      case 'gives-back':
        return `${name} ${amps(a.limitA)} (draws less)`;
      case 'capped-by-max':
        return `${name} ${amps(a.limitA)} (its maximum)`;
      default:
        return `${name} ${amps(a.limitA)}`;
    }
  });
  const head = `Budget ${amps(budgetA)} of ${amps(limitA)}, ${amps(allocation.totals.allocatedA)} allocated`;
  const over =
    allocation.totals.overBudgetByHoldsA > 0 ? `; sessions it cannot steer exceed it by ${amps(allocation.totals.overBudgetByHoldsA)}` : '';
  return parts.length === 0 ? `${head}: no session` : `${head}${over}: ${parts.join(', ')}`;
}

export const profileSentSentence = (s: SessionFacts, limitA: number, fromA: number) =>
  `Sent ${sessionName(s)} a TxProfile of ${amps(limitA)} (was ${amps(fromA)})`;

export const profileAnswerSentence = (s: SessionFacts, limitA: number, outcome: 'accepted' | 'rejected' | 'no-answer', holdA: number) => {
  if (outcome === 'accepted') return `${sessionName(s)} accepted its TxProfile of ${amps(limitA)}`;
  if (outcome === 'rejected')
    return `${s.chargePointId} rejected a ${amps(limitA)} TxProfile for ${sessionName(s)}; counted at its maximum ${amps(holdA)}`;
  return `${s.chargePointId} did not answer the ${amps(limitA)} TxProfile for ${sessionName(s)}; counted at ${amps(holdA)} until it does`;
};

export const defaultSentSentence = (chargePointId: string, limitA: number, why: 'boot' | 'reconnect' | 'site') =>
  `Sent ${chargePointId} a TxDefaultProfile of ${amps(limitA)} (${why === 'boot' ? 'it booted' : why === 'reconnect' ? 'it reconnected' : 'it joined the site'}): sessions starting without the central system wait for their share`;

export const defaultAnswerSentence = (chargePointId: string, limitA: number, outcome: 'rejected' | 'no-answer') =>
  `${chargePointId} ${outcome === 'rejected' ? 'rejected' : 'did not answer'} its ${amps(limitA)} TxDefaultProfile; its new sessions count at their maximum until their TxProfile is accepted`;

export const offlineSentence = (chargePointId: string, heldA: number) =>
  `${chargePointId} went offline; its sessions stay counted at what they may use (${amps(heldA)}) until it is heard again`;

export const onlineSentence = (chargePointId: string) => `${chargePointId} is online again`;

export const overLimitSentence = (measuredA: number, limitA: number) =>
  `The measured current of the site's sessions (${amps(measuredA)}) has been above the limit (${amps(limitA)}) for more than a minute`;
