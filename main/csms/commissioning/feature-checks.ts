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

export const chargingProfileCheck: CommissioningCheck = {
  id: 'charging-profile',
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
  async run(ctx) {
    const connector = () => ctx.services.stations.connectors(ctx.chargePointId).find((c) => c.connector_id === ctx.connectorId);
    const statusBefore = connector()?.status ?? null;
    // Every status the connector reports from here on, for the evidence (Reserved while reserved, §5.13).
    const reported: string[] = [];
    const statuses = ctx.watch('connector.status', (e) => {
      if (e.chargePointId !== ctx.chargePointId || e.connectorId !== ctx.connectorId) return false;
      reported.push(e.status);
      return true;
    });
    try {
      const expiryDate = new Date(ctx.now().getTime() + 5 * 60_000).toISOString();
      const reserved = await ctx.call('ReserveNow', { connectorId: ctx.connectorId, idTag: ctx.testIdTag, expiryDate });
      if (reserved?.status !== 'Accepted')
        return { status: 'failed', summary: `ReserveNow on connector ${ctx.connectorId} was answered ${statusOf(reserved)}.` };
      // The operations number the reservation when none is given: the id is in the request that went out.
      const reservationId = Number(ctx.lastRequest()?.reservationId);
      const cancelled = await ctx.call('CancelReservation', { reservationId });
      if (cancelled?.status !== 'Accepted')
        return {
          status: 'failed',
          summary: `Reserved, but CancelReservation was answered ${statusOf(cancelled)}: reservation ${reservationId} holds connector ${ctx.connectorId} until ${expiryDate}.`,
          values: { reservationId, expiryDate },
        };
      // Cancelled, the connector is free again (§5.2): wait until it reports the status it had before.
      const deadline = Date.now() + ctx.waits.reservationStatusWaitMs;
      // The newest status reported during the check, else the stored one: a status is stored (committed) a moment
      // before its event arrives, and the evidence must list every status up to the one it ends on.
      const latest = () => reported.at(-1) ?? connector()?.status ?? null;
      while (latest() !== statusBefore && Date.now() < deadline) await statuses.next(deadline - Date.now());
      const statusAfter = latest();
      const values = { reservationId, connectorStatusBefore: statusBefore, statusesReported: [...reported], connectorStatusAfter: statusAfter };
      if (statusAfter !== statusBefore)
        return {
          status: 'failed',
          summary: `Reserved and cancelled, but connector ${ctx.connectorId} is ${statusAfter} ${ctx.waits.reservationStatusWaitMs / 1000} s later, not ${statusBefore} as before.`,
          values,
        };
      const shown = reported.includes('Reserved') ? 'it showed Reserved' : 'it reported no Reserved status';
      return { status: 'passed', summary: `Reserved and cancelled (${shown}); connector ${ctx.connectorId} is ${statusAfter} again.`, values };
    } finally {
      statuses.stop();
    }
  },
};

export const diagnosticsUploadCheck: CommissioningCheck = {
  id: 'diagnostics-upload',
  async run(ctx) {
    if (!ctx.fileServerAvailable) return { status: 'skipped', summary: 'The central system runs no file server to upload to.' };
    const mine = (e: { chargePointId: string | null }) => e.chargePointId === ctx.chargePointId;
    // The evidence besides the GetDiagnostics exchange: the station's DiagnosticsStatusNotifications (§4.4) and
    // the file the file server received.
    const notifications: string[] = [];
    const done = ctx.watch('station.report', (e) => {
      if (!mine(e) || e.kind !== 'diagnostics') return false;
      notifications.push(e.status);
      return e.status === 'Uploaded' || e.status === 'UploadFailed';
    });
    const received = ctx.watch('file.stored', (e) => mine(e) && e.area === 'upload');
    try {
      const answer = await ctx.call('GetDiagnostics', {});
      if (!answer) return { status: 'failed', summary: 'GetDiagnostics got no answer.' };
      if (typeof answer.fileName !== 'string' || answer.fileName === '')
        return { status: 'skipped', summary: 'The station has no diagnostics to upload (GetDiagnostics.conf without a fileName, OCPP 1.6 §5.9).' };
      const event = await done.next(ctx.waits.uploadWaitMs);
      const file = await received.next(0);
      const values = {
        fileName: answer.fileName,
        statusNotifications: [...notifications],
        fileReceived: file ? { name: file.name, size: file.size, via: file.via } : null,
      };
      if (!event)
        return {
          status: 'failed',
          summary: `No upload finished within ${ctx.waits.uploadWaitMs / 1000} s: can the station reach the central system's file server?`,
          values,
        };
      if (event.status !== 'Uploaded')
        return {
          status: 'failed',
          summary: `The station reported ${event.status}: it cannot reach or write to the central system's file server${file ? '' : '; no file arrived'}.`,
          values,
        };
      if (!file)
        return { status: 'failed', summary: "The station reported Uploaded, but no file arrived at the central system's file server.", values };
      return { status: 'passed', summary: `${file.name} (${file.size} bytes) received over ${file.via.toUpperCase()} from the station.`, values };
    } finally {
      done.stop();
      received.stop();
    }
  },
};
