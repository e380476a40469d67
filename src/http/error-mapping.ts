/**
 * Every failure of a route becomes the contract's error body with its status: refusals of the domain (DomainError),
 * of the store (StoreError) and of the HTTP layer (HttpError) say what went wrong; anything else is a bug or an
 * outage, logged with its stack and answered `500 internal` without either.
 */
import { DomainError } from '../domain/errors';
import type { Logger } from '../log/logger';
import { WriteContention } from '../services/optimistic-write';
import { StoreError, type StoreErrorCode } from '../store/store';
import { errorBody, HttpError, STATUS_OF, type ErrorBody, type ErrorCode } from './errors';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

const FROM_STORE: Readonly<Record<StoreErrorCode, ErrorCode>> = {
  conflict: 'conflict',
  precondition_failed: 'precondition_failed',
  not_found: 'not_found',
  too_large: 'payload_too_large',
  unavailable: 'unavailable',
};

function response(code: ErrorCode, message: string, details: ErrorBody['error']['details'] = [], headers: Record<string, string> = {}): ErrorResponse {
  return { status: STATUS_OF[code], body: errorBody(code, message, details), headers };
}

export function toErrorResponse(
  error: unknown, logger: Logger, request: { method: string; path: string },
): ErrorResponse {
  if (error instanceof HttpError) return response(error.code, error.message, error.details, error.headers);
  if (error instanceof DomainError) {
    // The contract's detail is a path and its English message; the phrase is for people, in Teams.
    return response(error.code, error.message, error.details.map(({ path, message }) => ({ path, message })));
  }
  if (error instanceof WriteContention) {
    // Others kept changing the same customer: nothing was written; the same request a moment later will do.
    logger.warn('write contention', { attempts: error.attempts, ...request });
    return response('unavailable', 'Others are changing the same data at this moment: nothing was changed, try again shortly.',
      [], { 'Retry-After': String(error.retryAfterSeconds) });
  }
  if (error instanceof StoreError) {
    const code = FROM_STORE[error.code];
    if (code !== 'unavailable') return response(code, error.message);
    // The store's own words may name hosts or request ids: they go to the log, the caller gets when to retry.
    logger.warn('store unavailable', { error, ...request });
    const retryAfter = Math.max(1, Math.ceil((error.retryAfterInMs ?? 1000) / 1000)); // seconds (RFC 9110)
    return response(code, 'The data store is not available right now: try again shortly.', [], { 'Retry-After': String(retryAfter) });
  }
  logger.error('request failed', { error, stack: error instanceof Error ? error.stack : undefined, ...request });
  return response('internal', 'Something went wrong on our side.');
}
