import assert from 'node:assert/strict';
import { SlidingWindowLimiter, TeamsRateLimiter } from '../../src/teams/rate-limiter';
import { maxInWindow } from './windows';

/** Teams' limits exactly: no margin, no spacing (what the defaults add is tested on its own). */
const TEAMS_ONLY = { marginMs: 0, spaceTenantRequests: false };

describe('rate limiter (sliding windows, injected time)', () => {
  describe('SlidingWindowLimiter', () => {
    it('gives the first `limit` requests the current time, then the moment the oldest leaves the window', () => {
      const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 1_000 }]);
      const slots = [0, 1, 2, 3, 4].map(() => {
        const t = limiter.earliest('k', 100);
        limiter.reserve('k', t);
        return t;
      });
      assert.deepEqual(slots, [100, 100, 100, 1_100, 1_100]);
    });

    it('fills a free gap between booked future slots when that keeps every window within its limit', () => {
      const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
      for (const t of [0, 5_000, 5_000]) limiter.reserve('k', t);
      assert.equal(limiter.earliest('k', 0), 0); // 0 holds one, the 5 s pair is far away
      limiter.reserve('k', 0);
      assert.equal(limiter.earliest('k', 0), 1_000); // window [0, 1 s) is full; 1 s is free
      assert.equal(limiter.earliest('k', 4_500), 6_000); // [4.5 s, 5.5 s) would hold three
    });

    it('treats windows as half-open: a request exactly windowMs later is in the next window', () => {
      const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }]);
      limiter.reserve('k', 0);
      assert.equal(limiter.earliest('k', 999), 1_000);
      assert.equal(limiter.earliest('k', 1_000), 1_000);
    });

    it('keeps keys apart, and evicts keys whose requests are older than the widest window', () => {
      const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1_000 }, { limit: 2, windowMs: 10_000 }]);
      limiter.reserve('a', 0);
      assert.equal(limiter.earliest('b', 0), 0);
      limiter.reserve('b', 9_000);
      limiter.evict(10_000); // a's 0 is out of every window from now on; b's 9 s is not
      assert.equal(limiter.size, 1);
      assert.equal(limiter.earliest('a', 10_000), 10_000);
      limiter.evict(19_000);
      assert.equal(limiter.size, 0);
    });

    it('lets a window hold exactly `limit`: 0, 600 and 1,500 fit 2 per second (issue 9 item 6: it allowed only 1 next to booked slots)', () => {
      const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1_000 }]);
      limiter.reserve('k', 0);
      limiter.reserve('k', 1_500);
      assert.equal(limiter.earliest('k', 600), 600);
      limiter.reserve('k', 600);
      assert.equal(limiter.earliest('k', 600), 1_600, 'any second starting before 1.6 s would hold three');
    });

    it('refuses windows that cannot be honoured', () => {
      assert.throws(() => new SlidingWindowLimiter([]), /at least one window/);
      assert.throws(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1_000 }]), /bad window/);
      assert.throws(() => new SlidingWindowLimiter([{ limit: 1, windowMs: 0 }]), /bad window/);
    });
  });

  describe('TeamsRateLimiter (Teams limits)', () => {
    it('20 requests at once to one conversation: never more than 7 per 1 s nor 8 per 2 s', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      const slots = Array.from({ length: 20 }, () => limiter.reserve('conv-1', 'tenant-1', 0));
      assert.ok(maxInWindow(slots, 1_000) <= 7, `7/1 s exceeded: ${slots.join(',')}`);
      assert.ok(maxInWindow(slots, 2_000) <= 8, `8/2 s exceeded: ${slots.join(',')}`);
      // ...and no slower than needed: bursts of 7 (the 1 s limit) topped up to 8 per 2 s.
      const burst = (t: number, n: number): number[] => Array.from({ length: n }, () => t);
      assert.deepEqual(slots, [...burst(0, 7), 1_000, ...burst(2_000, 7), 3_000, ...burst(4_000, 4)]);
    });

    it('the same holds when time passes between requests', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      let now = 0;
      const slots: number[] = [];
      for (let i = 0; i < 30; i++) {
        slots.push(limiter.reserve('conv-1', 'tenant-1', now));
        now += 150;
      }
      assert.ok(maxInWindow(slots, 1_000) <= 7);
      assert.ok(maxInWindow(slots, 2_000) <= 8);
      assert.deepEqual([...slots].sort((a, b) => a - b), slots, 'slots follow the order of the requests');
    });

    it('60 per 30 s and 1,800 per hour per conversation', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      const slots: number[] = [];
      let now = 0;
      for (let i = 0; i < 1_801; i++) {
        now = limiter.reserve('conv-1', 'tenant-1', now);
        slots.push(now);
      }
      assert.ok(maxInWindow(slots, 30_000) <= 60);
      assert.ok(maxInWindow(slots, 3_600_000) <= 1_800);
      assert.equal(slots[60], 30_000, 'the 61st waits for the first to leave the 30 s window');
      assert.ok((slots[1_800] as number) >= 3_600_000, 'the 1,801st waits for the first to leave the hour');
    });

    it('60 conversations of one tenant at once: at most 50 per second', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      const slots = Array.from({ length: 60 }, (_, i) => limiter.reserve(`conv-${i}`, 'tenant-1', 0));
      assert.ok(maxInWindow(slots, 1_000) <= 50);
      assert.equal(slots.filter((t) => t === 0).length, 50);
      assert.equal(slots.filter((t) => t === 1_000).length, 10);
    });

    it('tenants are independent', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      for (let i = 0; i < 50; i++) limiter.reserve(`conv-a${i}`, 'tenant-a', 0);
      assert.equal(limiter.reserve('conv-b', 'tenant-b', 0), 0);
      assert.equal(limiter.reserve('conv-a50', 'tenant-a', 0), 1_000);
    });

    it('a conversation queued into the future does not hold back the rest of its tenant', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      const busy = Array.from({ length: 12 }, () => limiter.reserve('busy', 'tenant-1', 0));
      assert.ok((busy[11] as number) >= 2_000);
      assert.equal(limiter.reserve('quiet', 'tenant-1', 0), 0);
    });

    it('a slot must fit both the conversation and the tenant', () => {
      // The tenant is full at 1 s, so the conversation's 8th request (due at 1 s) moves to 2 s.
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      for (let i = 0; i < 7; i++) limiter.reserve('conv-1', 'tenant-1', 0);
      for (let i = 0; i < 43; i++) limiter.reserve(`other-${i}`, 'tenant-1', 0);
      for (let i = 0; i < 50; i++) limiter.reserve(`later-${i}`, 'tenant-1', 1_000);
      assert.equal(limiter.reserve('conv-1', 'tenant-1', 0), 2_000);
    });

    it('by default every window is 10 ms wider than Teams\' and a tenant\'s requests are spaced 20 ms apart (issue 9 item 6)', () => {
      const limiter = new TeamsRateLimiter();
      const slots = Array.from({ length: 120 }, (_, i) => limiter.reserve(`conv-${i}`, 'tenant-1', 0));
      assert.deepEqual(slots.slice(0, 3), [0, 20, 40], 'spaced, not a burst of 50 the process cannot send at once');
      assert.equal(slots[50], 1_010, 'the 51st waits for the first to leave the window plus the margin');
      assert.ok(maxInWindow(slots, 1_010) <= 50, slots.join(','));
      const toOne = Array.from({ length: 8 }, () => limiter.reserve('one', 'tenant-2', 0));
      assert.equal(toOne[7], 1_010, 'the conversation\'s 7 per second gets the margin too');
    });

    it('a 429\'s hold delays only its conversation; the rest of the tenant keeps its pace (issue 9 item 6)', () => {
      const limiter = new TeamsRateLimiter(TEAMS_ONLY);
      limiter.hold('conv-a', 1_000);
      limiter.hold('conv-a', 400); // an earlier hold does not shorten a later one
      assert.equal(limiter.heldUntil('conv-a'), 1_000);
      assert.equal(limiter.reserve('conv-a', 'tenant-1', 0), 1_000);
      assert.equal(limiter.reserve('conv-b', 'tenant-1', 0), 0);
      assert.equal(limiter.reserve('conv-a', 'tenant-1', 1_200), 1_200, 'the hold is over');
    });

    it('a request leaving late is booked when it leaves; one too late to fit is refused and books again (issue 9 item 6)', () => {
      const limiter = new TeamsRateLimiter({ ...TEAMS_ONLY, tenantWindows: [{ limit: 2, windowMs: 1_000 }] });
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((conv) => limiter.reserve(conv, 'tenant-1', 0));
      assert.deepEqual([a, b, c, d], [0, 0, 1_000, 1_000]);
      assert.equal(limiter.confirm('a', 'tenant-1', 0, 300), true, 'a leaves 300 ms late: still within the limit');
      // b was held up until 1 s: leaving now would make three with c and d, so its slot is given back.
      assert.equal(limiter.confirm('b', 'tenant-1', 0, 1_000), false);
      // a left at 300 and d is due at 1 s too: c leaving at 1 s would make [300, 1,300) hold three.
      assert.equal(limiter.confirm('c', 'tenant-1', 1_000, 1_000), false);
      assert.equal(limiter.confirm('d', 'tenant-1', 1_000, 1_000), true);
      const rebooked = [limiter.reserve('c', 'tenant-1', 1_000), limiter.reserve('b', 'tenant-1', 1_000)];
      assert.deepEqual(rebooked, [1_300, 2_000]);
      assert.ok(maxInWindow([300, 1_000, ...rebooked], 1_000) <= 2);
    });

    it('a released slot is free for others of the tenant', () => {
      const limiter = new TeamsRateLimiter({ ...TEAMS_ONLY, tenantWindows: [{ limit: 1, windowMs: 1_000 }] });
      assert.equal(limiter.reserve('a', 'tenant-1', 0), 0);
      assert.equal(limiter.reserve('b', 'tenant-1', 0), 1_000);
      limiter.release('a', 'tenant-1', 0);
      assert.equal(limiter.reserve('c', 'tenant-1', 0), 0);
    });

    it('refuses a margin that is not a whole number of milliseconds', () => {
      assert.throws(() => new TeamsRateLimiter({ marginMs: 0.5 }), /marginMs/);
      assert.throws(() => new TeamsRateLimiter({ marginMs: -1 }), /marginMs/);
    });

    it('forgets idle conversations, so memory follows recent traffic only', () => {
      const limiter = new TeamsRateLimiter({ ...TEAMS_ONLY, evictEveryMs: 60_000 });
      for (let i = 0; i < 100; i++) limiter.reserve(`conv-${i}`, `tenant-${i % 3}`, i * 10);
      assert.deepEqual(limiter.size, { conversations: 100, tenants: 3 });
      limiter.reserve('conv-new', 'tenant-new', 3_600_000 + 60_000);
      assert.deepEqual(limiter.size, { conversations: 1, tenants: 1 });
    });
  });
});
