import { useEffect, useState } from 'react';
import { ApiRequestError } from '../../../../shared/api/errors.js';
import { errorMessage } from '../../components/error-message.js';
import { useApi } from '../../store/connection.js';
import { onEventBatch } from '../../store/event-bus.js';
import { createThrottledRunner } from '../../store/throttled-runner.js';
import { isAllocationEvent } from './site-events.js';
import { useSiteLive } from './site-live-store.js';

/** How often the open live panel asks for the allocation. */
export const ALLOCATION_POLL_MS = 2000;
/** However many `site.allocation` events arrive, at most one extra request per this many ms. */
const EVENT_THROTTLE_MS = 500;

export interface SiteAllocationState {
  /** The server answers 404 for the allocation: it does not share site limits (no error loop, no more polling). */
  unavailable: boolean;
  error: string | null;
  /** Ask again (after "not available", or to refresh now). */
  retry: () => void;
}

/**
 * Keeps the site's rolling window (site-live-store) filled while the panel is open: GET
 * /api/sites/{siteId}/allocation every 2 s and on each `site.allocation` event of the site.
 */
export function useSiteAllocation(siteId: string): SiteAllocationState {
  const api = useApi();
  const add = useSiteLive((s) => s.add);
  const [attempt, setAttempt] = useState(0);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const runner = createThrottledRunner(async () => {
      try {
        const allocation = await api.getSiteAllocation(siteId);
        if (stopped) return;
        add(allocation);
        setUnavailable(false);
        setError(null);
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiRequestError && err.status === 404) {
          setUnavailable(true);
          stop();
        } else setError(errorMessage(err));
      }
    }, EVENT_THROTTLE_MS);
    const poll = setInterval(runner.schedule, ALLOCATION_POLL_MS);
    const off = onEventBatch((batch) => {
      if (batch.some((event) => isAllocationEvent(event, siteId))) runner.schedule();
    });
    function stop() {
      stopped = true;
      runner.stop();
      clearInterval(poll);
      off();
    }
    runner.run();
    return stop;
  }, [api, add, siteId, attempt]);

  return { unavailable, error, retry: () => setAttempt((n) => n + 1) };
}
