/**
 * The instant a sweep run on demand (`POST /api/reminders/run`) may run as. The sweep claims each reminder's
 * deterministic id for its day: run as of a future day, it would send that day's card now and claim it, so on the
 * real day nothing would be sent. In production an instant may therefore be at most FUTURE_LEEWAY_MS ahead of the
 * clock (clock skew between the caller and us); outside production a later one is a simulation of that day, and is
 * reported as one.
 */
import { DomainError } from '../domain/errors';

/** Before the service existed: nothing to remind about. */
const EARLIEST = Date.parse('2019-10-01T00:00:00Z');
const FUTURE_LEEWAY_MS = 5 * 60_000;
/** How far ahead a simulation may look (outside production). */
const SIMULATION_HORIZON_MS = 366 * 24 * 3600_000;

/** YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm), as JSON Schema's `date-time` admits it. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface SweepInstant {
  asOf: Date;
  /** Later than the clock allows in production: a run outside production that simulates a day to come. */
  simulated: boolean;
}

function refuse(message: string): never {
  throw new DomainError('validation', 'The request is not valid.', [{ path: 'asOf', message }]);
}

/** A real instant: the day exists in its month, and no leap second (23:59:60, which no clock here can name). */
function realInstant(text: string): Date | undefined {
  const parts = DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as
    [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const dayExists = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1
    && calendar.getUTCDate() === day;
  const instant = new Date(text);
  if (!dayExists || hour > 23 || minute > 59 || second > 59 || Number.isNaN(instant.getTime())) return undefined;
  return instant;
}

/**
 * `asOf` (an ISO-8601 instant) checked against `now`: a real instant from 2019-10-01 on; in production at most five
 * minutes ahead, outside production at most a year ahead (a simulation). Throws a `validation` DomainError on `asOf`.
 */
export function sweepInstant(asOf: string, now: Date, production: boolean): SweepInstant {
  const instant = realInstant(asOf);
  if (!instant) refuse('asOf must be a real instant, e.g. 2026-11-24T09:00:00Z (no leap second, no 30 February).');
  if (instant.getTime() < EARLIEST) refuse('asOf must be 2019-10-01T00:00:00Z or later.');
  const ahead = instant.getTime() - now.getTime();
  if (ahead <= FUTURE_LEEWAY_MS) return { asOf: instant, simulated: false };
  if (production) {
    refuse('asOf may be at most five minutes ahead of now: a later run would send that day\'s cards today, and none on the day.');
  }
  if (ahead > SIMULATION_HORIZON_MS) refuse('asOf may be at most a year ahead of now, even in a simulation.');
  return { asOf: instant, simulated: true };
}
