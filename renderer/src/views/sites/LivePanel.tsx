import { useMemo } from 'react';
import type { SiteDto } from '../../../../shared/api/types.js';
import { ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { TimeSeriesChart } from '../../components/TimeSeriesChart.js';
import { allocationSeries } from './allocation-series.js';
import { SiteEventLine, SiteEventsList } from './SiteEventsList.js';
import { SiteSessionsTable } from './SiteSessionsTable.js';
import { useSiteLive } from './site-live-store.js';
import { useSiteAllocation } from './use-site-allocation.js';
import { useSiteEvents } from './use-site-events.js';

const EMPTY: never[] = [];

/** A server without power sharing answers 404 for the allocation: said once, plainly, with a way to ask again. */
function Unavailable({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="empty site-unavailable" role="status">
      <p>
        <strong>Power sharing is not available from this server.</strong> It stores this site, but does not share its limit among sessions (GET
        /api/sites/…/allocation is not there).
      </p>
      <button type="button" onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}

/**
 * A site live: the limit, the budget, each session's allocation stacked and the measured sum over the last ten
 * minutes; the open alerts first; the sessions with what was sent to each; and the event history.
 */
export function LivePanel({ site }: { site: SiteDto }) {
  const live = useSiteAllocation(site.id);
  const window = useSiteLive((s) => s.windows[site.id] ?? EMPTY);
  const latest = useSiteLive((s) => s.latest[site.id]);
  const history = useSiteEvents(site.id, !live.unavailable);
  const series = useMemo(() => allocationSeries(window), [window]);

  if (live.unavailable) return <Unavailable onRetry={live.retry} />;
  return (
    <div className="site-live">
      {latest?.alerts.length ? (
        <section className="site-alerts" aria-labelledby="site-alerts-title">
          <h3 id="site-alerts-title">Open alerts ({latest.alerts.length})</h3>
          <ul>
            {latest.alerts.map((event) => (
              <SiteEventLine key={event.id} event={event} />
            ))}
          </ul>
        </section>
      ) : null}
      <ErrorBox error={live.error} />
      {latest ? (
        <p className="site-now">
          Now: limit <strong>{latest.limitA} A</strong> per phase, budget <strong>{latest.budgetA} A</strong>, allocated{' '}
          <strong>{latest.allocatedA} A</strong>, measured <strong>{latest.measuredA === null ? '—' : `${latest.measuredA} A`}</strong>
          {latest.measuredW === null ? '' : ` (${Math.round(latest.measuredW)} W)`}{' '}
          <span className="muted">
            · <Time value={latest.at} />
          </span>
        </p>
      ) : (
        <p className="muted">Loading…</p>
      )}
      <TimeSeriesChart label="Site power sharing" series={series} height={280} fromZero />
      <h3>Sessions</h3>
      <SiteSessionsTable sessions={latest?.sessions} />
      <h3>Events</h3>
      <SiteEventsList
        events={history.events}
        loading={history.loading}
        error={history.error}
        hasMore={history.hasMore}
        loadingMore={history.loadingMore}
        onLoadMore={history.loadMore}
      />
    </div>
  );
}
