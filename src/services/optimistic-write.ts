/**
 * Optimistic concurrency's loop, once for every service: read, apply a pure change, write with the etag that was
 * read; when the write loses a race, do it all again on fresh state. Nothing is ever overwritten blindly.
 */
import { isStoreError } from '../store/store';

/** How many times a change is applied before giving up on a document others keep changing. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Whether a write lost a race: the etag it named is stale (`precondition_failed`), or the document it meant to
 * create exists by now (`conflict`, from a create-if-absent).
 */
function lostRace(error: unknown): boolean {
  return isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict');
}

/**
 * Runs `attempt` (read, apply, write with the etag read) again while its write loses a race, at most
 * MAX_WRITE_ATTEMPTS times; then fails with "Gave up after 5 conflicting writes.". Any other error is thrown as is.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!lostRace(error)) throw error;
      if (i >= MAX_WRITE_ATTEMPTS) throw new Error(`Gave up after ${MAX_WRITE_ATTEMPTS} conflicting writes.`);
    }
  }
}
