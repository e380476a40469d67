import assert from 'node:assert/strict';
import { SlidingWindowLimiter, TeamsRateLimiter } from '../../src/teams/rate-limiter';
import { maxInWindow } from './windows';

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

    it('refuses windows that cannot be honoured', () => {
      assert.throws(() => new SlidingWindowLimiter([]), /at least one window/);
      assert.throws(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1_000 }]), /bad window/);
      assert.throws(() => new SlidingWindowLimiter([{ limit: 1, windowMs: 0 }]), /bad window/);
    });
  });

  describe('TeamsRateLimiter (Teams limits)', () => {
    it('20 requests at once to one conversation: never more than 7 per 1 s nor 8 per 2 s', () => {
      const limiter = new TeamsRateLimiter();
      const slots = Array.from({ length: 20 }, () => limiter.reserve('conv-1', 'tenant-1', 0));
      assert.ok(maxInWindow(slots, 1_000) <= 7, `7/1 s exceeded: ${slots.join(',')}`);
      assert.ok(maxInWindow(slots, 2_000) <= 8, `8/2 s exceeded: ${slots.join(',')}`);
      // ...and no slower than needed: bursts of 7 (the 1 s limit) topped up to 8 per 2 s.
      const burst = (t: number, n: number): number[] => Array.from({ length: n }, () => t);
      assert.deepEqual(slots, [...burst(0, 7), 1_000, ...burst(2_000, 7), 3_000, ...burst(4_000, 4)]);
    });

    it('the same holds when time passes between requests', () => {
      const limiter = new TeamsRateLimiter();
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
      const limiter = new TeamsRateLimiter();
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
      const limiter = new TeamsRateLimiter();
      const slots = Array.from({ length: 60 }, (_, i) => limiter.reserve(`conv-${i}`, 'tenant-1', 0));
      assert.ok(maxInWindow(slots, 1_000) <= 50);
      assert.equal(slots.filter((t) => t === 0).length, 50);
      assert.equal(slots.filter((t) => t === 1_000).length, 10);
    });

    it('tenants are independent', () => {
      const limiter = new TeamsRateLimiter();
      for (let i = 0; i < 50; i++) limiter.reserve(`conv-a${i}`, 'tenant-a', 0);
      assert.equal(limiter.reserve('conv-b', 'tenant-b', 0), 0);
      assert.equal(limiter.reserve('conv-a50', 'tenant-a', 0), 1_000);
    });

    it('a conversation queued into the future does not hold back the rest of its tenant', () => {
      const limiter = new TeamsRateLimiter();
      const busy = Array.from({ length: 12 }, () => limiter.reserve('busy', 'tenant-1', 0));
      assert.ok((busy[11] as number) >= 2_000);
      assert.equal(limiter.reserve('quiet', 'tenant-1', 0), 0);
    });

    it('a slot must fit both the conversation and the tenant', () => {
      // The tenant is full at 1 s, so the conversation's 8th request (due at 1 s) moves to 2 s.
      const limiter = new TeamsRateLimiter();
      for (let i = 0; i < 7; i++) limiter.reserve('conv-1', 'tenant-1', 0);
      for (let i = 0; i < 43; i++) limiter.reserve(`other-${i}`, 'tenant-1', 0);
      for (let i = 0; i < 50; i++) limiter.reserve(`later-${i}`, 'tenant-1', 1_000);
      assert.equal(limiter.reserve('conv-1', 'tenant-1', 0), 2_000);
    });

    it('forgets idle conversations, so memory follows recent traffic only', () => {
      const limiter = new TeamsRateLimiter({ evictEveryMs: 60_000 });
      for (let i = 0; i < 100; i++) limiter.reserve(`conv-${i}`, `tenant-${i % 3}`, i * 10);
      assert.deepEqual(limiter.size, { conversations: 100, tenants: 3 });
      limiter.reserve('conv-new', 'tenant-new', 3_600_000 + 60_000);
      assert.deepEqual(limiter.size, { conversations: 1, tenants: 1 });
    });
  });
});
