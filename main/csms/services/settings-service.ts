import { resolveRuntimeSettings, validateRuntimeSettings, type RuntimeSettings } from '../config/settings.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * The runtime settings (README "Settings"): read from the settings table at start, flags winning for this run;
 * changed only here, stored, and announced as `settings.changed` so the backup schedule and the disk budget follow.
 */
export class SettingsService {
  private runtime: RuntimeSettings;

  constructor(
    private readonly repos: Pick<Repositories, 'settings'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    overrides: Partial<RuntimeSettings>,
  ) {
    this.runtime = resolveRuntimeSettings(repos.settings.readAll(), overrides);
  }

  current(): RuntimeSettings {
    return this.runtime;
  }

  /** Change runtime settings; returns the problems by field (nothing is changed when there are any). */
  update(patch: Partial<RuntimeSettings>): Record<string, string> {
    const problems = validateRuntimeSettings(patch);
    if (Object.keys(problems).length > 0) return problems;
    const given = Object.entries(patch).filter(([, value]) => value !== undefined);
    this.groupCommit.runDetached(() => {
      for (const [key, value] of given) this.repos.settings.set(key, value);
    });
    this.runtime = { ...this.runtime, ...Object.fromEntries(given) };
    this.events.emit('settings.changed', {});
    return {};
  }

  /** Everything stored in the settings table, runtime settings or not (first-start defaults look at it). */
  storedValues(): Record<string, unknown> {
    return this.repos.settings.readAll();
  }

  /** A value kept in the settings table that is no runtime setting (the API token). */
  storedValue(key: string): unknown {
    return this.repos.settings.readAll()[key];
  }

  async storeValue(key: string, value: unknown): Promise<void> {
    await this.groupCommit.run(() => this.repos.settings.set(key, value));
  }

  async removeValue(key: string): Promise<void> {
    await this.groupCommit.run(() => this.repos.settings.delete(key));
  }
}
