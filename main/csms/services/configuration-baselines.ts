import type { ConfigurationDrift, FleetDriftItem } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import { configurationDrift } from '../domain/configuration-drift.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { BaselineAssignmentTaken, ConfigurationBaseline, ConfigurationBaselineInput } from '../storage/repositories/configuration-baselines.js';
import type { Repositories } from '../storage/repositories/index.js';

export type { BaselineAssignmentTaken, ConfigurationBaseline, ConfigurationBaselineInput };

/** What saving a baseline did: stored it, or refused it whole without writing anything, and why. */
export type BaselineSaveOutcome =
  | { kind: 'saved'; baseline: ConfigurationBaseline; existed: boolean }
  /** Stations or sites that do not exist: most likely a typo, which would leave a real one unchecked. */
  | { kind: 'unknown'; stations: string[]; sites: string[] }
  /** Stations or sites that follow another baseline (each follows one at most). */
  | { kind: 'taken'; taken: BaselineAssignmentTaken[] };

/**
 * Configuration baselines: the key values stations should hold (docs/api.md "Configuration baselines"), assigned to
 * stations or to sites, and each station's drift from its baseline as its last GetConfiguration shows it
 * (domain/configuration-drift.ts). Changes are one unit of the group commit each, announced as `baseline.changed`.
 * Applying a baseline is an operation (operations/configuration-baseline.ts): it talks to the station.
 */
export class ConfigurationBaselines {
  constructor(
    private readonly repos: Pick<Repositories, 'configurationBaselines' | 'configurationSnapshots' | 'chargePoints' | 'sites'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
  ) {}

  list(): ConfigurationBaseline[] {
    return this.repos.configurationBaselines.list();
  }

  get(name: string): ConfigurationBaseline | undefined {
    return this.repos.configurationBaselines.get(name);
  }

  async save(input: ConfigurationBaselineInput): Promise<BaselineSaveOutcome> {
    const now = this.clock.now().toISOString();
    const repo = this.repos.configurationBaselines;
    const outcome = await this.groupCommit.run((): BaselineSaveOutcome => {
      const stations = input.stations.filter((id) => this.repos.chargePoints.admission(id) === undefined);
      const sites = input.sites.filter((id) => this.repos.sites.get(id) === undefined);
      if (stations.length > 0 || sites.length > 0) return { kind: 'unknown', stations, sites };
      const taken = repo.takenElsewhere(input);
      if (taken.length > 0) return { kind: 'taken', taken };
      const existed = repo.get(input.name) !== undefined;
      return { kind: 'saved', baseline: repo.upsert(input, now), existed };
    });
    if (outcome.kind === 'saved') this.events.emit('baseline.changed', { name: input.name });
    return outcome;
  }

  /** False when there was no such baseline. */
  async delete(name: string): Promise<boolean> {
    const deleted = await this.groupCommit.run(() => this.repos.configurationBaselines.delete(name));
    if (deleted) this.events.emit('baseline.changed', { name });
    return deleted;
  }

  /** The station's drift from the baseline it follows; undefined for an unknown station. */
  drift(chargePointId: string): ConfigurationDrift | undefined {
    if (this.repos.chargePoints.admission(chargePointId) === undefined) return undefined;
    const effective = this.repos.configurationBaselines.effectiveFor(chargePointId);
    const snapshot = this.repos.configurationSnapshots.get(chargePointId);
    const snapshotTakenAt = snapshot?.takenAt ?? null;
    if (!effective) return { chargePointId, baseline: null, via: null, siteId: null, snapshotTakenAt, entries: [], offBaseline: 0 };
    const baseline = this.repos.configurationBaselines.get(effective.baseline)!;
    const entries = configurationDrift(baseline.entries, snapshot);
    return {
      chargePointId,
      baseline: baseline.name,
      via: effective.via,
      siteId: effective.siteId,
      snapshotTakenAt,
      entries,
      offBaseline: entries.filter((e) => e.state !== 'matches').length,
    };
  }

  /** Every station that follows a baseline (its own or its site's), by identity. */
  fleet(): FleetDriftItem[] {
    const { stations, sites } = this.repos.configurationBaselines.assignments();
    const followers = new Set(stations.keys());
    for (const site of this.repos.sites.list()) if (sites.has(site.id)) for (const id of site.stations) followers.add(id);
    return [...followers].sort().flatMap((id) => {
      const drift = this.drift(id);
      if (!drift || drift.baseline === null || drift.via === null) return [];
      return [
        {
          chargePointId: id,
          baseline: drift.baseline,
          via: drift.via,
          snapshotTakenAt: drift.snapshotTakenAt,
          offBaseline: drift.offBaseline,
          fixable: drift.entries.filter((e) => e.state === 'differs').length,
        },
      ];
    });
  }
}
