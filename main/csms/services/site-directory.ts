import type { SiteStationTaken } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { Site, SiteInput } from '../storage/repositories/sites.js';

export type { Site, SiteInput };

/** What saving a site did: stored it, or refused it without writing anything and said why. */
export type SiteSaveOutcome =
  | { kind: 'saved'; site: Site; existed: boolean }
  /** Identities with no station record: most likely a typo, and a station outside the site would draw unseen. */
  | { kind: 'unknownStations'; chargePointIds: string[] }
  /** Stations that belong to another site (a station is behind one grid supply). */
  | { kind: 'taken'; taken: SiteStationTaken[] };

/**
 * The sites: stations behind one grid supply with the limits the central system shares among their sessions
 * (docs/architecture.md "Sites: how the limit is shared"). Every change goes through here, checked and written in one
 * unit of the group commit (so two operators cannot put one station in two sites), and is announced as
 * `site.changed` after it committed. The limits come checked by `validateSiteLimits` (main/csms/sites).
 */
export class SiteDirectory {
  constructor(
    private readonly repos: Pick<Repositories, 'sites' | 'chargePoints'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
  ) {}

  list(): Site[] {
    return this.repos.sites.list();
  }

  get(id: string): Site | undefined {
    return this.repos.sites.get(id);
  }

  /** Create or replace a site with all of its stations; refused whole when a station is unknown or in another site. */
  async save(input: SiteInput): Promise<SiteSaveOutcome> {
    const now = this.clock.now().toISOString();
    const outcome = await this.groupCommit.run((): SiteSaveOutcome => {
      const unknown = input.stations.filter((id) => this.repos.chargePoints.admission(id) === undefined);
      if (unknown.length > 0) return { kind: 'unknownStations', chargePointIds: unknown };
      const taken = this.repos.sites.takenElsewhere(input.id, input.stations);
      if (taken.length > 0) return { kind: 'taken', taken };
      const existed = this.repos.sites.get(input.id) !== undefined;
      return { kind: 'saved', site: this.repos.sites.upsert(input, now), existed };
    });
    if (outcome.kind === 'saved') this.events.emit('site.changed', { siteId: input.id });
    return outcome;
  }

  /** False when there was no such site. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.groupCommit.run(() => this.repos.sites.delete(id));
    if (deleted) this.events.emit('site.changed', { siteId: id });
    return deleted;
  }
}
