/**
 * Request bodies are checked against their schemas in shared/api/request-bodies.ts, the same definitions the client
 * and the console are typed with; the words of each problem come from the schema (shared/api/field-problems.ts).
 */
import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldProblem, fieldProblems, type FieldProblems } from '../../shared/api/field-problems.js';
import { validationFailed } from './http.js';

/** Every problem of a request body, by field: unknown fields, bad values, missing required ones. */
export function bodyProblems(schema: TObject, body: Readonly<Record<string, unknown>>): FieldProblems {
  return fieldProblems(schema, body);
}

/** The problem of one value given outside the body (a path segment) against a field of a body schema. */
export function valueProblem(schema: TObject, field: string, value: unknown): string | undefined {
  return fieldProblem(schema, field, value);
}

/** The body, typed by its schema; any problem answers 422 with every problem by field (nothing is changed). */
export function checkedBody<S extends TObject>(schema: S, body: Readonly<Record<string, unknown>>): Static<S> {
  const problems = fieldProblems(schema, body);
  if (Object.keys(problems).length === 0 && Value.Check(schema, body)) return body;
  throw validationFailed(Object.keys(problems).length ? problems : { body: 'does not fit the request schema' });
}
