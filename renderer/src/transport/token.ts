/**
 * The API token in a browser (headless mode). It arrives once in the URL fragment (`/#token=…`, printed by the
 * server; fragments are never sent over the network), is kept in this browser's storage for this origin, and the
 * fragment is cleared so it does not linger in the address bar or history.
 */
const STORAGE_KEY = 'ocpp-console.apiToken';

export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|[#&?])token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  const token = decodeURIComponent(match[1]!);
  saveToken(token);
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  return token;
}

export function storedToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Private mode without storage: the token lives for this page only.
  }
}

export function forgetToken(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
}
