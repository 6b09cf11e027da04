/**
 * Judges a scenario's expectations (docs/scenarios.md "Expectations") against the exchanges of the run, each with
 * the frames that decided it as evidence.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ScenarioExpectation, ScenarioExpectationResult, ScenarioFieldCheck } from '../../../shared/api/scenario.js';
import { evidence, type Exchange } from './frame-log.js';

/** Evidence shown for a failed expectation: the last few exchanges of its action. */
const MAX_EVIDENCE_EXCHANGES = 5;

export interface JudgeContext {
  /** The station an expectation without `station` is about. */
  defaultStation: string;
  runStartMs: number;
  /** When each labelled step started. */
  labelStartMs: ReadonlyMap<string, number>;
}

/** The value at a dotted path (`idTagInfo.status`, `meterValue.0.timestamp`), or undefined. */
export function valueAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Each expected field against the payload's value, so a report can set expected next to actual. */
function fieldChecks(payload: unknown, fields: Readonly<Record<string, unknown>> | undefined): ScenarioFieldCheck[] {
  return Object.entries(fields ?? {}).map(([path, expected]) => {
    const actual = valueAt(payload, path);
    return { path, expected, ...(actual !== undefined ? { actual } : {}), ok: isDeepStrictEqual(actual, expected) };
  });
}

/** The fields that differ, in words (`idTagInfo.status is "Invalid"`); empty when all match. */
function mismatches(payload: unknown, fields: Readonly<Record<string, unknown>>): string[] {
  return fieldChecks(payload, fields)
    .filter((check) => !check.ok)
    .map((check) => `${check.path} is ${JSON.stringify(check.actual) ?? 'absent'}`);
}

/** Adds `fields` when there is something to compare. */
function withFields(verdict: Verdict, payload: unknown, fields: Readonly<Record<string, unknown>> | undefined): Verdict {
  const checks = fieldChecks(payload, fields);
  return checks.length ? { ...verdict, fields: checks } : verdict;
}

function fieldWords(fields: Readonly<Record<string, unknown>> | undefined): string {
  const entries = Object.entries(fields ?? {});
  return entries.length ? ` with ${entries.map(([path, want]) => `${path} = ${JSON.stringify(want)}`).join(', ')}` : '';
}

export function describeExpectation(e: ScenarioExpectation): string {
  if (e.description) return e.description;
  switch (e.expect) {
    case 'answer': {
      const which = e.occurrence === 'every' ? 'every ' : e.occurrence === 'last' ? 'the last ' : '';
      return `the central system answered ${which}${e.action}${fieldWords(e.fields)}`;
    }
    case 'callError':
      return `the central system answered ${e.action} with a CALLERROR${e.errorCode ? ` ${e.errorCode}` : ''}`;
    case 'call':
      return `received ${e.action}${fieldWords(e.fields)}${e.withinSec !== undefined ? ` within ${e.withinSec} s of ${e.after ? `step "${e.after}"` : 'the start'}` : ''}`;
    case 'noCall':
      return `received no ${e.action}`;
  }
}

const framesOf = (exchanges: readonly Exchange[]) =>
  exchanges.flatMap((x) => (x.answer ? [evidence(x.call), evidence(x.answer)] : [evidence(x.call)]));

type Verdict = Omit<ScenarioExpectationResult, 'index' | 'description'>;

function judgeAnswer(e: Extract<ScenarioExpectation, { expect: 'answer' }>, calls: Exchange[]): Verdict {
  const answered = calls.filter((x) => x.answer?.parsed.kind === 'result');
  if (!answered.length)
    return {
      passed: false,
      message: calls.length ? `${e.action} was sent ${calls.length} time(s) but never answered with a CALLRESULT` : `no ${e.action} was sent`,
      evidence: framesOf(calls.slice(-MAX_EVIDENCE_EXCHANGES)),
    };
  const payloadOf = (x: Exchange) => (x.answer!.parsed.kind === 'result' ? x.answer!.parsed.payload : undefined);
  const occurrence = e.occurrence ?? 'any';
  const considered = occurrence === 'last' ? answered.slice(-1) : answered;
  const bad = considered.map((x) => ({ x, wrong: mismatches(payloadOf(x), e.fields) })).filter((r) => r.wrong.length);
  if (occurrence === 'any') {
    const good = answered.find((x) => mismatches(payloadOf(x), e.fields).length === 0);
    if (good)
      return withFields(
        { passed: true, message: `answer ${answered.indexOf(good) + 1} of ${answered.length} matches`, evidence: framesOf([good]) },
        payloadOf(good),
        e.fields,
      );
    return withFields(
      {
        passed: false,
        message: `none of ${answered.length} answer(s) matches: ${bad.map((r) => r.wrong.join(', ')).join('; ')}`,
        evidence: framesOf(answered.slice(-MAX_EVIDENCE_EXCHANGES)),
      },
      payloadOf(answered.at(-1)!),
      e.fields,
    );
  }
  if (!bad.length)
    return withFields(
      { passed: true, message: `${considered.length} answer(s) match`, evidence: framesOf(considered.slice(-MAX_EVIDENCE_EXCHANGES)) },
      payloadOf(considered.at(-1)!),
      e.fields,
    );
  return withFields(
    {
      passed: false,
      message: `${bad.length} of ${considered.length} answer(s) do not match: ${bad[0]!.wrong.join(', ')}`,
      evidence: framesOf(bad.slice(0, MAX_EVIDENCE_EXCHANGES).map((r) => r.x)),
    },
    payloadOf(bad[0]!.x),
    e.fields,
  );
}

