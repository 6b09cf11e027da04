/**
 * The operator-side rule for CiStringNType values (OCPP 1.6 §7): at most N characters, each printable ASCII
 * (0x20–0x7E). One checker for everything an operator sends: the operator API (id tags, calls) and every console
 * form that takes an id tag, so a value is explained next to its field before anything is sent and never cut short.
 * What stations send is checked by the payload validator, which follows the official schemas (length only).
 */
import { CI_STRING_ANNOTATION, IdToken } from './messages/common.js';

/** IdToken = CiString20Type (OCPP 1.6 §7.28), taken from the message definitions. */
export const ID_TOKEN_MAX_LENGTH: number = IdToken.maxLength!;

const PRINTABLE_ASCII = /^[\x20-\x7e]$/;

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || code === 0x7f ? `a control character (${hex})` : `“${ch}” (${hex})`;
}

/**
 * Why `value` is not a CiString of at most `maxLength` characters, or null when it is one. `what` names the value
 * in the message ("an id tag"). Length counts characters as OCPP does (one per code point).
 */
export function ciStringProblem(value: string, maxLength: number, what = 'this field'): string | null {
  const characters = [...value];
  if (characters.length > maxLength) return `has ${characters.length} characters; ${what} has at most ${maxLength} (OCPP 1.6 CiString${maxLength})`;
  const bad = characters.findIndex((ch) => !PRINTABLE_ASCII.test(ch));
  if (bad >= 0) return `character ${bad + 1} is ${describeCharacter(characters[bad]!)}: only printable ASCII is allowed (OCPP 1.6 CiString)`;
  return null;
}

/**
 * Why `value` is not an id tag an operator may give (IdToken, OCPP 1.6 §7.28), or null. Empty is a problem, and
 * so are spaces at either end: they are legal characters, but always a slip of the keyboard or of a paste, and an
 * id tag is compared as written, so it is refused rather than silently trimmed.
 */
export function idTokenProblem(value: string): string | null {
  if (value.length === 0) return 'is required';
  const lengthOrCharacters = ciStringProblem(value, ID_TOKEN_MAX_LENGTH, 'an id tag');
  if (lengthOrCharacters) return lengthOrCharacters;
  if (value.trim() !== value) return 'starts or ends with a space: remove it';
  return null;
}

/** A JSON Schema node as plain JSON (the message definitions read back, e.g. by the console's forms). */
export interface CiStringSchemaNode {
  type?: string;
  maxLength?: number;
  properties?: Record<string, CiStringSchemaNode>;
  items?: CiStringSchemaNode;
  [CI_STRING_ANNOTATION]?: boolean;
}

/** True when a schema node is a CiString of the message definitions. */
export function isCiStringSchema(schema: CiStringSchemaNode): boolean {
  return schema.type === 'string' && schema[CI_STRING_ANNOTATION] === true && schema.maxLength !== undefined;
}

/**
 * Every CiString of `payload` that breaks the operator-side rule, with its JSON Pointer (as the payload
 * validator's issues). Walks the schema's properties and items; everything else is the payload validator's job.
 */
export function ciStringIssues(schema: CiStringSchemaNode, payload: unknown, path = ''): { path: string; message: string }[] {
  if (isCiStringSchema(schema)) {
    const problem = typeof payload === 'string' ? ciStringProblem(payload, schema.maxLength!) : null;
    return problem ? [{ path, message: problem }] : [];
  }
  if (schema.properties && typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    return Object.entries(schema.properties).flatMap(([key, child]) =>
      ciStringIssues(child, (payload as Record<string, unknown>)[key], `${path}/${key}`),
    );
  }
  if (schema.items && Array.isArray(payload)) return payload.flatMap((item, i) => ciStringIssues(schema.items!, item, `${path}/${i}`));
  return [];
}
