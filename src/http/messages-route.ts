import type { Activity, ActivityHandler } from 'botbuilder';
import type { EsdAdapter } from '../teams/adapter';
import type { Logger } from '../log/logger';
import type { ErrorDetail } from '../domain/errors';
import { directoryIdMessage, isDirectoryId } from '../domain/ids';
import { errorBody } from './errors';
import type { RouteInput, RouteResult } from './route';
import { isRecord } from '../lib/is-record';

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


function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * What the adapter and the bot read from every activity, checked before either does: the conversation to answer
 * in, the Bot Connector to answer through, and the parties' ids as text. Anything else is a 400, not a turn.
 */
function activityProblems(activity: Record<string, unknown>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { conversation } = activity;
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || conversation.id === '') {
    problems.push({ path: 'conversation.id', message: 'conversation.id is required, as text.' });
  }
  if (!isHttpUrl(activity.serviceUrl)) problems.push({ path: 'serviceUrl', message: 'serviceUrl is required, an http(s) URL.' });
  for (const party of ['from', 'recipient'] as const) {
    const value = activity[party];
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) {
      problems.push({ path: party, message: `${party} must be an object.` });
      continue;
    }
    for (const field of ['id', 'name', 'aadObjectId']) {
      const text = value[field];
      if (text !== undefined && text !== null && typeof text !== 'string') {
        problems.push({ path: `${party}.${field}`, message: `${party}.${field} must be text.` });
      }
    }
    // The sender's object id keys their directory entry: an id no store can hold is refused (issue 9, defect 5).
    const id = value.aadObjectId;
    if (party === 'from' && typeof id === 'string' && id !== '' && !isDirectoryId(id)) {
      problems.push({ path: 'from.aadObjectId', message: directoryIdMessage('from.aadObjectId') });
    }
  }
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') {
    problems.push({ path: 'text', message: 'text must be text.' });
  }
  if (activity.entities !== undefined && activity.entities !== null && !Array.isArray(activity.entities)) {
    problems.push({ path: 'entities', message: 'entities must be a list.' });
  }
  return problems;
}

/** The algorithms the Bot Framework signs its tokens with (botframework-connector's allowed list). */
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * Why an Authorization header cannot be a Bot Framework token, decided without a network call (so `alg: none`,
 * garbage or another scheme is a 401 at once, never a metadata fetch); undefined when it may be one.
 */
function tokenShapeProblem(header: string): string | undefined {
  const parts = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
  if (!parts?.[1]) return 'not a bearer JSON Web Token';
  let jose: unknown;
  try {
    jose = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return 'the token header is not JSON';
  }
  if (!isRecord(jose) || typeof jose.alg !== 'string' || !SIGNING_ALGORITHMS.includes(jose.alg)) {
    return 'the token is not signed with an allowed algorithm';
  }
  if (typeof jose.kid !== 'string') return 'the token names no signing key';
  return undefined;
}

/** jsonwebtoken's verification errors, which botframework-connector passes on as they are. */
function isTokenError(error: unknown): boolean {
  return error instanceof Error && ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name);
}

const UNAUTHORIZED = errorBody('unauthorized', 'The Bot Framework token is missing or not valid.');
/** Seconds a caller waits before retrying when the Bot Framework's signing keys could not be fetched. */
const METADATA_RETRY_SECONDS = 30;

/** botframework-connector's AuthenticationError (not re-exported by botbuilder) carries statusCode 401. */
function isAuthenticationError(error: unknown): error is Error {
  return error instanceof Error && (error as Error & { statusCode?: unknown }).statusCode === 401;
}

/**
 * Before the body is read: with an app id, a request without a header that can be a Bot Framework token gets its
 * 401 at once; what it still sends is discarded as it arrives (Node's own handling), never kept or parsed.
 */
export function messagesTokenCheck(adapter: EsdAdapter, logger: Logger) {
  return (header: (name: string) => string | undefined): RouteResult | undefined => {
    if (!adapter.tokenRequired) return undefined;
    const authorization = header('authorization') ?? '';
    const problem = authorization === '' ? 'no Authorization header' : tokenShapeProblem(authorization);
    if (problem === undefined) return undefined;
    logger.warn('refused a Bot Framework request', { reason: problem });
    return { status: 401, body: UNAUTHORIZED };
  };
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
    const problems = activityProblems(activity as unknown as Record<string, unknown>);
    if (problems.length > 0) {
      return { status: 400, body: errorBody('validation', 'The body is not a Bot Framework activity this bot can answer.', problems) };
    }
    const authorization = input.header('authorization') ?? '';
    let turnStarted = false;
    try {
      const invokeResponse = await adapter.run(authorization, activity, (context) => {
        turnStarted = true;
        return bot.run(context);
      });
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      if (isTokenError(error) || isAuthenticationError(error)) {
        logger.warn('refused a Bot Framework request', { reason: (error as Error).message, activityType: activity.type });
        return { status: 401, body: UNAUTHORIZED };
      }
      if (!turnStarted) {
        // Before the turn only the token check runs: what fails there, other than the token, is fetching the Bot
        // Framework's signing keys (the metadata endpoint is unreachable or answers an error).
        logger.warn('could not check a Bot Framework token', { error });
        return {
          status: 503,
          headers: { 'Retry-After': String(METADATA_RETRY_SECONDS) },
          body: errorBody('unavailable', 'The Bot Framework token cannot be checked right now; try again shortly.'),
        };
      }
      throw error;
    }
  };
}
