import { callErrorFrame, callResultFrame, OcppCallError, type JsonObject, type OcppErrorCode } from '../../../shared/ocpp/rpc-frames.js';
import { isOcppAction, ocppMessages, type ChargePointAction } from '../../../shared/ocpp/actions.js';
import type { OcppValidator } from '../../../shared/ocpp/validator.js';
import { formatOcppDateTime } from '../../../shared/ocpp/time.js';
import type { Clock } from '../clock.js';
import type { RuntimeSettings } from '../config/settings.js';
import type { CsmsEventMap, CsmsEventName, CsmsEvents } from '../domain/events.js';
import { ALLOWED_WHILE_PENDING, ALLOWED_WHILE_REJECTED, chargePointHandlers } from '../handlers/index.js';
import type { Handler, HandlerContext, HandlerServices } from '../handlers/context.js';
import type { Db } from '../storage/database.js';
import type { GroupCommit } from '../storage/group-commit.js';
import { Savepoint } from '../storage/savepoint.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { MessageLogRecorder, PendingExchange } from '../services/message-log-recorder.js';
import type { InboundCall, OcppConnection } from './ocpp-connection.js';
import { lenientCode } from '../storage/message-marks.js';
import { normalisePayload } from '../../../shared/ocpp/normalise.js';

export interface DispatcherDeps {
  db: Db;
  repos: Repositories;
  groupCommit: GroupCommit;
  /** Logs the CALL and the reply as one row (redacted), packed beside this thread and committed with the unit. */
  messageLog: Pick<MessageLogRecorder, 'exchange'>;
  validator: OcppValidator;
  events: CsmsEvents;
  clock: Clock;
  settings: () => RuntimeSettings;
  services: HandlerServices;
  logger: Pick<Console, 'error' | 'warn'>;
}

interface Reply {
  text: string;
  errorCode: OcppErrorCode | null;
}

/** What the message log marks the CALL itself with: why it was refused, or the violation a lenient read let through. */
interface CallMark {
  errorCode: string | null;
}

type PendingEvent = { [E in CsmsEventName]: [E, CsmsEventMap[E]] }[CsmsEventName];

/**
 * Turns one CALL from a station into exactly one reply (OCPP-J §4.2), inside the storage batch: the CALL, the reply
 * (their row packed beside this thread) and everything the handler wrote are committed before the reply leaves
 * (docs/architecture.md, "A message from a charge point").
 */
export class CallDispatcher {
  private readonly handlerSavepoint: Savepoint;

  constructor(private readonly deps: DispatcherDeps) {
    this.handlerSavepoint = new Savepoint(deps.db, 'handler');
  }

  async dispatch(connection: OcppConnection, call: InboundCall): Promise<string> {
    const now = this.deps.clock.now();
    const pendingEvents: PendingEvent[] = [];
    try {
      let logged: PendingExchange | undefined;
      const unit = this.deps.groupCommit.run(() => {
        const mark: CallMark = { errorCode: null };
        const meterValues = this.deps.repos.meterValues;
        meterValues.takeStaged();
        const reply = this.process(connection.identity, call, now, pendingEvents, mark);
        // The meter readings the handler stored are packed and written with the CALL's row.
        logged = this.deps.messageLog.exchange(connection.identity, call, mark.errorCode, reply, now, meterValues.takeStaged());
        return reply;
      });
      const reply = await unit.catch((err: unknown) => {
        logged?.cancel();
        throw err;
      });
      // The exchange's row, packed beside this thread, mostly in the unit's batch: nothing is answered that is not stored.
      await logged!.stored;
      for (const [name, payload] of pendingEvents) this.deps.events.emit(name, payload);
      this.deps.events.emit('message.logged', {
        chargePointId: connection.identity,
        direction: 'in',
        action: call.action,
        messageType: 2,
        errorCode: null,
      });
      this.deps.events.emit('message.logged', {
        chargePointId: connection.identity,
        direction: 'out',
        action: call.action,
        messageType: reply.errorCode ? 4 : 3,
        errorCode: reply.errorCode,
      });
      return reply.text;
    } catch (err) {
      // The commit failed (disk full, read-only, corrupt): nothing was stored, so the station must retry.
      this.deps.logger.error(`[csms] storage failure while answering ${call.action} from ${connection.identity}:`, (err as Error).message);
      return callErrorFrame(call.messageId, 'InternalError', 'Central system storage failure; please retry');
    }
  }

