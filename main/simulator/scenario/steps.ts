/**
 * What each scenario step does to its simulated station (docs/scenarios.md "Steps"). A step resolves with a line
 * for the report, or throws when it could not be done (not connected, no answer in time): the run then stops.
 * An answer the central system chose, even a refusal or a CALLERROR, is not a failed step: expectations judge it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ScenarioQueuedMessage, ScenarioStation, ScenarioStep } from '../../../shared/api/scenario.js';
import type { ChargePointAction } from '../../../shared/ocpp/actions.js';
import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { SimulatedChargePoint } from '../charge-point.js';
import { SessionRejectedError } from '../flows.js';
import type { Exchange } from './frame-log.js';

/** How long waitForCall waits by default. */
const DEFAULT_WAIT_FOR_CALL_SEC = 30;
/** How often waitForCall looks at the frames. */
const WAIT_POLL_MS = 25;

export interface StepContext {
  cp: SimulatedChargePoint;
  station: ScenarioStation;
  /** Aborted when the run times out. */
  signal: AbortSignal;
  exchanges(): Exchange[];
  /** Central-system CALLs a waitForCall step has already taken. */
  consumed: Set<Exchange>;
}

const sleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal });

function answerWords(err: unknown): string {
  if (err instanceof OcppCallError) return `answered with CALLERROR ${err.code}${err.description ? ` (${err.description})` : ''}`;
  throw err;
}

/** Send one CALL; a CALLERROR is an answer, anything else (timeout, closed connection) fails the step. */
async function callWords(cp: SimulatedChargePoint, action: ChargePointAction, payload: JsonObject): Promise<string> {
  try {
    const conf = await cp.call(action, payload);
    return `${action} answered ${JSON.stringify(conf)}`;
  } catch (err) {
    return `${action} ${answerWords(err)}`;
  }
}

async function ensureConnected(cp: SimulatedChargePoint): Promise<void> {
  if (!cp.connected) await cp.connect();
}

function requireConnected(cp: SimulatedChargePoint): void {
  if (!cp.connected) throw new Error(`${cp.identity} is not connected (a boot, connect or reconnect step comes first)`);
}

async function sendQueued(cp: SimulatedChargePoint, item: ScenarioQueuedMessage, offlineSinceMs: number): Promise<string> {
  const timestamp = new Date(offlineSinceMs + (item.atSec ?? 0) * 1000).toISOString();
  switch (item.do) {
    case 'status':
      await cp.statusNotification(item.connectorId, item.status, item.errorCode ?? 'NoError', {
        timestamp,
        ...(item.info ? { info: item.info } : {}),
      });
      return `StatusNotification ${item.status}`;
    case 'fault':
      await cp.statusNotification(item.connectorId, 'Faulted', item.errorCode, { timestamp, ...(item.info ? { info: item.info } : {}) });
      return `StatusNotification Faulted ${item.errorCode}`;
    case 'call':
      return callWords(cp, item.action, item.payload);
  }
}

async function startSession(ctx: StepContext, step: Extract<ScenarioStep, { do: 'startSession' }>): Promise<string> {
  const { cp } = ctx;
  requireConnected(cp);
  const connector = cp.state.connector(step.connectorId)!;
  if (step.powerW !== undefined) connector.meter.setLimitW(step.powerW);
  let transactionId: number;
  try {
    transactionId = await cp.runSession({
      connectorId: step.connectorId,
      idTag: step.idTag,
      authorize: step.authorize ?? true,
      preparingFirst: true,
    });
  } catch (err) {
    if (err instanceof SessionRejectedError) return `session refused: ${err.message}`;
    throw err;
  }
  if (step.durationSec === undefined) return `transaction ${transactionId} charging`;
  await sleep(step.durationSec * 1000, ctx.signal);
  // The central system may have ended it meanwhile (RemoteStopTransaction, OCPP 1.6 §5.12).
  if (connector.transaction?.transactionId !== transactionId) return `transaction ${transactionId} ended before ${step.durationSec} s`;
  requireConnected(cp);
  await cp.stopSession({ connectorId: step.connectorId, reason: step.stopReason ?? 'Local' });
  return `transaction ${transactionId} charged ${step.durationSec} s and stopped`;
}

