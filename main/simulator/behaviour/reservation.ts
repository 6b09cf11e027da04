/**
 * Default answers of the Local Auth List Management (OCPP 1.6 §5.10, §5.15) and Reservation (§5.13, §5.1) profiles.
 */
import type { IdTagInfo } from '../../../shared/ocpp/messages/common.js';
import type { ReservationState } from '../connector.js';
import { isConnectorId, type Handler } from './handler.js';

export const getLocalListVersion: Handler<'GetLocalListVersion'> = (cp) => {
  const list = cp.state.localList;
  return { conf: { listVersion: list.entries.size === 0 ? 0 : list.version } };
};

export const sendLocalList: Handler<'SendLocalList'> = (cp, request) => {
  const cfg = cp.state.configuration;
  const list = cp.state.localList;
  const entries = request.localAuthorizationList ?? [];
  if (entries.length > cfg.getInteger('SendLocalListMaxLength', 100)) return { conf: { status: 'Failed' } };
  let next: Map<string, IdTagInfo>;
  if (request.updateType === 'Differential') {
    if (request.listVersion <= list.version) return { conf: { status: 'VersionMismatch' } };
    next = new Map(list.entries);
    for (const e of entries) {
      if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
      else next.delete(e.idTag);
    }
  } else {
    next = new Map();
    for (const e of entries) if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
  }
  if (next.size > cfg.getInteger('LocalAuthListMaxLength', 1000)) return { conf: { status: 'Failed' } };
  list.entries.clear();
  for (const [k, v] of next) list.entries.set(k, v);
  list.version = request.listVersion;
  return { conf: { status: 'Accepted' } };
};

export const reserveNow: Handler<'ReserveNow'> = (cp, request) => {
  const { connectorId, reservationId } = request;
  const c = cp.state.connector(connectorId);
  if (!c || !isConnectorId(cp, connectorId)) return { conf: { status: 'Rejected' } };
  const reservation: ReservationState = {
    reservationId,
    idTag: request.idTag,
    ...(request.parentIdTag ? { parentIdTag: request.parentIdTag } : {}),
    expiryDate: request.expiryDate,
  };
  const station = cp.state.chargePoint;
  if (connectorId === 0) {
    if (!cp.state.configuration.getBoolean('ReserveConnectorZeroSupported', true)) return { conf: { status: 'Rejected' } };
    if (station.availability === 'Inoperative') return { conf: { status: 'Unavailable' } };
    const all = cp.state.outlets();
    if (station.reservation && station.reservation.reservationId !== reservationId) return { conf: { status: 'Occupied' } };
    if (all.length > 0 && all.every((x) => x.status === 'Faulted')) return { conf: { status: 'Faulted' } };
    if (all.every((x) => x.availability === 'Inoperative' || x.status === 'Unavailable')) return { conf: { status: 'Unavailable' } };
    if (!all.some((x) => x.status === 'Available' && !x.reservation)) return { conf: { status: 'Occupied' } };
    cp.reserve(station, reservation);
    return { conf: { status: 'Accepted' } };
  }
  if (c.reservation && c.reservation.reservationId !== reservationId) return { conf: { status: 'Occupied' } };
  const sameReservation = c.reservation?.reservationId === reservationId;
  if (c.status === 'Faulted') return { conf: { status: 'Faulted' } };
  if (c.status === 'Unavailable' || c.availability === 'Inoperative' || station.availability === 'Inoperative')
    return { conf: { status: 'Unavailable' } };
  if (c.status !== 'Available' && !(sameReservation && c.status === 'Reserved')) return { conf: { status: 'Occupied' } };
  const previous = cp.state.clearReservation(reservationId);
  cp.reserve(c, reservation);
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      // The reservation moved from another connector: free that one.
      if (previous && previous !== c && previous.id > 0 && previous.status === 'Reserved')
        await cp.setStatus(previous.id, cp.state.idleStatus(previous));
      if (c.reservation?.reservationId === reservationId) await cp.setStatus(c.id, 'Reserved');
    },
  };
};

export const cancelReservation: Handler<'CancelReservation'> = (cp, request) => {
  const c = cp.state.clearReservation(request.reservationId);
  if (!c) return { conf: { status: 'Rejected' } };
  return {
    conf: { status: 'Accepted' },
    after: async () => {
      if (c.id > 0 && c.status === 'Reserved') await cp.setStatus(c.id, cp.state.idleStatus(c));
    },
  };
};
