/**
 * RemoteStopTransaction (OCPP 1.6 §5.12; OCTT TC_012, TC_028): without a transactionId, the station's running
 * transaction is filled in (on the connector given as a `connectorId` hint, which is not sent). An explicit
 * transactionId is sent as given, even one that does not exist (TC_028).
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CentralSystem } from '../central-system.js';
import type { OperatorOperations } from './operator-operations.js';
import { isInt } from './support.js';

/** The transaction a RemoteStopTransaction without transactionId means: the newest open one (on the connector). */
export function runningTransactionId(csms: CentralSystem, chargePointId: string, connectorId?: number): number | undefined {
  const open = isInt(connectorId)
    ? csms.repos.transactions.openOnConnector(chargePointId, connectorId)
    : csms.repos.transactions.openForChargePoint(chargePointId);
  return open.reduce<number | undefined>((newest, tx) => (newest === undefined || tx.id > newest ? tx.id : newest), undefined);
}

export function registerRemoteControl(ops: OperatorOperations): void {
  const csms = ops.csms;
  ops.register('RemoteStopTransaction', {
    prepare(chargePointId, payload) {
      if (payload.transactionId !== undefined) return payload;
      const { connectorId, ...rest } = payload;
      const transactionId = runningTransactionId(csms, chargePointId, isInt(connectorId) ? connectorId : undefined);
      // Nothing running: sent without it, so the schema check tells the operator what is missing.
      return transactionId === undefined ? rest : { ...rest, transactionId };
    },
  });
}
