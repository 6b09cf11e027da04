/**
 * Scenario files (docs/scenarios.md): simulated stations and what they do, step by step, with what the central
 * system is expected to answer. One TypeBox definition gives the TypeScript type, the checker that names the path
 * of each bad field (main/simulator/scenario/check.ts) and the published JSON Schema (docs/scenario.schema.json,
 * printed by `npm run simulate -- --print-schema`). It is also the body of POST /api/simulators/scenarios.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CENTRAL_SYSTEM_ACTIONS, CHARGE_POINT_ACTIONS } from '../ocpp/actions.js';
import { StringEnum } from '../ocpp/messages/common.js';
import { BootNotificationRequest, CHARGE_POINT_ERROR_CODES, CHARGE_POINT_STATUSES, REASONS } from '../ocpp/messages/core.js';

/** The `$id` of the published schema. */
export const SCENARIO_SCHEMA_ID = 'https://ocpp-operator-console.local/scenario.schema.json';

const Strict = { additionalProperties: false } as const;
const JsonObjectField = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

/** The identity becomes the last URL path segment (OCPP-J §3.1.1): characters every charger firmware accepts. */
const Identity = Type.String({ pattern: '^[A-Za-z0-9._-]{1,48}$', errorMessage: 'must be 1 to 48 characters: letters, digits, . _ -' });
/** IdToken (OCPP 1.6 §7.28): at most 20 characters. */
const IdTag = Type.String({ minLength: 1, maxLength: 20 });
const ConnectorId = Type.Integer({ minimum: 1, maximum: 10 });
const StationConnectorId = Type.Integer({ minimum: 0, maximum: 10, description: '0: the whole station (OCPP 1.6 §4.9)' });
const ErrorCode = StringEnum(CHARGE_POINT_ERROR_CODES);
const FaultCode = StringEnum(CHARGE_POINT_ERROR_CODES.filter((c) => c !== 'NoError'));
const Seconds = (maximum: number, description?: string) => Type.Number({ minimum: 0, maximum, ...(description ? { description } : {}) });

/** The BootNotification.req fields (OCPP 1.6 §6.2), all optional: the station's defaults fill the rest. */
const BootFields = Type.Partial(Type.Object(BootNotificationRequest.properties, Strict));

export const ScenarioStation = Type.Object(
  {
    identity: Identity,
    /** Connectors besides connector 0 (default 1). */
    connectors: Type.Optional(ConnectorId),
    /** HTTP Basic auth password (security profile 1). */
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    boot: Type.Optional(BootFields),
    options: Type.Optional(
      Type.Object(
        {
          /** Most power the EV takes (W, default 11000). */
          maxPowerW: Type.Optional(Type.Integer({ minimum: 1000, maximum: 350_000 })),
          /** Heartbeats at the interval BootNotification.conf gives (default false). */
          heartbeats: Type.Optional(Type.Boolean()),
          /** MeterValueSampleInterval configuration key: periodic MeterValues while charging (0 = none, default 0). */
          meterValueSampleIntervalSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
          /** How long the station waits for an answer to its CALL (default 10000 ms). */
          callTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
          /** Configuration key values (unknown keys are added as read-write strings). */
          configuration: Type.Optional(Type.Record(Type.String(), Type.String())),
        },
        Strict,
      ),
    ),
  },
  Strict,
);
export type ScenarioStation = Static<typeof ScenarioStation>;

/** Every step may name its station (default: the first) and carry a label expectations can refer to. */
const stepBase = {
  station: Type.Optional(Identity),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
};

const Step = <const N extends string, P extends Record<string, TSchema>>(name: N, properties: P, description: string) =>
  Type.Object({ do: Type.Literal(name), ...stepBase, ...properties }, { ...Strict, description });

const StatusFields = {
  connectorId: StationConnectorId,
  status: StringEnum(CHARGE_POINT_STATUSES),
  errorCode: Type.Optional(ErrorCode),
  info: Type.Optional(Type.String({ maxLength: 50 })),
};
const FaultFields = { connectorId: StationConnectorId, errorCode: FaultCode, info: Type.Optional(Type.String({ maxLength: 50 })) };
const CallFields = {
  action: StringEnum(CHARGE_POINT_ACTIONS),
  /** Checked against the action's OCPP 1.6 request schema when the file is read. */
  payload: JsonObjectField('the CALL payload, checked against the action request schema'),
};

