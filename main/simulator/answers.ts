/**
 * How the simulated station answers the central system's CALLs: the default behaviour (behaviour/), or an answer
 * a test scripted for the action (an override, once or until cleared), and the follow-up flow that runs once the
 * answer has been sent.
 */
import type { CentralSystemAction, OcppRequest, OcppResponse } from '../../shared/ocpp/actions.js';
import type { JsonObject, OcppCallError } from '../../shared/ocpp/rpc-frames.js';
import { defaultAnswer, type DefaultAnswer } from './behaviour/index.js';
import { NO_ANSWER, type CallHandlerResult, type IncomingCall } from './rpc-client.js';
import type { DataTransferHandler, StationScript } from './scripting.js';

/** A CSMS-initiated CALL and how the station answered it. */
export interface CallEvent {
  action: string;
  messageId: string;
  payload: JsonObject;
  /** The conf we answered with (undefined if we answered with a CALLERROR or not at all). */
  response?: JsonObject;
  error?: OcppCallError;
}

export interface AnswerContext<Conf = JsonObject> {
  action: string;
  messageId: string;
  cp: StationScript;
  /** Run the default behaviour (state change and follow-up messages) and get its conf. */
  runDefault(): Promise<Conf>;
}

type Result<Conf> = Conf | typeof NO_ANSWER;

/**
 * An answer override: a conf payload, NO_ANSWER, or a function of the request (may throw OcppCallError, may be
 * async). An override sees the payload as the central system sent it, unchecked.
 */
export type Answer = Result<JsonObject> | ((payload: JsonObject, ctx: AnswerContext) => Result<JsonObject> | Promise<Result<JsonObject>>);

/** An override typed by the action's request and response payloads. */
export type TypedAnswer<A extends CentralSystemAction> =
  | Result<OcppResponse<A>>
  | ((payload: OcppRequest<A>, ctx: AnswerContext<OcppResponse<A>>) => Result<OcppResponse<A>> | Promise<Result<OcppResponse<A>>>);

export interface AnswerHooks {
  /** Run a follow-up flow whose errors are reported, never thrown. */
  runFlow(flow: () => Promise<unknown>): Promise<void>;
  /** A CALL was answered (for the 'call' event). */
  answered(event: CallEvent): void;
}

export class AnswerBook {
  private readonly overrides = new Map<string, Answer>();
  private readonly onceOverrides = new Map<string, Answer[]>();
  private readonly vendorHandlers = new Map<string, DataTransferHandler>();
  private readonly followUps = new Map<string, NonNullable<DefaultAnswer['after']>>();

  constructor(
    private readonly script: StationScript,
    private readonly hooks: AnswerHooks,
  ) {}

  /** Override the answer to an action until cleared (`undefined` restores the default behaviour). */
  set(action: string, answer: Answer | undefined): void {
    if (answer === undefined) this.overrides.delete(action);
    else this.overrides.set(action, answer);
  }

  /** Override the answer to the next CALL of this action only (queued: several apply in order). */
  once(action: string, answer: Answer): void {
    const list = this.onceOverrides.get(action) ?? [];
    list.push(answer);
    this.onceOverrides.set(action, list);
  }

  /** Remove the overrides of one action (or of all actions). */
  clear(action?: string): void {
    if (action === undefined) {
      this.overrides.clear();
      this.onceOverrides.clear();
    } else {
      this.overrides.delete(action);
      this.onceOverrides.delete(action);
    }
  }

  setDataTransferHandler(vendorId: string, handler: DataTransferHandler | undefined): void {
    if (handler) this.vendorHandlers.set(vendorId, handler);
    else this.vendorHandlers.delete(vendorId);
  }

  dataTransferHandler(vendorId: string): DataTransferHandler | undefined {
    return this.vendorHandlers.get(vendorId);
  }

  private take(action: string): Answer | undefined {
    const once = this.onceOverrides.get(action);
    const next = once?.shift();
    if (once?.length === 0) this.onceOverrides.delete(action);
    return next ?? this.overrides.get(action);
  }

  /** The answer to a CALL; its follow-up flow waits for afterAnswer. */
  async handleCall(call: IncomingCall): Promise<CallHandlerResult> {
    let after: DefaultAnswer['after'];
    const runDefault = async (): Promise<JsonObject> => {
      const result = await defaultAnswer(this.script, call.action, call.payload);
      after = result.after;
      return result.conf;
    };
    const override = this.take(call.action);
    let result: CallHandlerResult;
    if (override === undefined) result = await runDefault();
    else if (typeof override === 'function') {
      result = await override(call.payload, { action: call.action, messageId: call.messageId, cp: this.script, runDefault });
    } else result = override;
    if (after && result !== NO_ANSWER) this.followUps.set(call.messageId, after);
    return result;
  }

  /** The answer went out: report it, then run the follow-up flow (not after a CALLERROR). */
  afterAnswer(call: IncomingCall, response: JsonObject | undefined, error: OcppCallError | undefined): void {
    const followUp = this.followUps.get(call.messageId);
    this.followUps.delete(call.messageId);
    this.hooks.answered({ ...call, response, error });
    if (followUp && !error) void this.hooks.runFlow(followUp);
  }
}
