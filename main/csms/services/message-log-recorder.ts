import type { MessageLogQuery } from '../../../shared/api/types.js';
import { parseFrame, type ParsedFrame } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { RuntimeSettings } from '../config/settings.js';
import type { CsmsEvents } from '../domain/events.js';
import { invalidResultCode } from '../storage/message-marks.js';
import type { FrameRecord, InboundCall, OutboundExchange } from '../rpc/ocpp-connection.js';
import { REDACTED_ACTIONS, redactPayload } from '../rpc/redaction.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { FramePacker } from '../storage/frame-codec/frame-packer.js';
import { packRequestOf, type FormatRefusalRow, type MessageLogExchange, type MessageLogRow } from '../storage/repositories/message-log.js';
import type { StagedReading } from '../storage/repositories/meter-values.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';
import type { ExportChunk } from '../storage/reader/read-queries.js';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_BATCH_ROWS = 5_000;

/** A station's CALL and our reply, being packed and written (`exchange`). */
export interface PendingExchange {
  /** Settles once the row is committed. */
  stored: Promise<void>;
  /** The CALL's unit failed: write no row (it would claim a reply that never left). */
  cancel(): void;
}

/**
 * The message log: every frame a station sent or got, as it went over the wire except for secrets, which are
 * redacted here before anything is stored (rpc/redaction.ts says which). A CALL and its answer are one row
 * (repositories/message-log.ts), committed before the CALL is acknowledged. Also prunes what is older than
 * `messageLogRetentionDays`, in small steps, on a timer it owns.
 */
export class MessageLogRecorder {
  private pruneTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repos: Pick<Repositories, 'messageLog' | 'meterValues'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    private readonly settings: () => RuntimeSettings,
    /** Pages are read off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
    /** Rows of CALLs from stations are packed off the answering thread. */
    private readonly packer: Pick<FramePacker, 'pack' | 'queue'>,
  ) {}

  start(): void {
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pruneTimer);
  }

  /**
   * A frame outside a CALL's unit, logged in the current batch, then announced: our CALL (a row that its answer
   * completes), the station's answer to it, and frames that belong to no exchange (a row of their own).
   */
  frame(chargePointId: string, record: FrameRecord): void {
    const now = this.clock.now();
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
    const logged = { messageType, errorCode, frame: redactFrame(action, record.text, parsed) };
    const exchange = record.exchange;
    this.writeInOrder(() => {
      const log = this.repos.messageLog;
      if (exchange && messageType === 2) {
        exchange.rowId = log.insert({ at: now, chargePointId, action, outbound: true, first: logged });
        return;
      }
      // The answer to our CALL completes its row; without that row (its write failed, or it was pruned) it is
      // kept in a row of its own, like any frame outside an exchange.
      if (exchange?.rowId !== undefined && log.complete(exchange.rowId, { ...logged, at: now })) return;
      log.insert({ at: now, chargePointId, action, outbound: record.direction === 'out', first: logged });
    });
    this.events.emit('message.logged', { chargePointId, direction: record.direction, action, messageType, errorCode });
  }

  /** Our CALL got no answer (timed out, or the connection closed first): its row says so. */
  unanswered(exchange: OutboundExchange): void {
    this.writeInOrder(() => {
      if (exchange.rowId !== undefined) this.repos.messageLog.markUnanswered(exchange.rowId);
    });
  }

  /**
   * A write of the message log, after the rows of the CALLs that came before it (being packed, see `exchange`): the
   * log is read in row order, so a row must not overtake one of an earlier frame. In the batch open then.
   */
  private writeInOrder(work: () => void): void {
    this.groupCommit.runWhenReady(this.packer.queue().then(() => work)).catch(() => {
      /* a failed commit is reported through onCommitError */
    });
  }

  /**
   * A station's CALL and our reply, as one row (announced by the dispatcher), with the meter readings its handler
   * staged. Called inside the dispatcher's unit: row and readings are packed beside this thread
   * (storage/frame-codec/frame-packer.ts) while more CALLs are handled, and the unit's batch waits for them, so all
   * is committed together (storage/group-commit.ts `runWhenReady`); packed too late for that batch, they go in the
   * next one. The reply waits for `stored`. `callErrorCode` is what the CALL itself is marked with (refused, or read
   * leniently). Replies carry no secrets; the CALL is redacted. An acknowledged CALL that stored one reading is
   * stored against it (frame-codec `WITH_READING`).
   */
  exchange(
    chargePointId: string,
    call: InboundCall,
    callErrorCode: string | null,
    reply: { text: string; errorCode: string | null },
    at: Date,
    readings: StagedReading[],
  ): PendingExchange {
    const against = reply.errorCode === null && readings.length === 1 ? readings[0]! : undefined;
    const entry: MessageLogExchange = {
      // Its id is known once written, just before the row.
      reading: against ? { id: 0, timestamp: against.record.timestamp, json: against.json } : undefined,
      at,
      chargePointId,
      action: call.action,
      outbound: false,
      first: { messageType: 2, errorCode: callErrorCode, frame: redactFrame(call.action, call.text, () => parseFrame(call.text)) },
      answer: { messageType: reply.errorCode ? 4 : 3, errorCode: reply.errorCode, frame: reply.text, at },
    };
    let cancelled = false;
    const request = { frames: packRequestOf(entry), readings: readings.map((r) => ({ text: r.json, key: r.key })) };
    const write = this.packer.pack(request).then((packed) => () => {
      if (cancelled) return;
      const ids = readings.map((reading, i) => this.repos.meterValues.insertStaged(reading, packed.readings[i]!));
      if (entry.reading) entry.reading.id = ids[0]!;
      this.repos.messageLog.insertPacked(entry, packed.frames);
    });
    const stored = this.groupCommit.runWhenReady(write);
    // Awaited by the dispatcher, except when the unit failed: then its outcome is of no interest.
    stored.catch(() => undefined);
    return { stored, cancel: () => (cancelled = true) };
  }

  query(q: MessageLogQuery): MessageLogRow[] {
    return this.repos.messageLog.query(q);
  }

  /** `GET /api/message-log`'s body as UTF-8 JSON, read, shaped and serialised off the answering thread. */
  pageJson(q: MessageLogQuery): Promise<Uint8Array> {
    return this.reader.run('messageLogPageJson', q);
  }

  /** A chunk of the NDJSON export (the rows after `q.afterId`), built off the answering thread. */
  exportChunk(q: MessageLogQuery & { afterId: number }): Promise<ExportChunk> {
    return this.reader.run('messageLogExportChunk', q);
  }

  get(id: number): MessageLogRow | undefined {
    return this.repos.messageLog.get(id);
  }

  /** Stations whose CALLs were refused for their format among the newest `windowRows` rows. */
  formatRefusals(windowRows: number): Promise<FormatRefusalRow[]> {
    return this.reader.run('formatRefusals', windowRows);
  }

  private prune(): void {
    const days = this.settings().messageLogRetentionDays;
    if (days <= 0) return;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
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
