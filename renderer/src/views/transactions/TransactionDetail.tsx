import { useState } from 'react';
import type { MeterValueDto, TransactionDetailDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ErrorBox, Page } from '../../components/Page.js';
import { Age, formatDuration, Time } from '../../components/Time.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { AnomalyList } from './AnomalyList.js';
import { CloseTransaction } from './CloseTransaction.js';
import { MeterCharts } from './MeterCharts.js';
import { MeterValuesTable } from './MeterValuesTable.js';
import { formatEnergyKWh, formatPowerKW } from './meter-series.js';
import { StopTransaction } from './StopTransaction.js';
import { stuckReason, TransactionStateBadge } from './TransactionState.js';

interface DetailData {
  tx: TransactionDetailDto;
  unassigned: MeterValueDto[];
}

/** One transaction: figures, stop / operator close, charts of its meter values (live while it runs). */
export function TransactionDetail({ id }: { id: number }) {
  const api = useApi();
  const nowMs = useNowMs();
  const stations = useStations((s) => s.byId);
  const detail = useLiveQuery<DetailData>(
    `transaction:${id}`,
    async () => {
      const [tx, unassigned] = await Promise.all([api.getTransaction(id), api.unassignedMeterValues(id).catch(() => ({ items: [] }))]);
      return { tx, unassigned: unassigned.items };
    },
    // Events of any station match here (the id is only known after the first answer); throttled to one per second.
    { events: eventsOf(['transaction.meter', 'transaction.stopped', 'anomaly.recorded']), throttleMs: 1000, pollMs: 30_000 },
  );
  const tx = detail.data?.tx;
  const station = tx ? stations[tx.chargePointId] : undefined;
  const stuck = tx ? stuckReason(tx, station) : null;
  // The stop panel stays once the operator asked for a stop, so the station's answer is read even if it ends first.
  const [stopAskedFor, setStopAskedFor] = useState<number | null>(null);

  return (
    <Page
      title={`Transaction ${id}`}
      subtitle={
        <a href={href('transactions')} className="muted">
          ← All transactions
        </a>
      }
    >
      <ErrorBox error={detail.error} />
      {!tx && detail.loading ? <div className="muted">Loading…</div> : null}
      {tx ? (
        <>
          <section className="panel" aria-label="Summary">
            <dl className="tx-facts">
              <dt>State</dt>
              <dd>
                <TransactionStateBadge tx={tx} stuck={stuck} />
              </dd>
              <dt>Station</dt>
              <dd>
                <a href={href('stations', tx.chargePointId)}>{tx.chargePointId}</a> connector {tx.connectorId}
                {station ? (station.connected ? '' : ' (offline)') : ' (deleted)'}
              </dd>
              <dt>Id tag</dt>
              <dd className="mono">
                {tx.idTag} <span className="muted">({tx.startStatus})</span>
              </dd>
              {tx.startNote ? (
                <>
                  <dt>{tx.startStatus === 'Accepted' ? 'At its start' : 'Why refused'}</dt>
                  <dd aria-label="Start note">{tx.startNote}</dd>
                </>
              ) : null}
              {tx.unconfirmed ? (
                <>
                  <dt>Unconfirmed</dt>
                  <dd aria-label="Unconfirmed">
                    Its station has been unheard for longer than the unconfirmed limit (Settings): the session may be over. It is kept open, since its
                    stop may still come, but it no longer blocks {tx.idTag} at other chargers.
                  </dd>
                </>
              ) : null}
              {tx.refusedUnstopped ? (
                <>
                  <dt>Refused start</dt>
                  <dd>
                    Recorded, but no session: it blocks neither {tx.idTag} nor connector {tx.connectorId}. It ends with the station's stop, the next
                    start on the connector, or the connector reporting Available or Preparing.
                  </dd>
                </>
              ) : null}
              <dt>Started</dt>
              <dd>
                <Time value={tx.startedAt} />{' '}
                <span className="muted">
                  received <Time value={tx.startReceivedAt} />
                </span>
              </dd>
              <dt>Stopped</dt>
              <dd>
                {tx.stopReceivedAt ? (
                  <>
                    <Time value={tx.stoppedAt ?? tx.stopReceivedAt} /> · reason {tx.stopReason ?? '—'}
                    {tx.stopIdTag ? ` · by ${tx.stopIdTag}` : ''}
                    {tx.endedNote ? ` · note: ${tx.endedNote}` : ''}
                  </>
                ) : (
                  'running'
                )}
              </dd>
              <dt>Duration</dt>
              <dd>{formatDuration((tx.stopReceivedAt ? Date.parse(tx.stoppedAt ?? tx.stopReceivedAt) : nowMs) - Date.parse(tx.startedAt))}</dd>
              <dt>Energy</dt>
              <dd aria-label="Energy so far">{formatEnergyKWh(tx.energyWh)}</dd>
              <dt>Meter</dt>
              <dd>
                start {tx.meterStartWh} Wh · {tx.meterStopWh !== null ? `stop ${tx.meterStopWh} Wh` : `last ${tx.lastMeterWh ?? '—'} Wh`}
              </dd>
              {tx.active ? (
                <>
                  <dt>Power</dt>
                  <dd>
                    {formatPowerKW(tx.lastPowerW)}{' '}
                    {tx.lastMeterAt ? (
                      <span className="muted">
                        (<Age value={tx.lastMeterAt} />)
                      </span>
                    ) : null}
                  </dd>
                </>
              ) : null}
              {tx.reservationId !== null ? (
                <>
                  <dt>Reservation</dt>
                  <dd>{tx.reservationId}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {tx.active || stopAskedFor === tx.id ? (
            <section className="panel" aria-label="End this transaction">
              <h2>End this transaction</h2>
              <StopTransaction tx={tx} connected={Boolean(station?.connected)} onAsked={() => setStopAskedFor(tx.id)} />
              {tx.active ? (
                <>
                  <hr className="tx-sep" />
                  <p className="muted">
                    {stuck
                      ? `It looks stuck (${stuck}). If the station will never send StopTransaction, close it here; a late StopTransaction is still recorded.`
                      : 'Close it here only if the station will never stop it (e.g. replaced): the central system records it as ended by the operator.'}
                  </p>
                  <CloseTransaction tx={tx} onClosed={detail.refresh} />
                </>
              ) : null}
            </section>
          ) : null}
          {tx.anomalies.length ? (
            <section className="panel" aria-label="Anomalies of this transaction">
              <h2>Anomalies ({tx.anomalies.length})</h2>
              <p className="muted">The station reported these, and they conflict with what is stored. Each is kept as received.</p>
              <AnomalyList anomalies={tx.anomalies} />
            </section>
          ) : null}
          <MeterCharts values={tx.meterValues} />
          <section className="panel" aria-label="Meter values">
            <h2>Meter values ({tx.meterValues.length})</h2>
            {tx.meterValues.length ? (
              <MeterValuesTable values={tx.meterValues} label="Meter values of the transaction" />
            ) : (
              <p className="muted">None yet.</p>
            )}
          </section>
          {detail.data!.unassigned.length ? (
            <section className="panel" aria-label="Meter values without transaction">
              <h2>Meter values without a transaction id ({detail.data!.unassigned.length})</h2>
              <p className="muted">
                Sent during this transaction on connector {tx.connectorId} or the station's main meter (connector 0), without a transactionId.
              </p>
              <MeterValuesTable values={detail.data!.unassigned} label="Meter values without transaction" />
            </section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
