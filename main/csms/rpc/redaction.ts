/**
 * Secrets never reach the message log (OCPP 1.6 Security White Paper, requirement A01.FR.09): the AuthorizationKey value in
 * ChangeConfiguration.req and, should a station return it, in GetConfiguration.conf; and the password of a
 * transfer URL (`ftp://user:password@host/…`, OCPP 1.6 §5.9 GetDiagnostics and §5.21 UpdateFirmware locations,
 * the white paper's GetLog and SignedUpdateFirmware), which the station needs but the log must not keep.
 */
const SECRET_KEY = /^AuthorizationKey$/i;
export const REDACTED = '***redacted***';
/** Only these actions can carry a secret; every other frame is logged as it is, without re-serialising it. */
export const REDACTED_ACTIONS: ReadonlySet<string> = new Set([
  'ChangeConfiguration',
  'GetConfiguration',
  'GetDiagnostics',
  'UpdateFirmware',
  'GetLog',
  'SignedUpdateFirmware',
]);

/** `scheme://user:secret@host/…` → `scheme://user:***redacted***@host/…`; anything else unchanged. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):([^@/\s]*)@/i, (_all, head: string, password: string) =>
    password ? `${head}:${REDACTED}@` : _all,
  );
}

function redactLocation(holder: unknown, field: string): Record<string, unknown> | null {
  if (!holder || typeof holder !== 'object') return null;
  const value = (holder as Record<string, unknown>)[field];
  if (typeof value !== 'string') return null;
  const redacted = redactUrlPassword(value);
  return redacted === value ? null : { ...(holder as Record<string, unknown>), [field]: redacted };
}

export function redactPayload(action: string | null, payload: Record<string, unknown>): Record<string, unknown> | null {
  if (action === 'GetDiagnostics' || action === 'UpdateFirmware') return redactLocation(payload, 'location');
  if (action === 'GetLog') {
    const log = redactLocation(payload.log, 'remoteLocation');
    return log ? { ...payload, log } : null;
  }
  if (action === 'SignedUpdateFirmware') {
    const firmware = redactLocation(payload.firmware, 'location');
    return firmware ? { ...payload, firmware } : null;
  }
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
