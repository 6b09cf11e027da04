import { OCPP_ERROR_CODES } from '../../../../../shared/ocpp/rpc-frames.js';
import type { BaselineKeyResult, ConfigurationDriftEntry, ConfigurationDriftState } from '../../../../../shared/api/types.js';

/** Each drift state in the operator's words (docs/api.md "Configuration baselines", drift). */
export const DRIFT_STATE_TEXT: Record<ConfigurationDriftState, string> = {
  matches: 'matches',
  differs: 'differs',
  'differs-readonly': 'read-only on the station',
  'unknown-key': 'unknown to the station',
  'not-reported': 'not reported by the station',
  'not-read': 'configuration never read',
};

export const DRIFT_STATE_TONE: Record<ConfigurationDriftState, string> = {
  matches: 'tone-ok',
  differs: 'tone-warn',
  'differs-readonly': 'tone-muted',
  'unknown-key': 'tone-muted',
  'not-reported': 'tone-info',
  'not-read': 'tone-muted',
};

/**
 * The keys Apply will send ChangeConfiguration for, as the last read shows them: `differs` and `not-reported` (a
 * station may accept a key it does not list). The server reads the configuration again first, so the set it sends
 * can differ if the station changed since.
 */
export function keysApplyWillChange(entries: readonly ConfigurationDriftEntry[]): ConfigurationDriftEntry[] {
  return entries.filter((e) => e.state === 'differs' || e.state === 'not-reported');
}

/** The keys Apply cannot change: the station reports them read-only or does not know them. */
export function keysApplyWillSkip(entries: readonly ConfigurationDriftEntry[]): ConfigurationDriftEntry[] {
  return entries.filter((e) => e.state === 'differs-readonly' || e.state === 'unknown-key');
}

/**
 * One ChangeConfiguration result in the operator's words, with its tone. A `failed` result that starts with an
 * OCPP-J CALLERROR code (OCPP-J 1.6 §4.2.3) was answered with an error; any other `failed` got no answer (timeout,
 * disconnect, not connected).
 */
export function keyResultText(result: Pick<BaselineKeyResult, 'status' | 'message'>): { text: string; tone: string } {
  switch (result.status) {
    case 'Accepted':
      return { text: 'Accepted', tone: 'tone-ok' };
    case 'RebootRequired':
      return { text: 'RebootRequired: takes effect after a reset', tone: 'tone-warn' };
    case 'Rejected':
      return { text: 'Rejected', tone: 'tone-bad' };
    case 'NotSupported':
      return { text: 'NotSupported', tone: 'tone-bad' };
    case 'skipped':
      return { text: 'not sent', tone: 'tone-muted' };
    case 'failed': {
      const code = (result.message ?? '').split(':')[0]!;
      return (OCPP_ERROR_CODES as readonly string[]).includes(code)
        ? { text: `error answer (${code})`, tone: 'tone-bad' }
        : { text: 'no answer', tone: 'tone-bad' };
    }
  }
}

/** The keys whose change waits for a reset (OCPP 1.6 §5.4: RebootRequired). */
export function keysNeedingReset(results: readonly BaselineKeyResult[]): string[] {
  return results.filter((r) => r.status === 'RebootRequired').map((r) => r.key);
}
