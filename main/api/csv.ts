/** RFC 4180 CSV in (csv-parse, with line numbers); the writer for the exports is shared/api/csv-line.ts. */
import { CsvError, parse } from 'csv-parse/sync';

interface CsvRow {
  /** 1-based line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  rows: CsvRow[];
  /** Lines no record could be read from, each with why. Parsing resumes on the line after. */
  broken: { line: number; message: string }[];
}

/** What went wrong on a line, in the operator's words (csv-parse's own message counts lines of the piece it was given). */
function brokenMessage(err: unknown): string {
  if (!(err instanceof CsvError)) return err instanceof Error ? err.message : String(err);
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a " is missing); the lines after it are read on their own';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows the closing quote of a field (write "" for a quote inside a quoted field)';
    default:
      return `not readable as CSV (${err.code})`;
  }
}

/** Byte offsets where each line starts (after CRLF, LF or a lone CR). */
function lineStartsOf(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) starts.push(i + 1);
  }
  return starts;
}

/**
 * Parse CSV text into records with the line each starts on. A line csv-parse cannot read (an unterminated quote
 * swallows everything after it) is reported in `broken` and parsing starts again on the next line, so no line is
 * ever dropped without a word. Spaces around fields are ignored; blank lines are skipped; a BOM is allowed.
 */
export function parseCsv(text: string): CsvParseResult {
  const bytes = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
  const lineStarts = lineStartsOf(bytes);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  /** Where the next record starts: past blank lines (csv-parse skips them). */
  const skipBlank = (offset: number) => {
    let at = offset;
    while (at < bytes.length && /^[\r\n \t]$/.test(String.fromCharCode(bytes[at]!))) at++;
    return at;
  };
  const result: CsvParseResult = { rows: [], broken: [] };
  let offset = 0;
  while (skipBlank(offset) < bytes.length) {
    const chunkStart = offset;
    let consumed = offset;
    try {
      parse(bytes.subarray(chunkStart), {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
        on_record: ({ record, info }: { record: string[]; info: { bytes: number } }) => {
          if (!record.every((f) => f === '')) result.rows.push({ line: lineAt(skipBlank(consumed)), fields: record });
          consumed = chunkStart + info.bytes;
          return null;
        },
      });
      break;
    } catch (err) {
      const start = skipBlank(consumed);
      const line = lineAt(start);
      result.broken.push({ line, message: brokenMessage(err) });
      offset = line < lineStarts.length ? lineStarts[line]! : bytes.length;
    }
  }
  return result;
}
