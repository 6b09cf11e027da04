/**
 * Payload validation for OCPP 1.6J CALL and CALLRESULT payloads against the registry's schemas, with ajv's
 * first error mapped to an OCPP-J CALLERROR code (OCPP-J 1.6 §4.2.3).
 *
 * Cheap to start: the ajv instance is created, and each schema compiled, on first use only; both are shared by
 * every validator, so `createOcppValidator()` costs nothing.
 */
import type { TSchema } from '@sinclair/typebox';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isOcppAction, ocppMessages, type OcppAction } from './actions.js';
import { CI_STRING_ANNOTATION } from './messages/common.js';
import type { OcppErrorCode } from './rpc-frames.js';

// ajv and ajv-formats are CommonJS modules that also set `exports.default` to themselves. Under NodeNext the
// default import is typed as the module object, so take `.default`, which is the same function at run time
// (and also what bundlers hand out).
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
type AjvInstance = InstanceType<typeof Ajv>;

export interface ValidationIssue {
  /** JSON Pointer of the offending field ("" is the payload itself). */
  path: string;
  keyword: string;
  message: string;
}

export type ValidationOutcome = { ok: true } | { ok: false; code: OcppErrorCode; description: string; issues: ValidationIssue[] };

export interface OcppValidator {
  request(action: OcppAction, payload: unknown): ValidationOutcome;
  response(action: OcppAction, payload: unknown): ValidationOutcome;
}

/** ajv keywords whose failure means "a value breaks a constraint" (OCPP-J §4.2.3 PropertyConstraintViolation). */
const PROPERTY_CONSTRAINT_KEYWORDS = new Set([
  'enum',
  'const',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'format',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
]);

/**
 * OCPP-J 1.6 §4.2.3 error codes for a schema failure. `OccurenceConstraintViolation` keeps the normative
 * misspelling. An unknown field is a FormationViolation: the payload is not built as the schema says, though the
 * frame itself is fine.
 */
export function errorCodeForKeyword(keyword: string): OcppErrorCode {
  if (keyword === 'type') return 'TypeConstraintViolation';
  if (keyword === 'required') return 'OccurenceConstraintViolation';
  if (PROPERTY_CONSTRAINT_KEYWORDS.has(keyword)) return 'PropertyConstraintViolation';
  return 'FormationViolation';
}

let sharedAjv: AjvInstance | undefined;
const compiled = new Map<TSchema, ValidateFunction>();

function ajv(): AjvInstance {
  if (!sharedAjv) {
    sharedAjv = new Ajv({
      allErrors: false,
      strict: true,
      strictNumbers: true,
      coerceTypes: false,
      useDefaults: false,
      // multipleOf 0.1 on charging limits: without a tolerance 16.1 fails, since 16.1 / 0.1 is 161.00000000000003.
      multipleOfPrecision: 6,
    });
    // Only the two formats the OCPP 1.6 schemas use. ajv-formats' `date-time` is RFC 3339: it accepts
    // fractional seconds and offsets, as OCPP 1.6 "Time notations" requires of receivers.
    addFormats(sharedAjv, ['date-time', 'uri']);
    // The CiString marker (messages/common.ts) is an annotation; strict mode refuses unknown keywords otherwise.
    sharedAjv.addKeyword({ keyword: CI_STRING_ANNOTATION, schemaType: 'boolean' });
  }
  return sharedAjv;
}

function validatorFor(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The field an error is about: for `required` and `additionalProperties` ajv points at the parent object. */
function issuePath(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${String(error.params.additionalProperty)}`;
  return error.instancePath;
}

function issueMessage(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this message';
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

function toIssue(error: ErrorObject): ValidationIssue {
  return { path: issuePath(error), keyword: error.keyword, message: issueMessage(error) };
}

function check(schema: TSchema, payload: unknown): ValidationOutcome {
  const validate = validatorFor(schema);
  if (validate(payload)) return { ok: true };
  const issues = (validate.errors ?? []).map(toIssue);
  const first = issues[0];
  if (!first) return { ok: false, code: 'FormationViolation', description: 'Payload is invalid', issues };
  return {
    ok: false,
    code: errorCodeForKeyword(first.keyword),
    description: `${first.path || 'payload'} ${first.message}`,
    issues,
  };
}

/** For callers that pass an unchecked action name: OCPP-J §4.2.3 says NotImplemented for an unknown action. */
function unknownAction(action: string): ValidationOutcome {
  return { ok: false, code: 'NotImplemented', description: `Unknown action "${action}"`, issues: [] };
}

export function createOcppValidator(): OcppValidator {
  return {
    request(action, payload) {
      return isOcppAction(action) ? check(ocppMessages[action].request, payload) : unknownAction(action);
    },
    response(action, payload) {
      return isOcppAction(action) ? check(ocppMessages[action].response, payload) : unknownAction(action);
    },
  };
}
