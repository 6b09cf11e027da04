/**
 * Reads a scenario file (docs/scenarios.md): JSON, then the schema (shared/api/scenario.ts) with the path of each
 * bad field, then what a schema cannot say: the stations a step names exist, connectors exist, labels are unique,
 * and a CALL payload or a scripted answer fits its OCPP 1.6 message (the same definitions the central system checks
 * with, shared/ocpp). A bad file is refused as a whole; nothing in it is corrected.
 */
import { Scenario, type ScenarioQueuedMessage, type ScenarioStep } from '../../../shared/api/scenario.js';
import type { OcppAction } from '../../../shared/ocpp/actions.js';
import { OCPP_ERROR_CODES } from '../../../shared/ocpp/rpc-frames.js';
import { createOcppValidator } from '../../../shared/ocpp/validator.js';
import { childPath, schemaProblems, type PathProblem } from './schema-walk.js';

export type ScenarioCheck = { ok: true; scenario: Scenario } | { ok: false; problems: PathProblem[] };

const validator = createOcppValidator();

/** `steps[3].payload` + `/meterValue/0/timestamp` → `steps[3].payload.meterValue[0].timestamp`. */
function pointerToPath(base: string, pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, seg) => childPath(path, /^\d+$/.test(seg) ? Number(seg) : seg), base);
}

function ocppProblems(kind: 'request' | 'response', action: OcppAction, payload: unknown, path: string): PathProblem[] {
  const outcome = validator[kind](action, payload);
  if (outcome.ok) return [];
  if (!outcome.issues.length) return [{ path, message: outcome.description }];
  return outcome.issues.map((issue) => ({
    path: pointerToPath(path, issue.path),
    message: `${issue.message} (OCPP 1.6 ${action}.${kind === 'request' ? 'req' : 'conf'})`,
  }));
}

function connectorProblem(connectorId: number, connectors: number, path: string): PathProblem[] {
  return connectorId > connectors
    ? [{ path: childPath(path, 'connectorId'), message: `must be at most ${connectors}: the station has ${connectors} connector(s)` }]
    : [];
}

function queuedProblems(item: ScenarioQueuedMessage, connectors: number, path: string): PathProblem[] {
  if (item.do === 'call') return ocppProblems('request', item.action, item.payload, childPath(path, 'payload'));
  return connectorProblem(item.connectorId, connectors, path);
}

function stepProblems(step: ScenarioStep, connectors: number, path: string): PathProblem[] {
  switch (step.do) {
    case 'status':
    case 'fault':
    case 'startSession':
    case 'stopSession':
    case 'meterValues':
      return connectorProblem(step.connectorId, connectors, path);
    case 'call':
      return ocppProblems('request', step.action, step.payload, childPath(path, 'payload'));
    case 'offline':
      return (step.queued ?? []).flatMap((item, i) => queuedProblems(item, connectors, childPath(childPath(path, 'queued'), i)));
    case 'answer': {
      if ((step.response === undefined) === (step.callError === undefined))
        return [{ path, message: 'must have exactly one of response and callError' }];
      if (step.response) return ocppProblems('response', step.action, step.response, childPath(path, 'response'));
      const code = step.callError!.code;
      return (OCPP_ERROR_CODES as readonly string[]).includes(code)
        ? []
        : [{ path: childPath(childPath(path, 'callError'), 'code'), message: `must be one of ${OCPP_ERROR_CODES.join(', ')}` }];
    }
    default:
      return [];
  }
}

/** The rules between fields, once the schema holds. */
function crossProblems(scenario: Scenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const connectors = new Map<string, number>();
  scenario.stations.forEach((s, i) => {
    if (connectors.has(s.identity))
      problems.push({ path: `stations[${i}].identity`, message: `${s.identity} is already the identity of another station` });
    connectors.set(s.identity, s.connectors ?? 1);
  });
  const firstIdentity = scenario.stations[0]!.identity;
  const labels = new Set<string>();
  scenario.steps.forEach((step, i) => {
    const path = `steps[${i}]`;
    const identity = step.station ?? firstIdentity;
    if (!connectors.has(identity))
      problems.push({ path: `${path}.station`, message: `names no station of this scenario (${[...connectors.keys()].join(', ')})` });
    if (step.label !== undefined) {
      if (labels.has(step.label)) problems.push({ path: `${path}.label`, message: `${step.label} is already the label of another step` });
      labels.add(step.label);
    }
    problems.push(...stepProblems(step, connectors.get(identity) ?? 10, path));
  });
  (scenario.expectations ?? []).forEach((e, i) => {
    const path = `expectations[${i}]`;
    if (e.station !== undefined && !connectors.has(e.station))
      problems.push({ path: `${path}.station`, message: 'names no station of this scenario' });
    if (e.expect === 'call' && e.after !== undefined && !labels.has(e.after))
      problems.push({ path: `${path}.after`, message: 'names no step label of this scenario' });
  });
  return problems;
}

/** Check a parsed scenario. */
export function checkScenario(value: unknown): ScenarioCheck {
  const problems = schemaProblems(Scenario, value);
  if (problems.length) return { ok: false, problems };
  const scenario = value as Scenario;
  const cross = crossProblems(scenario);
  return cross.length ? { ok: false, problems: cross } : { ok: true, scenario };
}

/** Read a scenario file's text. */
export function parseScenario(text: string): ScenarioCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `is not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  return checkScenario(value);
}

/** One line per problem: `steps[2].status: must be one of …`. */
export function problemLines(problems: readonly PathProblem[]): string[] {
  return problems.map((p) => `${p.path || '(scenario)'}: ${p.message}`);
}
