import type { MessageLogQuery } from '../../../shared/api/types.js';
import { parseFrame, type ParsedFrame } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { RuntimeSettings } from '../config/settings.js';
import type { CsmsEvents } from '../domain/events.js';
import { invalidResultCode } from '../rpc/message-marks.js';
import type { FrameRecord, InboundCall } from '../rpc/ocpp-connection.js';
import { REDACTED_ACTIONS, redactPayload } from '../rpc/redaction.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { FormatRefusalRow, MessageLogRow } from '../storage/repositories/message-log.js';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_BATCH_ROWS = 5_000;

/**
 * The message log: every frame a station sent or got, as it went over the wire except for secrets, which are
 * redacted here before anything is stored (rpc/redaction.ts says which). Also prunes what is older than
 * `messageLogRetentionDays`, in small steps, on a timer it owns.
 */
export class MessageLogRecorder {
  private pruneTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repos: Pick<Repositories, 'messageLog'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    private readonly settings: () => RuntimeSettings,
  ) {}

  start(): void {
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pruneTimer);
  }

  /** A frame outside a CALL's unit (answers to our calls, unreadable frames): logged in the current batch, then announced. */
  frame(chargePointId: string, record: FrameRecord): void {
    const at = this.clock.now().toISOString();
    const parsed = record.parsed;
    const messageType = parsed.kind === 'call' ? 2 : parsed.kind === 'result' ? 3 : parsed.kind === 'error' ? 4 : null;
    const errorCode =
      parsed.kind === 'error' || parsed.kind === 'invalid'
        ? parsed.errorCode
        : parsed.kind === 'unknown-type'
          ? 'UnknownMessageType'
          : record.invalid
            ? invalidResultCode(record.invalid.code)
            : null;
    const action = parsed.kind === 'call' ? parsed.action : record.action;
    const frame = redactFrame(action, record.text, parsed);
    this.groupCommit.runDetached(() => {
      this.repos.messageLog.insert({
        at,
        chargePointId,
        direction: record.direction,
        messageType,
        messageId: 'messageId' in parsed ? (parsed.messageId ?? null) : null,
        action,
        errorCode,
        frame,
      });
    });
    this.events.emit('message.logged', { chargePointId, direction: record.direction, action, messageType, errorCode });
  }

  /** A station's CALL, inside the dispatcher's unit (announced by the dispatcher after the commit). */
  inboundCall(chargePointId: string, call: InboundCall, at: string, errorCode: string | null): void {
    this.repos.messageLog.insert({
      at,
      chargePointId,
      direction: 'in',
      messageType: 2,
      messageId: call.messageId,
      action: call.action,
      errorCode,
      frame: redactFrame(call.action, call.text, () => parseFrame(call.text)),
    });
  }

  /** Our reply to a station's CALL, inside the dispatcher's unit. Replies carry no secrets. */
  reply(chargePointId: string, call: InboundCall, reply: { text: string; errorCode: string | null }, at: string): void {
    this.repos.messageLog.insert({
      at,
      chargePointId,
      direction: 'out',
      messageType: reply.errorCode ? 4 : 3,
      messageId: call.messageId,
      action: call.action,
      errorCode: reply.errorCode,
      frame: reply.text,
    });
  }

  query(q: MessageLogQuery): MessageLogRow[] {
    return this.repos.messageLog.query(q);
  }

  get(id: number): MessageLogRow | undefined {
    return this.repos.messageLog.get(id);
  }

  /** Stations whose CALLs were refused for their format among the newest `windowRows` rows. */
  formatRefusals(windowRows: number): FormatRefusalRow[] {
    return this.repos.messageLog.formatRefusals(windowRows);
  }

  private prune(): void {
    const days = this.settings().messageLogRetentionDays;
    if (days <= 0) return;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000).toISOString();
    // Small deletes, one per tick, so the event loop never stalls on a large backlog.
    const step = () => {
      const removed = this.repos.messageLog.prune(cutoff, PRUNE_BATCH_ROWS);
      if (removed === PRUNE_BATCH_ROWS && !this.stopped) setImmediate(step);
    };
    step();
  }
}

function redactFrame(action: string | null, text: string, parsed: ParsedFrame | (() => ParsedFrame)): string {
  if (action === null || !REDACTED_ACTIONS.has(action)) return text;
  if (typeof parsed === 'function') parsed = parsed();
  if (parsed.kind !== 'call' && parsed.kind !== 'result') return text;
  const redacted = redactPayload(action, parsed.payload);
  if (!redacted) return text;
  return parsed.kind === 'call' ? JSON.stringify([2, parsed.messageId, parsed.action, redacted]) : JSON.stringify([3, parsed.messageId, redacted]);
}