/** A message the station keeps while offline and sends once back (OCPP 1.6 §4.10 queued messages, in order). */
const QueuedMessage = Type.Union([
  Type.Object({ do: Type.Literal('status'), atSec: Type.Optional(Seconds(86_400)), ...StatusFields }, Strict),
  Type.Object({ do: Type.Literal('fault'), atSec: Type.Optional(Seconds(86_400)), ...FaultFields }, Strict),
  Type.Object({ do: Type.Literal('call'), atSec: Type.Optional(Seconds(86_400)), ...CallFields }, Strict),
]);
export type ScenarioQueuedMessage = Static<typeof QueuedMessage>;

export const ScenarioStep = Type.Union([
  Step('connect', {}, 'Open the WebSocket without booting.'),
  Step(
    'boot',
    {
      payload: Type.Optional(BootFields),
      /** After an Accepted boot, a StatusNotification per connector (default true). */
      statusNotifications: Type.Optional(Type.Boolean()),
    },
    'Connect if needed, then BootNotification (OCPP 1.6 §4.2).',
  ),
  Step('status', StatusFields, 'StatusNotification (OCPP 1.6 §4.9).'),
  Step('fault', FaultFields, 'StatusNotification Faulted with an error code.'),
  Step(
    'startSession',
    {
      connectorId: ConnectorId,
      idTag: IdTag,
      /** Authorize before StartTransaction (default true). */
      authorize: Type.Optional(Type.Boolean()),
      /** Power the EV draws (W); default the station's maxPowerW. */
      powerW: Type.Optional(Type.Integer({ minimum: 0, maximum: 350_000 })),
      /** Charge this long, then stop (StopTransaction with stopReason); absent: the session runs on. */
      durationSec: Type.Optional(Seconds(86_400)),
      stopReason: Type.Optional(StringEnum(REASONS)),
    },
    'Preparing, Authorize, StartTransaction, Charging (OCPP 1.6 §4.1, §4.8); a refused id tag is an answer, not a failed step.',
  ),
  Step('stopSession', { connectorId: ConnectorId, reason: Type.Optional(StringEnum(REASONS)) }, 'StopTransaction, Finishing, Available.'),
  Step('meterValues', { connectorId: ConnectorId }, 'MeterValues with the meter read now.'),
  Step('call', CallFields, 'Any CALL a charge point may send, with the payload as given.'),
  Step('disconnect', { abrupt: Type.Optional(Type.Boolean()) }, 'Close the connection (abrupt: drop it without a close frame).'),
  Step('reconnect', {}, 'Open the connection again (no boot: OCPP 1.6 §4.2 boots only after a restart).'),
  Step(
    'offline',
    {
      durationSec: Seconds(86_400),
      /** Sent in order once the connection is back; `atSec` dates a status within the period. */
      queued: Type.Optional(Type.Array(QueuedMessage, { maxItems: 1000 })),
    },
    'Drop the connection for a while, then reconnect and send the queued messages.',
  ),
  Step(
    'answer',
    {
      action: StringEnum(CENTRAL_SYSTEM_ACTIONS),
      /** The CALLRESULT payload to give (instead of the default behaviour: no state change, no follow-up). */
      response: Type.Optional(JsonObjectField('the CALLRESULT payload')),
      /** A CALLERROR to give instead (OCPP-J §4.2.3 error code). */
      callError: Type.Optional(Type.Object({ code: Type.String({ minLength: 1 }), description: Type.Optional(Type.String()) }, Strict)),
      /** Only for the next CALL of this action (default: until the end of the run). */
      once: Type.Optional(Type.Boolean()),
    },
    'How to answer a central-system CALL from now on: exactly one of response and callError.',
  ),
  Step('wait', { seconds: Seconds(86_400) }, 'Do nothing for a while.'),
  Step(
    'waitForCall',
    { action: StringEnum(CENTRAL_SYSTEM_ACTIONS), timeoutSec: Type.Optional(Seconds(3600)) },
    'Wait until the central system sends a CALL of this action (default 30 s; none is a failed step).',
  ),
]);
export type ScenarioStep = Static<typeof ScenarioStep>;

