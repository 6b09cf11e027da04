/**
 * The frame generator: valid OCPP-J CALLs (messages.ts) and single mutations of them, each with the "truth" the
 * oracle needs (what the frame really is), so the expected answer can be derived without asking the server's code.
 * One mutation per frame: with a single fault the OCPP-J §4.2.3 code is determined.
 */
import { CP_MESSAGES, CSMS_ONLY_ACTIONS, validObject, validValue, type Spec } from './messages.js';
import type { SeededRandom } from '../support/seeded-random.js';

/** What a CALL's payload fault is (null: a schema-valid payload). */
export type PayloadFault = null | 'missing' | 'type' | 'extra' | 'constraint' | 'huge' | 'unicode' | 'deep';

export type Truth =
  /** A well-formed CALL frame: [2, id, action, {payload}]. */
  | { t: 'call'; id: string; action: string; fault: PayloadFault }
  /** A CALL-shaped frame whose id is recoverable but whose structure is broken (OCPP-J §4.1.3): FormationViolation. */
  | { t: 'frame-error'; id: string }
  /** Not something to answer: CALLRESULT/CALLERROR for unknown ids, unknown message types, no recoverable id. */
  | { t: 'silent' }
  /** The connection must be closed with this code (RFC 6455 §7.4.1). */
  | { t: 'close'; code: number }
  /** The same CALL twice in a row: one or two replies, never more. */
  | { t: 'duplicate'; id: string; action: string };

export interface FuzzFrame {
  mutation: string;
  data: string | Buffer;
  binary: boolean;
  truth: Truth;
}

export interface LaneContext {
  /** Gating state of the lane's station: decides which valid actions are processed. */
  transactionId?: number;
  maxFrameBytes: number;
  /** Allow mutations that close the connection (invalid UTF-8, oversize). */
  closing: boolean;
}

const ACTIONS = Object.keys(CP_MESSAGES);

interface Slot {
  container: Record<string, unknown>;
  key: string;
  spec: Spec;
}

/** Every field present in the payload (and in the first element of arrays of objects), with its spec. */
function slots(value: Record<string, unknown>, fields: Record<string, Spec>, out: Slot[] = []): Slot[] {
  for (const [key, spec] of Object.entries(fields)) {
    if (!(key in value)) continue;
    out.push({ container: value, key, spec });
    const v = value[key];
    if (spec.kind === 'object') slots(v as Record<string, unknown>, spec.fields, out);
    if (spec.kind === 'array' && spec.of.kind === 'object' && Array.isArray(v) && v.length > 0)
      slots(v[0] as Record<string, unknown>, spec.of.fields, out);
  }
  return out;
}

/** Objects inside the payload (the payload itself included), for adding a field the schema does not have. */
function objects(value: Record<string, unknown>, fields: Record<string, Spec>, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  out.push(value);
  for (const s of slots(value, fields)) {
    const v = s.container[s.key];
    if (s.spec.kind === 'object') out.push(v as Record<string, unknown>);
    if (s.spec.kind === 'array' && s.spec.of.kind === 'object' && Array.isArray(v)) for (const item of v) out.push(item as Record<string, unknown>);
  }
  return [...new Set(out)];
}

function wrongType(spec: Spec, rng: SeededRandom): unknown {
  switch (spec.kind) {
    case 'int':
      return rng.pick(['12', 1.5, -0.25, true, null, {}, [], 'NaN']);
    case 'string':
    case 'enum':
    case 'datetime':
      return rng.pick([12, 0, true, false, null, {}, [], [rng.word(3)]]);
    case 'object':
      return rng.pick(['x', 1, [], null, true]);
    case 'array':
      return rng.pick(['x', 1, {}, null, true]);
  }
}

const UNICODE = [
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\u0000',
  '\u202e',
  'e\u0301\u0301\u0301',
  '\ufeff',
  '\uffff',
  '😀😀',
  'Ω≈ç√',
  '\u0085\u2028\u2029',
  '𝕏',
  '\u001b[31m',
];

/**
 * Deeply nested JSON is built as text (JSON.stringify would recurse past the stack): deepValue() returns a
 * placeholder string that json() swaps for the nested text.
 */
let pendingDeep: string | null = null;
const DEEP_PLACEHOLDER = '"__DEEP__"';

