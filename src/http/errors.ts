/** The one error body of the contract: `{ "error": { "code", "message", "details": [ { "path", "message" } ] } }`. */
import type { ErrorDetail } from '../domain/errors';

export const ERROR_CODES = [
  'validation', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict',
  'precondition_failed', 'payload_too_large', 'unsupported_media_type', 'unavailable', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The status each code is sent with: one table, so a code can never travel with another status. */
export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  validation: 400, unauthorized: 401, forbidden: 403, not_found: 404, method_not_allowed: 405, conflict: 409,
  precondition_failed: 412, payload_too_large: 413, unsupported_media_type: 415, unavailable: 503, internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

export function errorBody(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** A refusal decided by the HTTP layer itself (auth, media type, body size, malformed JSON). */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}
