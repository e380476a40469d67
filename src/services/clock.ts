/** The one source of "now" for services, handed in so every rule and the sweep can be tested at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
