import { useState } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';

/**
 * Registers a Pending station: its registration status becomes Accepted, and when it is connected we ask it to boot
 * again now (TriggerMessage BootNotification, OCPP 1.6 §5.17; allowed while Pending, §4.2) instead of waiting for
 * its boot retry interval. Its next BootNotification is answered Accepted.
 */
export function AcceptPendingButton({ station }: { station: Pick<ChargePointDto, 'id' | 'connected'> }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
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
        toast.info(
          `${station.id} accepted; it did not take TriggerMessage (${err instanceof Error ? err.message : String(err)}), its next boot is Accepted`,
        );
      }
    } catch (err) {
      toast.error(`Accepting ${station.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="primary" disabled={busy} onClick={() => void accept()} aria-label={`Accept ${station.id}`}>
      {busy ? 'Accepting…' : 'Accept and register'}
    </button>
  );
}
