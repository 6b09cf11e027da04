import { useState } from 'react';
import type { ChargePointDto } from '../../../../../shared/api/types.js';
import { href, navigate } from '../../../app/router.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { useApi } from '../../../store/connection.js';
import { toast } from '../../../store/toasts.js';

/** Forget a station and its registration (the API refuses while it is connected: 409). */
export function DeleteStation({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const remove = useAsyncAction(
    async () => {
      try {
        await api.deleteChargePoint(station.id);
        toast.success(`${station.id} deleted`);
        navigate(href('stations'));
      } finally {
        setConfirming(false);
      }
    },
    { onError: (message) => toast.error(`Deleting ${station.id} failed: ${message}`) },
  );
  return (
    <section className="panel" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete station</h2>
      {station.connected ? (
        <p className="muted">A connected station cannot be deleted: it would reappear at once. Disconnect it first.</p>
      ) : (
        <p className="muted">Removes the station and its registration; an unknown identity that connects again follows the registration policy.</p>
      )}
      {confirming ? (
        <div className="row" role="group" aria-label="Confirm delete">
          <span>Delete {station.id}?</span>
          <button type="button" className="danger" disabled={remove.pending} onClick={remove.run}>
            Yes, delete {station.id}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="danger" disabled={station.connected} onClick={() => setConfirming(true)}>
          Delete station…
        </button>
      )}
    </section>
  );
}
