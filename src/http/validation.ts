/**
 * Request validation with ajv, compiled once when the routes are mounted. A value that fails becomes one
 * `validation` error with one detail per bad field: `path` is the field (`workloads/1/engagementStartDate`, no
 * leading slash), `message` says what is expected. Semantic rules (R1, R6, date bounds) stay in the domain.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isValidTimeZone } from '../domain/dates';
import { DomainError, type ErrorDetail } from '../domain/errors';
import { DIRECTORY_ID_PATTERN, directoryIdMessage } from '../domain/ids';
import type { Schema } from './schemas/json-schema';

/** Where a value comes from: bodies are JSON and never coerced; path and query values are text, coerced to numbers. */
export type Source = 'body' | 'params' | 'query';

export type Check<T> = (value: unknown) => T;

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'must be a real date as YYYY-MM-DD',
  'date-time': 'must be an ISO-8601 instant with a time zone, e.g. 2026-11-24T09:00:00Z',
  email: 'must be an email address',
  uuid: 'must be a GUID',
  'calendar-month': 'must be a month as YYYY-MM',
  'iana-time-zone': 'must be an IANA time zone such as Europe/Paris',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object',
  array: 'a list', null: 'null',
};

const WHOLE: Record<Source, string> = { body: 'The body', params: 'The path', query: 'The query string' };

/** An ajv for JSON Schema 2020-12 (the OpenAPI 3.1 dialect) that knows every format our schemas use. */
export function createAjv(coerceTypes = false): Ajv2020 {
  // strictTypes and strictRequired off: `if`/`then` branches name properties without repeating the object's shape.
  const ajv = new Ajv2020({
    allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, coerceTypes,
  });
  addFormats(ajv, { mode: 'full', formats: ['date', 'date-time', 'email', 'uuid'] });
  ajv.addFormat('calendar-month', /^\d{4}-(0[1-9]|1[0-2])$/);
  ajv.addFormat('iana-time-zone', { type: 'string', validate: (value: string) => isValidTimeZone(value) });
  return ajv;
}

const ajvFor: Record<Source, Ajv2020> = (() => {
  const text = createAjv(true);
  return { body: createAjv(false), params: text, query: text };
})();

function join(parent: string, field: string): string {
  return parent === '' ? field : `${parent}/${field}`;
}

function typeNames(type: unknown): string {
  const list = Array.isArray(type) ? type : String(type).split(',');
  return list.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function allowed(values: unknown): string {
  return (Array.isArray(values) ? values : []).filter((v) => v !== null).map((v) => String(v)).join(', ');
}

/** One ajv error as a contract detail; null for errors that only repeat others (`if` says "must match then"). */
function detailOf(error: ErrorObject, source: Source): ErrorDetail | null {
  const path = error.instancePath.replace(/^\//, '');
  const label = path === '' ? WHOLE[source] : path.slice(path.lastIndexOf('/') + 1);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if': return null;
    case 'required': return { path: join(path, String(p.missingProperty)), message: `${String(p.missingProperty)} is required.` };
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return { path: join(path, extra), message: `${extra} is not a known property: remove it.` };
    }
    case 'false schema': return { path, message: `${label} is not allowed here.` };
    case 'type': return { path, message: `${label} must be ${typeNames(p.type)}.` };
    case 'enum': return { path, message: `${label} must be one of ${allowed(p.allowedValues)}.` };
    case 'const': return { path, message: `${label} must be ${JSON.stringify(p.allowedValue)}.` };
    case 'format': return { path, message: `${label} ${FORMAT_MESSAGES[String(p.format)] ?? `must be a valid ${String(p.format)}`}.` };
    case 'minLength': return { path, message: p.limit === 1 ? `${label} must not be empty.` : `${label} must be at least ${String(p.limit)} characters.` };
    case 'maxLength': return { path, message: `${label} must be at most ${String(p.limit)} characters.` };
    case 'pattern': return { path, message: p.pattern === DIRECTORY_ID_PATTERN ? directoryIdMessage(label) : `${label} is not valid.` };
    case 'minimum': return { path, message: `${label} must be at least ${String(p.limit)}.` };
    case 'maximum': return { path, message: `${label} must be at most ${String(p.limit)}.` };
    case 'minItems': return { path, message: `${label} must list at least ${String(p.limit)} entries.` };
    case 'maxItems': return { path, message: `${label} must list at most ${String(p.limit)} entries.` };
    default: return { path, message: `${label} ${error.message ?? 'is not valid'}.` };
  }
}

/** The first problem of each field: a wrong type also fails the enum, but one message says it. */
function detailsOf(errors: readonly ErrorObject[], source: Source): ErrorDetail[] {
  const byPath = new Map<string, ErrorDetail>();
  for (const error of errors) {
    const detail = detailOf(error, source);
    if (detail && !byPath.has(detail.path)) byPath.set(detail.path, detail);
  }
  return [...byPath.values()];
}

/** Compiles `schema` once; the check returns the value typed, or throws `validation` with every bad field. */
export function compileCheck<T>(schema: Schema<T>, source: Source): Check<T> {
  const validate = ajvFor[source].compile<T>(schema);
  return (value) => {
    if (validate(value)) return value;
    throw new DomainError('validation', 'The request is not valid.', detailsOf(validate.errors ?? [], source));
  };
}
