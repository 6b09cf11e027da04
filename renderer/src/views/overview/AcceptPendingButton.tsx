import type { ChargePointDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { errorMessage } from '../../components/error-message.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';

/**
 * Registers a Pending station: its registration status becomes Accepted, and when it is connected we ask it to boot
 * again now (TriggerMessage BootNotification, OCPP 1.6 §5.17; allowed while Pending, §4.2) instead of waiting for
 * its boot retry interval. Its next BootNotification is answered Accepted.
 */
export function AcceptPendingButton({ station }: { station: Pick<ChargePointDto, 'id' | 'connected'> }) {
  const api = useApi();
  const accept = useAsyncAction(
    async () => {
      await api.putChargePoint(station.id, { registrationStatus: 'Accepted' });
      if (!station.connected) {
        toast.success(`${station.id} accepted: its next boot is Accepted`);
        return;
      }
      try {
        const answer = await api.call(station.id, 'TriggerMessage', { requestedMessage: 'BootNotification' });
        const status = 'result' in answer ? String(answer.result.status) : `CALLERROR ${answer.error.code}`;
        toast.success(`${station.id} accepted; asked it to boot again (TriggerMessage: ${status})`);
      } catch (err) {
        toast.info(`${station.id} accepted; it did not take TriggerMessage (${errorMessage(err)}), its next boot is Accepted`);
      }
    },
    { onError: (message) => toast.error(`Accepting ${station.id} failed: ${message}`) },
  );
  return (
    <button type="button" className="primary" disabled={accept.pending} onClick={accept.run} aria-label={`Accept ${station.id}`}>
      {accept.pending ? 'Accepting…' : 'Accept and register'}
    </button>
  );
}