  private process(chargePointId: string, call: InboundCall, now: Date, pendingEvents: PendingEvent[], mark: CallMark): Reply {
    const { repos, validator } = this.deps;
    const settings = this.deps.settings();
    const at = now.toISOString();
    if (!isOcppAction(call.action)) {
      mark.errorCode = 'NotImplemented';
      return errorReply(call, 'NotImplemented', `Unknown action ${call.action}`);
    }
    const definition = ocppMessages[call.action];
    if (definition.initiator === 'CentralSystem') {
      mark.errorCode = 'NotSupported';
      return errorReply(call, 'NotSupported', `${call.action} is sent by the central system, not by a charge point`);
    }
    const action = call.action as ChargePointAction;
    const chargePoint = repos.chargePoints.admission(chargePointId);
    if (!chargePoint) {
      mark.errorCode = 'SecurityError';
      return errorReply(call, 'SecurityError', 'Charge point is not registered');
    }
    const allowed =
      chargePoint.registration_status === 'Accepted' ||
      (chargePoint.registration_status === 'Pending' ? ALLOWED_WHILE_PENDING : ALLOWED_WHILE_REJECTED).has(action);
    if (!allowed) {
      mark.errorCode = 'SecurityError';
      return errorReply(call, 'SecurityError', `Charge point is ${chargePoint.registration_status}; ${action} is not allowed before it is accepted`);
    }

    const received = validator.request(action, call.payload);
    const lenient = (chargePoint.validation_mode ?? settings.validationMode) === 'lenient';
    if (!received.ok && !lenient) {
      mark.errorCode = received.code;
      return errorReply(call, received.code, received.description, { issues: received.issues.slice(0, 5) });
    }
    // A lenient read keeps the violation visible in the message log (README "Lenient mode"): the frame
    // is logged as received, and the handler gets the payload with its format slips put right (shared/ocpp/normalise.ts).
    mark.errorCode = received.ok ? null : lenientCode(received.code);
    let payload = call.payload;
    let validation = received;
    if (!received.ok) {
      const normalised = normalisePayload(definition.request, call.payload);
      if (normalised.changes.length > 0) {
        payload = normalised.value;
        validation = validator.request(action, payload);
      }
    }

    const ctx: HandlerContext = {
      chargePointId,
      chargePoint,
      now,
      nowIso: at,
      repos,
      settings,
      services: this.deps.services,
      formatTime: (date) => formatOcppDateTime(date, settings.timestampMilliseconds),
      emit: (name, payload) => void pendingEvents.push([name, payload] as PendingEvent),
    };
    const handler = chargePointHandlers[action] as Handler<ChargePointAction>;
    const eventsBefore = pendingEvents.length;
    let response: JsonObject;
    try {
      // In its own savepoint: a throwing handler leaves no partial writes behind, and the CALL's log row stays.
      response = this.handlerSavepoint.run(() => handler(ctx, payload as never) as JsonObject);
    } catch (err) {
      pendingEvents.length = eventsBefore;
      // Undone with the handler's other writes.
      repos.meterValues.takeStaged();
      if (err instanceof OcppCallError) return errorReply(call, err.code as OcppErrorCode, err.description, err.details);
      if (!validation.ok) return errorReply(call, validation.code, validation.description, { issues: validation.issues.slice(0, 5) });
      this.deps.logger.error(`[csms] handler ${action} failed for ${chargePointId}:`, err);
      return errorReply(call, 'InternalError', 'The central system failed to process this message');
    }
    // Strict in what we send: a reply that would not validate is a bug on our side, never sent (OCPP-J errata 3.2).
    const check = validator.response(action, response);
    if (!check.ok) {
      pendingEvents.length = eventsBefore;
      this.deps.logger.error(`[csms] BUG: invalid ${action} reply for ${chargePointId}: ${check.description}`);
      return errorReply(call, 'InternalError', 'The central system produced an invalid reply');
    }
    return { text: callResultFrame(call.messageId, response), errorCode: null };
  }
}

function errorReply(call: InboundCall, code: OcppErrorCode, description: string, details: JsonObject = {}): Reply {
  return { text: callErrorFrame(call.messageId, code, description, details), errorCode: code };
}
