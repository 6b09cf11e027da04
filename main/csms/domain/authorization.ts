import type { Repositories } from '../storage/repositories/index.js';

export type AuthorizationStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export interface IdTagInfo {
  status: AuthorizationStatus;
  expiryDate?: string;
  parentIdTag?: string;
}

/**
 * What the central system says about an idTag (OCPP 1.6 §4.1 Authorize, §7.28 IdTagInfo):
 * unknown → Invalid; stored Blocked / Expired / Invalid as stored; Accepted past its expiry date → Expired.
 * The group (parentIdTag) is returned whenever the tag has one, so stations can match reservations made for the
 * group (TC_053). Lookups are case-insensitive (the id_tags column is COLLATE NOCASE).
 */
export function resolveIdTag(repos: Pick<Repositories, 'idTags'>, idTag: string, now: Date): IdTagInfo {
  const row = repos.idTags.get(idTag);
  if (!row) return { status: 'Invalid' };
  const info: IdTagInfo = { status: row.status };
  if (row.expiry_date) {
    info.expiryDate = row.expiry_date;
    if (row.status === 'Accepted' && Date.parse(row.expiry_date) <= now.getTime()) info.status = 'Expired';
  }
  if (row.parent_id_tag) info.parentIdTag = row.parent_id_tag;
  return info;
}
