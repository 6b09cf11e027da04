import type { CommissioningCheckId, CommissioningCheckStatus, CommissioningExchange, ConfigurationEntryDto } from '../../../shared/api/types.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { CsmsEventMap, CsmsEventName } from '../domain/events.js';
import type { CsmsServices } from '../services/index.js';

/** What a check found. */
export interface CheckOutcome {
  status: Exclude<CommissioningCheckStatus, 'pending' | 'running'>;
  summary: string;
  values?: Record<string, unknown>;
}

/** A call's answer as a check sees it: the payload of a CALLRESULT, else undefined (the exchange says why). */
export type CallAnswer = JsonObject | undefined;

/** Events seen from the moment `watch` was called; `next` resolves with the first match, or undefined at the timeout. */
export interface EventWatch<E extends CsmsEventName> {
  next(timeoutMs: number): Promise<CsmsEventMap[E] | undefined>;
  stop(): void;
}

/**
 * How long checks wait for the station. The defaults are the ones docs/api.md "Commissioning" states; a central
 * system's tests shorten them (CommissioningDeps.waits) so a check that must wait out a silent station stays quick.
 */
export interface CommissioningWaits {
  /** After TriggerMessage StatusNotification, for every connector to report (OCPP 1.6 §5.17). */
  statusWaitMs: number;
  /** After an accepted RemoteStartTransaction, for its StartTransaction before the technician is asked (§5.11). */
  startWaitMs: number;
  /** After an accepted RemoteStopTransaction, for its StopTransaction (§5.12). */
  stopWaitMs: number;
  /** After TriggerMessage MeterValues, for the MeterValues (§5.17). */
  meterWaitMs: number;
  /** Between the two meter readings compared: long enough for a charging EV to add a few Wh. */
  meterGapMs: number;
  /** After GetDiagnostics, for the upload to end Uploaded or UploadFailed (§5.9). */
  uploadWaitMs: number;
  /** After CancelReservation, for the connector to report the status it had before ReserveNow (§5.2). */
  reservationStatusWaitMs: number;
}

export const DEFAULT_WAITS: Readonly<CommissioningWaits> = {
  statusWaitMs: 10_000,
  startWaitMs: 30_000,
  stopWaitMs: 30_000,
  meterWaitMs: 10_000,
  meterGapMs: 3_000,
  uploadWaitMs: 60_000,
  reservationStatusWaitMs: 10_000,
};

/** What the checks of one run share: set by earlier checks, read by later ones. */
export interface RunState {
  /** The transaction the remote-start check started. */
  transactionId?: number;
  /** The configuration the configuration check read. */
  configuration?: ConfigurationEntryDto[];
}

/** Everything a check may use: the station, the central system's services, calls with evidence, events. */
export interface CheckContext {
  readonly chargePointId: string;
  readonly connectorId: number;
  readonly testIdTag: string;
  readonly services: Pick<CsmsServices, 'stations' | 'connections' | 'transactions' | 'idTags' | 'baselines'>;
  readonly state: RunState;
  /** Whether the central system's own file server can take a diagnostics upload. */
  readonly fileServerAvailable: boolean;
  readonly waits: Readonly<CommissioningWaits>;
  /** Send a call through the operator operations; its request and answer become the check's evidence. */
  call(action: string, payload: JsonObject, timeoutMs?: number): Promise<CallAnswer>;
  /** The request the last call sent, as the operations completed it (e.g. the reservationId they chose). */
  lastRequest(): JsonObject | undefined;
  watch<E extends CsmsEventName>(name: E, match: (payload: CsmsEventMap[E]) => boolean): EventWatch<E>;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

/** A check; its title is COMMISSIONING_CHECK_TITLES[id] (shared/api/types.ts), one list for server and console. */
export interface CommissioningCheck {
  id: CommissioningCheckId;
  run(ctx: CheckContext): CheckOutcome | Promise<CheckOutcome>;
}

/** The evidence list a context fills while a check runs. */
export type ExchangeLog = CommissioningExchange[];

/** A station's `status` answer in words, for summaries ("answered Rejected"); "with an error" when there was none. */
export function statusOf(answer: CallAnswer): string {
  return typeof answer?.status === 'string' ? answer.status : 'with an error';
}
