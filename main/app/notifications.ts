import { Notification } from 'electron';
import type { RunningServices } from '../services/start-services.js';

/**
 * Desktop notifications an operator wants without looking at the console: a station went offline or a connector
 * faulted. Repeats for the same station are held back for a minute so a flapping charger does not spam the desktop.
 */
export function notifyStationTrouble(services: RunningServices, onClick: (chargePointId: string) => void): () => void {
  const lastShownMs = new Map<string, number>();
  const REPEAT_AFTER_MS = 60_000;
  const show = (key: string, chargePointId: string, title: string, body: string) => {
    if (!Notification.isSupported()) return;
    const now = Date.now();
    if (now - (lastShownMs.get(key) ?? 0) < REPEAT_AFTER_MS) return;
    lastShownMs.set(key, now);
    const notification = new Notification({ title, body, silent: false });
    notification.on('click', () => onClick(chargePointId));
    notification.show();
  };
  const offOffline = services.csms.events.on('chargePoint.disconnected', ({ chargePointId, reason, code }) => {
    show(`offline:${chargePointId}`, chargePointId, `${chargePointId} went offline`, reason ? `${reason} (${code})` : `Connection closed (${code})`);
  });
  const offFaulted = services.csms.events.on('connector.status', ({ chargePointId, connectorId, status, errorCode }) => {
    if (status !== 'Faulted') return;
    show(`faulted:${chargePointId}:${connectorId}`, chargePointId, `${chargePointId} connector ${connectorId} faulted`, errorCode);
  });
  return () => {
    offOffline();
    offFaulted();
  };
}
