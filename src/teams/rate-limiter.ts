/**
 * Sliding-window pacing for requests to the Bot Connector, so this process never exceeds Teams' limits
 * (msteams-docs `bots/how-to/rate-limit.md`). Pure bookkeeping: callers pass the time in and wait themselves, so
 * every rule can be tested with plain numbers.
 *
 * A window `{ limit, windowMs }` means: no half-open interval [a, a + windowMs) holds more than `limit` requests.
 * Slots may be booked in the future (a queue); a later caller can still take an earlier free slot, so one busy
 * conversation does not hold back the rest of its tenant.
 */

export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Per bot per conversation. */
const CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Per app per tenant. */
const TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 50, windowMs: 1_000 }];

/** First index whose value is > x (values sorted ascending). */
function firstAbove(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** First index whose value is >= x. */
function firstAtLeast(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) >= x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/**
 * Whether one more request at `t` keeps `window` within its limit. Only stamps closer than windowMs to t can share
 * a window with it; a violation is a run of `limit` consecutive stamps (t among them) spanning less than windowMs.
 */
function fitsWindow(stamps: readonly number[], t: number, { limit, windowMs }: RateWindow): boolean {
  const lo = firstAbove(stamps, t - windowMs);
  const hi = firstAtLeast(stamps, t + windowMs);
  if (hi - lo < limit) return true; // even all of them plus t cannot exceed the limit
  const q = firstAbove(stamps, t) - lo; // t's position among the near stamps
  const size = hi - lo + 1;
  const at = (i: number): number => (i < q ? stamps[lo + i] : i === q ? t : stamps[lo + i - 1]) as number;
  for (let k = Math.max(0, q - limit + 1); k <= Math.min(q, size - limit); k++) {
    if (at(k + limit - 1) - at(k) < windowMs) return false;
  }
  return true;
}

export class SlidingWindowLimiter {
  /** Booked request times per key, sorted ascending. */
  private readonly stamps = new Map<string, number[]>();
  private readonly horizonMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.length === 0) throw new Error('SlidingWindowLimiter: at least one window is required.');
    for (const w of windows) {
      if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.windowMs > 0)) {
        throw new Error(`SlidingWindowLimiter: bad window ${JSON.stringify(w)} (limit >= 1, windowMs > 0).`);
      }
    }
    this.horizonMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** The earliest time >= from at which one more request for `key` keeps every window within its limit. */
  earliest(key: string, from: number): number {
    const stamps = this.stamps.get(key);
    if (!stamps) return from;
    let t = from;
    while (!this.windows.every((w) => fitsWindow(stamps, t, w))) t = this.nextChange(stamps, t);
    return t;
  }

  /** Books a request for `key` at `at` (normally a time `earliest` returned). */
  reserve(key: string, at: number): void {
    const stamps = this.stamps.get(key);
    if (!stamps) this.stamps.set(key, [at]);
    else stamps.splice(firstAbove(stamps, at), 0, at);
  }

  /** Forgets stamps too old to matter from `now` on, and keys left without any: memory follows recent traffic. */
  evict(now: number): void {
    for (const [key, stamps] of this.stamps) {
      stamps.splice(0, firstAbove(stamps, now - this.horizonMs));
      if (stamps.length === 0) this.stamps.delete(key);
    }
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.stamps.size;
  }

  /**
   * The next time after t at which some stamp leaves some window. Feasible times form intervals that can only
   * begin at such a moment, so stepping through them never skips the earliest free slot.
   */
  private nextChange(stamps: readonly number[], t: number): number {
    let next = Infinity;
    for (const { windowMs } of this.windows) {
      const leaving = stamps[firstAbove(stamps, t - windowMs)];
      if (leaving !== undefined) next = Math.min(next, leaving + windowMs);
    }
    // Cannot happen: t violated a window, so some stamp lies within windowMs of it.
    if (!(next > t) || next === Infinity) throw new Error('SlidingWindowLimiter: no later slot found.');
    return next;
  }
}

export interface TeamsRateLimiterOptions {
  conversationWindows?: readonly RateWindow[];
  tenantWindows?: readonly RateWindow[];
  /** How often idle keys are swept out; default one minute. */
  evictEveryMs?: number;
}

/** Books each request against both its conversation's and its tenant's windows. */
export class TeamsRateLimiter {
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenants: SlidingWindowLimiter;
  private readonly evictEveryMs: number;
  private lastEviction = -Infinity;

  constructor(options: TeamsRateLimiterOptions = {}) {
    this.conversations = new SlidingWindowLimiter(options.conversationWindows ?? CONVERSATION_WINDOWS);
    this.tenants = new SlidingWindowLimiter(options.tenantWindows ?? TENANT_WINDOWS);
    this.evictEveryMs = options.evictEveryMs ?? 60_000;
  }

  /** Books the earliest slot >= now that fits both the conversation and its tenant, and returns its time. */
  reserve(conversationId: string, tenantId: string, now: number): number {
    this.evictIdle(now);
    let from = now;
    for (;;) {
      const forConversation = this.conversations.earliest(conversationId, from);
      const slot = this.tenants.earliest(tenantId, forConversation);
      if (slot === forConversation) {
        this.conversations.reserve(conversationId, slot);
        this.tenants.reserve(tenantId, slot);
        return slot;
      }
      from = slot; // the tenant pushed it later: check the conversation again from there
    }
  }

  /** Tracked conversations and tenants (for tests and metrics). */
  get size(): { conversations: number; tenants: number } {
    return { conversations: this.conversations.size, tenants: this.tenants.size };
  }

  private evictIdle(now: number): void {
    if (now - this.lastEviction < this.evictEveryMs) return;
    this.lastEviction = now;
    this.conversations.evict(now);
    this.tenants.evict(now);
  }
}
