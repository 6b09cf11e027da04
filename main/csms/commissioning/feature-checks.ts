/**
 * Checks of the optional feature profiles a CSMS relies on: smart charging (SetChargingProfile then
 * GetCompositeSchedule, OCPP 1.6 §5.16, §5.7), reservation (§5.13, §5.2), and a diagnostics upload to the central
 * system's own file server (§5.9), which proves the station can reach us over HTTP/FTP.
 */
import { statusOf, type CommissioningCheck } from './check-context.js';

/** A profile id and stack level far from what operators and site power sharing use, removed again by the check. */
const CHECK_PROFILE_ID = 990_001;
const CHECK_STACK_LEVEL = 9;
const CHECK_LIMIT_A = 16;
const UPLOAD_WAIT_MS = 60_000;

export const chargingProfileCheck: CommissioningCheck = {
  id: 'charging-profile',
  title: 'Charging profile',
  async run(ctx) {
    const set = await ctx.call('SetChargingProfile', {
      connectorId: ctx.connectorId,
      csChargingProfiles: {
        chargingProfileId: CHECK_PROFILE_ID,
        stackLevel: CHECK_STACK_LEVEL,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: {
          startSchedule: ctx.now().toISOString(),
          chargingRateUnit: 'A',
          chargingSchedulePeriod: [{ startPeriod: 0, limit: CHECK_LIMIT_A }],
        },
      },
    });
    if (set?.status !== 'Accepted')
      return {
        status: 'failed',
        summary: `SetChargingProfile (TxDefaultProfile, ${CHECK_LIMIT_A} A) was answered ${statusOf(set)}.`,
      };
    try {
      const composite = await ctx.call('GetCompositeSchedule', { connectorId: ctx.connectorId, duration: 300, chargingRateUnit: 'A' });
      if (composite?.status !== 'Accepted')
        return { status: 'failed', summary: `Profile accepted, but GetCompositeSchedule was answered ${statusOf(composite)}.` };
      const periods = (
        (composite.chargingSchedule as { chargingSchedulePeriod?: { limit: number }[] } | undefined)?.chargingSchedulePeriod ?? []
      ).map((p) => p.limit);
      const values = { compositeLimitsA: periods };
      if (periods.length === 0 || periods[0]! > CHECK_LIMIT_A)
        return { status: 'failed', summary: `The composite schedule does not show the ${CHECK_LIMIT_A} A limit just accepted.`, values };
      return { status: 'passed', summary: `Profile accepted; the composite schedule starts at ${periods[0]} A.`, values };
    } finally {
      await ctx.call('ClearChargingProfile', { id: CHECK_PROFILE_ID });
    }
  },
};

export const reservationCheck: CommissioningCheck = {
  id: 'reservation',
  title: 'Reservation',
  async run(ctx) {
    const expiryDate = new Date(ctx.now().getTime() + 5 * 60_000).toISOString();
    const reserved = await ctx.call('ReserveNow', { connectorId: ctx.connectorId, idTag: ctx.testIdTag, expiryDate });
    if (reserved?.status !== 'Accepted')
      return { status: 'failed', summary: `ReserveNow on connector ${ctx.connectorId} was answered ${statusOf(reserved)}.` };
    const reservation = ctx.services.stations.connectors(ctx.chargePointId).find((c) => c.connector_id === ctx.connectorId);
    // The operations number the reservation when none is given: the id is in the request that went out.
    const id = Number(ctx.lastRequest()?.reservationId);
    const cancelled = await ctx.call('CancelReservation', { reservationId: id });
    if (cancelled?.status !== 'Accepted')
      return { status: 'failed', summary: `Reserved, but CancelReservation was answered ${statusOf(cancelled)}.` };
    return { status: 'passed', summary: 'Reserved and cancelled.', values: { connectorStatus: reservation?.status ?? null } };
  },
};

export const diagnosticsUploadCheck: CommissioningCheck = {
  id: 'diagnostics-upload',
  title: 'Diagnostics upload',
  async run(ctx) {
    if (!ctx.fileServerAvailable) return { status: 'skipped', summary: 'The central system runs no file server to upload to.' };
    const done = ctx.watch(
      'fileJob.changed',
      (e) => e.chargePointId === ctx.chargePointId && e.kind === 'diagnostics' && ['Uploaded', 'UploadFailed'].includes(e.status),
    );
    const answer = await ctx.call('GetDiagnostics', {});
    if (!answer) {
      done.stop();
      return { status: 'failed', summary: 'GetDiagnostics got no answer.' };
    }
    if (typeof answer.fileName !== 'string' || answer.fileName === '') {
      done.stop();
      return { status: 'skipped', summary: 'The station has no diagnostics to upload (no fileName, §6.24).' };
    }
    const event = await done.next(UPLOAD_WAIT_MS);
    done.stop();
    const values = { fileName: answer.fileName };
    if (!event)
      return {
        status: 'failed',
        summary: `No upload finished within ${UPLOAD_WAIT_MS / 1000} s: can the station reach the central system's file server?`,
        values,
      };
    if (event.status !== 'Uploaded')
      return { status: 'failed', summary: `The upload failed (${event.status}): the station cannot reach or write to the file server.`, values };
    return { status: 'passed', summary: `${answer.fileName} uploaded to the central system's file server.`, values };
  },
};
