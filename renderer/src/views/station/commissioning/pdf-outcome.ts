/** The outcome of the desktop shell's "Save as PDF" (shared/api/ipc.ts) in words; no DOM needed, so unit-tested. */
import type { SaveReportPdfOutcome } from '../../../../../shared/api/ipc.js';

/** "12.4 kB" for the size of a saved file. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What the desktop shell said about "Save as PDF" (shared/api/ipc.ts), in words. */
export function pdfOutcomeText(outcome: SaveReportPdfOutcome): string {
  switch (outcome.kind) {
    case 'saved':
      return `Saved ${outcome.path} (${formatBytes(outcome.bytes)}).`;
    case 'cancelled':
      return 'Cancelled: nothing was saved.';
    case 'failed':
      return `Not saved: ${outcome.message}`;
  }
}
