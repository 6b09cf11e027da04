import type { SiteEvent } from '../../../../shared/api/types.js';
import { Time } from '../../components/Time.js';
import { ErrorBox } from '../../components/Page.js';

const SEVERITY_TONE: Record<SiteEvent['severity'], string> = { info: 'neutral', warning: 'warn', alert: 'bad' };

/** One site event as a line: when, how serious, what (its sentence). */
export function SiteEventLine({ event }: { event: SiteEvent }) {
  return (
    <li className="site-event">
      <Time value={event.at} /> <span className={`badge tone-${SEVERITY_TONE[event.severity]}`}>{event.severity}</span>{' '}
      <span className="muted">{event.kind}</span> {event.message}
    </li>
  );
}

/** The site's decisions and alerts, newest first, with older ones on demand. */
export function SiteEventsList({
  events,
  loading,
  error,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  events: SiteEvent[] | undefined;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  return (
    <>
      <ErrorBox error={error} />
      {!events ? <p className="muted">{loading ? 'Loading…' : ''}</p> : null}
      {events && events.length === 0 ? <p className="muted">No event yet.</p> : null}
      {events && events.length ? (
        <div className="site-events-scroll" role="region" aria-label="Site event history" tabIndex={0}>
          <ol className="site-events" aria-label="Site events">
            {events.map((event) => (
              <SiteEventLine key={event.id} event={event} />
            ))}
          </ol>
        </div>
      ) : null}
      {hasMore ? (
        <button type="button" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading older events…' : 'Load older events'}
        </button>
      ) : null}
    </>
  );
}
