/**
 * What we know of the local authorization list each station holds (OCPP 1.6 §3.5, §5.15): each change is one unit
 * of the group commit, announced as `localList.changed` after it committed. What a change means is decided by the
 * operations (operations/local-list.ts).
 */
import type { LocalListRepository, LocalListState } from '../storage/repositories/station-operations.js';
import { storedNow, type StoreDeps } from './store-deps.js';

/** The fields of a station's list state to change (undefined = keep). */
export type LocalListChange = Parameters<LocalListRepository['update']>[1];

export class LocalListStore {
  constructor(private readonly deps: StoreDeps) {}

  /** The station's list as far as we know, or undefined when nothing was ever recorded for it. */
  known(chargePointId: string): LocalListState | undefined {
    return this.deps.repos.localLists.get(chargePointId);
  }

  /**
   * Change the station's list state: `change` reads the state inside the unit (so nothing else changes it in
   * between) and returns the fields to change; `now` is the time of the change.
   */
  async change(chargePointId: string, change: (state: LocalListState | undefined, now: string) => LocalListChange): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    await groupCommit.run(() => repos.localLists.update(chargePointId, change(repos.localLists.get(chargePointId), now), now));
    this.deps.events.emit('localList.changed', { chargePointId });
  }
}
