import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { ValidationIssue } from '../../../shared/ocpp/validator.js';
import type { CentralSystem } from '../central-system.js';
import { CallFailure } from '../rpc/errors.js';
import type { CallResult } from '../rpc/ocpp-connection.js';
import { isOcppAction, ocppMessages } from '../../../shared/ocpp/actions.js';
import { normalisePayload } from '../../../shared/ocpp/normalise.js';
import { registrationRefusal } from './registration-gate.js';

/** What happened to one CSMS-initiated call, in the shape the operator API returns. */
export type CallOutcome =
  | { kind: 'result'; action: string; request: JsonObject; payload: JsonObject; violations: ValidationIssue[] }
  | { kind: 'error'; action: string; request: JsonObject; error: { code: string; description: string; details: JsonObject } };

/** How one operator call ended: an outcome (CALLRESULT or CALLERROR), or the failure it was rejected with. */
export type SettledCall = { chargePointId: string; action: string } & (
  { outcome: CallOutcome; failure?: undefined } | { outcome?: undefined; failure: unknown }
);

/**
 * Follow-up of one action: fills convenience defaults into the request before it is sent, and updates the domain
 * state after the station answered (reservations, local lists, charging profiles, configuration, ...).
 * Registered per action; actions without one are sent as given and change nothing but the message log.
 */
export interface ActionFollowUp {
  /** May write what must exist before the call goes out (e.g. the Requested reservation); awaited before sending. */
  prepare?(chargePointId: string, request: JsonObject): JsonObject | Promise<JsonObject>;
  applied?(chargePointId: string, request: JsonObject, response: JsonObject): void | Promise<void>;
  failed?(chargePointId: string, request: JsonObject, error: OcppCallError | CallFailure): void | Promise<void>;
}

/**
 * Every CSMS-initiated OCPP 1.6 call goes through here, from the console (IPC), the HTTP API and tests alike, so
 * they all change the domain state the same way. The central system sends nothing the operator did not ask for
 * (the OCTT test cases fail a CSMS that does): this class only acts when called.
 */
export class OperatorOperations {
  private readonly followUps = new Map<string, ActionFollowUp>();
  private readonly settledListeners = new Set<(settled: SettledCall) => void>();

  constructor(readonly csms: CentralSystem) {}

  register(action: string, followUp: ActionFollowUp): void {
    this.followUps.set(action, followUp);
  }

  /** The actions with a registered follow-up. */
  registeredActions(): string[] {
    return [...this.followUps.keys()];
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
    const refusal = registrationRefusal(chargePointId, this.csms.repos.chargePoints.admission(chargePointId)?.registration_status, action);
    if (refusal) throw new CallFailure('CSMS_ERR_NOT_ALLOWED', refusal);
    const followUp = this.followUps.get(action);
    const request = followUp?.prepare ? await followUp.prepare(chargePointId, payload) : payload;
    try {
      const result = await this.csms.call(chargePointId, action, request, options);
      const answer = this.readAnswer(chargePointId, action, result);
      await followUp?.applied?.(chargePointId, request, answer);
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
   * The station's answer as the domain state takes it. A lenient station's answer that broke its schema is
   * normalised like its CALLs (shared/ocpp/normalise.ts: `"accepted"` is Accepted); its violations are still
   * reported, and the frame as received stays in the message log.
   */
  private readAnswer(chargePointId: string, action: string, result: CallResult): JsonObject {
    if (result.violations.length === 0 || !isOcppAction(action)) return result.payload;
    const mode = this.csms.repos.chargePoints.admission(chargePointId)?.validation_mode ?? this.csms.settings().validationMode;
    return mode === 'lenient' ? normalisePayload(ocppMessages[action].response, result.payload).value : result.payload;
  }
}
