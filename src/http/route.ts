/**
 * What a route is: method, path, who may call it, the schemas of what it takes and gives, and a thin handler
 * (parse → call a service → map the result). The route table (routes.ts) lists them; mount.ts puts them on restify
 * and openapi.ts describes them, both from the same objects.
 */
import type { Actor, Role } from '../domain/types';
import type { ErrorCode } from './errors';
import type { JsonSchema, Schema } from './schemas/json-schema';
import type { Principal } from './principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A validated request: the types are those the route's schemas describe. */
export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  header(this: void, name: string): string | undefined;
}

/** The authenticated caller and the actor the services record (the route's role the principal holds, admin first). */
export interface Caller {
  principal: Principal;
  actor: Actor;
}

export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Response headers, e.g. `ETag`. */
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  /** Also answered as `text/csv` (csv.ts) when `Accept` asks for it: what its rows and columns are. */
  csv?: string;
}

interface RouteSpec<B, Q, P> {
  method: HttpMethod;
  /** OpenAPI style: `/api/customers/{tenantId}`. */
  path: string;
  operationId: string;
  summary: string;
  params?: Schema<P>;
  query?: Schema<Q>;
  body?: Schema<B>;
  /** Without a body an optional one is validated as `{}`. */
  bodyRequired?: boolean;
  /** Takes `If-Match` (412 when stale). */
  ifMatch?: boolean;
  /** Success answers by status. */
  responses: Record<number, ResponseSpec>;
  /**
   * Refusals of the service beyond those the route's shape implies (400, 401, 403, 412, 413, 415, 500, 503: see
   * openapi.ts).
   */
  errors?: readonly ErrorCode[];
}

export interface PublicRoute<B = unknown, Q = unknown, P = unknown> extends RouteSpec<B, Q, P> {
  roles: 'public';
  /** Checks the headers before a byte of the body is read: an answer here is sent instead of reading it. */
  beforeBody?(header: (this: void, name: string) => string | undefined): RouteResult | undefined;
  handle(input: RouteInput<B, Q, P>): Promise<RouteResult>;
}

export interface SecuredRoute<B = unknown, Q = unknown, P = unknown> extends RouteSpec<B, Q, P> {
  /** Any of these roles may call it. */
  roles: readonly Role[];
  handle(input: RouteInput<B, Q, P>, caller: Caller): Promise<RouteResult>;
}

export type Route = PublicRoute | SecuredRoute;

export function isPublic(route: Route): route is PublicRoute {
  return route.roles === 'public';
}

/** Infers the handler's types from the schemas (handlers are methods, so a table of mixed routes type-checks). */
export function publicRoute<B, Q, P>(route: PublicRoute<B, Q, P>): PublicRoute<B, Q, P> {
  return route;
}

export function securedRoute<B, Q, P>(route: SecuredRoute<B, Q, P>): SecuredRoute<B, Q, P> {
  return route;
}
