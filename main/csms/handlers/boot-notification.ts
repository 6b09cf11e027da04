import type { Handler } from './context.js';

/**
 * BootNotification (OCPP 1.6 §4.2). The answer is the registration status stored for the identity: Accepted with
 * the heartbeat interval, or Pending/Rejected with the minimum wait before the next boot. Accepted at any time,
 * also mid-session (every reboot sends one: TC_013/014/032_1/044).
 */
export const bootNotification: Handler<'BootNotification'> = (ctx, req) => {
  ctx.repos.chargePoints.recordBoot(
    ctx.chargePointId,
    {
      vendor: req.chargePointVendor,
      model: req.chargePointModel,
      chargePointSerial: req.chargePointSerialNumber,
      chargeBoxSerial: req.chargeBoxSerialNumber,
      firmwareVersion: req.firmwareVersion,
      iccid: req.iccid,
      imsi: req.imsi,
      meterType: req.meterType,
      meterSerial: req.meterSerialNumber,
    },
    ctx.nowIso,
  );
  const status = ctx.chargePoint.registration_status;
  const interval = status === 'Accepted' ? ctx.settings.heartbeatIntervalSec : ctx.settings.bootRetryIntervalSec;
  // The station heartbeats at this interval from now on (§4.2): its own measure of silence, whatever the setting
  // becomes later. Pending and Rejected get a retry wait instead, not a heartbeat interval.
  if (status === 'Accepted') ctx.repos.chargePoints.setHeartbeatInterval(ctx.chargePointId, interval);
  ctx.emit('chargePoint.booted', { chargePointId: ctx.chargePointId, status });
  ctx.emit('chargePoint.changed', { chargePointId: ctx.chargePointId });
  return { status, currentTime: ctx.formatTime(ctx.now), interval };
};
