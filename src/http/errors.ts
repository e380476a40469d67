/** The one error body of the contract: `{ "error": { "code", "message", "details": [ { "path", "message" } ] } }`. */
import type { ErrorDetail } from '../domain/errors';

export type ErrorCode =
  | 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'method_not_allowed' | 'conflict'
  | 'precondition_failed' | 'payload_too_large' | 'unsupported_media_type' | 'unavailable' | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

export function errorBody(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}
