import type { IdTagDto, IdTagStatus, IdTagUpdate } from '../../../../shared/api/types.js';
import { isoToLocalInput } from '../../components/local-datetime.js';

export const ID_TAG_STATUSES: IdTagStatus[] = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

export interface IdTagDraft {
  idTag: string;
  status: IdTagStatus;
  /** datetime-local (local time); '' = never expires. */
  expiry: string;
  parentIdTag: string;
  description: string;
}

export const EMPTY_DRAFT: IdTagDraft = { idTag: '', status: 'Accepted', expiry: '', parentIdTag: '', description: '' };


export function draftOf(tag: IdTagDto): IdTagDraft {
  return { idTag: tag.idTag, status: tag.status, expiry: isoToLocalInput(tag.expiryDate), parentIdTag: tag.parentIdTag ?? '', description: tag.description };
}

/** Problems by field, before anything is sent. IdToken is CiString20 (OCPP 1.6 §7.28), printable. */
export function checkDraft(d: IdTagDraft): Partial<Record<keyof IdTagDraft, string>> {
  const problems: Partial<Record<keyof IdTagDraft, string>> = {};
  const tag = d.idTag.trim();
  if (!tag) problems.idTag = 'Required';
  else if (tag.length > 20) problems.idTag = `At most 20 characters (${tag.length})`;
  else if (!/^[\x20-\x7e]+$/.test(tag)) problems.idTag = 'Printable ASCII only (CiString20)';
  const parent = d.parentIdTag.trim();
  if (parent.length > 20) problems.parentIdTag = `At most 20 characters (${parent.length})`;
  else if (parent && parent.toUpperCase() === tag.toUpperCase()) problems.parentIdTag = 'A tag cannot be its own parent';
  if (d.expiry && Number.isNaN(new Date(d.expiry).getTime())) problems.expiry = 'Not a date and time';
  if (d.description.length > 500) problems.description = 'At most 500 characters';
  return problems;
}

export function updateOf(d: IdTagDraft): IdTagUpdate {
  return {
    status: d.status,
    expiryDate: d.expiry ? new Date(d.expiry).toISOString() : null,
    parentIdTag: d.parentIdTag.trim() || null,
    description: d.description,
  };
}
