import type { AnomalyDto, ListResponse } from '../../../../../shared/api/types.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { countText } from '../../../components/count.js';
import { AnomalyList } from '../../transactions/AnomalyList.js';

const SHOWN = 50;

/** What this station reported that conflicts with what is stored, newest first, live (GET /api/anomalies). */
export function AnomaliesPanel({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const list = useLiveQuery<ListResponse<AnomalyDto>>(
    `station:${chargePointId}:anomalies`,
    () => api.listAnomalies({ chargePointId, limit: SHOWN }),
    {
      events: eventsOf(['anomaly.recorded'], chargePointId),
      throttleMs: 1000,
    },
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? items.length;
  const totalText = countText(total, list.data?.totalCapped);
  return (
    <section className="panel" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">Anomalies{list.data ? ` (${totalText})` : ''}</h2>
      <ErrorBox error={list.error} />
      {list.data && items.length === 0 ? <p className="muted">None: nothing this station reported conflicts with what is stored.</p> : null}
      {items.length ? (
        <>
          <p className="muted">
            Reports that conflict with what is stored (a second, different stop, meter values after the stop, a start on a connector it does not have,
            a stop for a transaction it was never given). Each is kept as received
            {total > items.length ? `; the newest ${items.length} of ${totalText} are shown` : ''}.
          </p>
          <AnomalyList anomalies={items} showTransaction />
        </>
      ) : null}
    </section>
  );
}
