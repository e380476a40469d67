/**
 * Optimistic concurrency's loop, once for every service: read, apply a pure change, write with the etag that was
 * read; when the write loses a race, wait a short random while and do it all again on fresh state. Nothing is ever
 * overwritten blindly, and a document others keep changing ends in WriteContention (503 with Retry-After), not a bug.
 */
import { isStoreError } from '../store/store';

/** How many times a change is applied before giving up on a document others keep changing. */
const MAX_WRITE_ATTEMPTS = 8;
/** The first wait's ceiling; it doubles per lost race up to MAX_DELAY_MS ("full jitter": a wait is random below it). */
const BASE_DELAY_MS = 10;
const MAX_DELAY_MS = 250;
/** What a caller who lost every race is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 1;

/** Others changed the same document at every attempt: transient, so the caller is told to try again shortly. */
export class WriteContention extends Error {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor(readonly attempts: number) {
    super(`Gave up after ${attempts} conflicting writes.`);
    this.name = 'WriteContention';
  }
}

/** The waits between attempts; tests inject them (no wall clock). */
export interface RetryTiming {
  /** A number in [0, 1), Math.random by default. */
  random(this: void): number;
  sleep(this: void, ms: number): Promise<void>;
}

const REAL_TIMING: RetryTiming = {
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Whether a write lost a race: the etag it named is stale (`precondition_failed`), or the document it meant to
 * create exists by now (`conflict`, from a create-if-absent).
 */
function lostRace(error: unknown): boolean {
  return isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict');
}

/** The wait after the `lost`-th lost race: random below min(MAX_DELAY_MS, BASE_DELAY_MS * 2^(lost-1)). */
export function backoffMs(lost: number, random: () => number): number {
  return Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (lost - 1)));
}

/**
 * Runs `attempt` (read, apply, write with the etag read) again while its write loses a race, at most
 * MAX_WRITE_ATTEMPTS times with a jittered, bounded wait between; then throws WriteContention. Any other error is
 * thrown as is.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, timing: RetryTiming = REAL_TIMING): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!lostRace(error)) throw error;
      if (i >= MAX_WRITE_ATTEMPTS) throw new WriteContention(MAX_WRITE_ATTEMPTS);
      await timing.sleep(backoffMs(i, timing.random));
    }
  }
}