/** Fields to compare: dotted paths into the payload (`idTagInfo.status`) and the JSON value each must equal. */
const FieldMatch = Type.Record(Type.String({ minLength: 1 }), Type.Unknown(), {
  description: 'dotted path into the payload (idTagInfo.status) and the JSON value it must equal',
});

const expectationBase = {
  station: Type.Optional(Identity),
  /** Words for the report (default: generated from the expectation). */
  description: Type.Optional(Type.String({ maxLength: 200 })),
};

export const ScenarioExpectation = Type.Union([
  Type.Object(
    {
      expect: Type.Literal('answer'),
      ...expectationBase,
      action: StringEnum(CHARGE_POINT_ACTIONS),
      fields: FieldMatch,
      /** Which answers must match: at least one (default), every one, or the last. */
      occurrence: Type.Optional(StringEnum(['any', 'every', 'last'] as const)),
    },
    { ...Strict, description: 'The central system answered a CALL of this action with these field values.' },
  ),
  Type.Object(
    {
      expect: Type.Literal('callError'),
      ...expectationBase,
      action: StringEnum(CHARGE_POINT_ACTIONS),
      errorCode: Type.Optional(Type.String({ minLength: 1 })),
    },
    { ...Strict, description: 'The central system answered a CALL of this action with a CALLERROR (of this code).' },
  ),
  Type.Object(
    {
      expect: Type.Literal('call'),
      ...expectationBase,
      action: StringEnum(CENTRAL_SYSTEM_ACTIONS),
      fields: Type.Optional(FieldMatch),
      /** Within this many seconds of the start of the step labelled `after` (or of the run). */
      withinSec: Type.Optional(Seconds(86_400)),
      after: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    },
    { ...Strict, description: 'The central system sent a CALL of this action (with these field values).' },
  ),
  Type.Object(
    { expect: Type.Literal('noCall'), ...expectationBase, action: StringEnum(CENTRAL_SYSTEM_ACTIONS) },
    { ...Strict, description: 'The central system never sent a CALL of this action.' },
  ),
]);
export type ScenarioExpectation = Static<typeof ScenarioExpectation>;

export const Scenario = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    /** The whole run stops (and fails) after this long (default 300 s). */
    timeoutSec: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400 })),
    stations: Type.Array(ScenarioStation, { minItems: 1, maxItems: 100 }),
    steps: Type.Array(ScenarioStep, { minItems: 1, maxItems: 10_000 }),
    expectations: Type.Optional(Type.Array(ScenarioExpectation, { maxItems: 1000 })),
  },
  { ...Strict, $id: SCENARIO_SCHEMA_ID, title: 'OCPP 1.6J simulator scenario' },
);
export type Scenario = Static<typeof Scenario>;

/** Body of POST /api/simulators/replays: the export's text (`ndjson`) or its lines, one of them. */
export const ReplayBody = Type.Object(
  {
    ndjson: Type.Optional(Type.String({ minLength: 1 })),
    lines: Type.Optional(Type.Array(Type.Unknown(), { minItems: 1 })),
    /** Replay speed factor (default 1: as recorded); not with asFastAsPossible. */
    speed: Type.Optional(Type.Number({ minimum: 0.01, maximum: 10_000 })),
    asFastAsPossible: Type.Optional(Type.Boolean()),
    /** Connect as this identity instead of the recorded one. */
    identity: Type.Optional(Identity),
  },
  Strict,
);
export type ReplayRequest = Static<typeof ReplayBody>;

/** The published JSON Schema (docs/scenario.schema.json): the definition above as plain JSON. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...(JSON.parse(JSON.stringify(Scenario)) as Record<string, unknown>) };
}

// ---------------------------------------------------------------------------------------------------------------
// What a run reports (CLI summary, GET /api/simulators/scenarios/{runId})
// ---------------------------------------------------------------------------------------------------------------

/** One OCPP-J frame a simulated station sent or received, as text. */
export interface ScenarioFrame {
  at: string;
  station: string;
  /** `sent` by the simulated station, `received` from the central system. */
  direction: 'sent' | 'received';
  frame: string;
}

