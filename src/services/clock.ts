/** The one source of "now" for services, handed in so every rule and the sweep can be tested at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Runs `attempt` again while it reports a write conflict, at most `times` times: optimistic concurrency's loop. */
export async function retryOnConflict<T>(times: number, attempt: () => Promise<T | typeof RETRY>): Promise<T> {
  for (let i = 1; ; i++) {
    const result = await attempt();
    if (result !== RETRY) return result;
    if (i >= times) throw new Error(`Gave up after ${times} conflicting writes.`);
  }
}
export const RETRY: unique symbol = Symbol('retry');
