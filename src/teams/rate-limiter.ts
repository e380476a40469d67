/**
 * Sliding-window pacing for requests to the Bot Connector, so this process never exceeds Teams' limits
 * (msteams-docs `bots/how-to/rate-limit.md`). Pure bookkeeping: callers pass the time in and wait themselves, so
 * every rule can be tested with plain numbers.
 *
 * A window `{ limit, windowMs }` means: no half-open interval [a, a + windowMs) holds more than `limit` requests.
 * Slots may be booked in the future (a queue); a later caller can still take an earlier free slot, so one busy
 * conversation does not hold back the rest of its tenant.
 *
 * Teams counts a request when it arrives, we when it leaves: a request that leaves late (its process was busy when
 * its slot came) or travels slower than the one 50 places behind it would put 51 into one of Teams' seconds. So
 * every window is kept `marginMs` wider than Teams' (a request may leave up to that much late and still keep Teams'
 * limit), a request that leaves later than its slot is booked again at the time it really leaves (`confirm`), and
 * a tenant's requests are spaced evenly (`1 per windowMs / limit`) rather than sent in bursts of 50 that the
 * process cannot put on the wire at one instant.
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
 * a window with it; a violation is a run of `limit + 1` consecutive stamps (t among them) spanning less than
 * windowMs.
 */
function fitsWindow(stamps: readonly number[], t: number, { limit, windowMs }: RateWindow): boolean {
  const lo = firstAbove(stamps, t - windowMs);
  const hi = firstAtLeast(stamps, t + windowMs);
  if (hi - lo < limit) return true; // even all of them plus t cannot exceed the limit
  const q = firstAbove(stamps, t) - lo; // t's position among the near stamps
  const size = hi - lo + 1;
  const at = (i: number): number => (i < q ? stamps[lo + i] : i === q ? t : stamps[lo + i - 1]) as number;
  // Every run of limit + 1 consecutive stamps holding t must span at least windowMs.
  for (let k = Math.max(0, q - limit); k <= Math.min(q, size - limit - 1); k++) {
    if (at(k + limit) - at(k) < windowMs) return false;
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

  /**
   * Whether a request leaving at `at` keeps `windows` within their limits, counting only the requests booked up to
   * `at` (those booked later check again when they leave).
   */
  fitsAfter(key: string, at: number, windows: readonly RateWindow[]): boolean {
    const stamps = this.stamps.get(key);
    if (!stamps) return true;
    const end = firstAbove(stamps, at);
    return windows.every((w) => end - firstAbove(stamps, at - w.windowMs) < w.limit);
  }

  /** Books a request for `key` at `at` (normally a time `earliest` returned). */
  reserve(key: string, at: number): void {
    const stamps = this.stamps.get(key);
    if (!stamps) this.stamps.set(key, [at]);
    else stamps.splice(firstAbove(stamps, at), 0, at);
  }

  /** Gives back a booking made with `reserve` that will not be used (one request fewer can only fit the limits). */
  release(key: string, at: number): void {
    const stamps = this.stamps.get(key);
    const i = stamps ? firstAtLeast(stamps, at) : -1;
    if (stamps && stamps[i] === at) stamps.splice(i, 1);
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
  /** How much wider than Teams' every window is kept; default 10 ms (the tenant's 50 per second: 49.5/s). */
  marginMs?: number;
  /** Spaces a tenant's requests evenly (one per window / limit of its tightest window); default true. */
  spaceTenantRequests?: boolean;
  /** How often idle keys are swept out; default one minute. */
  evictEveryMs?: number;
}

const DEFAULT_MARGIN_MS = 10;

function widened(windows: readonly RateWindow[], marginMs: number): RateWindow[] {
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs + marginMs }));
}

/**
 * One request per `windowMs / limit` of the tenant's tightest window (the most requests per time), in whole
 * milliseconds (rounded down: the window itself keeps the rate; whole numbers keep the arithmetic exact).
 */
function spacingOf(windows: readonly RateWindow[]): RateWindow[] {
  const tightest = Math.min(...windows.map((w) => w.windowMs / w.limit));
  return [{ limit: 1, windowMs: Math.max(1, Math.floor(tightest)) }];
}

