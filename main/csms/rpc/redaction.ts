/**
 * Secrets never reach the message log (issue #6, white paper A01.FR.09): the AuthorizationKey value in
 * ChangeConfiguration.req and, should a station return it, in GetConfiguration.conf.
 */
const SECRET_KEY = /^AuthorizationKey$/i;
export const REDACTED = '***redacted***';
/** Only these actions can carry a secret; every other frame is logged as it is, without re-serialising it. */
export const REDACTED_ACTIONS: ReadonlySet<string> = new Set(['ChangeConfiguration', 'GetConfiguration']);

export function redactPayload(action: string | null, payload: Record<string, unknown>): Record<string, unknown> | null {
  if (action === 'ChangeConfiguration' && typeof payload.key === 'string' && SECRET_KEY.test(payload.key) && 'value' in payload) {
    return { ...payload, value: REDACTED };
  }
  if (action === 'GetConfiguration' && Array.isArray(payload.configurationKey)) {
    let changed = false;
    const keys = payload.configurationKey.map((entry: unknown) => {
      const item = entry as Record<string, unknown>;
      if (item && typeof item.key === 'string' && SECRET_KEY.test(item.key) && 'value' in item) {
        changed = true;
        return { ...item, value: REDACTED };
      }
      return entry;
    });
    return changed ? { ...payload, configurationKey: keys } : null;
  }
  return null;
}
