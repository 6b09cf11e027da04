import type { ListResponse, TransactionDto } from '../../../../shared/api/types.js';
import { href, navigate } from '../../app/router.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
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
      <ListTable
        rows={list.data?.items}
        loading={list.loading}
        error={list.error}
        empty="No transactions match these filters."
        tableLabel="Transactions"
        scrollLabel="Transactions, scrollable"
        rowKey={(tx) => tx.id}
        columns={[
          {
            header: 'Id',
            className: 'num',
            cell: (tx) => (
              <a href={href('transactions', tx.id)} aria-label={`Transaction ${tx.id}`}>
                {tx.id}
              </a>
            ),
          },
          { header: 'Station', cell: (tx) => <a href={href('stations', tx.chargePointId)}>{tx.chargePointId}</a> },
          { header: 'Connector', className: 'num', cell: (tx) => tx.connectorId },
          { header: 'Id tag', className: 'mono', cell: (tx) => tx.idTag },
          { header: 'Started', cell: (tx) => <Time value={tx.startedAt} /> },
          {
            header: 'Duration',
            className: 'num',
            cell: (tx) => formatDuration((tx.stopReceivedAt ? Date.parse(tx.stoppedAt ?? tx.stopReceivedAt) : nowMs) - Date.parse(tx.startedAt)),
          },
          { header: 'Energy', className: 'num', cell: (tx) => <span data-testid="energy">{formatEnergyKWh(tx.energyWh)}</span> },
          { header: 'Power', className: 'num', cell: (tx) => (tx.active ? formatPowerKW(tx.lastPowerW) : '—') },
          { header: 'State', cell: (tx) => <TransactionStateBadge tx={tx} stuck={stuckReason(tx, stations[tx.chargePointId])} /> },
        ]}
      />
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
