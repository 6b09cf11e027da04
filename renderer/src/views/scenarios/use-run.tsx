import type { SimulationRunStatus } from '../../../../shared/api/scenario.js';
import { useLiveCache, useLiveQuery, type LiveQuery } from '../../store/live-query.js';

/** How often a running run is read: the server sends no event for a run's progress. */
const POLL_MS = 1000;

/**
 * A scenario run or replay read by its id every POLL_MS while it runs, then once more when it has ended, and no
 * more: an ended run does not change (docs/api.md "Scenarios and replays"); nor after a failed read (a run the
 * central system forgot, after a restart), which the operator retries by opening it again.
 */
export function useRun<T extends { status: SimulationRunStatus }>(key: string, fetcher: () => Promise<T>): LiveQuery<T> {
  const cached = useLiveCache((s) => s.entries[key]);
  const running = (cached?.data as T | undefined)?.status === 'running';
  const polling = running && !cached?.error;
  return useLiveQuery<T>(key, fetcher, { throttleMs: 250, ...(polling ? { pollMs: POLL_MS } : {}) });
}

export const STATUS_WORDS: Record<SimulationRunStatus, string> = { running: 'Running', passed: 'Passed', failed: 'Failed' };
const STATUS_TONES: Record<SimulationRunStatus, string> = { running: 'info', passed: 'ok', failed: 'bad' };

export function RunStatusBadge({ status, words = STATUS_WORDS }: { status: SimulationRunStatus; words?: Record<SimulationRunStatus, string> }) {
  return <span className={`badge tone-${STATUS_TONES[status]}`}>{words[status]}</span>;
}

export function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div style={{ width: `${total ? Math.min(100, (done / total) * 100) : 0}%` }} />
    </div>
  );
}
