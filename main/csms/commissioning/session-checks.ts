/**
 * Checks of a charging session driven from the central system: remote start with the test tag (OCPP 1.6 §5.11),
 * meter values on demand (TriggerMessage MeterValues, §5.17) with the measurands the station is configured to sample
 * (§9.1 MeterValuesSampledData) and an energy register that rises, remote stop with its meter value (§5.12), unlock
 * (§5.18).
 */
import type { MeterValueRow } from '../storage/repositories/meter-values.js';
import { statusOf, type CheckContext, type CommissioningCheck } from './check-context.js';

/** Above this an energy increase is not plausible for one connector (350 kW, the largest DC chargers). */
const MAX_PLAUSIBLE_W = 350_000;

const ENERGY = 'Energy.Active.Import.Register';

/** An energy register value in Wh (§7.31 UnitOfMeasure: Wh by default, kWh allowed). */
function energyWh(row: MeterValueRow): number | null {
  const value = Number(row.value);
  if (!Number.isFinite(value)) return null;
  return row.unit === 'kWh' ? value * 1000 : value;
}

function openTransaction(ctx: CheckContext): number | undefined {
  return ctx.state.transactionId;
}

export const remoteStartCheck: CommissioningCheck = {
  id: 'remote-start',
  async run(ctx) {
    const started = ctx.watch('transaction.started', (e) => e.chargePointId === ctx.chargePointId && e.connectorId === ctx.connectorId);
    const answer = await ctx.call('RemoteStartTransaction', { connectorId: ctx.connectorId, idTag: ctx.testIdTag });
    if (answer?.status !== 'Accepted') {
      started.stop();
      return {
        status: 'failed',
        summary: `RemoteStartTransaction on connector ${ctx.connectorId} was answered ${statusOf(answer)}.`,
      };
    }
    const event = await started.next(ctx.waits.startWaitMs);
    started.stop();
    if (!event)
      return {
        status: 'needs-technician',
        summary: `Accepted, but no transaction started within ${ctx.waits.startWaitMs / 1000} s: plug in a vehicle on connector ${ctx.connectorId} and run again.`,
      };
    ctx.state.transactionId = event.transactionId;
    return {
      status: 'passed',
      summary: `Transaction ${event.transactionId} started on connector ${ctx.connectorId} for ${event.idTag}.`,
      values: { transactionId: event.transactionId },
    };
  },
};

