import { useState } from 'react';
import type { ListResponse, ReservationDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatDuration, Time } from '../../components/Time.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { CancelReservation, type CancelOutcome } from './CancelReservation.js';
import { ReserveForm } from './ReserveForm.js';
import './reservations.css';

const PAST_LIMIT = 200;

/** Reservations (OCPP 1.6 §3.11): active ones with their countdown and cancel, past ones with how they ended. */
export default function ReservationsView() {
  const api = useApi();
  const nowMs = useNowMs();
  const stations = useStations((s) => s.byId);
  const [cancelled, setCancelled] = useState<CancelOutcome | null>(null);
  // Open ones all (they are few and must never be cut off), past ones the newest PAST_LIMIT.
  const list = useLiveQuery<{ open: ReservationDto[]; past: ReservationDto[] }>(
    'reservations',
    async () => {
      const [openList, pastList] = await Promise.all([
        api.request<ListResponse<ReservationDto>>('GET', '/api/reservations', { query: { status: 'Requested,Active' } }),
        api.request<ListResponse<ReservationDto>>('GET', '/api/reservations', {
          query: { status: 'Used,Expired,Cancelled,Ended,Refused', limit: PAST_LIMIT },
        }),
      ]);
      return { open: openList.items, past: pastList.items };
    },
    { events: eventsOf(['reservation.changed']), throttleMs: 500 },
  );
  const open = list.data?.open ?? [];
  const past = list.data?.past ?? [];

  return (
    <Page title="Reservations">
      <ReserveForm />
      <ErrorBox error={list.error} />
      {!list.data && list.loading ? <div className="muted">Loading…</div> : null}
      <section className="panel" aria-labelledby="active-reservations">
        <h2 id="active-reservations">Active</h2>
        {cancelled ? (
          <div className="reservation-cancel-answer" aria-label="Cancel answer" role="group">
            <span className="muted">Cancel reservation {cancelled.reservationId}:</span>
            <CallAnswer response={cancelled.response} error={cancelled.error} />
          </div>
        ) : null}
        {list.data && open.length === 0 ? <Empty>No active reservation.</Empty> : null}
        {open.length ? (
          <table aria-label="Active reservations">
            <thead>
              <tr>
                <th className="num">Id</th>
                <th>Station</th>
                <th className="num">Connector</th>
                <th>Id tag</th>
                <th>Status</th>
                <th>Expires</th>
                <th>Time left</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {open.map((r) => {
                const leftMs = Date.parse(r.expiryDate) - nowMs;
                return (
                  <tr key={r.id}>
                    <td className="num">{r.id}</td>
                    <td>
                      <a href={href('stations', r.chargePointId)}>{r.chargePointId}</a>
                    </td>
                    <td className="num">{r.connectorId === 0 ? '0 (any)' : r.connectorId}</td>
                    <td className="mono">
                      {r.idTag}
                      {r.parentIdTag ? <span className="muted"> (group {r.parentIdTag})</span> : null}
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td>
                      <Time value={r.expiryDate} />
                    </td>
                    <td aria-label={`Time left for reservation ${r.id}`} className={leftMs < 60_000 ? 'reservation-soon' : undefined}>
                      {leftMs > 0 ? formatDuration(leftMs) : 'expiring…'}
                    </td>
                    <td>
                      <CancelReservation reservation={r} connected={Boolean(stations[r.chargePointId]?.connected)} onAnswer={setCancelled} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="past-reservations">
        <h2 id="past-reservations">Past</h2>
        {list.data && past.length === 0 ? <Empty>No past reservation.</Empty> : null}
        {past.length ? (
          <table aria-label="Past reservations">
            <thead>
              <tr>
                <th className="num">Id</th>
                <th>Station</th>
                <th className="num">Connector</th>
                <th>Id tag</th>
                <th>Status</th>
                <th>Station answer</th>
                <th>Ended</th>
                <th>Expiry</th>
                <th className="num">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {past.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.id}</td>
                  <td>{r.chargePointId}</td>
                  <td className="num">{r.connectorId}</td>
                  <td className="mono">{r.idTag}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{r.stationAnswer ?? '—'}</td>
                  <td>
                    {r.endedReason ?? ''} <Time value={r.updatedAt} />
                  </td>
                  <td>
                    <Time value={r.expiryDate} />
                  </td>
                  <td className="num">{r.transactionId !== null ? <a href={href('transactions', r.transactionId)}>{r.transactionId}</a> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </Page>
  );
}
