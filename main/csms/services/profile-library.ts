import type { ChargingProfile } from '../../../shared/smart-charging/index.js';
import type { Clock } from '../clock.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { LibraryProfile } from '../storage/repositories/profile-library.js';

export type { LibraryProfile };

/** The operator's named charging profiles, kept to be installed on stations with SetChargingProfile. */
export class ProfileLibrary {
  constructor(
    private readonly repos: Pick<Repositories, 'profileLibrary'>,
    private readonly groupCommit: GroupCommit,
    private readonly clock: Clock,
  ) {}

  list(): LibraryProfile[] {
    return this.repos.profileLibrary.list();
  }

  get(name: string): LibraryProfile | undefined {
    return this.repos.profileLibrary.get(name);
  }

  /** Store or replace a profile under its name. */
  save(input: { name: string; description: string; profile: ChargingProfile }): Promise<LibraryProfile> {
    const now = this.clock.now().toISOString();
    return this.groupCommit.run(() => this.repos.profileLibrary.upsert(input, now));
  }

  /** False when there was no such profile. */
  delete(name: string): Promise<boolean> {
    return this.groupCommit.run(() => this.repos.profileLibrary.delete(name));
  }
}
