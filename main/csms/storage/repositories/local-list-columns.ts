/**
 * How a station's local list is stored (table `local_lists`, migrations 0002 and 0019): its entries as JSON text,
 * with their count and digest beside them so every station's list can be summed up without reading the texts.
 */
import { createHash } from 'node:crypto';
import type { LocalListEntryDto } from '../../../../shared/api/types.js';

/** The entries of a stored list; text that is not a JSON array (never written so) reads as an empty list. */
export function storedEntries(entriesJson: string | null): LocalListEntryDto[] | null {
  if (entriesJson === null) return null;
  try {
    const value = JSON.parse(entriesJson) as unknown;
    return Array.isArray(value) ? (value as LocalListEntryDto[]) : [];
  } catch {
    return [];
  }
}

/**
 * `entry_count` and `entries_digest` of a stored text: the count as `storedEntries` reads it (given when the caller
 * has the entries already), and the SHA-256 of the text, so equal digests mean equal lists.
 */
export function storedListColumns(
  entriesJson: string,
  entryCount = storedEntries(entriesJson)!.length,
): { entryCount: number; entriesDigest: string } {
  return { entryCount, entriesDigest: createHash('sha256').update(entriesJson).digest('base64') };
}
