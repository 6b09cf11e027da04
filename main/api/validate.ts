/** Small field validators for request bodies: each returns an error message or undefined. */

export type FieldCheck = (value: unknown) => string | undefined;

export const oneOf =
  (values: readonly string[]): FieldCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;

export const text =
  (max: number, min = 0): FieldCheck =>
  (v) =>
    typeof v !== 'string'
      ? 'must be a string'
      : v.length < min
        ? min === 1
          ? 'must not be empty'
          : `must be at least ${min} characters`
        : v.length > max
          ? `must be at most ${max} characters`
          : undefined;

export const integer =
  (min: number, max: number): FieldCheck =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `must be an integer from ${min} to ${max}`;

export const dateTime: FieldCheck = (v) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))
    ? undefined
    : 'must be an ISO 8601 date-time with a time zone (e.g. 2030-01-01T00:00:00Z)';

export const nullable =
  (check: FieldCheck): FieldCheck =>
  (v) =>
    v === null ? undefined : check(v);

/** Check `body` against `schema`: unknown fields and missing `required` fields are problems too. */
export function checkFields(body: Record<string, unknown>, schema: Record<string, FieldCheck>, required: string[] = []): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(body)) {
    const check = schema[key];
    if (!check) problems[key] = 'is not a known field';
    else if (body[key] !== undefined) {
      const problem = check(body[key]);
      if (problem) problems[key] = problem;
    }
  }
  for (const key of required) if (body[key] === undefined && !problems[key]) problems[key] = 'is required';
  return problems;
}
