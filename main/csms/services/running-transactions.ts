/**
 * The open transactions the operator operations need to know about: which one a RemoteStopTransaction without
 * transactionId means, which one a TxProfile belongs to, whether a profile targets a running transaction. Read
 * only: transactions are written by the core handlers.
 */
import type { Repositories } from '../storage/repositories/index.js';

/** An open transaction as the operations see it. */
export interface OpenTransaction {
  id: number;
  connectorId: number;
  idTag: string;
  /** When its StartTransaction.req arrived (storage time). */
  startReceivedAt: string;
}

export class RunningTransactions {
  constructor(private readonly repos: Pick<Repositories, 'transactions'>) {}

  /** The station's open transactions, on `connectorId` when given (by connector, then id). */
  open(chargePointId: string, connectorId?: number): OpenTransaction[] {
    const rows =
      connectorId === undefined
        ? this.repos.transactions.openForChargePoint(chargePointId)
        : this.repos.transactions.openOnConnector(chargePointId, connectorId);
    return rows.map((tx) => ({ id: tx.id, connectorId: tx.connector_id, idTag: tx.id_tag, startReceivedAt: tx.start_received_at }));
  }

  /** The connector a transaction ran on, or undefined for an unknown transaction. */
  connectorOf(transactionId: number): number | undefined {
    return this.repos.transactions.get(transactionId)?.connector_id;
  }
}
