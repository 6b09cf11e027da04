import { useCallback, useState } from 'react';
import { useRoute } from '../../app/router.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { filtersFromQuery, toApiQuery, type MessageFilters } from './message-filters.js';
import { MessageFiltersBar } from './MessageFiltersBar.js';
import { MessageInspector } from './MessageInspector.js';
import { MessageTable } from './MessageTable.js';
import { useMessageLog } from './use-message-log.js';
import './message-log.css';

/** Scrolled further than this from the top = reading: new rows are held back so the rows do not move. */
const SCROLL_PAUSE_PX = 40;

/**
 * The raw OCPP traffic (the most asked-for view of a central system): every frame in and out, live, filterable,
 * with the full frame and its request/answer partner, and an NDJSON export of exactly what is filtered.
 */
export default function MessageLogView() {
  const api = useApi();
  const route = useRoute();
  const [filters, setFilters] = useState<MessageFilters>(() => filtersFromQuery(route.query));
  const [userPaused, setUserPaused] = useState(false);
  const [scrolledAway, setScrolledAway] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const paused = userPaused || scrolledAway;
  const log = useMessageLog(filters, paused);
  const selected = log.items.find((m) => m.id === selectedId) ?? null;

  const changeFilters = useCallback((next: MessageFilters) => {
    setFilters(next);
    setSelectedId(null);
  }, []);

  const exportNdjson = async () => {
    const text = await api.exportMessageLogNdjson(toApiQuery(filters));
    downloadFile(`message-log${filters.chargePointId ? `-${filters.chargePointId}` : ''}-${fileStamp()}.ndjson`, text, 'application/x-ndjson');
    toast.success(`Exported ${text ? text.trimEnd().split('\n').length : 0} messages`);
  };

  return (
    <Page
      title="Message log"
      subtitle="Every OCPP-J frame in and out, newest first, live."
      actions={
        <>
          <button type="button" aria-pressed={userPaused} onClick={() => setUserPaused((p) => !p)}>
            {userPaused ? 'Resume live' : 'Pause live'}
          </button>
          <ExportButton label="Export NDJSON" exportFile={exportNdjson} />
        </>
      }
    >
      <section className="panel">
        <MessageFiltersBar value={filters} onChange={changeFilters} />
      </section>
      <ErrorBox error={log.error} />
      <div className="row live-line" role="status" aria-label="Live state">
        {paused ? (
          <>
            <span className="badge tone-warn">Paused{scrolledAway && !userPaused ? ' while you read' : ''}</span>
            {log.pending.length ? (
              <button
                type="button"
                onClick={() => {
                  setUserPaused(false);
                  setScrolledAway(false);
                  log.showPending();
                }}
              >
                Show {log.pending.length} new
              </button>
            ) : null}
          </>
        ) : (
          <span className="badge tone-ok">Live</span>
        )}
        <span className="muted">{log.items.length} shown</span>
      </div>
      <div className="message-layout">
        <div className="message-scroll" onScroll={(e) => setScrolledAway(e.currentTarget.scrollTop > SCROLL_PAUSE_PX)}>
          {log.loading ? (
            <p className="muted">Loading messages…</p>
          ) : log.items.length === 0 ? (
            <Empty>No messages match these filters yet. New ones appear here as stations talk.</Empty>
          ) : (
            <MessageTable items={log.items} selectedId={selectedId} onSelect={(m) => setSelectedId(m.id)} />
          )}
          {log.hasOlder ? (
            <div className="row load-older">
              <button type="button" onClick={log.loadOlder} disabled={log.loadingOlder}>
                {log.loadingOlder ? 'Loading…' : 'Load older'}
              </button>
            </div>
          ) : null}
        </div>
        {selected ? (
          <MessageInspector entry={selected} shown={log.items} onClose={() => setSelectedId(null)} onSelect={(m) => setSelectedId(m.id)} />
        ) : null}
      </div>
    </Page>
  );
}
