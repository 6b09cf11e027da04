/**
 * The one checker for flat JSON objects described by a TypeBox schema: runtime settings, bad-input limits and the
 * operator API's request bodies. It answers with a problem per field (`{ heartbeatIntervalSec: 'must be …' }`), the
 * shape of the API's 422 `details.fields`, so the console shows each message next to its field.
 *
 * It runs TypeBox's `Value.Check`, an interpreter: the console's Content-Security-Policy forbids `new Function`,
 * which ajv and TypeBox's compiler both need, and one checker must serve the server and the console alike. Each
 * message is written from the field's own schema (its range, choices, length, unit), never by hand per field.
 */
import { FormatRegistry, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { idTokenProblem } from '../ocpp/cistring.js';

export type FieldProblems = Record<string, string>;

/** An ISO 8601 date-time with a time zone, the way the operator API takes times (docs/api.md "Conventions"). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `format: 'date-time'` of the API's bodies: the pattern above and a real date. */
export const DATE_TIME_FORMAT = 'date-time';
/** `format: 'id-token'`: an id tag an operator may give (shared/ocpp/cistring.ts idTokenProblem). */
export const ID_TOKEN_FORMAT = 'id-token';

// TypeBox keeps string formats in one registry; Value.Check refuses a format it does not know.
if (!FormatRegistry.Has(DATE_TIME_FORMAT)) FormatRegistry.Set(DATE_TIME_FORMAT, (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has(ID_TOKEN_FORMAT)) FormatRegistry.Set(ID_TOKEN_FORMAT, (v) => idTokenProblem(v) === null);

/** The unit a field's name ends in (`heartbeatIntervalSec` → s), shown with its range; '' when it has none. */
export function unitOfField(key: string): string {
  const units: [RegExp, string][] = [
    [/PerSec$/, 'per s'],
    [/Sec$/, 's'],
    [/Ms$/, 'ms'],
    [/Bytes$/, 'bytes'],
    [/MiB$/, 'MiB'],
    [/Hours$/, 'h'],
    [/Days$/, 'days'],
    [/Months$/, 'months'],
  ];
  return units.find(([suffix]) => suffix.test(key))?.[1] ?? '';
}

const numberText = new Intl.NumberFormat('en-US');

interface SchemaNode {
  type?: string;
  anyOf?: SchemaNode[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  items?: SchemaNode;
  errorMessage?: string;
}

/** The values of a union of literals (a choice), or null when the schema is something else. */
export function choicesOf(schema: TSchema): string[] | null {
  const options = (schema as SchemaNode).anyOf;
  if (!options?.length || !options.every((o) => typeof o.const === 'string')) return null;
  return options.map((o) => String(o.const));
}

/** Whether `value` is of the JSON kind `node` takes (a string for a choice), whatever its other rules. */
function isOfKind(node: SchemaNode, value: unknown): boolean {
  const kind = node.anyOf ? 'string' : node.type;
  if (kind === 'integer') return typeof value === 'number';
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === kind;
}

function lengthProblem(node: SchemaNode, value: string): string | undefined {
  const min = node.minLength ?? 0;
  if (value.length < min) return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
  if (node.maxLength !== undefined && value.length > node.maxLength) return `must be at most ${node.maxLength} characters`;
  return undefined;
}

/** Why `value` does not fit `schema`, in words (called only when it does not). `key` gives the unit. */
function describe(schema: TSchema, value: unknown, key: string): string {
  const node = schema as SchemaNode;
  // A rule no range or length says, such as a pattern, carries its own words.
  if (typeof node.errorMessage === 'string') return node.errorMessage;
  const choices = choicesOf(schema);
  if (choices) return `must be one of ${choices.join(', ')}`;
  if (node.anyOf) {
    // Nullable (X or null): the words of X, saying null would do too when the value is not even of X's kind.
    const member = node.anyOf.find((o) => o.type !== 'null');
    if (!member) return 'must be null';
    const words = describe(member as TSchema, value, key);
    const nullable = node.anyOf.some((o) => o.type === 'null');
    return nullable && !isOfKind(member, value) ? `${words}, or null` : words;
  }
  switch (node.type) {
    case 'integer': {
      if (node.minimum === undefined && node.maximum === undefined) return 'must be a whole number';
      const unit = unitOfField(key);
      return `must be a whole number from ${numberText.format(node.minimum ?? Number.MIN_SAFE_INTEGER)} to ${numberText.format(node.maximum ?? Number.MAX_SAFE_INTEGER)}${unit ? ` ${unit}` : ''}`;
    }
    case 'boolean':
      return 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (node.format === ID_TOKEN_FORMAT) return idTokenProblem(value) ?? 'is not an id tag';
      if (node.format === DATE_TIME_FORMAT) return 'must be an ISO 8601 date-time with a time zone (e.g. 2030-01-01T00:00:00Z)';
      return lengthProblem(node, value) ?? 'is not valid';
    case 'array': {
      if (!Array.isArray(value) || !node.items) return 'must be a list';
      const items = node.items as TSchema;
      const bad = value.findIndex((item) => !Value.Check(items, item));
      return bad < 0 ? 'is not valid' : `item ${bad + 1} ${describe(items, value[bad], key)}`;
    }
    case 'object':
      return 'must be a JSON object';
    default:
      return 'is not valid';
  }
}

/** The problem of one field's value, or undefined when it fits. */
export function fieldProblem(schema: TObject, key: string, value: unknown): string | undefined {
  const field = schema.properties[key];
  if (!field) return 'is not a known field';
  return Value.Check(field, value) ? undefined : describe(field, value, key);
}

/**
 * Every problem of `body` against `schema`, by field: unknown fields (`unknown` names them, default 'is not a known
 * field'), bad values, and (unless `partial`, as for a settings patch) missing required fields. An absent value
 * (`undefined`) is never a bad value.
 */
export function fieldProblems(
  schema: TObject,
  body: Readonly<Record<string, unknown>>,
  options: { partial?: boolean; unknown?: string } = {},
): FieldProblems {
  const problems: FieldProblems = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const problem = Object.hasOwn(schema.properties, key) ? fieldProblem(schema, key, value) : (options.unknown ?? 'is not a known field');
    if (problem) problems[key] = problem;
  }
  if (!options.partial) for (const key of schema.required ?? []) if (body[key] === undefined && !problems[key]) problems[key] = 'is required';
  return problems;
}
