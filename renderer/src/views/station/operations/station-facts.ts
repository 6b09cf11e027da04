import { create } from 'zustand';
import type { ConnectorDto, TransactionDto } from '../../../../../shared/api/types.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { useStations } from '../../../store/stations.js';

const NO_CONNECTORS: ConnectorDto[] = [];
const NO_TRANSACTIONS: TransactionDto[] = [];

/** The id tag typed for the last remote start / reservation, remembered for this session. */
export const useLastIdTag = create<{ idTag: string; set: (idTag: string) => void }>((set) => ({ idTag: '', set: (idTag) => set({ idTag }) }));

/** What the forms pre-fill from: the station's connectors (live store) and its running transactions (live query). */
export function useStationFacts(chargePointId: string) {
  const api = useApi();
  const station = useStations((s) => s.byId[chargePointId]);
  const transactions = useLiveQuery(`operations:active-tx:${chargePointId}`, () => api.listTransactions({ chargePointId, active: true, limit: 20 }), {
    events: eventsOf(['transaction.started', 'transaction.stopped'], chargePointId),
    throttleMs: 500,
  });
  return {
    station,
    connected: station?.connected ?? false,
    connectors: station?.connectors ?? NO_CONNECTORS,
    activeTransactions: transactions.data?.items ?? NO_TRANSACTIONS,
    transactionsError: transactions.error,
  };
}