/** Books each request against both its conversation's and its tenant's windows. */
export class TeamsRateLimiter {
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenants: SlidingWindowLimiter;
  /** Teams' own windows (without the margin): what a request leaving late must still keep. */
  private readonly teams: { conversation: readonly RateWindow[]; tenant: readonly RateWindow[] };
  /** The tenant's even spacing: our own pacing, not Teams' limit, so a late request may break it. */
  private readonly spacing: SlidingWindowLimiter | undefined;
  private readonly evictEveryMs: number;
  /** Conversations Teams asked to wait (a 429's Retry-After): no request before the time kept here. */
  private readonly held = new Map<string, number>();
  private lastEviction = -Infinity;

  constructor(options: TeamsRateLimiterOptions = {}) {
    const marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
    if (!Number.isInteger(marginMs) || marginMs < 0) {
      throw new Error(`TeamsRateLimiter: marginMs must be a whole number >= 0 (got ${marginMs}).`);
    }
    this.teams = {
      conversation: options.conversationWindows ?? CONVERSATION_WINDOWS,
      tenant: options.tenantWindows ?? TENANT_WINDOWS,
    };
    const tenantWindows = widened(this.teams.tenant, marginMs);
    this.conversations = new SlidingWindowLimiter(widened(this.teams.conversation, marginMs));
    this.tenants = new SlidingWindowLimiter(tenantWindows);
    this.spacing = options.spaceTenantRequests ?? true ? new SlidingWindowLimiter(spacingOf(tenantWindows)) : undefined;
    this.evictEveryMs = options.evictEveryMs ?? 60_000;
  }

  /**
   * Books the earliest slot >= now that fits both the conversation and its tenant (and is not before the
   * conversation's hold), and returns its time.
   */
  reserve(conversationId: string, tenantId: string, now: number): number {
    this.evictIdle(now);
    let from = Math.max(now, this.heldUntil(conversationId));
    for (;;) {
      const forConversation = this.conversations.earliest(conversationId, from);
      const forTenant = this.tenants.earliest(tenantId, forConversation);
      const slot = this.spacing ? this.spacing.earliest(tenantId, forTenant) : forTenant;
      if (slot === forConversation) {
        this.book(conversationId, tenantId, slot);
        return slot;
      }
      from = slot; // the tenant pushed it later: check the conversation again from there
    }
  }

  /**
   * Called when the request of `slot` is about to leave, at `at`: true when it may go. Its booking moves to the
   * time it really leaves, when that keeps Teams' own windows over the requests gone or due by then (a request
   * booked later checks again when its time comes); otherwise its slot is given back and it must book another.
   * So whatever a busy process does to the timing, the requests leaving never exceed Teams' limits.
   */
  confirm(conversationId: string, tenantId: string, slot: number, at: number): boolean {
    if (at < slot) return true; // an injected clock that did not move: the booking stands
    this.release(conversationId, tenantId, slot);
    const fits = this.conversations.fitsAfter(conversationId, at, this.teams.conversation)
      && this.tenants.fitsAfter(tenantId, at, this.teams.tenant);
    if (fits) this.book(conversationId, tenantId, at);
    return fits;
  }

  /** Gives back a slot `reserve` returned that will not be used, so others of the tenant can have it. */
  release(conversationId: string, tenantId: string, slot: number): void {
    this.conversations.release(conversationId, slot);
    this.tenants.release(tenantId, slot);
    this.spacing?.release(tenantId, slot);
  }

  /**
   * Teams throttled this conversation: none of its requests before `until` (a later hold wins). Only this
   * conversation waits; the rest of its tenant keeps its pace.
   */
  hold(conversationId: string, until: number): void {
    if (until > this.heldUntil(conversationId)) this.held.set(conversationId, until);
  }

  /** The time before which the conversation must not be sent to (-Infinity when it is not held). */
  heldUntil(conversationId: string): number {
    return this.held.get(conversationId) ?? -Infinity;
  }

  /** Tracked conversations and tenants (for tests and metrics). */
  get size(): { conversations: number; tenants: number } {
    return { conversations: this.conversations.size, tenants: this.tenants.size };
  }

  private book(conversationId: string, tenantId: string, at: number): void {
    this.conversations.reserve(conversationId, at);
    this.tenants.reserve(tenantId, at);
    this.spacing?.reserve(tenantId, at);
  }

  private evictIdle(now: number): void {
    if (now - this.lastEviction < this.evictEveryMs) return;
    this.lastEviction = now;
    this.conversations.evict(now);
    this.tenants.evict(now);
    this.spacing?.evict(now);
    for (const [conversationId, until] of this.held) if (until <= now) this.held.delete(conversationId);
  }
}
