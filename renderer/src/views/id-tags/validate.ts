import { idTokenProblem } from '../../../../shared/ocpp/cistring.js';
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
  /** Several sessions at once: '' = the default setting, 'yes' / 'no' = this tag's own choice. */
  concurrent: '' | 'yes' | 'no';
}

export const EMPTY_DRAFT: IdTagDraft = { idTag: '', status: 'Accepted', expiry: '', parentIdTag: '', description: '', concurrent: '' };

export function draftOf(tag: IdTagDto): IdTagDraft {
  return {
    idTag: tag.idTag,
    status: tag.status,
    expiry: isoToLocalInput(tag.expiryDate),
    parentIdTag: tag.parentIdTag ?? '',
    description: tag.description,
    concurrent: tag.allowConcurrentTx === null ? '' : tag.allowConcurrentTx ? 'yes' : 'no',
  };
}

/** Problems by field, before anything is sent: the id tags follow the IdToken rule of shared/ocpp, as the server does. */
export function checkDraft(d: IdTagDraft): Partial<Record<keyof IdTagDraft, string>> {
  const problems: Partial<Record<keyof IdTagDraft, string>> = {};
  const tagProblem = idTokenProblem(d.idTag);
  if (tagProblem) problems.idTag = `The id tag ${tagProblem}`;
  const parentProblem = d.parentIdTag === '' ? null : idTokenProblem(d.parentIdTag);
  if (parentProblem) problems.parentIdTag = `The parent tag ${parentProblem}`;
  else if (d.parentIdTag && d.parentIdTag.toUpperCase() === d.idTag.toUpperCase()) problems.parentIdTag = 'A tag cannot be its own parent';
  if (d.expiry && Number.isNaN(new Date(d.expiry).getTime())) problems.expiry = 'Not a date and time';
  if (d.description.length > 500) problems.description = `At most 500 characters (has ${d.description.length})`;
  return problems;
}

export function updateOf(d: IdTagDraft): IdTagUpdate {
  return {
    status: d.status,
    expiryDate: d.expiry ? new Date(d.expiry).toISOString() : null,
    parentIdTag: d.parentIdTag || null,
    description: d.description,
    allowConcurrentTx: d.concurrent === '' ? null : d.concurrent === 'yes',
  };
}
