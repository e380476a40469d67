/**
 * What a failed Bot Connector request means for the notifier: retry it, give up for now, or give up for good.
 *
 * botbuilder's ConnectorClient runs on @azure/core-client, which throws a `RestError`:
 * - HTTP failures: `statusCode` (number); `code` and `message` copied from the Teams body
 *   `{ error: { code, message } }` (`code` is undefined when the body is not that JSON, e.g. an HTML 502 page); the
 *   parsed body in `details`;
 *   a non-enumerable `response` with `headers.get('retry-after')` and `bodyAsText`.
 * - network failures: no `statusCode`, `code` is the Node error code (ECONNREFUSED, ECONNRESET, ...).
 * A request that exceeds its timeout is aborted and surfaces as an `AbortError` instead.
 */

export type FailureKind =
  /** never retried: the request cannot succeed as it is (blocked, uninstalled, gone, too big, refused). */
  | 'final'
  /** transient: retry after a wait. */
  | 'retry'
  /** not known to be transient nor final: not retried now, the caller may try later. */
  | 'unknown';

export interface DeliveryFailure {
  kind: FailureKind;
  /** HTTP status, or 0 when there was no HTTP answer. */
  status: number;
  code: string;
  message: string;
  /** From the Retry-After header, when it had a usable value. */
  retryAfterMs: number | undefined;
  /**
   * The request may have reached Teams before it failed (a timeout, a reset connection): repeating a send could
   * post the card twice, so sends are not repeated after such a failure.
   */
  mayHaveArrived: boolean;
}

const FINAL_STATUSES = new Set([400, 401, 403, 404, 413]);
/** Teams asks for retries on these (msteams-docs rate-limit.md). */
const RETRY_STATUSES = new Set([412, 429, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR',
]);
/** Failures after which the request may already have been received. */
const MAYBE_ARRIVED_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE']);
const MAX_MESSAGE_LENGTH = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Something with a `get` method, as the headers of an HTTP response have. */
function hasGet(value: unknown): value is { get(name: string): unknown } {
  return isRecord(value) && typeof value.get === 'function';
}

function stringField(source: unknown, name: string): string | undefined {
  const value = isRecord(source) ? source[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The Retry-After header of the error's HTTP response, if any. */
function retryAfterHeader(error: Record<string, unknown>): string | undefined {
  const headers = isRecord(error.response) ? error.response.headers : undefined;
  if (!hasGet(headers)) return undefined;
  const value: unknown = headers.get('retry-after');
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3); undefined if unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[A-Za-z]/.test(text)) return undefined; // e.g. "-1": Date.parse would read it as a year
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** How an outbound client retries (the Notifier, the Graph installer): injectable for tests. */
export interface RetryOptions {
  /** injectable for tests; defaults to real timers/clock */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** injectable for tests: the jitter of the backoff; defaults to Math.random */
  random?: () => number;
  /** Requests per delivery, the first one included; default 4. */
  maxAttempts?: number;
  /** cap on one Retry-After / backoff wait, default 30_000 */
  maxRetryWaitMs?: number;
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries of many sends spread out. */
export function backoffMs(attempt: number, random: () => number, baseMs = 1_000, capMs = 30_000): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}

function httpFailure(error: Record<string, unknown>, status: number, nowMs: number): DeliveryFailure {
  const body = isRecord(error.details) ? error.details.error : undefined;
  const code = stringField(body, 'code') ?? stringField(error, 'code') ?? `Http${status}`;
  const message = stringField(body, 'message') ?? stringField(error, 'message') ?? `HTTP ${status}`;
  const kind: FailureKind = FINAL_STATUSES.has(status) ? 'final' : RETRY_STATUSES.has(status) ? 'retry' : 'unknown';
  return {
    kind, status, code, message: clip(message), retryAfterMs: parseRetryAfter(retryAfterHeader(error), nowMs),
    mayHaveArrived: false,
  };
}

/** Classifies whatever botbuilder threw while sending. */
export function classifyFailure(error: unknown, nowMs: number): DeliveryFailure {
  const noAnswer = { status: 0, retryAfterMs: undefined };
  if (!isRecord(error)) {
    return { ...noAnswer, kind: 'unknown', code: 'UnexpectedError', message: clip(String(error)), mayHaveArrived: true };
  }
  if (typeof error.statusCode === 'number' && error.statusCode > 0) return httpFailure(error, error.statusCode, nowMs);
  const message = clip(stringField(error, 'message') ?? 'request failed');
  if (error.name === 'AbortError') return { ...noAnswer, kind: 'retry', code: 'Timeout', message, mayHaveArrived: true };
  const code = stringField(error, 'code');
  if (code && NETWORK_CODES.has(code)) return { ...noAnswer, kind: 'retry', code, message, mayHaveArrived: MAYBE_ARRIVED_CODES.has(code) };
  return { ...noAnswer, kind: 'unknown', code: code ?? stringField(error, 'name') ?? 'UnexpectedError', message, mayHaveArrived: true };
}
