/**
 * RemoteStopTransaction (OCPP 1.6 §5.12; OCTT TC_012, TC_028): without a transactionId, the station's running
 * transaction is filled in (on the connector given as a `connectorId` hint, which is not sent). An explicit
 * transactionId is sent as given, even one that does not exist (TC_028).
 */
import type { OperatorOperations } from './operator-operations.js';
import { isInt } from './support.js';

export function registerRemoteControl(ops: OperatorOperations): void {
  const { transactions } = ops.stores;
  ops.register('RemoteStopTransaction', {
    prepare(chargePointId, payload) {
      const { connectorId, ...rest } = payload;
      // A hint that is no connector id is left in, so the schema check tells the operator.
      if (payload.transactionId !== undefined || (connectorId !== undefined && !isInt(connectorId))) return payload;
      // The newest open transaction (on the connector, when one is given).
      const newest = transactions
        .open(chargePointId, connectorId)
        .reduce<number | undefined>((id, tx) => (id === undefined || tx.id > id ? tx.id : id), undefined);
      // Nothing running: sent without it, so the schema check tells the operator what is missing.
      return newest === undefined ? rest : { ...rest, transactionId: newest };
    },
  });
}
