import { randomBytes } from 'node:crypto';
import type { CentralSystem } from '../csms/central-system.js';

export const API_TOKEN_SETTING = 'apiToken';

export function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored API token, created on first run (settings table, key `apiToken`). */
export async function loadOrCreateApiToken(csms: CentralSystem): Promise<string> {
  const stored = csms.repos.settings.readAll()[API_TOKEN_SETTING];
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  return storeApiToken(csms, generateApiToken());
}

export async function storeApiToken(csms: CentralSystem, token: string): Promise<string> {
  await csms.groupCommit.run(() => csms.repos.settings.set(API_TOKEN_SETTING, token));
  return token;
}

/** A fresh token replaces the old one at once (the old one stops working). */
export function rotateApiToken(csms: CentralSystem): Promise<string> {
  return storeApiToken(csms, generateApiToken());
}
