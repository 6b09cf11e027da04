/**
 * GetLocalListVersion / SendLocalList (OCPP 1.6 §3.5, §5.11, §5.15; OCTT TC_042, TC_043). Per station we keep
 * the list it holds (as far as its answers tell) and the version it confirmed, so the next update can be a small
 * Differential, and falls back to Full whenever that knowledge is lost.
 */
import type { OcppRequest } from '../../../shared/ocpp/actions.js';
import type { LocalListEntryDto as LocalListEntry } from '../../../shared/api/types.js';
import type { LocalListStore } from '../services/local-list-store.js';
import { diffLists, listKey as key, nextListVersion } from '../../../shared/local-lists/diff.js';
import type { OperatorOperations } from './operator-operations.js';
import { neverSent } from './support.js';

/** The listVersion the next SendLocalList should carry: confirmed + 1, never 0 or -1 (errata 3.52). */
function nextLocalListVersion(localLists: LocalListStore, chargePointId: string): number {
  return nextListVersion(localLists.known(chargePointId));
}

/** A SendLocalList.req that brings the station's list to the desired one. */
export type LocalListUpdate = {
  listVersion: number;
  updateType: 'Full' | 'Differential';
  localAuthorizationList: LocalListEntry[];
};

/**
 * What brings the station from the list it confirmed to `desired` (OCPP 1.6 §5.15): null (nothing to send) when they
 * are equal,
 * a Differential with just the changes (adds/updates with idTagInfo, deletions without) when the station's confirmed
 * version and the list at that version are known, a Full update otherwise (never synced, or knowledge lost after a
 * VersionMismatch, Failed or unanswered update, or a version reported that we did not send).
 */
export function buildLocalListUpdate(localLists: LocalListStore, chargePointId: string, desired: readonly LocalListEntry[]): LocalListUpdate | null {
  const listVersion = nextLocalListVersion(localLists, chargePointId);
  const wantedEntries = desired.filter((e) => e.idTagInfo);
  const state = localLists.known(chargePointId);
  if (!state?.entries || state.confirmedVersion === null || state.confirmedVersion < 0) {
    return { listVersion, updateType: 'Full', localAuthorizationList: wantedEntries.map((e) => ({ ...e })) };
  }
  const diff = diffLists(state.entries, wantedEntries)!;
  const changes = [...diff.added, ...diff.changed, ...diff.removed].map((e) => ({ ...e }));
  if (changes.length === 0) return null;
  return { listVersion, updateType: 'Differential', localAuthorizationList: changes };
}

/** The list after the station accepted `request`, or null when it cannot be known. */
function applyUpdate(current: LocalListEntry[] | null, request: OcppRequest<'SendLocalList'>): LocalListEntry[] | null {
  const entries = request.localAuthorizationList ?? [];
  if (request.updateType === 'Full') return entries.filter((e) => e.idTagInfo);
  if (current === null) return null;
  const next = new Map(current.map((e) => [key(e.idTag), e]));
  for (const e of entries) {
    if (e.idTagInfo) next.set(key(e.idTag), e);
    else next.delete(key(e.idTag));
  }
  return [...next.values()];
}

export function registerLocalList(ops: OperatorOperations): void {
  const localLists = ops.stores.localLists;

  ops.register('GetLocalListVersion', {
    applied: (chargePointId, _request, { listVersion }) =>
      localLists.change(chargePointId, (state, now) => {
        const stillKnown = state?.entries != null && state.confirmedVersion === listVersion;
        return {
          reportedVersion: listVersion,
          reportedAt: now,
          // 0 = empty list; the version we confirmed = the list we know; anything else = not known.
          ...(listVersion === 0
            ? { entries: [], confirmedVersion: 0 }
            : stillKnown
              ? {}
              : { entries: null, confirmedVersion: listVersion > 0 ? listVersion : null }),
        };
      }),
  });

  ops.register('SendLocalList', {
    prepare(chargePointId, payload) {
      if (payload.listVersion !== undefined) return payload;
      return { ...payload, listVersion: nextLocalListVersion(localLists, chargePointId) };
    },
    applied: (chargePointId, request, { status }) =>
      localLists.change(chargePointId, (state, now) => {
        const base = { lastStatus: status, lastUpdateType: request.updateType };
        if (status === 'Accepted') return { ...base, entries: applyUpdate(state?.entries ?? null, request), confirmedVersion: request.listVersion };
        if (status === 'NotSupported') return { ...base, entries: null, confirmedVersion: null, reportedVersion: -1, reportedAt: now };
        // Failed / VersionMismatch: what the station holds is no longer known, the next update is Full (§5.15).
        return { ...base, entries: null };
      }),
    async failed(chargePointId, request, problem) {
      if (neverSent(problem)) return;
      const updateType = typeof request.updateType === 'string' ? request.updateType : undefined;
      await localLists.change(chargePointId, () => ({ entries: null, lastStatus: 'Error', ...(updateType ? { lastUpdateType: updateType } : {}) }));
    },
  });
}
