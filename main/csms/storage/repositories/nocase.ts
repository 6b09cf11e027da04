/**
 * What SQLite's NOCASE collation compares (ASCII letters only, sqlite.org/datatype3.html#collation): the key under
 * which memory holds what an `id_tag` column (COLLATE NOCASE) finds, so memory and SQL match the same tags.
 */
export function foldIdTag(idTag: string): string {
  return /[A-Z]/.test(idTag) ? idTag.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : idTag;
}
