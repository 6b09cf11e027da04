/**
 * What the desktop shell's "save the commissioning report as PDF" needs besides Electron: the request checked (it
 * comes from the console's page, so it is untrusted input), the file name offered, and the report's HTML fetched
 * from the local operator API's own route (GET .../report.html, docs/api.md "Commissioning"), so the PDF shows
 * exactly the page a browser prints. Free of the electron import, so plain Node tests it.
 */
import type { SaveReportPdfRequest } from '../../shared/api/ipc.js';

const FETCH_TIMEOUT_MS = 30_000;

/** The request as the console sent it, or the reason it is refused. */
export function checkSaveReportPdfRequest(raw: unknown): SaveReportPdfRequest | { refused: string } {
  if (typeof raw !== 'object' || raw === null) return { refused: 'The request names no station and run.' };
  const { chargePointId, runId } = raw as Record<string, unknown>;
  if (typeof chargePointId !== 'string' || chargePointId === '' || chargePointId.length > 255)
    return { refused: 'The request names no station (chargePointId).' };
  if (typeof runId !== 'number' || !Number.isSafeInteger(runId) || runId < 1) return { refused: 'The request names no run (runId).' };
  return { chargePointId, runId };
}

/** `commissioning-<station>-run-<id>.pdf`, the station's identity reduced to characters every file system takes. */
export function reportPdfFileName({ chargePointId, runId }: SaveReportPdfRequest): string {
  return `commissioning-${chargePointId.replace(/[^A-Za-z0-9._-]/g, '_')}-run-${runId}.pdf`;
}

/** The report page from the API, or the message to show: an unknown station or run says so in the API's words. */
export async function fetchReportHtml(
  api: { url: string; token: string },
  { chargePointId, runId }: SaveReportPdfRequest,
): Promise<{ html: string } | { failed: string }> {
  const path = `/api/charge-points/${encodeURIComponent(chargePointId)}/commissioning-runs/${runId}/report.html`;
  let response: Response;
  try {
    response = await fetch(`${api.url}${path}`, {
      headers: { Authorization: `Bearer ${api.token}`, Accept: 'text/html' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (err) {
    return { failed: `The report could not be read from the central system: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (response.ok) return { html: await response.text() };
  const text = await response.text();
  let message = `HTTP ${response.status}`;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not the API's JSON error: the status says enough.
  }
  return {
    failed: response.status === 404 ? `No report to save: ${message}.` : `The report could not be read from the central system: ${message}.`,
  };
}
