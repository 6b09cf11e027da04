import { useMemo, useState } from 'react';
import type { CallResponse } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { Field } from '../../components/Field.js';
import { Time } from '../../components/Time.js';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { localSchedulePoints, measuredPoints, reportedSchedulePoints, type Point } from './schedule-points.js';

const MAX_DURATION_SEC = 31 * 86_400;

/**
 * "The profile was accepted but the charger ignores it": the composite schedule the station reported
 * (GetCompositeSchedule, §6.25), the one computed here from the profiles it accepted, and what the running
 * transaction on the connector actually drew (its MeterValues), on one chart.
 */
export function CompositePanel({ chargePointId, connectorId }: { chargePointId: string; connectorId: number }) {
  const api = useApi();
  const [durationText, setDurationText] = useState('3600');
  const [unit, setUnit] = useState<'A' | 'W'>('A');
  const [answer, setAnswer] = useState<CallResponse | null>(null);
  const durationSec = Number(durationText);
  const durationError =
    !Number.isInteger(durationSec) || durationSec < 1 || durationSec > MAX_DURATION_SEC ? `Whole seconds, 1 to ${MAX_DURATION_SEC} (31 days).` : null;
  const enabled = Boolean(chargePointId) && !durationError;

  const local = useLiveQuery(
    `local-schedule:${chargePointId}:${connectorId}:${durationSec}:${unit}`,
    () => api.localSchedule(chargePointId, { connectorId, durationSec, unit }),
    {
      events: eventsOf(['chargingProfiles.changed', 'compositeSchedule.changed', 'transaction.started', 'transaction.stopped'], chargePointId),
      throttleMs: 1000,
      // The schedule is "from now": moving along once a minute is enough.
      pollMs: 60_000,
      enabled,
    },
  );
  const measured = useLiveQuery(
    `measured:${chargePointId}:${connectorId}:${unit}`,
    async () => {
      const active = await api.listTransactions({ chargePointId, active: true, limit: 50 });
      const tx = active.items.find((t) => t.connectorId === connectorId);
      if (!tx) return { transactionId: null, points: [] as Point[] };
      const detail = await api.getTransaction(tx.id);
      return { transactionId: tx.id, points: measuredPoints(detail.meterValues, unit) };
    },
    // Meter values of a busy station arrive every few seconds: one re-query per 2 s at most.
    {
      events: eventsOf(['transaction.meter', 'transaction.started', 'transaction.stopped'], chargePointId),
      throttleMs: 2000,
      enabled: Boolean(chargePointId) && connectorId > 0,
    },
  );

  const reported = useMemo(() => reportedSchedulePoints(local.data?.reported?.answer), [local.data]);
  const series = useMemo<ChartSeries[]>(() => {
    const out: ChartSeries[] = [];
    if (local.data)
      out.push({
        label: 'Computed limit',
        unit: local.data.schedule.chargingRateUnit,
        points: localSchedulePoints(local.data),
        stepped: true,
        color: '#2563eb',
      });
    if (reported.points.length)
      out.push({ label: 'Station’s composite schedule', unit: reported.unit ?? unit, points: reported.points, stepped: true, color: '#ea580c' });
    if (measured.data?.points.length)
      out.push({ label: unit === 'W' ? 'Measured power' : 'Measured current', unit, points: measured.data.points, color: '#16a34a' });
    return out;
  }, [local.data, reported, measured.data, unit]);

  const ask = useAsyncAction(async () => {
    setAnswer(null);
    setAnswer(await api.call(chargePointId, 'GetCompositeSchedule', { connectorId, duration: durationSec, chargingRateUnit: unit }));
    local.refresh();
  });

  if (!chargePointId) return <p className="muted">Choose a station above to see its schedule.</p>;
  return (
    <div className="composite-panel">
      <div className="form-grid">
        <Field label="Duration (s)" error={durationError} hint="How far ahead, from now">
          {(p) => <input {...p} inputMode="numeric" value={durationText} onChange={(e) => setDurationText(e.target.value)} />}
        </Field>
        <Field label="Schedule unit" hint="Asked of the station; the computed one converts when it can">
          {(p) => (
            <select {...p} value={unit} onChange={(e) => setUnit(e.target.value as 'A' | 'W')}>
              <option value="A">A</option>
              <option value="W">W</option>
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={ask.pending || Boolean(durationError)} onClick={ask.run}>
          {ask.pending ? 'Asking…' : 'Ask the station (GetCompositeSchedule)'}
        </button>
        <span className="muted">
          Connector {connectorId} · {local.data ? `${local.data.installedCount} profile(s) held` : 'computing…'}
          {local.data?.transactionId ? ` · transaction ${local.data.transactionId}` : ''}
          {local.data?.reported ? (
            <>
              {' '}
              · station answered <Time value={local.data.reported.receivedAt} />
            </>
          ) : null}
        </span>
      </div>
      <CallAnswer response={answer} error={ask.error} />
      {local.error ? (
        <div className="error-box" role="alert">
          {local.error}
        </div>
      ) : null}
      <TimeSeriesChart label="Composite schedule" series={series} />
      {connectorId > 0 && measured.data && measured.data.transactionId === null ? (
        <p className="muted">No transaction running on connector {connectorId}: nothing measured to compare.</p>
      ) : null}
    </div>
  );
}
