import type { IdTagDto, ListResponse, LocalListSummaryDto } from '../../../../shared/api/types.js';
import { diffSize } from '../../../../shared/local-lists/diff.js';
import { href, useRoute } from '../../app/router.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { StationLocalList } from './StationLocalList.js';
import './local-lists.css';

const TAG_LIMIT = 10_000;

/**
 * Local authorization lists per station (`#/local-lists/<station>` opens one): should hold vs confirmed. The table
 * shows each station's list as the central system sums it up (entries held, the difference to every id tag), so a
 * depot of thousands of stations does not send every entry here; the open station's panel reads its own entries.
 */
export default function LocalListsView() {
  const api = useApi();
  const route = useRoute();
  const selected = route.params[0];
  const ids = useStations((s) => s.ids);
  const stations = useStations((s) => s.byId);
  // A tag's change moves every station's difference, so the summary is read again then too.
  const lists = useLiveQuery<ListResponse<LocalListSummaryDto>>('local-lists', () => api.listLocalLists(), {
    events: eventsOf(['localList.changed', 'idTag.changed']),
    throttleMs: 500,
  });
  const tags = useLiveQuery<ListResponse<IdTagDto>>('local-lists:id-tags', () => api.listIdTags({ limit: TAG_LIMIT }), {
    events: eventsOf(['idTag.changed']),
    throttleMs: 1000,
  });
  const byId = new Map((lists.data?.items ?? []).map((s) => [s.chargePointId, s]));
  const allIds = [...new Set([...ids, ...byId.keys()])];

  return (
    <Page
      title="Local lists"
      subtitle={tags.data ? `Every station should hold the ${tags.data.items.length} id tags of the central system` : undefined}
    >
      <ErrorBox error={lists.error ?? tags.error} />
      {selected && tags.data ? <StationLocalList key={selected} chargePointId={selected} tags={tags.data.items} /> : null}
      {!lists.data && lists.loading ? <div className="muted">Loading…</div> : null}
      {lists.data && allIds.length === 0 ? <Empty>No stations yet.</Empty> : null}
      {allIds.length ? (
        <TableScroll label="Local lists by station, scrollable">
          <table aria-label="Local lists by station">
            <thead>
              <tr>
                <th>Station</th>
                <th>Connection</th>
                <th className="num">Confirmed version</th>
                <th className="num">Held entries</th>
                <th>Difference</th>
                <th>Last update</th>
              </tr>
            </thead>
            <tbody>
              {allIds.map((id) => {
                const state = byId.get(id);
                const diff = state?.difference ?? null;
                return (
                  <tr key={id} aria-current={id === selected ? 'true' : undefined}>
                    <td>
                      <a href={href('local-lists', id)} aria-label={`Local list of ${id}`}>
                        {id}
                      </a>
                    </td>
                    <td>{stations[id]?.connected ? 'connected' : 'offline'}</td>
                    <td className="num">{state?.confirmedVersion ?? '—'}</td>
                    <td className="num">{state?.entryCount ?? '—'}</td>
                    <td>
                      {diff ? (
                        diffSize(diff) ? (
                          <span className="badge tone-warn">{diffSize(diff)} to change</span>
                        ) : (
                          <span className="badge tone-ok">in sync</span>
                        )
                      ) : (
                        <span className="muted">unknown</span>
                      )}
                    </td>
                    <td>{state?.lastUpdateType ? `${state.lastUpdateType}: ${state.lastStatus ?? '—'}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </Page>
  );
}
