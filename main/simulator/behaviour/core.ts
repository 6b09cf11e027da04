/**
 * Default answers to the Core profile's CSMS-initiated calls (OCPP 1.6 §5): remote start/stop, reset, unlock,
 * availability, configuration, cache, DataTransfer.
 */
import type { ChargePointStatus } from '../../../shared/ocpp/messages/core.js';
import type { Connector } from '../connector.js';
import type { StationScript } from '../scripting.js';
import { isConnectorId, type Handler } from './handler.js';

/** Can this id tag start a session on this connector now? */
function canStartOn(cp: StationScript, c: Connector, idTag: string): boolean {
  const station = cp.state.chargePoint;
  if (c.id === 0 || c.transaction) return false;
  if (c.availability === 'Inoperative' || station.availability === 'Inoperative') return false;
  const usable = cp.state.reservationFor(c.id, idTag);
  // A reserved connector only takes its reservation's id tag (or parent id tag).
  if (c.reservation) return usable === c.reservation;
  if (c.status !== 'Available' && c.status !== 'Preparing') return false;
  // A station-wide reservation keeps one connector free for its id tag.
  if (station.reservation && usable !== station.reservation) {
    const free = cp.state.outlets().filter((x) => x !== c && !x.transaction && !x.reservation && x.status === 'Available').length;
    if (free === 0) return false;
  }
  return true;
}

export const remoteStartTransaction: Handler<'RemoteStartTransaction'> = (cp, request) => {
  const { idTag, chargingProfile } = request;
  if (chargingProfile && chargingProfile.chargingProfilePurpose !== 'TxProfile') return { conf: { status: 'Rejected' } };
  const outlets = cp.state.outlets();
  const c =
    request.connectorId !== undefined
      ? cp.state.connector(request.connectorId)
      : // Prefer a connector reserved for this tag, then any free one.
        (outlets.find((x) => x.reservation && canStartOn(cp, x, idTag)) ?? outlets.find((x) => canStartOn(cp, x, idTag)));
  if (!c || !canStartOn(cp, c, idTag)) return { conf: { status: 'Rejected' } };
  if (cp.options.vehiclePluggedIn === false)
    return {
      conf: { status: 'Accepted' },
      // No cable comes: Preparing until ConnectionTimeOut (§9.1.5) runs out, then idle again, and no transaction.
      after: async () => {
        await cp.setStatus(c.id, 'Preparing');
        await cp.sleep(cp.state.configuration.getInteger('ConnectionTimeOut', 60) * 1000);
        if (!cp.stopped && !c.transaction && c.status === 'Preparing') await cp.setStatus(c.id, cp.state.idleStatus(c, 'Available'));
      },
    };
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      try {
        await cp.runSession({
          connectorId: c.id,
          idTag,
          authorize: cp.state.configuration.getBoolean('AuthorizeRemoteTxRequests', true),
          preparingFirst: false,
          chargingProfile,
        });
      } catch (err) {
        // Not authorized: back to idle (the session flow only restores the status when it set Preparing first).
        if (!c.transaction && c.status === 'Preparing') await cp.setStatus(c.id, cp.state.idleStatus(c, 'Available'));
        throw err;
      }
    },
  };
};

export const remoteStopTransaction: Handler<'RemoteStopTransaction'> = (cp, request) => {
  const c = cp.state.outlets().find((x) => x.transaction?.transactionId === request.transactionId);
  if (!c) return { conf: { status: 'Rejected' } };
  return { conf: { status: 'Accepted' }, after: () => cp.stopSession({ connectorId: c.id, reason: 'Remote' }) };
};

export const reset: Handler<'Reset'> = (cp, request) => ({
  conf: { status: 'Accepted' },
  after: () => cp.reboot(request.type === 'Hard' ? 'HardReset' : 'SoftReset'),
});

export const unlockConnector: Handler<'UnlockConnector'> = (cp, request) => {
  const c = cp.state.connector(request.connectorId);
  if (!c || c.id === 0) return { conf: { status: 'NotSupported' } };
  return {
    conf: { status: 'Unlocked' },
    after: async () => {
      if (c.transaction) await cp.stopSession({ connectorId: c.id, reason: 'UnlockCommand' });
      else if (c.status === 'Finishing' || c.status === 'Preparing') await cp.setStatus(c.id, cp.state.idleStatus(c, 'Available'));
    },
  };
};

export const changeAvailability: Handler<'ChangeAvailability'> = (cp, { connectorId, type }) => {
  if (!isConnectorId(cp, connectorId)) return { conf: { status: 'Rejected' } };
  const station = cp.state.chargePoint;
  const targets = connectorId === 0 ? cp.state.connectors : cp.state.connectors.slice(connectorId, connectorId + 1);
  let scheduled = false;
  for (const c of targets) {
    if (c.transaction && type === 'Inoperative') {
      c.scheduledAvailability = type;
      scheduled = true;
      continue;
    }
    c.scheduledAvailability = undefined;
    c.availability = type;
  }
  if (connectorId === 0 && scheduled) {
    // The charge point as a whole becomes Inoperative once its last transaction ends.
    station.availability = 'Operative';
    station.scheduledAvailability = type;
  }
  return {
    conf: { status: scheduled ? 'Scheduled' : 'Accepted' },
    after: async () => {
      for (const c of targets) {
        if (c.transaction) continue;
        const status: ChargePointStatus = c.id === 0 ? cp.state.stationStatus() : cp.state.idleStatus(c, 'Available');
        await cp.setStatus(c.id, status);
      }
    },
  };
};

export const getConfiguration: Handler<'GetConfiguration'> = (cp, request) => ({
  conf: cp.state.configuration.getConfiguration(request.key),
});

export const changeConfiguration: Handler<'ChangeConfiguration'> = (cp, { key, value }) => ({
  conf: { status: cp.state.configuration.change(key, value) },
});

export const clearCache: Handler<'ClearCache'> = (cp) => {
  cp.state.authCache.clear();
  return { conf: { status: 'Accepted' } };
};

export const dataTransfer: Handler<'DataTransfer'> = async (cp, request) => {
  const handler = cp.dataTransferHandler(request.vendorId);
  if (!handler) return { conf: { status: 'UnknownVendorId' } };
  return { conf: await handler(request) };
};
