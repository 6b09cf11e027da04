import {
  isOcppAction,
  ocppMessages,
  type CentralSystemAction,
  type OcppAction,
  type OcppRequest,
  type OcppResponse,
} from '../../../shared/ocpp/actions.js';
import { normalisePayload } from '../../../shared/ocpp/normalise.js';
import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { ValidationIssue } from '../../../shared/ocpp/validator.js';
import type { CentralSystem } from '../central-system.js';
import { CallFailure } from '../rpc/errors.js';
import type { CallResult } from '../rpc/ocpp-connection.js';
import type { OperationStores } from '../services/operation-stores.js';
import { registrationRefusal } from './registration-gate.js';
import { InvalidAnswer, isRequestOf, isResponseOf, type CallProblem } from './support.js';

/** What happened to one CSMS-initiated call, in the shape the operator API returns. */
export type CallOutcome =
  | { kind: 'result'; action: string; request: JsonObject; payload: JsonObject; violations: ValidationIssue[] }
  | { kind: 'error'; action: string; request: JsonObject; error: { code: string; description: string; details: JsonObject } };

/** How one operator call ended: an outcome (CALLRESULT or CALLERROR), or the failure it was rejected with. */
export type SettledCall = { chargePointId: string; action: string } & (
  { outcome: CallOutcome; failure?: undefined } | { outcome?: undefined; failure: unknown }
);

/** What the operations use of the central system: sending calls, checking payloads, its settings, clock, TLS and events. */
export type OperationsHost = Pick<CentralSystem, 'call' | 'validator' | 'settings' | 'clock' | 'tls' | 'events'>;

/**
 * Follow-up of one action: fills convenience defaults into the request before it is sent, and updates the domain
 * state after the station answered (reservations, local lists, charging profiles, configuration, ...).
 * Registered per action; actions without one are sent as given and change nothing but the message log.
 */
export interface ActionFollowUp<A extends CentralSystemAction> {
  /**
   * The request to send for the operator's `payload` (not checked yet: the call checks what this returns). May write
   * what must exist before the call goes out (e.g. the Requested reservation); awaited before sending.
   */
  prepare?(chargePointId: string, payload: JsonObject): JsonObject | Promise<JsonObject>;
  /** The station answered with a CALLRESULT that fits the action's schema (after a lenient station's normalising). */
  applied?(chargePointId: string, request: OcppRequest<A>, response: OcppResponse<A>): void | Promise<void>;
  /**
   * No usable answer: a CALLERROR, an answer that breaks the schema, or none at all. `request` is what `prepare`
   * returned, which the schema may have refused (CSMS_ERR_INVALID_PAYLOAD).
   */
  failed?(chargePointId: string, request: JsonObject, problem: CallProblem): void | Promise<void>;
}

/** An action the central system may send (OCPP 1.6 §5, operations initiated by the Central System; DataTransfer either way). */
function isCentralSystemAction(action: string): action is CentralSystemAction {
  return isOcppAction(action) && ocppMessages[action].initiator !== 'ChargePoint';
}

/**
 * Every CSMS-initiated OCPP 1.6 call goes through here, from the console (IPC), the HTTP API and tests alike, so
 * they all change the domain state the same way. The central system sends nothing the operator did not ask for
 * (the OCTT test cases fail a CSMS that does): this class only acts when called.
 */
export class OperatorOperations {
  /** Each action's follow-up; `register` keeps an action and its follow-up's type together. */
  private readonly followUps = new Map<CentralSystemAction, ActionFollowUp<CentralSystemAction>>();
  private readonly settledListeners = new Set<(settled: SettledCall) => void>();
  private readonly stopHooks: (() => void)[] = [];

  constructor(
    readonly host: OperationsHost,
    readonly stores: OperationStores,
  ) {}

  register<A extends CentralSystemAction>(action: A, followUp: ActionFollowUp<A>): void {
    this.followUps.set(action, followUp);
  }

  /** Run `stop` when the operations stop (timers, event subscriptions of the follow-ups). */
  onStop(stop: () => void): void {
    this.stopHooks.push(stop);
  }

  /** Stops every timer and subscription the follow-ups own; calls sent before still settle. Idempotent. */
  stop(): void {
    for (const stop of this.stopHooks.splice(0)) stop();
  }

