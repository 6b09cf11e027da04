import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * What a domain service of the operator operations works with: the repositories it reads and writes, the group
 * commit each change runs in (one unit per change), the events it emits once that unit committed, and the clock for
 * its timestamps (docs/architecture.md, "Who writes" and "Who emits events").
 */
export interface StoreDeps {
  readonly repos: Repositories;
  readonly groupCommit: GroupCommit;
  readonly events: CsmsEvents;
  readonly clock: Clock;
}

/** Storage time (ISO 8601 UTC with milliseconds). */
export const storedNow = (deps: Pick<StoreDeps, 'clock'>): string => deps.clock.now().toISOString();
