import type { ReplayExchange } from '../../../../shared/api/scenario.js';

export type ExchangeOutcome = 'same' | 'different' | 'unanswered';

/** How a replayed CALL came out: no answer this time, an answer that differs somewhere, or the recorded one. */
export function outcomeOf(x: ReplayExchange): ExchangeOutcome {
  if (x.replayedAnswer === null) return 'unanswered';
  return x.differences.length ? 'different' : 'same';
}