  /**
   * Send `action` with `payload` (defaults filled in by the action's follow-up). Resolves with the outcome for a
   * CALLRESULT or CALLERROR; rejects with CallFailure when nothing came back (not allowed while the station is
   * Pending or Rejected, not connected, invalid payload, timeout, disconnected).
   */
  async send(chargePointId: string, action: string, payload: JsonObject, options: { timeoutMs?: number } = {}): Promise<CallOutcome> {
    try {
      const outcome = await this.sendAndFollowUp(chargePointId, action, payload, options);
      for (const listener of this.settledListeners) listener({ chargePointId, action, outcome });
      return outcome;
    } catch (err) {
      for (const listener of this.settledListeners) listener({ chargePointId, action, failure: err });
      throw err;
    }
  }

  /** Be told how each call ended (the headless log); returns the unsubscribe function. */
  onSettled(listener: (settled: SettledCall) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  private async sendAndFollowUp(chargePointId: string, action: string, payload: JsonObject, options: { timeoutMs?: number }): Promise<CallOutcome> {
    // Before any follow-up writes anything: a call the station may not take in its registration state is refused
    // at once with the reason, instead of being sent and left to time out.
    const refusal = registrationRefusal(chargePointId, this.stores.stations.admission(chargePointId)?.registrationStatus, action);
    if (refusal) throw new CallFailure('CSMS_ERR_NOT_ALLOWED', refusal);
    if (isCentralSystemAction(action)) return this.sendWithFollowUp(chargePointId, action, payload, options);
    // Not an action the central system sends: the call refuses it with its reason.
    const result = await this.host.call(chargePointId, action, payload, options);
    return { kind: 'result', action, request: payload, payload: result.payload, violations: result.violations };
  }

  private async sendWithFollowUp<A extends CentralSystemAction>(
    chargePointId: string,
    action: A,
    payload: JsonObject,
    options: { timeoutMs?: number },
  ): Promise<CallOutcome> {
    const followUp: ActionFollowUp<A> | undefined = this.followUps.get(action);
    const request = followUp?.prepare ? await followUp.prepare(chargePointId, payload) : payload;
    try {
      const result = await this.host.call(chargePointId, action, request, options);
      const answer = this.readAnswer(chargePointId, action, result);
      if (followUp) await this.followUp(followUp, chargePointId, action, request, answer);
      return { kind: 'result', action, request, payload: answer, violations: result.violations };
    } catch (err) {
      if (err instanceof OcppCallError) {
        await followUp?.failed?.(chargePointId, request, err);
        return { kind: 'error', action, request, error: { code: err.code, description: err.description, details: err.details } };
      }
      if (err instanceof CallFailure) await followUp?.failed?.(chargePointId, request, err);
      throw err;
    }
  }

  /**
   * Hand the answer to the follow-up: `applied` when it fits the action's schema, `failed` when it does not (the
   * domain state cannot tell what the station did; the operator still sees its answer and the violations).
   */
  private async followUp<A extends CentralSystemAction>(
    followUp: ActionFollowUp<A>,
    chargePointId: string,
    action: A,
    request: JsonObject,
    answer: JsonObject,
  ): Promise<void> {
    const validator = this.host.validator;
    // The call only sends a request that fits its schema, so `request` always does here.
    if (isRequestOf(validator, action, request) && isResponseOf(validator, action, answer)) {
      await followUp.applied?.(chargePointId, request, answer);
      return;
    }
    const checked = validator.response(action, answer);
    await followUp.failed?.(chargePointId, request, new InvalidAnswer(action, checked.ok ? [] : checked.issues));
  }

  /**
   * The station's answer as the domain state takes it. A lenient station's answer that broke its schema is
   * normalised like its CALLs (shared/ocpp/normalise.ts: `"accepted"` is Accepted); its violations are still
   * reported, and the frame as received stays in the message log.
   */
  private readAnswer(chargePointId: string, action: OcppAction, result: CallResult): JsonObject {
    if (result.violations.length === 0) return result.payload;
    const mode = this.stores.stations.admission(chargePointId)?.validationMode ?? this.host.settings().validationMode;
    return mode === 'lenient' ? normalisePayload(ocppMessages[action].response, result.payload).value : result.payload;
  }
}
