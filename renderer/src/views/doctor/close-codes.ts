/** WebSocket close codes (RFC 6455 §7.4.1) as a technician reads them in a connection history. */
const CLOSE_CODES: Record<number, string> = {
  1000: 'normal close',
  1001: 'going away (restart or shutdown)',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no code given',
  1006: 'connection lost (no close frame: network drop, power cut)',
  1007: 'invalid data',
  1008: 'policy violation',
  1009: 'message too big',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  4000: 'replaced by a new connection of the same id',
};

export function closeCodeText(code: number | null): string {
  if (code === null) return '';
  return CLOSE_CODES[code] ?? (code >= 4000 ? 'application-defined' : 'unknown code');
}
