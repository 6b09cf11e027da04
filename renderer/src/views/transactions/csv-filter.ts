/** Splits one RFC 4180 line (quotes doubled inside quoted fields). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Keeps the header and the rows of one id tag (the CSV route has no id-tag filter). Id tags hold no line breaks
 * (CiString20, §7.28), so rows are lines.
 */
export function filterCsvByIdTag(csv: string, idTag: string): string {
  const lines = csv.split('\r\n');
  const header = fields(lines[0] ?? '');
  const column = header.indexOf('idTag');
  if (column < 0) return csv;
  const wanted = idTag.toUpperCase();
  const kept = lines.slice(1).filter((l) => l && fields(l)[column]?.toUpperCase() === wanted);
  return [lines[0], ...kept].join('\r\n') + '\r\n';
}
