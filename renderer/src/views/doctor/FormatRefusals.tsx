import type { ApiEvent } from '../../../../shared/api/events.js';
import type { FormatRefusalDto, ListResponse } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';

/** Our CALLERRORs that refuse a CALL for its format (OCPP-J §4.2.3): what a lenient read would have taken. */
const FORMAT_CODES = new Set(['FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation']);

const refreshOn = (event: ApiEvent) =>
  event.type === 'chargePoint.changed' ||
  event.type === 'settings.changed' ||
  (event.type === 'message.logged' && event.data.direction === 'out' && event.data.messageType === 4 && FORMAT_CODES.has(event.data.errorCode ?? ''));

/**
 * Stations whose messages the central system refuses for their format (enumerations in the wrong case, times without
 * a zone, numbers as strings, ...) while it reads them strictly. Such a charger keeps retrying and never gets its
 * sessions recorded; lenient mode (README "Lenient mode") reads what it means and keeps the raw frame in the log.
 */
export function FormatRefusals() {
  const api = useApi();
  const refusals = useLiveQuery<ListResponse<FormatRefusalDto>>('doctor.format-refusals', () => api.formatRefusals(), {
    events: refreshOn,
    throttleMs: 1000,
  });
  const items = refusals.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="doctor-format">
      <h2 id="doctor-format">Messages refused for their format ({items.length})</h2>
      <ListTable
        rows={refusals.data?.items}
        loading={refusals.loading}
        error={refusals.error}
        empty="No station's messages were refused for their format."
        labelledBy="doctor-format"
        rowKey={(r) => r.chargePointId}
        rowLabel={(r) => `Format refusals of ${r.chargePointId}`}
        columns={[
          { header: 'Station', cell: (r) => <a href={href('stations', r.chargePointId)}>{r.chargePointId}</a> },
          { header: 'Refused', cell: (r) => r.refusedCount },
          {
            header: 'Last refusal',
            cell: (r) => (
              <>
                <div>
                  <Time value={r.lastAt} /> {r.lastAction ?? ''} <span className="muted mono">{r.lastErrorCode}</span>
                </div>
                <div className="muted">{r.lastDescription}</div>
              </>
            ),
          },
          { header: <span className="visually-hidden">Action</span>, cell: (r) => <SwitchToLenientButton chargePointId={r.chargePointId} /> },
        ]}
      />
    </section>
  );
}

function SwitchToLenientButton({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const switchToLenient = useAsyncAction(
    async () => {
      await api.putChargePoint(chargePointId, { validationMode: 'lenient' });
      toast.success(`${chargePointId} is read leniently now: its next messages are stored normalised`);
    },
    { onError: (message) => toast.error(`Switching ${chargePointId} to lenient failed: ${message}`) },
  );
  return (
    <button type="button" disabled={switchToLenient.pending} onClick={switchToLenient.run} aria-label={`Switch ${chargePointId} to lenient`}>
      {switchToLenient.pending ? 'Switching…' : 'Switch this station to lenient'}
    </button>
  );
}
