import type { Activity, ActivityHandler } from 'botbuilder';
import type { EsdAdapter } from '../teams/adapter';
import type { Request, Response } from 'restify';
import type { Logger } from '../log/logger';
import { errorBody } from './errors';

const TIMESTAMP_FIELDS = [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const;

/** What CloudAdapter.process does to a body before a turn: timestamps become Dates, raw strings kept. */
function toActivity(body: unknown): Activity | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return null;
  for (const [field, raw] of TIMESTAMP_FIELDS) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** botframework-connector's AuthenticationError (not re-exported by botbuilder) carries statusCode 401. */
function isAuthenticationError(error: unknown): error is Error {
  return error instanceof Error && (error as Error & { statusCode?: unknown }).statusCode === 401;
}

/**
 * `POST /api/messages`: authenticates the Bot Framework request and runs the turn. Calls the adapter's
 * `processActivity` directly instead of `process` so refusals carry the contract's error body and reach our
 * logger (not `console.error`) without the caller's token.
 */
export function messagesRoute(adapter: EsdAdapter, bot: ActivityHandler, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const activity = toActivity(req.body);
    if (!activity) {
      res.send(400, errorBody('validation', 'The body must be a Bot Framework activity with a type.', [{ path: 'type', message: 'type is required.' }]));
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invokeResponse = await adapter.run(authHeader, activity, (context) => bot.run(context));
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (error) {
      if (isAuthenticationError(error)) {
        logger.warn('refused a Bot Framework request', { reason: error.message, activityType: activity.type });
        res.send(401, errorBody('unauthorized', 'The Bot Framework token is missing or not valid.'));
        return;
      }
      logger.error('turn failed', { error, activityType: activity.type });
      res.send(500, errorBody('internal', 'Something went wrong on our side.'));
    }
  };
}
