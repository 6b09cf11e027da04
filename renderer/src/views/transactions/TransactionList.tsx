import { useMemo, useState } from 'react';
import type { TransactionDto, TransactionPage, TransactionQuery } from '../../../../shared/api/types.js';
import { href, navigate } from '../../app/router.js';
import type { Column } from '../../components/ListTable.js';
import { countText } from '../../components/count.js';
import { Page } from '../../components/Page.js';
import { formatDuration, Time } from '../../components/Time.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { usePagedRows, type PageAnswer, type PagedRowsSource } from '../../components/use-paged-rows.js';
import { VirtualTable } from '../../components/VirtualTable.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useStations } from '../../store/stations.js';
import { filterCsvByIdTag } from './csv-filter.js';
import { apiQuery, filtersToHash, type TransactionFilters } from './filters.js';
import { formatEnergyKWh, formatPowerKW } from './meter-series.js';
import { TransactionFiltersBar } from './TransactionFiltersBar.js';
import { stuckReason, TransactionStateBadge } from './TransactionState.js';

const TX_EVENTS = eventsOf(['transaction.started', 'transaction.stopped', 'transaction.meter', 'anomaly.recorded']);
/** Rows per page (the first one is also what the live refresh fetches again). */
const PAGE_SIZE = 100;
/** A row with its state badges on one line; rows are measured once drawn. */
const ROW_PX = 37;
/** Rows kept while following the top, and new ones held back while reading further down. */
const MAX_ROWS = 5000;
const MAX_HELD = 1000;
/** Rows in view further down are refreshed by one page starting a little above them. */
const REFRESH_MARGIN_ROWS = 20;

const idOf = (tx: TransactionDto) => tx.id;
/**
 * The transactions API pages by id (`beforeId`, docs/api.md): the page after some rows holds the transactions older
 * than the last of them, so each page costs the same however deep, and new transactions on top shift nothing.
 */
const cursorAfter = (rows: TransactionDto[]) => rows.at(-1)?.id ?? 0;

function pageOf(list: TransactionPage): PageAnswer<TransactionDto, number> {
  return { rows: list.items, nextCursor: list.nextBeforeId, total: list.total };
}

/**
 * Transactions, newest first, older pages loaded as the table scrolls: live energy, power and duration of the
 * running ones; stuck ones flagged.
 */
export function TransactionList({ filters }: { filters: TransactionFilters }) {
  const api = useApi();
  const stations = useStations((s) => s.byId);
  const nowMs = useNowMs();
  const key = filtersToHash(filters);
  const [capped, setCapped] = useState(false);
  const source = useMemo((): PagedRowsSource<TransactionDto, number> => {
    const q: TransactionQuery = apiQuery(filters);
    const fetchBefore = (beforeId?: number) =>
      (filters.idTag
        ? api.listIdTagTransactions(filters.idTag, { ...q, limit: PAGE_SIZE, beforeId })
        : api.listTransactions({ ...q, limit: PAGE_SIZE, beforeId })
      ).then((list) => {
        // The API counts at most 10,000 matches (docs/api.md): above that the total is a floor, not the size.
        if (beforeId === undefined) setCapped(list.totalCapped === true);
        return pageOf(list);
      });
    return {
      key,
      idOf,
      cursorAfter,
      maxRows: MAX_ROWS,
      maxHeld: MAX_HELD,
      // Meter values of a thousand stations arrive all the time: one re-query per second at most. "Unconfirmed"
      // follows a station's silence, which sends no event: a slow poll catches it.
      events: TX_EVENTS,
      throttleMs: 1000,
      pollMs: 30_000,
      first: () => fetchBefore(),
      older: fetchBefore,
      // The first page again: new transactions on top, fresh energy and state of the ones it holds; and, when the
      // user reads further down, the rows in view too (the page older than a row a little above them).
      live: async (state, visible) => {
        const above = state.rows[visible.first - REFRESH_MARGIN_ROWS];
        const below = visible.last >= PAGE_SIZE ? fetchBefore(above ? above.id : undefined) : null;
        const [page, window] = await Promise.all([fetchBefore(), below]);
        return { type: 'head', rows: page.rows, complete: page.nextCursor === null, total: page.total, refreshed: window?.rows };
      },
    };
    // `key` is these filters as a string (the filters object is parsed anew on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  const list = usePagedRows(source);
  const { state } = list;
  const total = state.total ?? state.rows.length;

  const columns: Column<TransactionDto>[] = [
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
  ];

  const exportCsv = async () => {
    let csv = await api.exportTransactionsCsv(apiQuery(filters));
    if (filters.idTag) csv = filterCsvByIdTag(csv, filters.idTag);
    downloadFile(`transactions-${fileStamp()}.csv`, csv, 'text/csv;charset=utf-8');
  };

  return (
    <Page
      title="Transactions"
      subtitle={state.loading ? undefined : `${countText(total, capped)} transaction${total === 1 ? '' : 's'}`}
      actions={<ExportButton label="Export CSV" exportFile={exportCsv} />}
    >
      <TransactionFiltersBar key={filtersToHash(filters)} value={filters} onApply={(next) => navigate(filtersToHash(next))} />
      <VirtualTable
        rows={state.loading ? undefined : state.rows}
        loading={state.loading}
        error={state.error}
        empty="No transactions match these filters."
        columns={columns}
        rowKey={idOf}
        tableLabel="Transactions"
        scrollLabel="Transactions, scrollable"
        estimateRowPx={ROW_PX}
        totalRows={capped ? null : state.total}
        hasOlder={state.nextCursor !== null}
        loadingOlder={state.loadingOlder}
        olderError={state.olderError}
        onLoadOlder={list.loadOlder}
        onRetryOlder={list.retryOlder}
        newCount={state.heldCount}
        newCountMore={state.heldGap}
        onJumpToNewest={list.jumpToNewest}
        onAtTopChange={list.setAtTop}
        onRangeChange={list.setVisibleRange}
        resetKey={key}
        status={<span className="muted">Newest first</span>}
      />
    </Page>
  );
}
