/**
 * The replay form's choices and what they become in the request (docs/api.md "Scenarios and replays":
 * POST /api/simulators/replays), checked before sending with the limits the server applies.
 */
import type { ReplayRequest } from '../../../../shared/api/scenario.js';

/** The server refuses a body over 1 MiB; larger exports replay with `npm run simulate -- --replay`. */
export const MAX_EXPORT_BYTES = 1024 * 1024;
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;
/** ReplayBody.identity: the last URL segment (OCPP-J §3.1.1). */
const IDENTITY = /^[A-Za-z0-9._-]{1,48}$/;

export type Pace = 'original' | 'factor' | 'max';

export interface ReplayDraft {
  /** The export's text and where it came from (a file name, or the message log of a station). */
  ndjson: string;
  source: string;
  pace: Pace;
  /** As typed; used when pace is `factor`. */
  speed: string;
  identity: string;
}

export const EMPTY_REPLAY: ReplayDraft = { ndjson: '', source: '', pace: 'original', speed: '10', identity: '' };

/** What a glance at the export tells before it is sent: its frames and the stations they are of. */
export function exportSummary(ndjson: string): { lines: number; stations: string[] } {
  const stations = new Set<string>();
  let lines = 0;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    try {
      const entry = JSON.parse(line) as { chargePointId?: unknown };
      if (typeof entry.chargePointId === 'string') stations.add(entry.chargePointId);
    } catch {
      // The server names unreadable lines; this is only a summary.
    }
  }
  return { lines, stations: [...stations] };
}

/** Problems by the request's field names, so the server's 422 lands at the same fields. */
export function checkReplay(d: ReplayDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.ndjson.trim()) problems.ndjson = "Choose a message-log export (NDJSON, as the Message log's Export NDJSON saves it).";
  else if (new TextEncoder().encode(d.ndjson).length > MAX_EXPORT_BYTES)
    problems.ndjson = 'Larger than 1 MiB: replay it with npm run simulate -- --replay (docs/scenarios.md).';
  if (d.pace === 'factor') {
    const speed = Number(d.speed);
    if (d.speed.trim() === '' || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED)
      problems.speed = `A number from ${MIN_SPEED} to ${MAX_SPEED} (10 = ten times faster than recorded).`;
  }
  if (d.identity !== '' && !IDENTITY.test(d.identity)) problems.identity = '1 to 48 characters: letters, digits, . _ -';
  return problems;
}

export function replayRequestOf(d: ReplayDraft): ReplayRequest {
  return {
    ndjson: d.ndjson,
    ...(d.pace === 'max' ? { asFastAsPossible: true } : d.pace === 'factor' ? { speed: Number(d.speed) } : {}),
    ...(d.identity !== '' ? { identity: d.identity } : {}),
  };
}