function deepValue(rng: SeededRandom): unknown {
  // At most ~100 KB of nesting: frames stay under the fuzz server's maxFrameBytes (oversize is its own case).
  const depth = rng.chance(0.1) ? 20_000 : rng.pick([50, 200, 1000, 3000]);
  const leaf = rng.chance(0.5) ? '1' : '"x"';
  pendingDeep = rng.chance(0.5) ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
  return '__DEEP__';
}

function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (pendingDeep === null || !text.includes(DEEP_PLACEHOLDER)) return text;
  const out = text.replace(DEEP_PLACEHOLDER, pendingDeep);
  pendingDeep = null;
  return out;
}

/** A payload with exactly one fault of the given kind, or null when the message has no place for it. */
function mutatePayload(
  payload: Record<string, unknown>,
  fields: Record<string, Spec>,
  fault: Exclude<PayloadFault, null>,
  rng: SeededRandom,
): boolean {
  const all = slots(payload, fields);
  switch (fault) {
    case 'missing': {
      const required = all.filter((s) => s.spec.required);
      if (required.length === 0) return false;
      const s = rng.pick(required);
      delete s.container[s.key];
      return true;
    }
    case 'type': {
      if (all.length === 0) return false;
      const s = rng.pick(all);
      s.container[s.key] = wrongType(s.spec, rng);
      return true;
    }
    case 'extra': {
      const target = rng.pick(objects(payload, fields));
      target[`x_${rng.word(1 + rng.below(12))}`] = rng.pick([1, 'v', null, {}, [], deepValue(rng)]);
      return true;
    }
    case 'constraint': {
      const constrained = all.filter(
        (s) => (s.spec.kind === 'string' && s.spec.maxLength !== undefined) || s.spec.kind === 'enum' || s.spec.kind === 'datetime',
      );
      if (constrained.length === 0) return false;
      const s = rng.pick(constrained);
      if (s.spec.kind === 'string') s.container[s.key] = rng.word(s.spec.maxLength! + 1 + rng.below(rng.chance(0.1) ? 100_000 : 40));
      else if (s.spec.kind === 'enum') s.container[s.key] = rng.pick(['', 'Sleeping', 'available', `${rng.pick(s.spec.values)} `, rng.word(8)]);
      else s.container[s.key] = rng.pick(['2026-13-45T99:00:00Z', 'yesterday', '2026-01-01T00:00:00', '', '2026-02-30T10:00:00+25:00', '0']);
      return true;
    }
    case 'huge': {
      const ints = all.filter((s) => s.spec.kind === 'int');
      const arrays = all.filter((s) => s.spec.kind === 'array');
      if (arrays.length > 0 && rng.chance(0.03)) {
        const s = rng.pick(arrays);
        const item = (s.container[s.key] as unknown[])[0] ?? validValue((s.spec as { of: Spec }).of, rng);
        s.container[s.key] = Array.from({ length: rng.pick([100, 500]) }, () => item);
        return true;
      }
      if (ints.length === 0) return false;
      const s = rng.pick(ints);
      s.container[s.key] = rng.pick([
        2 ** 53,
        2 ** 53 + 2,
        1e20,
        -1e20,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 63,
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        1e300,
        -1,
        0,
      ]);
      return true;
    }
    case 'unicode': {
      const strings = all.filter((s) => s.spec.kind === 'string');
      if (strings.length === 0) return false;
      const s = rng.pick(strings);
      const maxLength = (s.spec as { maxLength?: number }).maxLength ?? 30;
      let text = '';
      while (text.length < Math.min(maxLength, 1 + rng.below(30))) text += rng.pick(UNICODE);
      s.container[s.key] = text;
      return true;
    }
    case 'deep': {
      if (all.length === 0) return false;
      const s = rng.pick(all);
      s.container[s.key] = deepValue(rng);
      return true;
    }
  }
}

function interleaveWhitespace(text: string, rng: SeededRandom): string {
  // Whitespace between JSON tokens only: after the structural characters outside strings.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out += c;
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    if (!inString && '[,:{'.includes(c)) out += rng.pick([' ', '\n', '\t', '  ', '\r\n']);
  }
  return out;
}

export class FrameGenerator {
  private seq = 0;

  constructor(
    private readonly rng: SeededRandom,
    private readonly lane: number,
  ) {}

