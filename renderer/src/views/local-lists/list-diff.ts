import type { IdTagDto, LocalListEntryDto, LocalListStateDto } from '../../../../shared/api/types.js';

/**
 * The list a station should hold: every id tag with its status, expiry and parent as stored, in the same shape the
 * sync route builds (key order fixed, since entries are compared as JSON). OCPP 1.6 §7.1 AuthorizationData.
 */
export function desiredEntries(tags: readonly IdTagDto[]): LocalListEntryDto[] {
  return tags.map((t) => ({
    idTag: t.idTag,
    idTagInfo: { status: t.status, ...(t.expiryDate ? { expiryDate: t.expiryDate } : {}), ...(t.parentIdTag ? { parentIdTag: t.parentIdTag } : {}) },
  }));
}

export interface ListDiff {
  added: LocalListEntryDto[];
  changed: LocalListEntryDto[];
  /** Entries to delete: a Differential entry without idTagInfo removes the tag (§5.15). */
  removed: LocalListEntryDto[];
}

const key = (idTag: string) => idTag.toUpperCase(); // IdToken is case-insensitive (§7.28)

/** What a Differential update must carry to bring `held` to `desired`; null when what the station holds is unknown. */
export function diffLists(held: LocalListEntryDto[] | null, desired: LocalListEntryDto[]): ListDiff | null {
  if (held === null) return null;
  const current = new Map(held.map((e) => [key(e.idTag), e]));
  const wanted = new Map(desired.map((e) => [key(e.idTag), e]));
  const diff: ListDiff = { added: [], changed: [], removed: [] };
  for (const [k, e] of wanted) {
    const c = current.get(k);
    if (!c) diff.added.push(e);
    else if (JSON.stringify(c.idTagInfo ?? null) !== JSON.stringify(e.idTagInfo ?? null)) diff.changed.push(e);
  }
  for (const [k, e] of current) if (!wanted.has(k)) diff.removed.push({ idTag: e.idTag });
  return diff;
}

export function diffSize(d: ListDiff): number {
  return d.added.length + d.changed.length + d.removed.length;
}

/** listVersion of the next update: above anything confirmed or reported, never 0 or -1 (errata 3.52). */
export function nextVersion(state: LocalListStateDto | undefined): number {
  return Math.max(1, Math.max(state?.confirmedVersion ?? 0, state?.reportedVersion ?? 0) + 1);
}
