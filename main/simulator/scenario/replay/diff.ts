/**
 * Compares the central system's answer on replay with the recorded one (docs/scenarios.md "Replay"). Fields that
 * differ by nature are not differences: the message id (never compared), `currentTime` (BootNotification.conf,
 * Heartbeat.conf: the central system's clock), and a StartTransaction.conf `transactionId`, which is new on replay
 * and mapped to the recorded one instead (only its presence is compared).
 */
import type { ReplayDifference } from '../../../../shared/api/scenario.js';
import type { RecordedAnswer } from './export-file.js';

export interface FieldDifference {
  path: string;
  original: unknown;
  replayed: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Every leaf that differs between two JSON values; `ignore(path)` skips a field (both present or not). */
export function fieldDifferences(
  original: unknown,
  replayed: unknown,
  ignore: (path: string) => boolean = () => false,
  path = '',
): FieldDifference[] {
  if (path && ignore(path) && original !== undefined && replayed !== undefined) return [];
  if (isObject(original) && isObject(replayed)) {
    const keys = [...new Set([...Object.keys(original), ...Object.keys(replayed)])];
    return keys.flatMap((k) => fieldDifferences(original[k], replayed[k], ignore, join(path, k)));
  }
  if (Array.isArray(original) && Array.isArray(replayed)) {
    const length = Math.max(original.length, replayed.length);
    return Array.from({ length }, (_, i) => fieldDifferences(original[i], replayed[i], ignore, join(path, i))).flat();
  }
  return Object.is(original, replayed) ? [] : [{ path, original, replayed }];
}

/** The fields of an action's answer that differ by nature. */
export function naturallyDifferent(action: string): (path: string) => boolean {
  return (path) => path === 'currentTime' || (action === 'StartTransaction' && path === 'transactionId');
}

const kindWords = (a: RecordedAnswer | null) => (a === null ? 'no answer' : a.kind === 'result' ? 'a CALLRESULT' : `CALLERROR ${a.code}`);

/** The differences between the recorded answer to one CALL and the one given on replay. */
export function answerDifferences(
  exchange: number | null,
  action: string,
  original: RecordedAnswer | null,
  replayed: RecordedAnswer | null,
): ReplayDifference[] {
  const at = (path: string, o: unknown, r: unknown, message: string): ReplayDifference => ({
    exchange,
    action,
    path,
    original: o,
    replayed: r,
    message,
  });
  if (original === null && replayed === null) return [];
  if (original === null || replayed === null || original.kind !== replayed.kind) {
    const view = (a: RecordedAnswer | null) => (a === null ? null : a.kind === 'result' ? a.payload : { errorCode: a.code });
    return [at('', view(original), view(replayed), `recorded ${kindWords(original)}, replayed ${kindWords(replayed)}`)];
  }
  if (original.kind === 'error' && replayed.kind === 'error')
    return original.code === replayed.code
      ? []
      : [at('errorCode', original.code, replayed.code, `recorded CALLERROR ${original.code}, replayed ${replayed.code}`)];
  if (original.kind !== 'result' || replayed.kind !== 'result') return [];
  return fieldDifferences(original.payload, replayed.payload, naturallyDifferent(action)).map((d) =>
    at(d.path, d.original, d.replayed, d.replayed === undefined ? 'missing on replay' : d.original === undefined ? 'only on replay' : 'differs'),
  );
}