  /** A fresh message id, unique on this lane (so every reply maps to exactly one frame). */
  private id(): string {
    return `${this.lane.toString(36)}-${(this.seq++).toString(36)}`;
  }

  private validCall(action: string, ctx: LaneContext): { id: string; payload: Record<string, unknown> } {
    const context =
      action === 'MeterValues' ? { transactionId: ctx.transactionId } : action === 'StartTransaction' ? { connectorId: 2 + this.rng.below(3) } : {};
    return { id: this.id(), payload: validObject(CP_MESSAGES[action]!, this.rng, context) };
  }

  next(ctx: LaneContext): FuzzFrame {
    const rng = this.rng;
    const roll = rng.next();
    const action = rng.pick(ACTIONS);
    const fields = CP_MESSAGES[action]!;

    // ~15 %: valid CALLs (state decides the answer), some as binary frames or with whitespace between tokens.
    if (roll < 0.15) {
      const { id, payload } = this.validCall(action, ctx);
      const text = json([2, id, action, payload]);
      const variant = rng.below(4);
      if (variant === 0) return { mutation: 'valid-binary', data: Buffer.from(text), binary: true, truth: { t: 'call', id, action, fault: null } };
      if (variant === 1)
        return { mutation: 'valid-whitespace', data: interleaveWhitespace(text, rng), binary: false, truth: { t: 'call', id, action, fault: null } };
      return { mutation: 'valid', data: text, binary: false, truth: { t: 'call', id, action, fault: null } };
    }
    // ~45 %: one payload fault.
    if (roll < 0.6) {
      const faults: Exclude<PayloadFault, null>[] = ['missing', 'type', 'extra', 'constraint', 'huge', 'unicode', 'deep'];
      const fault = rng.pick(faults);
      const { id, payload } = this.validCall(action, ctx);
      const applied = mutatePayload(payload, fields, fault, rng);
      const text = json([2, id, action, payload]);
      return {
        mutation: `payload-${applied ? fault : 'none'}`,
        data: text,
        binary: false,
        truth: { t: 'call', id, action, fault: applied ? fault : null },
      };
    }
    // ~40 %: frame-level damage.
    const kind = rng.below(100);
    const { id, payload } = this.validCall(action, ctx);
    const text = json([2, id, action, payload]);
    if (kind < 8) {
      const unknown = rng.pick(['FooBar', 'heartbeat', 'Heartbeat ', '', 'BootNotification2', rng.word(10), 'StartTransaction\u0000']);
      if (unknown === '') return { mutation: 'action-empty', data: json([2, id, '', payload]), binary: false, truth: { t: 'frame-error', id } };
      return {
        mutation: 'action-unknown',
        data: json([2, id, unknown, payload]),
        binary: false,
        truth: { t: 'call', id, action: unknown, fault: null },
      };
    }
    if (kind < 14) {
      const csmsAction = rng.pick(CSMS_ONLY_ACTIONS);
      return {
        mutation: 'action-csms-only',
        data: json([2, id, csmsAction, payload]),
        binary: false,
        truth: { t: 'call', id, action: csmsAction, fault: null },
      };
    }
    if (kind < 20) {
      const bad = rng.pick([1, null, {}, [], true]);
      return { mutation: 'action-not-string', data: json([2, id, bad, payload]), binary: false, truth: { t: 'frame-error', id } };
    }
    if (kind < 28) {
      const cut = 1 + rng.below(text.length - 1);
      const prefix = `[2,"${id}"`;
      return {
        mutation: 'truncated',
        data: text.slice(0, cut),
        binary: false,
        truth: cut >= prefix.length ? { t: 'frame-error', id } : { t: 'silent' },
      };
    }
    if (kind < 34) {
      const frame = rng.chance(0.5) ? [2, id, action] : [2, id, action, payload, rng.pick([{}, 1, 'x'])];
      return { mutation: 'arity', data: json(frame), binary: false, truth: { t: 'frame-error', id } };
    }
    if (kind < 40) {
      const bad = rng.pick([[], 'x', 1, null, true, [payload]]);
      return { mutation: 'payload-not-object', data: json([2, id, action, bad]), binary: false, truth: { t: 'frame-error', id } };
    }
    if (kind < 44) {
      const longId = `${id}-${rng.word(37)}`.slice(0, 37 + rng.below(40));
      return { mutation: 'id-too-long', data: json([2, longId, action, payload]), binary: false, truth: { t: 'frame-error', id: longId } };
    }
    if (kind < 49) {
      const bad = rng.pick([123, null, {}, [], true, '', 1.5]);
      return { mutation: 'id-not-string', data: json([2, bad, action, payload]), binary: false, truth: { t: 'silent' } };
    }
    if (kind < 57) {
      const typeId = rng.pick([0, 1, 5, 6, 7, 99, -1, 2.5, 1e3, '2', null, true, {}, [], 3, 4]);
      return { mutation: `type-id-${json(typeId)}`, data: json([typeId, id, action, payload]), binary: false, truth: { t: 'silent' } };
    }
    if (kind < 65) {
      const frames = [
        json([3, id, {}]),
        json([3, id, payload]),
        json([4, id, 'GenericError', 'x', {}]),
        json([4, id, 'OccurrenceConstraintViolation', '', {}]),
        json([3, id]),
        json([3, id, 'not an object']),
        json([4, id]),
        json([4, id, 7]),
      ];
      return { mutation: 'answer-unknown-id', data: rng.pick(frames), binary: false, truth: { t: 'silent' } };
    }
    if (kind < 70) {
      return { mutation: 'duplicate-id', data: text, binary: false, truth: { t: 'duplicate', id, action } };
    }
    if (kind < 75) return { mutation: 'empty', data: rng.pick(['', ' ', '\n', '\t\r\n']), binary: rng.chance(0.2), truth: { t: 'silent' } };
    if (kind < 83) {
      const junk = rng.pick([
        'null',
        '[]',
        '{}',
        '"[2,\\"x\\",\\"Heartbeat\\",{}]"',
        '12345',
        '[[2,"a","Heartbeat",{}]]',
        `{"messageTypeId":2,"id":"${id}"}`,
        'garbage ' + rng.word(20),
        '\u0000\u0001\u0002',
        ']'.repeat(10),
        '['.repeat(1 + rng.below(5000)),
        json([deepValue(rng)]),
      ]);
      return { mutation: 'garbage', data: junk, binary: false, truth: { t: 'silent' } };
    }
    if (kind < 88) {
      const bytes = Buffer.alloc(1 + rng.below(200));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.below(256);
      if (bytes[0] === 0x5b) bytes[0] = 0x7b; // never '[': stays not CALL-shaped
      return { mutation: 'binary-random', data: bytes, binary: true, truth: { t: 'silent' } };
    }
    if (kind < 93) {
      // Lone surrogates and odd characters in the message id and the action (valid JSON escapes).
      const weirdId = `${id}${rng.pick(['\ud800', '😀', '\u0000', '\u202e', 'é'])}`;
      return {
        mutation: 'unicode-id',
        data: json([2, weirdId, action, payload]),
        binary: false,
        truth: { t: 'call', id: weirdId, action, fault: null },
      };
    }
    if (ctx.closing && kind < 95) {
      // Invalid UTF-8 in a text frame: the connection must fail with 1007 (RFC 6455 §8.1).
      const bytes = Buffer.concat([Buffer.from(`[2,"${id}","Heartbeat",{"a":"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}]')]);
      return { mutation: 'invalid-utf8-text', data: bytes, binary: false, truth: { t: 'close', code: 1007 } };
    }
    if (ctx.closing && kind < 96) {
      const big = json([2, id, 'DataTransfer', { vendorId: 'V', data: 'x'.repeat(ctx.maxFrameBytes) }]);
      return { mutation: 'oversize', data: big, binary: false, truth: { t: 'close', code: 1009 } };
    }
    // Huge numbers in the frame text itself (beyond double range): parse to Infinity or lose precision.
    const numberText = rng.pick(['1e400', '-1e400', '123456789012345678901234567890', '1E+308', '-0']);
    const field = Object.entries(fields).find(([, spec]) => spec.kind === 'int')?.[0];
    if (!field) return { mutation: 'valid', data: text, binary: false, truth: { t: 'call', id, action, fault: null } };
    const placeholder = '"__NUMBER__"';
    const patched = json([2, id, action, { ...payload, [field]: '__NUMBER__' }]).replace(placeholder, numberText);
    return { mutation: 'huge-number-text', data: patched, binary: false, truth: { t: 'call', id, action, fault: 'huge' } };
  }
}