async function waitForCall(ctx: StepContext, step: Extract<ScenarioStep, { do: 'waitForCall' }>): Promise<string> {
  const timeoutMs = (step.timeoutSec ?? DEFAULT_WAIT_FOR_CALL_SEC) * 1000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A CALL that came before this step started counts too, unless an earlier waitForCall took it.
    const found = ctx
      .exchanges()
      .find((x) => x.station === ctx.cp.identity && x.initiator === 'csms' && x.action === step.action && x.answer && !ctx.consumed.has(x));
    if (found) {
      ctx.consumed.add(found);
      return `received ${step.action}`;
    }
    if (Date.now() >= deadline) throw new Error(`no ${step.action} came within ${timeoutMs / 1000} s`);
    await sleep(WAIT_POLL_MS, ctx.signal);
  }
}

export async function runStep(ctx: StepContext, step: ScenarioStep): Promise<string> {
  const { cp, station } = ctx;
  switch (step.do) {
    case 'connect':
      await cp.connect();
      return 'connected';
    case 'boot': {
      await ensureConnected(cp);
      const conf = await cp.boot({ payload: { ...station.boot, ...step.payload }, statusNotifications: step.statusNotifications ?? true });
      return `BootNotification ${conf.status}`;
    }
    case 'status':
      requireConnected(cp);
      await cp.statusNotification(step.connectorId, step.status, step.errorCode ?? 'NoError', step.info ? { info: step.info } : {});
      return `StatusNotification ${step.status}`;
    case 'fault': {
      requireConnected(cp);
      // A fault stops the power flow; the session (if any) stays until it is stopped.
      cp.state.connector(step.connectorId)?.meter.suspend();
      await cp.statusNotification(step.connectorId, 'Faulted', step.errorCode, step.info ? { info: step.info } : {});
      return `StatusNotification Faulted ${step.errorCode}`;
    }
    case 'startSession':
      return startSession(ctx, step);
    case 'stopSession': {
      requireConnected(cp);
      const tx = cp.state.connector(step.connectorId)?.transaction;
      if (!tx) throw new Error(`no transaction on connector ${step.connectorId}`);
      await cp.stopSession({ connectorId: step.connectorId, reason: step.reason ?? 'Local' });
      return `transaction ${tx.transactionId} stopped`;
    }
    case 'meterValues':
      requireConnected(cp);
      await cp.meterValues(step.connectorId, cp.state.connector(step.connectorId)?.transactionId);
      return 'MeterValues sent';
    case 'call':
      requireConnected(cp);
      return callWords(cp, step.action, step.payload);
    case 'disconnect':
      if (!cp.connected) throw new Error(`${cp.identity} is not connected`);
      if (step.abrupt) cp.terminate({ reconnect: false });
      else await cp.close(1000, 'Scenario: disconnect');
      return step.abrupt ? 'connection dropped' : 'connection closed';
    case 'reconnect':
      await cp.connect();
      if (station.options?.heartbeats) cp.startHeartbeats();
      return 'reconnected';
    case 'offline': {
      const sinceMs = Date.now();
      // A network failure: no close frame (the central system notices the socket is gone).
      if (cp.connected) cp.terminate({ reconnect: false });
      await sleep(step.durationSec * 1000, ctx.signal);
      await cp.connect();
      if (station.options?.heartbeats) cp.startHeartbeats();
      const sent: string[] = [];
      for (const item of step.queued ?? []) sent.push(await sendQueued(cp, item, sinceMs));
      return `offline ${step.durationSec} s${sent.length ? `, then sent ${sent.join('; ')}` : ''}`;
    }
    case 'answer': {
      const answer = step.callError
        ? () => {
            throw new OcppCallError(step.callError!.code, step.callError!.description ?? '');
          }
        : step.response!;
      if (step.once) cp.answerOnce(step.action, answer);
      else cp.answer(step.action, answer);
      return `${step.action} will be answered with ${step.callError ? `CALLERROR ${step.callError.code}` : JSON.stringify(step.response)}${step.once ? ' (once)' : ''}`;
    }
    case 'wait':
      await sleep(step.seconds * 1000, ctx.signal);
      return `waited ${step.seconds} s`;
    case 'waitForCall':
      return waitForCall(ctx, step);
  }
}
