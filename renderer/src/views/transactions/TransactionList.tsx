import type { ListResponse, TransactionDto } from '../../../../shared/api/types.js';
import { href, navigate } from '../../app/router.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { formatDuration, Time } from '../../components/Time.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { filterCsvByIdTag } from './csv-filter.js';
import { apiQuery, filtersToHash, PAGE_SIZE, type TransactionFilters } from './filters.js';
import { formatEnergyKWh, formatPowerKW } from './meter-series.js';
import { TransactionFiltersBar } from './TransactionFiltersBar.js';
import { stuckReason, TransactionStateBadge } from './TransactionState.js';

const TX_EVENTS = eventsOf(['transaction.started', 'transaction.stopped', 'transaction.meter', 'anomaly.recorded']);

/** Transactions, newest first: live energy, power and duration of the running ones; stuck ones flagged. */
export function TransactionList({ filters }: { filters: TransactionFilters }) {
  const api = useApi();
  const stations = useStations((s) => s.byId);
  const nowMs = useNowMs();
  const q = apiQuery(filters);
  const key = `transactions:${JSON.stringify(q)}:${filters.idTag}`;
  const list = useLiveQuery<ListResponse<TransactionDto>>(
    key,
    () => (filters.idTag ? api.listIdTagTransactions(filters.idTag, q) : api.listTransactions(q)),
    // Meter values of a thousand stations arrive all the time: one re-query per second at most. "Unconfirmed"
    // follows a station's silence, which sends no event: a slow poll catches it.
    { events: TX_EVENTS, throttleMs: 1000, pollMs: 30_000 },
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? items.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const exportCsv = async () => {
    let csv = await api.exportTransactionsCsv(apiQuery(filters, false));
    if (filters.idTag) csv = filterCsvByIdTag(csv, filters.idTag);
    downloadFile(`transactions-${fileStamp()}.csv`, csv, 'text/csv;charset=utf-8');
  };

  return (
    <Page
      title="Transactions"
      subtitle={list.data ? `${total} transaction${total === 1 ? '' : 's'}` : undefined}
      actions={<ExportButton label="Export CSV" exportFile={exportCsv} />}
    >
      <TransactionFiltersBar key={filtersToHash(filters)} value={filters} onApply={(next) => navigate(filtersToHash(next))} />
      <ErrorBox error={list.error} />
      {!list.data && list.loading ? <div className="muted">Loading…</div> : null}
      {list.data && items.length === 0 ? <Empty>No transactions match these filters.</Empty> : null}
      {items.length ? (
        <TableScroll label="Transactions, scrollable">
          <table aria-label="Transactions">
            <thead>
              <tr>
                <th className="num">Id</th>
                <th>Station</th>
                <th className="num">Connector</th>
                <th>Id tag</th>
                <th>Started</th>
                <th className="num">Duration</th>
                <th className="num">Energy</th>
                <th className="num">Power</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tx) => {
                const endMs = tx.stopReceivedAt ? Date.parse(tx.stoppedAt ?? tx.stopReceivedAt) : nowMs;
                return (
                  <tr key={tx.id}>
                    <td className="num">
                      <a href={href('transactions', tx.id)} aria-label={`Transaction ${tx.id}`}>
                        {tx.id}
                      </a>
                    </td>
                    <td>
                      <a href={href('stations', tx.chargePointId)}>{tx.chargePointId}</a>
                    </td>
                    <td className="num">{tx.connectorId}</td>
                    <td className="mono">{tx.idTag}</td>
                    <td>
                      <Time value={tx.startedAt} />
                    </td>
                    <td className="num">{formatDuration(endMs - Date.parse(tx.startedAt))}</td>
                    <td className="num" data-testid="energy">
                      {formatEnergyKWh(tx.energyWh)}
                    </td>
                    <td className="num">{tx.active ? formatPowerKW(tx.lastPowerW) : '—'}</td>
                    <td>
                      <TransactionStateBadge tx={tx} stuck={stuckReason(tx, stations[tx.chargePointId])} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {total > PAGE_SIZE ? (
        <nav className="row tx-pager" aria-label="Pages">
          <button type="button" disabled={filters.page === 0} onClick={() => navigate(filtersToHash({ ...filters, page: filters.page - 1 }))}>
            Newer
          </button>
          <span>
            Page {filters.page + 1} of {pages}
          </span>
          <button type="button" disabled={filters.page + 1 >= pages} onClick={() => navigate(filtersToHash({ ...filters, page: filters.page + 1 }))}>
            Older
          </button>
        </nav>
      ) : null}
    </Page>
  );
}
