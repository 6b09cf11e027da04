import type { CallResponse, ReservationDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { errorMessage } from '../../components/error-message.js';
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
  onAnswer: (outcome: CancelOutcome) => void;
}) {
  const api = useApi();
  const cancel = useAsyncAction(async () => {
    try {
      const response = await api.call(reservation.chargePointId, 'CancelReservation', { reservationId: reservation.id });
      onAnswer({ reservationId: reservation.id, response });
    } catch (err) {
      onAnswer({ reservationId: reservation.id, error: errorMessage(err) });
    }
  });
  return (
    <div>
      <button
        type="button"
        className="danger"
        disabled={cancel.pending || !connected}
        title={connected ? undefined : 'The station is not connected'}
        aria-label={`Cancel reservation ${reservation.id}`}
        onClick={cancel.run}
      >
        {cancel.pending ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
