import { ApiRequestError } from '../../../shared/api/errors.js';

/**
 * The text to show for a failure: an Error's message (the API client's errors carry the server's explanation
 * there), or the thrown value as text. Every view shows a failed request this one way.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (err !== null && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** The server's problems by field (a 422's `details.fields`), to show at each field; empty when it named none. */
export function fieldProblems(err: unknown): Record<string, string> {
  return err instanceof ApiRequestError && err.details?.fields ? err.details.fields : {};
}
