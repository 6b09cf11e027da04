import { useState } from 'react';
import type { CallResponse, ReservationDto } from '../../../../shared/api/types.js';
import { useApi } from '../../store/connection.js';

export interface CancelOutcome {
  reservationId: number;
  response?: CallResponse;
  error?: string;
}

/**
 * CancelReservation (OCPP 1.6 §5.3) for one reservation. The answer goes to the view (`onAnswer`): an accepted
 * cancel moves the row to the past list, so an answer kept in the row would vanish with it.
 */
export function CancelReservation({
  reservation,
  connected,
  onAnswer,
}: {
  reservation: ReservationDto;
  connected: boolean;
  onAnswer(outcome: CancelOutcome): void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <button
        type="button"
        className="danger"
        disabled={busy || !connected}
        title={connected ? undefined : 'The station is not connected'}
        aria-label={`Cancel reservation ${reservation.id}`}
        onClick={async () => {
          setBusy(true);
          try {
            onAnswer({
              reservationId: reservation.id,
              response: await api.call(reservation.chargePointId, 'CancelReservation', { reservationId: reservation.id }),
            });
          } catch (err) {
            onAnswer({ reservationId: reservation.id, error: err instanceof Error ? err.message : String(err) });
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
