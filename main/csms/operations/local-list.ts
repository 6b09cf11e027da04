/**
 * GetLocalListVersion / SendLocalList (OCPP 1.6 §3.5, §5.11, §5.15; OCTT TC_042, TC_043). Per station we keep
 * the list it holds (as far as its answers tell) and the version it confirmed, so the next update can be a small
 * Differential, and falls back to Full whenever that knowledge is lost.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CentralSystem } from '../central-system.js';
import type { LocalListEntry } from '../storage/repositories/station-operations.js';
import type { OperatorOperations } from './operator-operations.js';
import { isInt, neverSent, nowIso, statusOf } from './support.js';

/** The listVersion the next SendLocalList should carry: confirmed + 1, never 0 or -1 (errata 3.52). */
export function nextLocalListVersion(csms: CentralSystem, chargePointId: string): number {
  const state = csms.repos.localLists.get(chargePointId);
  const known = Math.max(state?.confirmedVersion ?? 0, state?.reportedVersion ?? 0);
  return Math.max(1, known + 1);
}

const key = (idTag: string) => idTag.toUpperCase(); // idTags are case-insensitive (§7.28)
const sameInfo = (a: LocalListEntry['idTagInfo'], b: LocalListEntry['idTagInfo']) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A SendLocalList.req that brings the station's list to the desired one. */
export interface LocalListUpdate {
  listVersion: number;
  updateType: 'Full' | 'Differential';
  localAuthorizationList: LocalListEntry[];
}

/**
 * What brings the station from the list it confirmed to `desired` (OCPP 1.6 §5.15): null (nothing to send) when they
 * are equal,
 * a Differential with just the changes (adds/updates with idTagInfo, deletions without) when the station's confirmed
 * version and the list at that version are known, a Full update otherwise (never synced, or knowledge lost after a
 * VersionMismatch, Failed or unanswered update, or a version reported that we did not send).
 */
export function buildLocalListUpdate(csms: CentralSystem, chargePointId: string, desired: readonly LocalListEntry[]): LocalListUpdate | null {
  const listVersion = nextLocalListVersion(csms, chargePointId);
  const wantedEntries = desired.filter((e) => e.idTagInfo);
  const state = csms.repos.localLists.get(chargePointId);
  if (!state?.entries || state.confirmedVersion === null || state.confirmedVersion < 0) {
    return { listVersion, updateType: 'Full', localAuthorizationList: wantedEntries.map((e) => ({ ...e })) };
  }
  const current = new Map(state.entries.map((e) => [key(e.idTag), e]));
  const wanted = new Map(wantedEntries.map((e) => [key(e.idTag), e]));
  const changes: LocalListEntry[] = [];
  for (const [k, e] of wanted) if (!current.has(k) || !sameInfo(current.get(k)!.idTagInfo, e.idTagInfo)) changes.push({ ...e });
  for (const [k, e] of current) if (!wanted.has(k)) changes.push({ idTag: e.idTag });
  if (changes.length === 0) return null;
  return { listVersion, updateType: 'Differential', localAuthorizationList: changes };
}

/** The list after the station accepted `request`, or null when it cannot be known. */
function applyUpdate(current: LocalListEntry[] | null, request: JsonObject): LocalListEntry[] | null {
  const entries = (Array.isArray(request.localAuthorizationList) ? request.localAuthorizationList : []) as unknown as LocalListEntry[];
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
  const csms = ops.csms;
  const changed = (chargePointId: string) => csms.events.emit('localList.changed', { chargePointId });

  ops.register('GetLocalListVersion', {
    async applied(chargePointId, _request, response) {
      if (!isInt(response.listVersion)) return;
      const version = response.listVersion;
      const now = nowIso(csms);
      await csms.groupCommit.run(() => {
        const state = csms.repos.localLists.get(chargePointId);
        const stillKnown = state?.entries != null && state.confirmedVersion === version;
        csms.repos.localLists.update(
          chargePointId,
          {
            reportedVersion: version,
            reportedAt: now,
            // 0 = empty list; the version we confirmed = the list we know; anything else = not known.
            ...(version === 0
              ? { entries: [], confirmedVersion: 0 }
              : stillKnown
                ? {}
                : { entries: null, confirmedVersion: version > 0 ? version : null }),
          },
          now,
        );
      });
      changed(chargePointId);
    },
  });

  ops.register('SendLocalList', {
    prepare(chargePointId, payload) {
      if (isInt(payload.listVersion)) return payload;
      return { ...payload, listVersion: nextLocalListVersion(csms, chargePointId) };
    },
    async applied(chargePointId, request, response) {
      const status = statusOf(response);
      const now = nowIso(csms);
      await csms.groupCommit.run(() => {
        const state = csms.repos.localLists.get(chargePointId);
        const base = { lastStatus: status, lastUpdateType: String(request.updateType) };
        if (status === 'Accepted') {
          const entries = applyUpdate(state?.entries ?? null, request);
          csms.repos.localLists.update(chargePointId, { ...base, entries, confirmedVersion: request.listVersion as number }, now);
        } else if (status === 'NotSupported') {
          csms.repos.localLists.update(chargePointId, { ...base, entries: null, confirmedVersion: null, reportedVersion: -1, reportedAt: now }, now);
        } else {
          // Failed / VersionMismatch: what the station holds is no longer known, the next update is Full (§5.15).
          csms.repos.localLists.update(chargePointId, { ...base, entries: null }, now);
        }
      });
      changed(chargePointId);
    },
    async failed(chargePointId, request, error) {
      if (neverSent(error)) return;
      const now = nowIso(csms);
      await csms.groupCommit.run(() =>
        csms.repos.localLists.update(chargePointId, { entries: null, lastStatus: 'Error', lastUpdateType: String(request.updateType) }, now),
      );
      changed(chargePointId);
    },
  });
}