export interface ScenarioStepResult {
  index: number;
  do: ScenarioStep['do'];
  station: string;
  label?: string;
  ok: boolean;
  message: string;
  startedAt: string;
  finishedAt: string;
}

/** One compared field of an answer or CALL: the value the expectation wants and the one that came. */
export interface ScenarioFieldCheck {
  /** The expectation's dotted path (`idTagInfo.status`). */
  path: string;
  expected: unknown;
  /** Absent when the payload has no value there. */
  actual?: unknown;
  ok: boolean;
}

export interface ScenarioExpectationResult {
  index: number;
  description: string;
  passed: boolean;
  message: string;
  /**
   * For `answer` and `call` expectations with `fields`: each field, expected against actual, in the payload that
   * decided it (the one that matched, or the first that did not); absent when no payload came.
   */
  fields?: ScenarioFieldCheck[];
  /** The frames that decided it: the matching exchange, or the exchanges that did not match. */
  evidence: ScenarioFrame[];
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  startedAt: string;
  finishedAt: string;
  /** Why the run stopped early (a failed step, the timeout), or null. */
  error: string | null;
  /** Background work of a station that failed (a follow-up flow of a default answer), which no step reports. */
  notes: string[];
  steps: ScenarioStepResult[];
  expectations: ScenarioExpectationResult[];
}

export type SimulationRunStatus = 'running' | 'passed' | 'failed';

/** GET /api/simulators/scenarios/{runId}. */
export interface ScenarioRunDto {
  runId: string;
  name: string;
  status: SimulationRunStatus;
  startedAt: string;
  finishedAt: string | null;
  stepsDone: number;
  stepsTotal: number;
  /** The steps ended so far, while the run goes on and after. */
  steps: ScenarioStepResult[];
  /** Set once the run has ended. */
  result: ScenarioResult | null;
}

/** GET /api/simulators/scenarios: a kept run without its steps and result. */
export interface ScenarioRunSummary extends Omit<ScenarioRunDto, 'steps' | 'result'> {
  /** Once ended: expectations passed and judged (null while running, or when the run ended without a result). */
  expectationsPassed: number | null;
  expectationsTotal: number | null;
}

/** A difference between the recorded answer and the one the central system gave on replay. */
export interface ReplayDifference {
  /** Index of the replayed exchange, or null for a central-system CALL. */
  exchange: number | null;
  action: string;
  /** Dotted path into the payload ('' for the frame as a whole). */
  path: string;
  original: unknown;
  replayed: unknown;
  message: string;
}

/** One CALL of the recorded station, replayed, with both answers. */
export interface ReplayExchange {
  index: number;
  action: string;
  /** When the recorded station sent it. */
  originalAt: string;
  /** The CALL as replayed (transaction ids mapped to the new ones). */
  sent: string;
  originalAnswer: string | null;
  replayedAnswer: string | null;
  differences: ReplayDifference[];
}

export interface ReplayResult {
  station: string;
  /** True when the central system answered as recorded (differences is empty). */
  identical: boolean;
  startedAt: string;
  finishedAt: string;
  speed: number | 'max';
  exchanges: ReplayExchange[];
  /** Central-system CALLs: recorded versus received on replay, by action in order. */
  csmsCalls: { original: string[]; replayed: string[] };
  /** Every difference (those of the exchanges and of the central-system CALLs). */
  differences: ReplayDifference[];
  /** Original transactionId → the one the central system gave on replay. */
  transactionIds: Record<string, number>;
  error: string | null;
}

/** GET /api/simulators/replays/{runId}: `passed` means identical answers. */
export interface ReplayRunDto {
  runId: string;
  station: string;
  status: SimulationRunStatus;
  startedAt: string;
  finishedAt: string | null;
  exchangesDone: number;
  exchangesTotal: number;
  result: ReplayResult | null;
}

/** GET /api/simulators/replays: a kept replay without its result. */
export interface ReplayRunSummary extends Omit<ReplayRunDto, 'result'> {
  /** Once ended: how many differences were flagged (null while running). */
  differences: number | null;
}
