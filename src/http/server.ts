import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Locale } from '../domain/types';
import { errorBody, HttpError } from './errors';
import { toErrorResponse } from './error-mapping';
import { mountRoutes } from './mount';
import type { Authenticator } from './principal';
import { apiRoutes, type RouteDeps } from './routes';
import { mountTab } from './tab';

export { MAX_BODY_BYTES } from './body';

/** Node's default limit on a request's headers (16 KB) bounds its URL too. */
const MAX_URL_LENGTH = 16 * 1024;

export interface ServerDeps extends RouteDeps {
  authenticator: Authenticator;
  /** DEFAULT_LOCALE: the tab's language for a reader whose locale has no catalogue (issue 11). */
  defaultLocale?: Locale;
}

/**
 * The restify server: the route table (routes.ts) mounted by mount.ts, which reads bodies itself (JSON only, at
 * most 256 KB) and answers every failure with the contract's error body; restify's own refusals are mapped here.
 */
export function createServer(deps: ServerDeps): Server {
  // Path values of any length reach the route, whose schema says what is wrong with them (400), rather than the
  // router's default of 100 characters turning a long value into "no route" (Node bounds the whole URL anyway).
  const server = restify.createServer({ name: 'esd-bot', handleUncaughtExceptions: false, maxParamLength: MAX_URL_LENGTH });
  // The router reads a `;` as the end of the path (`/api/customers/<id>;x` would be that customer): no route has one.
  server.pre((req: Request, res: Response, next: (proceed?: false) => void) => {
    if (!(req.url ?? '').split('?', 1)[0]?.includes(';')) return next();
    const failure = toErrorResponse(new HttpError('not_found', `No route for ${req.method} ${req.getPath()}.`), deps.logger,
      { method: req.method ?? '', path: req.getPath() });
    res.send(failure.status, failure.body, failure.headers);
    return next(false);
  });
  mountRoutes(server, apiRoutes(deps), { authenticator: deps.authenticator, logger: deps.logger });
  mountTab(server, deps.defaultLocale);

  // One listener for every error restify raises itself (no route, wrong method, a malformed URL), so each answer
  // is the contract's body; a listener per error name would stop restify's pipeline before this one.
  server.on('restifyError', (req: Request, res: Response, error: unknown, callback: () => void) => {
    const failure = toErrorResponse(fromRestify(req, error), deps.logger, { method: req.method ?? '', path: req.getPath() });
    res.send(failure.status, failure.body, failure.headers);
    callback();
  });
  server.server.on('clientError', answerClientError);
  return server;
}

/**
 * A request Node cannot parse (`Content-Length: abc`, a broken request line) never reaches restify: answered here
 * as Node would (408 or 431 for headers too slow or too large, else 400), the 400 with the contract's error body.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || pending?.headersSent === true || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = /CONTENT_LENGTH/.test(error.code ?? '') ? 'Content-Length must be the number of bytes in the body.'
    : 'The request is not valid HTTP.';
  const body = status === 400 ? JSON.stringify(errorBody('validation', message)) : '';
  const type = body ? 'Content-Type: application/json\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function fromRestify(req: Request, error: unknown): unknown {
  const status = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  if (status === 404) return new HttpError('not_found', `No route for ${req.method} ${req.getPath()}.`);
  if (status === 405) return new HttpError('method_not_allowed', `${req.method} is not allowed on ${req.getPath()}.`);
  if (status === 400) return new HttpError('validation', 'The request is not valid.');
  return error;
}