function judgeCallError(e: Extract<ScenarioExpectation, { expect: 'callError' }>, calls: Exchange[]): Verdict {
  const errors = calls.filter((x) => x.answer?.parsed.kind === 'error');
  const match = errors.find((x) => x.answer!.parsed.kind === 'error' && (!e.errorCode || x.answer!.parsed.errorCode === e.errorCode));
  if (match) return { passed: true, message: 'a CALLERROR came', evidence: framesOf([match]) };
  const message = !calls.length
    ? `no ${e.action} was sent`
    : errors.length
      ? `the CALLERROR(s) had another code`
      : `every ${e.action} was answered without a CALLERROR`;
  return { passed: false, message, evidence: framesOf(calls.slice(-MAX_EVIDENCE_EXCHANGES)) };
}

function judgeCall(e: Extract<ScenarioExpectation, { expect: 'call' }>, calls: Exchange[], ctx: JudgeContext): Verdict {
  const fromMs = e.after !== undefined ? (ctx.labelStartMs.get(e.after) ?? Number.NaN) : ctx.runStartMs;
  if (Number.isNaN(fromMs)) return { passed: false, message: `step "${e.after}" never ran`, evidence: [] };
  const after = calls.filter((x) => x.call.atMs >= fromMs);
  const inTime = after.filter((x) => e.withinSec === undefined || x.call.atMs - fromMs <= e.withinSec * 1000);
  const match = inTime.find((x) => mismatches(x.payload, e.fields ?? {}).length === 0);
  if (match)
    return withFields(
      { passed: true, message: `received after ${((match.call.atMs - fromMs) / 1000).toFixed(1)} s`, evidence: framesOf([match]) },
      match.payload,
      e.fields,
    );
  if (!after.length) return { passed: false, message: `no ${e.action} was received`, evidence: [] };
  if (!inTime.length)
    return {
      passed: false,
      message: `the first ${e.action} came after ${((after[0]!.call.atMs - fromMs) / 1000).toFixed(1)} s`,
      evidence: framesOf(after.slice(0, 1)),
    };
  return withFields(
    {
      passed: false,
      message: `no ${e.action} matches: ${mismatches(inTime[0]!.payload, e.fields ?? {}).join(', ')}`,
      evidence: framesOf(inTime.slice(-MAX_EVIDENCE_EXCHANGES)),
    },
    inTime[0]!.payload,
    e.fields,
  );
}

export function judgeExpectations(
  expectations: readonly ScenarioExpectation[],
  exchanges: readonly Exchange[],
  ctx: JudgeContext,
): ScenarioExpectationResult[] {
  return expectations.map((e, index) => {
    const station = e.station ?? ctx.defaultStation;
    const initiator = e.expect === 'call' || e.expect === 'noCall' ? 'csms' : 'station';
    const calls = exchanges.filter((x) => x.station === station && x.initiator === initiator && x.action === e.action);
    let verdict: Verdict;
    switch (e.expect) {
      case 'answer':
        verdict = judgeAnswer(e, calls);
        break;
      case 'callError':
        verdict = judgeCallError(e, calls);
        break;
      case 'call':
        verdict = judgeCall(e, calls, ctx);
        break;
      case 'noCall':
        verdict = calls.length
          ? { passed: false, message: `${e.action} was received ${calls.length} time(s)`, evidence: framesOf(calls.slice(0, MAX_EVIDENCE_EXCHANGES)) }
          : { passed: true, message: `no ${e.action} was received`, evidence: [] };
        break;
    }
    return { index, description: describeExpectation(e), ...verdict };
  });
}
