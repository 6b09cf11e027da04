/**
 * RFC 4180 CSV out, for the API's exports: our own writer (quote what needs it, CRLF line ends), used where an
 * export is built: the routes, and the reader worker for the exports it builds whole (the id tags).
 */

/** What a CSV cell holds: text, a number or a flag; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
