import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'ocpp-operator-console';

/**
 * The OS's per-user application-data folder, the same place Electron's `app.getPath('userData')` resolves to for
 * this app, so the desktop app and headless mode share one database:
 * Linux `$XDG_CONFIG_HOME/<app>` (default `~/.config/<app>`), macOS `~/Library/Application Support/<app>`,
 * Windows `%APPDATA%\<app>`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'csms.sqlite');
}
