import { randomBytes } from 'node:crypto';
import type { SettingsService } from '../csms/services/settings-service.js';

export const API_TOKEN_SETTING = 'apiToken';

function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

type TokenStore = Pick<SettingsService, 'storedValue' | 'storeValue'>;

/** The stored API token, created on first run (settings table, key `apiToken`). */
export async function loadOrCreateApiToken(settings: TokenStore): Promise<string> {
  const stored = settings.storedValue(API_TOKEN_SETTING);
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  return storeApiToken(settings, generateApiToken());
}

async function storeApiToken(settings: TokenStore, token: string): Promise<string> {
  await settings.storeValue(API_TOKEN_SETTING, token);
  return token;
}

/** A fresh token replaces the old one at once (the old one stops working). */
export function rotateApiToken(settings: TokenStore): Promise<string> {
  return storeApiToken(settings, generateApiToken());
}
