/** Maps what @azure/cosmos throws onto the port's `StoreError`; anything unrecognised is rethrown as it is. */
import { StoreError, type StoreErrorCode } from '../store';

// Node socket and DNS failures (RestError.code), the SDK's own request timeout, and its send failure.
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'REQUEST_SEND_ERROR', 'TimeoutError',
]);

const STATUS_CODES: ReadonlyMap<number, StoreErrorCode> = new Map([
  [404, 'not_found'],
  [409, 'conflict'],
  [412, 'precondition_failed'],
  [413, 'too_large'],
  [408, 'unavailable'],
  // 429 reaches us only once the SDK's own throttling retries are spent.
  [429, 'unavailable'],
  [503, 'unavailable'],
]);

function property(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** The HTTP status (a number) or the network error code (a string) of an SDK error. */
export function statusOf(error: unknown): number | string | undefined {
  const code = property(error, 'code');
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

function codeOf(error: unknown): StoreErrorCode | undefined {
  const status = statusOf(error);
  if (typeof status === 'number') return STATUS_CODES.get(status);
  return status !== undefined && NETWORK_CODES.has(status) ? 'unavailable' : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const value = property(error, 'retryAfterInMs');
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The `StoreError` for an SDK error, or the error itself when it is not one the port names. */
function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  if (code === undefined) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(code, `Cosmos DB: ${message}`, retryAfterOf(error));
}

/** Runs one SDK call, translating its failure. */
export async function cosmosCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Runs one SDK call; a failure with one of `statuses` gives `fallback` instead of an error. */
export async function cosmosCallOr<T, F>(
  statuses: readonly number[],
  fallback: F,
  call: () => Promise<T>,
): Promise<T | F> {
  try {
    return await call();
  } catch (error) {
    const status = statusOf(error);
    if (typeof status === 'number' && statuses.includes(status)) return fallback;
    throw toStoreError(error);
  }
}