export const meterValuesCheck: CommissioningCheck = {
  id: 'meter-values',
  async run(ctx) {
    const transactionId = openTransaction(ctx);
    if (transactionId === undefined)
      return { status: 'skipped', summary: 'No transaction to read meter values of (remote start did not run or failed).' };
    const reading = async (): Promise<MeterValueRow[] | string> => {
      const before = ctx.services.transactions.meterValues(transactionId).length;
      const arrived = ctx.watch('transaction.meter', (e) => e.chargePointId === ctx.chargePointId && e.connectorId === ctx.connectorId);
      const answer = await ctx.call('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: ctx.connectorId });
      if (answer?.status !== 'Accepted') {
        arrived.stop();
        return `TriggerMessage MeterValues was answered ${statusOf(answer)}`;
      }
      const event = await arrived.next(ctx.waits.meterWaitMs);
      arrived.stop();
      if (!event) return `no MeterValues within ${ctx.waits.meterWaitMs / 1000} s of the trigger`;
      const rows = ctx.services.transactions.meterValues(transactionId).slice(before);
      return rows.length ? rows : 'the MeterValues that came carry no sampled values for the transaction';
    };
    const first = await reading();
    if (typeof first === 'string') return { status: 'failed', summary: `${first}.` };
    const firstAt = Date.now();
    await ctx.sleep(ctx.waits.meterGapMs);
    const second = await reading();
    if (typeof second === 'string') return { status: 'failed', summary: `${second} (second reading).` };
    const elapsedSec = (Date.now() - firstAt) / 1000;
    const measurands = [...new Set(second.map((r) => r.measurand ?? ENERGY))].sort();
    const configured = ctx.state.configuration?.find((e) => e.key === 'MeterValuesSampledData')?.value;
    const expected = configured
      ? configured
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean)
      : [ENERGY];
    const missing = expected.filter((m) => !measurands.includes(m));
    const e1 = first
      .filter((r) => (r.measurand ?? ENERGY) === ENERGY)
      .map(energyWh)
      .find((v) => v !== null);
    const e2 = second
      .filter((r) => (r.measurand ?? ENERGY) === ENERGY)
      .map(energyWh)
      .find((v) => v !== null);
    const values = { measurands, expected, energyWh: [e1 ?? null, e2 ?? null], elapsedSec: Math.round(elapsedSec * 10) / 10 };
    if (missing.length)
      return { status: 'failed', summary: `Missing measurands the station is configured to sample: ${missing.join(', ')}.`, values };
    if (e1 === undefined || e2 === undefined || e1 === null || e2 === null)
      return { status: 'failed', summary: `No ${ENERGY} in the readings.`, values };
    const increaseWh = e2 - e1;
    const maxWh = (MAX_PLAUSIBLE_W * elapsedSec) / 3600;
    if (increaseWh < 0) return { status: 'failed', summary: `The energy register went down by ${-increaseWh} Wh.`, values };
    if (increaseWh === 0)
      return { status: 'failed', summary: `The energy register did not rise in ${values.elapsedSec} s of charging: is the EV drawing?`, values };
    if (increaseWh > maxWh)
      return {
        status: 'failed',
        summary: `The energy register rose ${increaseWh} Wh in ${values.elapsedSec} s: more than any connector delivers.`,
        values,
      };
    return {
      status: 'passed',
      summary: `${measurands.length} measurands; energy rose ${Math.round(increaseWh * 10) / 10} Wh in ${values.elapsedSec} s.`,
      values,
    };
  },
};

export const remoteStopCheck: CommissioningCheck = {
  id: 'remote-stop',
  async run(ctx) {
    const transactionId = openTransaction(ctx);
    if (transactionId === undefined) return { status: 'skipped', summary: 'No transaction to stop (remote start did not run or failed).' };
    const stopped = ctx.watch('transaction.stopped', (e) => e.transactionId === transactionId);
    const answer = await ctx.call('RemoteStopTransaction', { transactionId });
    if (answer?.status !== 'Accepted') {
      stopped.stop();
      return { status: 'failed', summary: `RemoteStopTransaction was answered ${statusOf(answer)}.` };
    }
    const event = await stopped.next(ctx.waits.stopWaitMs);
    stopped.stop();
    if (!event) return { status: 'failed', summary: `Accepted, but no StopTransaction within ${ctx.waits.stopWaitMs / 1000} s.` };
    ctx.state.transactionId = undefined;
    const row = ctx.services.transactions.get(transactionId)?.row;
    const values = { transactionId, meterStartWh: row?.meter_start_wh ?? null, meterStopWh: row?.meter_stop_wh ?? null, reason: event.reason };
    if (row?.meter_stop_wh == null || row.meter_stop_wh < row.meter_start_wh)
      return {
        status: 'failed',
        summary: `Stopped (${event.reason}), but its meter stop ${row?.meter_stop_wh} is below its start ${row?.meter_start_wh}.`,
        values,
      };
    return { status: 'passed', summary: `Stopped (${event.reason}); ${row.meter_stop_wh - row.meter_start_wh} Wh charged.`, values };
  },
};

export const unlockCheck: CommissioningCheck = {
  id: 'unlock',
  async run(ctx) {
    const answer = await ctx.call('UnlockConnector', { connectorId: ctx.connectorId });
    const status = statusOf(answer);
    if (status === 'Unlocked') return { status: 'passed', summary: `Connector ${ctx.connectorId} unlocked.` };
    if (status === 'NotSupported') return { status: 'skipped', summary: 'The station has no lock to release (NotSupported, §5.18).' };
    return { status: 'failed', summary: `UnlockConnector was answered ${status}.` };
  },
};
