/** 1536 → "1.5 KiB": file sizes as people read them (exact bytes on hover where shown). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[i]}`;
}

/** Whole number ≥ 0 from an optional text field: undefined when empty, NaN when not a whole number. */
export function optionalCount(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : Number.NaN;
}
