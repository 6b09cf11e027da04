import { useCallback, useState } from 'react';
import { href, useRoute } from '../../app/router.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { filtersFromQuery, toApiQuery, type MessageFilters } from './message-filters.js';
import { MessageFiltersBar } from './MessageFiltersBar.js';
import { MessageInspector } from './MessageInspector.js';
import { MessageTable } from './MessageTable.js';
import { useMessageLog } from './use-message-log.js';
import './message-log.css';

/**
 * The raw OCPP traffic (the most asked-for view of a central system): every frame in and out, live, filterable,
 * with the full frame and its request/answer partner, and an NDJSON export of exactly what is filtered.
 */
export default function MessageLogView() {
  const api = useApi();
  const route = useRoute();
  const [filters, setFilters] = useState<MessageFilters>(() => filtersFromQuery(route.query));
  const [userPaused, setUserPaused] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const log = useMessageLog(filters, userPaused);
  const { rows, following, heldCount, heldGap } = log.state;
  const selected = rows.find((m) => m.id === selectedId) ?? null;

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
          {filters.chargePointId ? (
            // A replay takes the station's whole log, not only the rows the other filters show (docs/scenarios.md "Replay").
            <a className="button" href={`${href('scenarios', 'replay')}?chargePointId=${encodeURIComponent(filters.chargePointId)}`}>
              Replay this station&apos;s log
            </a>
          ) : null}
        </>
      }
    >
      <section className="panel">
        <MessageFiltersBar value={filters} onChange={changeFilters} />
      </section>
      <div className="message-layout">
        <div className="message-list">
          <MessageTable
            log={log}
            resetKey={JSON.stringify(filters)}
            selectedId={selectedId}
            onSelect={(m) => setSelectedId(m.id)}
            onJumpToNewest={() => {
              setUserPaused(false);
              log.jumpToNewest();
            }}
            status={
              <div className="row" role="status" aria-label="Live state">
                {following ? (
                  <span className="badge tone-ok">Live</span>
                ) : (
                  <span className="badge tone-warn">Paused{userPaused ? '' : ' while you read'}</span>
                )}
                <span className="muted">
                  {rows.length} loaded{heldCount ? `, ${heldCount}${heldGap ? '+' : ''} new` : ''}
                </span>
              </div>
            }
          />
        </div>
        {selected ? (
          <MessageInspector entry={selected} shown={rows} onClose={() => setSelectedId(null)} onSelect={(m) => setSelectedId(m.id)} />
        ) : null}
      </div>
    </Page>
  );
}
