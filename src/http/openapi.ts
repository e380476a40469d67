/**
 * The OpenAPI 3.1 document, generated from the route table and the very schema objects the server validates with,
 * so the document cannot say something the server does not do. Served at `GET /api/openapi.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STATUS_OF, type ErrorCode } from './errors';
import { isPublic, type ResponseSpec, type Route } from './route';
import { COMPONENTS } from './schemas/components';
import type { JsonSchema } from './schemas/json-schema';
import { ERROR_BODY } from './schemas/responses';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SECURITY_SCHEME = 'bearer';

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  validation: 'validation: the request is not valid (details name each bad field).',
  unauthorized: 'unauthorized: no valid bearer token.',
  forbidden: 'forbidden: the caller has none of the roles this route needs.',
  not_found: 'not_found: no such customer or workload.',
  method_not_allowed: 'method_not_allowed.',
  conflict: 'conflict: the change contradicts the current state (e.g. it exists already).',
  precondition_failed: 'precondition_failed: If-Match names a version that is no longer current.',
  payload_too_large: 'payload_too_large: the body is over 256 KB, or the document would be too large.',
  unsupported_media_type: 'unsupported_media_type: the body is not application/json.',
  unavailable: 'unavailable: the data store is not available; retry later.',
  internal: 'internal: something went wrong on our side.',
};

/** The package version, read once (dist/http and src/http both sit two levels below the package root). */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

/** A copy of `value` as JSON where every named component (other than `self`) is a `$ref`. */
function withRefs(value: unknown, names: ReadonlyMap<unknown, string>, self?: unknown): Json {
  const name = value !== self ? names.get(value) : undefined;
  if (name !== undefined) return { $ref: `#/components/schemas/${name}` };
  if (Array.isArray(value)) return value.map((v) => withRefs(v, names));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRefs(v, names)]));
  }
  return value as Json;
}

/** The error statuses a route can answer: those its shape implies plus those its service adds. */
function errorCodes(route: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.params || route.query || route.body) codes.add('validation');
  if (route.body) { codes.add('payload_too_large'); codes.add('unsupported_media_type'); }
  if (!isPublic(route)) { codes.add('unauthorized'); codes.add('forbidden'); codes.add('unavailable'); }
  if (route.ifMatch) codes.add('precondition_failed');
  codes.add('internal');
  return [...codes].sort((a, b) => STATUS_OF[a] - STATUS_OF[b]);
}

function parameters(route: Route, ref: (schema: unknown) => Json): Json[] {
  const list: Json[] = [];
  const add = (where: 'path' | 'query', schema: JsonSchema | undefined): void => {
    for (const [name, property] of Object.entries(schema?.properties ?? {})) {
      const required = where === 'path' || (schema?.required ?? []).includes(name);
      const description = typeof property === 'object' ? property.description : undefined;
      list.push({ name, in: where, required, schema: ref(property), ...(description ? { description } : {}) });
    }
  };
  add('path', route.params);
  add('query', route.query);
  if (route.ifMatch) {
    list.push({
      name: 'If-Match', in: 'header', required: false, schema: { type: 'string' },
      description: 'The ETag read (quoted or not; W/ tolerated): the change applies only to that version, else 412. Without it the change is re-applied on the current version.',
    });
  }
  return list;
}

function responses(route: Route, ref: (schema: unknown) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [status, spec] of Object.entries<ResponseSpec>(route.responses)) {
    const content: JsonObject = {
      ...(spec.schema ? { 'application/json': { schema: ref(spec.schema) } } : {}),
      ...(spec.csv !== undefined ? { 'text/csv': { schema: { type: 'string', description: spec.csv } } } : {}),
    };
    out[status] = {
      description: spec.description,
      ...(spec.headers ? { headers: ref(Object.fromEntries(Object.entries(spec.headers))) } : {}),
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  for (const code of errorCodes(route)) {
    out[String(STATUS_OF[code])] = { description: ERROR_DESCRIPTIONS[code], content: { 'application/json': { schema: ref(ERROR_BODY) } } };
  }
  return out;
}

function operation(route: Route, ref: (schema: unknown) => Json): JsonObject {
  const secured = !isPublic(route);
  const op: JsonObject = {
    operationId: route.operationId,
    summary: route.summary,
    ...(secured ? { description: `Roles: ${route.roles.join(', ')}.` } : { description: 'Public.' }),
    security: secured ? [{ [SECURITY_SCHEME]: [] }] : [],
    ...(secured ? { 'x-roles': [...route.roles] } : {}),
  };
  const params = parameters(route, ref);
  if (params.length > 0) op.parameters = params;
  if (route.body) {
    op.requestBody = { required: route.bodyRequired ?? false, content: { 'application/json': { schema: ref(route.body) } } };
  }
  op.responses = responses(route, ref);
  return op;
}

export function openApiDocument(routes: readonly Route[]): JsonObject {
  const names = new Map<unknown, string>(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]));
  const ref = (schema: unknown): Json => withRefs(schema, names);
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, ref) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'esd-bot API',
      version: packageVersion(),
      description: 'Keeps the FastTrack Engagement Start Date (ESD) honest. Dates are YYYY-MM-DD; instants ISO-8601 with Z. Every 4xx/5xx body is the ErrorBody.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, withRefs(schema, names, schema)]),
      ),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http', scheme: 'bearer',
          description: 'An API key of API_KEYS, or a Microsoft Entra ID access token whose roles claim names the role.',
        },
      },
    },
  };
}
