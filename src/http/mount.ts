/**
 * Puts the route table on restify: for each request, auth (secured routes), then the body (media type, size,
 * syntax), then the schemas of path, query and body, then the handler; any failure becomes the contract's error
 * body. Schemas are compiled here, once, when the server is built.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log/logger';
import { DomainError, type ErrorDetail } from '../domain/errors';
import { authorize } from './access';
import { readJsonBody } from './body';
import { toErrorResponse } from './error-mapping';
import type { Authenticator } from './principal';
import { isPublic, type Route, type RouteInput, type RouteResult } from './route';
import { compileCheck, type Check, type Source } from './validation';

export interface MountDeps {
  authenticator: Authenticator;
  logger: Logger;
}

type Text = Record<string, string | string[]>;

function queryOf(req: Request): Text {
  const query: Text = {};
  for (const [name, value] of new URLSearchParams(req.getQuery())) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Runs every check, so one answer lists the bad path, query and body fields together. */
function validateAll(checks: [Check<unknown> | undefined, unknown][]): unknown[] {
  const details: ErrorDetail[] = [];
  const values = checks.map(([check, value]) => {
    if (!check) return value;
    try {
      return check(value);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
      details.push(...error.details);
      return undefined;
    }
  });
  if (details.length > 0) throw new DomainError('validation', 'The request is not valid.', details);
  return values;
}

function compiled(schema: Route['body'], source: Source): Check<unknown> | undefined {
  return schema ? compileCheck(schema, source) : undefined;
}

/** The request handler of one route. */
function handlerFor(route: Route, deps: MountDeps): (req: Request) => Promise<RouteResult> {
  const params = compiled(route.params, 'params');
  const query = compiled(route.query, 'query');
  const body = compiled(route.body, 'body');
  const parse = async (req: Request): Promise<RouteInput<unknown, unknown, unknown>> => {
    let raw = route.body ? await readJsonBody(req) : undefined;
    if (raw === undefined && route.body) {
      if (route.bodyRequired) throw new DomainError('validation', 'A JSON body is required.', [{ path: '', message: 'The body is required.' }]);
      raw = {};
    }
    const [p, q, b] = validateAll([[params, { ...req.params }], [query, queryOf(req)], [body, raw]]);
    return { params: p, query: q, body: b, header: (name) => headerOf(req, name) };
  };
  // Secured routes authenticate before reading a byte of the body.
  if (isPublic(route)) {
    return async (req) => route.beforeBody?.((name) => headerOf(req, name)) ?? route.handle(await parse(req));
  }
  return async (req) => {
    const caller = await authorize(deps.authenticator, headerOf(req, 'authorization'), route.roles);
    return route.handle(await parse(req), caller);
  };
}

/** The request's connection was closed by the client while its body was being read (Node's `aborted`). */
function clientHungUp(req: Request, error: unknown): boolean {
  return req.destroyed && (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
}

export function mountRoutes(server: Server, routes: readonly Route[], deps: MountDeps): void {
  for (const route of routes) {
    const handle = handlerFor(route, deps);
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    const register = ({ GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch' } as const)[route.method];
    server[register](path, async (req: Request, res: Response) => {
      try {
        const result = await handle(req);
        const headers = isPublic(route) ? result.headers : { 'Cache-Control': 'no-store', ...result.headers };
        // A Buffer (a CSV download: csv.ts) goes out as it is, with the Content-Type its handler set.
        if (Buffer.isBuffer(result.body)) res.sendRaw(result.status, result.body, headers);
        else res.send(result.status, result.body, headers);
      } catch (error) {
        if (clientHungUp(req, error)) {
          // Nobody is left to answer: the client's doing, not an error of ours.
          deps.logger.info('client hung up before the request was read', { method: req.method ?? '', path: req.getPath() });
          return;
        }
        const failure = toErrorResponse(error, deps.logger, { method: req.method ?? '', path: req.getPath() });
        res.send(failure.status, failure.body, failure.headers);
      }
    });
  }
}
