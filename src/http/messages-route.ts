import type { Activity, ActivityHandler } from 'botbuilder';
import type { EsdAdapter } from '../teams/adapter';
import type { Logger } from '../log/logger';
import { errorBody } from './errors';
import type { RouteInput, RouteResult } from './route';

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
 * logger (not `console.error`) without the caller's token. The route is public to the API's auth: the Bot Framework
 * token is the adapter's to check.
 */
export function messagesHandler(adapter: EsdAdapter, bot: ActivityHandler, logger: Logger) {
  return async (input: RouteInput<unknown, unknown, unknown>): Promise<RouteResult> => {
    const activity = toActivity(input.body);
    if (!activity) {
      return { status: 400, body: errorBody('validation', 'The body must be a Bot Framework activity with a type.', [{ path: 'type', message: 'type is required.' }]) };
    }
    try {
      const invokeResponse = await adapter.run(input.header('authorization') ?? '', activity, (context) => bot.run(context));
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      if (isAuthenticationError(error)) {
        logger.warn('refused a Bot Framework request', { reason: error.message, activityType: activity.type });
        return { status: 401, body: errorBody('unauthorized', 'The Bot Framework token is missing or not valid.') };
      }
      throw error;
    }
  };
}
