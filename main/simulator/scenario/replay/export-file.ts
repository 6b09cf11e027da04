/**
 * Reads a station's message-log export (docs/api.md "Message log": `GET /api/message-log.ndjson`, one JSON object
 * per frame with `at`, `chargePointId`, `direction` in/out, `frame`) into what a replay needs: the CALLs the station
 * sent, each with the central system's recorded answer, and the central system's CALLs with the station's answers.
 * Frames that are not OCPP-J CALLs or answers (an unreadable frame, a late answer) are left out of the replay.
 */
import { parseFrame, type JsonObject } from '../../../../shared/ocpp/rpc-frames.js';
import { isJsonObject } from '../schema-walk.js';

export type RecordedAnswer =
  { kind: 'result'; payload: JsonObject; frame: string } | { kind: 'error'; code: string; description: string; frame: string };

export interface RecordedCall {
  action: string;
  payload: JsonObject;
  at: string;
  atMs: number;
  frame: string;
  answer: RecordedAnswer | null;
}

export interface Recording {
  station: string;
  startMs: number;
  /** The station's CALLs, in the order it sent them. */
  stationCalls: RecordedCall[];
  /** The central system's CALLs, with the station's answers. */
  csmsCalls: RecordedCall[];
}

export type ExportRead = { ok: true; recording: Recording } | { ok: false; problems: string[] };

interface Entry {
  id: number;
  atMs: number;
  at: string;
  chargePointId: string;
  direction: 'in' | 'out';
  frame: string;
}

/** Most problems listed for a bad export (the rest are counted). */
const MAX_PROBLEMS = 20;

function entryProblem(value: unknown): string | null {
  if (!isJsonObject(value)) return 'is not a JSON object';
  if (typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at))) return '"at" must be a date-time';
  if (typeof value.chargePointId !== 'string' || !value.chargePointId) return '"chargePointId" must be a station id';
  if (value.direction !== 'in' && value.direction !== 'out') return '"direction" must be "in" or "out"';
  if (typeof value.frame !== 'string') return '"frame" must be the frame as text';
  return null;
}

/** Read the export's lines (parsed objects); `lineNumbers` names them in problems. */
export function recordingFromEntries(values: readonly unknown[], lineNumbers: readonly number[] = values.map((_, i) => i + 1)): ExportRead {
  const problems: string[] = [];
  const entries: Entry[] = [];
  values.forEach((value, i) => {
    const problem = entryProblem(value);
    if (problem) return void problems.push(`line ${lineNumbers[i]}: ${problem}`);
    const v = value as Record<string, unknown>;
    const at = v.at as string;
    entries.push({
      id: typeof v.id === 'number' ? v.id : i,
      atMs: Date.parse(at),
      at,
      chargePointId: v.chargePointId as string,
      direction: v.direction as Entry['direction'],
      frame: v.frame as string,
    });
  });
  if (problems.length > MAX_PROBLEMS) problems.splice(MAX_PROBLEMS, problems.length, `… and ${problems.length - MAX_PROBLEMS} more`);
  if (problems.length) return { ok: false, problems };
  const stations = [...new Set(entries.map((e) => e.chargePointId))];
  if (stations.length === 0) return { ok: false, problems: ['the export holds no frame'] };
  if (stations.length > 1)
    return {
      ok: false,
      problems: [`the export holds ${stations.length} stations (${stations.slice(0, 5).join(', ')}): export one station (chargePointId=…)`],
    };
  // In time order; the export is in id order, where an answer to a central-system CALL sits next to its CALL.
  entries.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  const stationCalls: RecordedCall[] = [];
  const csmsCalls: RecordedCall[] = [];
  const open = new Map<string, RecordedCall>();
  for (const e of entries) {
    const p = parseFrame(e.frame);
    if (p.kind === 'call') {
      const call: RecordedCall = { action: p.action, payload: p.payload, at: e.at, atMs: e.atMs, frame: e.frame, answer: null };
      (e.direction === 'in' ? stationCalls : csmsCalls).push(call);
      open.set(`${e.direction}\n${p.messageId}`, call);
    } else if (p.kind === 'result' || p.kind === 'error') {
      const key = `${e.direction === 'in' ? 'out' : 'in'}\n${p.messageId}`;
      const call = open.get(key);
      if (!call) continue;
      open.delete(key);
      call.answer =
        p.kind === 'result'
          ? { kind: 'result', payload: p.payload, frame: e.frame }
          : { kind: 'error', code: p.errorCode, description: p.errorDescription, frame: e.frame };
    }
  }
  if (!stationCalls.length) return { ok: false, problems: [`the export holds no CALL sent by ${stations[0]}`] };
  return { ok: true, recording: { station: stations[0]!, startMs: entries[0]!.atMs, stationCalls, csmsCalls } };
}

/** Read the export's text: one JSON object per line (blank lines are skipped). */
export function parseExport(text: string): ExportRead {
  const values: unknown[] = [];
  const lineNumbers: number[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      values.push(JSON.parse(line));
      lineNumbers.push(i + 1);
    } catch {
      problems.push(`line ${i + 1}: is not JSON`);
    }
  });
  if (problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return recordingFromEntries(values, lineNumbers);
}
