import type { ListResponse, TransactionDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { useState } from 'react';
import { CollapsibleSection, plural } from '../../components/Collapsible.js';
import { ErrorBox, TableScroll } from '../../components/Page.js';
import { formatDuration, Time } from '../../components/Time.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';

const ACTIVE_LIMIT = 500;
/** Rows shown before "Show all": at a depot of 50 the full table pushed the station tiles a screen down. */
const FIRST_ROWS = 5;

function kW(watts: number | null): string {
  return watts === null ? '—' : (watts / 1000).toFixed(2);
}

function kWh(wattHours: number | null): string {
  return wattHours === null ? '—' : (wattHours / 1000).toFixed(2);
}

function RunningFor({ since }: { since: string }) {
  const nowMs = useNowMs();
  return <span>{formatDuration(nowMs - Date.parse(since))}</span>;
}

/** What is charging now, with the power of the last meter value; re-queried at most every 2 s. */
export function ActiveSessions() {
  const api = useApi();
  const query = useLiveQuery<ListResponse<TransactionDto>>(
    'overview:active-transactions',
    () => api.listTransactions({ active: true, limit: ACTIVE_LIMIT }),
    {
      events: eventsOf(['transaction.started', 'transaction.stopped', 'transaction.meter']),
      throttleMs: 2000,
    },
  );
  const items = query.data?.items ?? [];
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? items : items.slice(0, FIRST_ROWS);
  const totalPowerW = items.reduce((sum, t) => sum + (t.lastPowerW ?? 0), 0);
  return (
    <CollapsibleSection
      id="overview-sessions"
      title={
        <>
          Active sessions <span className="count tone-active">{items.length}</span>
          {items.length ? <span className="muted sessions-total"> · {kW(totalPowerW)} kW now</span> : null}
        </>
      }
    >
      <ErrorBox error={query.error} />
      {query.data === undefined && query.loading ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">Nothing is charging.</p>
      ) : (
        <>
          <TableScroll label="Active sessions, scrollable">
            <table aria-label="Active sessions">
              <thead>
                <tr>
                  <th>Station</th>
                  <th className="num">Connector</th>
                  <th className="num">Transaction</th>
                  <th>Id tag</th>
                  <th>Started</th>
                  <th>Running for</th>
                  <th className="num">Energy (kWh)</th>
                  <th className="num">Power now (kW)</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <a href={href('stations', t.chargePointId)}>{t.chargePointId}</a>
                    </td>
                    <td className="num">{t.connectorId}</td>
                    <td className="num">
                      {t.id}
                      {t.unconfirmed ? (
                        <>
                          {' '}
                          <span
                            className="badge tone-warn"
                            title="Its station has been unheard for longer than the unconfirmed limit: it may be over"
                          >
                            unconfirmed
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="mono">{t.idTag}</td>
                    <td>
                      <Time value={t.startedAt} />
                    </td>
                    <td>
                      <RunningFor since={t.startedAt} />
                    </td>
                    <td className="num">{kWh(t.energyWh)}</td>
                    <td className="num">{kW(t.lastPowerW)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {items.length > FIRST_ROWS ? (
            <div className="row sessions-more">
              <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${plural(items.length, 'session')}`}
              </button>
              <a href={`${href('transactions')}?state=active`}>In Transactions</a>
            </div>
          ) : null}
        </>
      )}
    </CollapsibleSection>
  );
}
