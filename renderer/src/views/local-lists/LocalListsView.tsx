import type { IdTagDto, ListResponse, LocalListStateDto } from '../../../../shared/api/types.js';
import { href, useRoute } from '../../app/router.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { desiredEntries, diffLists, diffSize } from './list-diff.js';
import { StationLocalList } from './StationLocalList.js';
import './local-lists.css';

const TAG_LIMIT = 10_000;

/** Local authorization lists per station (`#/local-lists/<station>` opens one): should hold vs confirmed. */
export default function LocalListsView() {
  const api = useApi();
  const route = useRoute();
  const selected = route.params[0];
  const ids = useStations((s) => s.ids);
  const stations = useStations((s) => s.byId);
  const lists = useLiveQuery<ListResponse<LocalListStateDto>>(
    'local-lists',
    () => api.listOperationsState('local-lists') as unknown as Promise<ListResponse<LocalListStateDto>>,
    {
      events: eventsOf(['localList.changed']),
      throttleMs: 500,
    },
  );
  const tags = useLiveQuery<ListResponse<IdTagDto>>('local-lists:id-tags', () => api.listIdTags({ limit: TAG_LIMIT }), {
    events: eventsOf(['idTag.changed']),
    throttleMs: 1000,
  });
  const byId = new Map((lists.data?.items ?? []).map((s) => [s.chargePointId, s]));
  const desired = desiredEntries(tags.data?.items ?? []);
  const allIds = [...new Set([...ids, ...byId.keys()])];

  return (
    <Page title="Local lists" subtitle={tags.data ? `Every station should hold the ${desired.length} id tags of the central system` : undefined}>
      <ErrorBox error={lists.error ?? tags.error} />
      {selected && tags.data ? <StationLocalList key={selected} chargePointId={selected} state={byId.get(selected)} tags={tags.data.items} /> : null}
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
                const diff = diffLists(state?.entries ?? null, desired);
                return (
                  <tr key={id} aria-current={id === selected ? 'true' : undefined}>
                    <td>
                      <a href={href('local-lists', id)} aria-label={`Local list of ${id}`}>
                        {id}
                      </a>
                    </td>
                    <td>{stations[id]?.connected ? 'connected' : 'offline'}</td>
                    <td className="num">{state?.confirmedVersion ?? '—'}</td>
                    <td className="num">{state?.entries ? state.entries.length : '—'}</td>
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
