/**
 * The JSON Schema subset the OCPP 1.6 request schemas use (shared/ocpp/messages), read as plain JSON, and a
 * checker for it. The server validates with ajv, which compiles schemas with `new Function` and so cannot run under
 * the console's Content-Security-Policy (no 'unsafe-eval'); this small interpreter checks the same keywords, so a bad
 * value is explained next to its field before anything is sent. The server's 422 stays the final word.
 */
import { ciStringProblem, isCiStringSchema } from '../../../../../shared/ocpp/cistring.js';

export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'array' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: string[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  format?: string;
  description?: string;
  /** A CiString of the message definitions (shared/ocpp): its whole rule applies, printable ASCII too. */
  ciString?: boolean;
}

/** One problem, with the JSON Pointer of the field (as the server's `details.issues` give it). */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** RFC 3339 date-time with a zone, as ajv-formats' `date-time` wants (OCPP 1.6 "Time notations"). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isUri(text: string): boolean {
  // An absolute URI: a scheme then anything (ajv-formats `uri` is stricter on some characters; the server decides).
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(text);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every problem of `value` against `schema` (all of them, not just the first: the form shows each next to its field). */
export function checkAgainstSchema(schema: JsonSchema, value: unknown, path = ''): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const at = (message: string) => issues.push({ path, message });
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        at(`must be an object, got ${typeName(value)}`);
        break;
      }
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (record[key] === undefined) issues.push({ path: `${path}/${key}`, message: 'is required' });
      for (const [key, child] of Object.entries(record)) {
        const childSchema = schema.properties?.[key];
        if (!childSchema) {
          // OCPP-J errata §3.2: no fields beyond the schema.
          if (schema.additionalProperties === false) issues.push({ path: `${path}/${key}`, message: 'is not a field of this message' });
          continue;
        }
        if (child !== undefined) issues.push(...checkAgainstSchema(childSchema, child, `${path}/${key}`));
      }
      break;
    }
    case 'array':
      if (!Array.isArray(value)) {
        at(`must be a list, got ${typeName(value)}`);
        break;
      }
      if (schema.items) value.forEach((item, i) => issues.push(...checkAgainstSchema(schema.items!, item, `${path}/${i}`)));
      break;
    case 'string':
      if (typeof value !== 'string') {
        at(`must be text, got ${typeName(value)}`);
        break;
      }
      if (schema.enum && !schema.enum.includes(value)) at(`must be one of ${schema.enum.join(', ')}`);
      if (isCiStringSchema(schema)) {
        const problem = ciStringProblem(value, schema.maxLength!);
        if (problem) at(problem);
      } else if (schema.maxLength !== undefined && value.length > schema.maxLength)
        at(`must be at most ${schema.maxLength} characters (has ${value.length})`);
      if (schema.minLength !== undefined && value.length < schema.minLength) at(`must be at least ${schema.minLength} characters`);
      if (schema.format === 'date-time' && !DATE_TIME.test(value)) at('must be a date-time with a zone, e.g. 2026-01-01T12:00:00Z');
      if (schema.format === 'uri' && !isUri(value)) at('must be an absolute URI, e.g. ftp://host/path or http://host/file');
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        at(`must be a number, got ${typeName(value)}`);
        break;
      }
      if (schema.type === 'integer' && !Number.isInteger(value)) at('must be a whole number');
      if (schema.minimum !== undefined && value < schema.minimum) at(`must be ≥ ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) at(`must be ≤ ${schema.maximum}`);
      // Decimal with one fractional digit (charging limits): compare on a rounded quotient to ignore float noise.
      if (schema.multipleOf !== undefined) {
        const q = value / schema.multipleOf;
        if (Math.abs(q - Math.round(q)) > 1e-9) at(`must be a multiple of ${schema.multipleOf}`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') at(`must be true or false, got ${typeName(value)}`);
      break;
    default:
      break;
  }
  return issues;
}

/** A deep copy of the schema with the given required fields made optional (the API fills them: docs/api.md). */
export function relaxRequired(schema: JsonSchema, optionalPaths: readonly string[]): JsonSchema {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  for (const pointer of optionalPaths) {
    const parts = pointer.split('/').filter(Boolean);
    const key = parts.pop()!;
    let node: JsonSchema | undefined = copy;
    for (const part of parts) node = node?.properties?.[part];
    if (node?.required) node.required = node.required.filter((k) => k !== key);
  }
  return copy;
}
