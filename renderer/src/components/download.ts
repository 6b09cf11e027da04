/**
 * Saves text or bytes the console fetched through the API (with its token, over HTTP or IPC) as a file: a blob URL
 * and a download link, so exports need no token in a URL.
 */
export function downloadFile(filename: string, content: string | Uint8Array, type = 'text/plain;charset=utf-8'): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The moment of an export for its file name, without characters file systems refuse: `2026-05-04T101530`. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '');
}
