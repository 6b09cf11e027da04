import { useState } from 'react';
import type { ListResponse, ReservationDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ListTable, type Column } from '../../components/ListTable.js';
import { ErrorBox, Page } from '../../components/Page.js';
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

/** The columns both lists start with: which reservation, where, for whom, and its status. */
const reservationColumns: Column<ReservationDto>[] = [
  { header: 'Id', className: 'num', cell: (r) => r.id },
  { header: 'Station', cell: (r) => <a href={href('stations', r.chargePointId)}>{r.chargePointId}</a> },
  { header: 'Connector', className: 'num', cell: (r) => (r.connectorId === 0 ? '0 (any)' : r.connectorId) },
  {
    header: 'Id tag',
    className: 'mono',
    cell: (r) => (
      <>
        {r.idTag}
        {r.parentIdTag ? <span className="muted"> (group {r.parentIdTag})</span> : null}
      </>
    ),
  },
  { header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
];

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
        <ListTable
          rows={list.data?.open}
          empty="No active reservation."
          tableLabel="Active reservations"
          rowKey={(r) => r.id}
          columns={[
            ...reservationColumns,
            { header: 'Expires', cell: (r) => <Time value={r.expiryDate} /> },
            {
              header: 'Time left',
              cellLabel: (r) => `Time left for reservation ${r.id}`,
              cellClassName: (r) => (Date.parse(r.expiryDate) - nowMs < 60_000 ? 'reservation-soon' : undefined),
              cell: (r) => {
                const leftMs = Date.parse(r.expiryDate) - nowMs;
                return leftMs > 0 ? formatDuration(leftMs) : 'expiring…';
              },
            },
            {
              header: 'Actions',
              cell: (r) => <CancelReservation reservation={r} connected={Boolean(stations[r.chargePointId]?.connected)} onAnswer={setCancelled} />,
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="past-reservations">
        <h2 id="past-reservations">Past</h2>
        <ListTable
          rows={list.data?.past}
          empty="No past reservation."
          tableLabel="Past reservations"
          rowKey={(r) => r.id}
          columns={[
            ...reservationColumns,
            { header: 'Station answer', cell: (r) => r.stationAnswer ?? '—' },
            {
              header: 'Ended',
              cell: (r) => (
                <>
                  {r.endedReason ?? ''} <Time value={r.updatedAt} />
                </>
              ),
            },
            { header: 'Expiry', cell: (r) => <Time value={r.expiryDate} /> },
            {
              header: 'Transaction',
              className: 'num',
              cell: (r) => (r.transactionId !== null ? <a href={href('transactions', r.transactionId)}>{r.transactionId}</a> : ''),
            },
          ]}
        />
      </section>
    </Page>
  );
}
