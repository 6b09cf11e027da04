import type { RawData } from 'ws';

/**
 * The text of a WebSocket message as `ws` hands it over: one Buffer by default, an ArrayBuffer or a list of fragments
 * with other binary types. OCPP-J frames are UTF-8 text (OCPP-J 1.6 §4).
 */
export function messageText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
