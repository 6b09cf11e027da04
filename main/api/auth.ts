import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Bearer token check. Both sides are hashed first so the comparison runs on equal-length digests in constant time
 * (the length of the real token leaks nothing either).
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of a request: `Authorization: Bearer <token>`, or `?token=` where allowed (EventSource cannot set headers). */
export function presentedToken(req: IncomingMessage, query: URLSearchParams, allowQueryToken: boolean): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : undefined;
  }
  if (allowQueryToken) return query.get('token') ?? undefined;
  return undefined;
}

/**
 * Browsers send `Origin` on cross-origin requests (and on same-origin POSTs). The API serves no CORS headers; a
 * request from a page of another origin is refused outright, so a web page cannot drive the API with a stolen token.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (!host) return false;
  return origin === `http://${host}`;
}
