/**
 * What a station's local authorization list should hold and what brings it there (OCPP 1.6 §3.5, §5.15): one
 * definition for the central system (the sync route, the summary of every station's list) and the console (a
 * station's panel), so both count the same difference.
 */
import type { LocalListEntryDto } from '../api/types.js';

/** The fields of an id tag a list entry carries (the API's IdTagDto has them; so has the stored row, renamed). */
export interface ListedTag {
  idTag: string;
  status: string;
  expiryDate: string | null;
  parentIdTag: string | null;
}

/**
 * The entry a station should hold for a tag: its status, expiry and parent as stored (OCPP 1.6 §7.1
 * AuthorizationData), keys in one order so every list sent reads the same.
 */
export function entryForTag(tag: ListedTag): LocalListEntryDto {
  return {
    idTag: tag.idTag,
    idTagInfo: {
      status: tag.status,
      ...(tag.expiryDate ? { expiryDate: tag.expiryDate } : {}),
      ...(tag.parentIdTag ? { parentIdTag: tag.parentIdTag } : {}),
    },
  };
}

export interface ListDiff {
  added: LocalListEntryDto[];
  changed: LocalListEntryDto[];
  /** Entries to delete: a Differential entry without idTagInfo removes the tag (§5.15). */
  removed: LocalListEntryDto[];
}

/** An IdToken is compared case-insensitively (§7.28). */
export const listKey = (idTag: string) => idTag.toUpperCase();
/** The same IdTagInfo (OCPP 1.6 §7.25: status, expiryDate, parentIdTag), whatever order a station's answer or an operator gave its keys in. */
const sameInfo = (a: LocalListEntryDto['idTagInfo'], b: LocalListEntryDto['idTagInfo']) =>
  (a?.status ?? null) === (b?.status ?? null) &&
  (a?.expiryDate ?? null) === (b?.expiryDate ?? null) &&
  (a?.parentIdTag ?? null) === (b?.parentIdTag ?? null);

/** The desired entries by their key, made once for many lists (`diffCounts`). */
export type DesiredIndex = ReadonlyMap<string, LocalListEntryDto>;

/** Entries of `desired` without idTagInfo are not wanted: they cannot be held. */
export function indexDesired(desired: readonly LocalListEntryDto[]): DesiredIndex {
  return new Map(desired.filter((e) => e.idTagInfo).map((e) => [listKey(e.idTag), e]));
}

/**
 * What a Differential update must carry to bring `held` to `desired`; null when what the station holds is unknown
 * (`held` null).
 */
export function diffLists(held: readonly LocalListEntryDto[] | null, desired: readonly LocalListEntryDto[]): ListDiff | null {
  if (held === null) return null;
  const current = new Map(held.map((e) => [listKey(e.idTag), e]));
  const wanted = indexDesired(desired);
  const diff: ListDiff = { added: [], changed: [], removed: [] };
  for (const [k, e] of wanted) {
    const c = current.get(k);
    if (!c) diff.added.push(e);
    else if (!sameInfo(c.idTagInfo, e.idTagInfo)) diff.changed.push(e);
  }
  for (const [k, e] of current) if (!wanted.has(k)) diff.removed.push({ idTag: e.idTag });
  return diff;
}

/**
 * How many entries `diffLists` would find to add, change and remove, in time that grows with `held` only: the
 * summary of every station's list counts thousands of lists against thousands of tags.
 */
export function diffCounts(
  held: readonly LocalListEntryDto[] | null,
  wanted: DesiredIndex,
): { added: number; changed: number; removed: number } | null {
  if (held === null) return null;
  const current = new Map(held.map((e) => [listKey(e.idTag), e]));
  let kept = 0;
  let changed = 0;
  for (const [k, e] of current) {
    const w = wanted.get(k);
    if (!w) continue;
    kept++;
    if (!sameInfo(e.idTagInfo, w.idTagInfo)) changed++;
  }
  return { added: wanted.size - kept, changed, removed: current.size - kept };
}

export function diffSize(d: {
  added: readonly unknown[] | number;
  changed: readonly unknown[] | number;
  removed: readonly unknown[] | number;
}): number {
  const size = (n: readonly unknown[] | number) => (typeof n === 'number' ? n : n.length);
  return size(d.added) + size(d.changed) + size(d.removed);
}

/** listVersion of the next update: above anything confirmed or reported, never 0 or -1 (errata 3.52). */
export function nextListVersion(state: { confirmedVersion: number | null; reportedVersion: number | null } | undefined): number {
  return Math.max(1, Math.max(state?.confirmedVersion ?? 0, state?.reportedVersion ?? 0) + 1);
}
