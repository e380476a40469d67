import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { EsdAdapter } from '../teams/adapter';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { errorBody } from './errors';
import { messagesRoute } from './messages-route';

export interface ServerDeps {
  adapter: EsdAdapter;
  bot: ActivityHandler;
  store: Store;
  logger: Logger;
}

/** Request bodies over this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;
const READY_TIMEOUT_MS = 3000;

/** The restify server: routes only translate HTTP to the bot or services and back. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'esd-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await withTimeout(deps.store.ping(), READY_TIMEOUT_MS, 'the store did not answer in time');
      res.send(200, { status: 'ok' });
    } catch (error) {
      deps.logger.warn('not ready', { error });
      res.send(503, errorBody('unavailable', `Not ready: ${(error as Error).message}`));
    }
  });

  server.post('/api/messages', messagesRoute(deps.adapter, deps.bot, deps.logger));

  server.on('NotFound', (req: Request, res: Response) => {
    res.send(404, errorBody('not_found', `No route for ${req.method} ${req.getPath()}.`));
  });
  server.on('MethodNotAllowed', (req: Request, res: Response) => {
    res.send(405, errorBody('method_not_allowed', `${req.method} is not allowed on ${req.getPath()}.`));
  });
  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status === 413) res.send(413, errorBody('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`));
    else if (status === 415) res.send(415, errorBody('unsupported_media_type', 'Send application/json.'));
    else if (status === 400) res.send(400, errorBody('validation', 'The body is not valid JSON.'));
    else {
      deps.logger.error('request failed', { error, method: req.method, path: req.getPath() });
      res.send(500, errorBody('internal', 'Something went wrong on our side.'));
    }
    callback();
  });
  return server;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
