import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { memoryLogger } from '../../src/log/logger';
import { createAdapter } from '../../src/teams/adapter';
import { Notifier, type NotifierOptions } from '../../src/teams/notifier';
import { TeamsRateLimiter } from '../../src/teams/rate-limiter';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';
import { maxInWindow } from './windows';

/** Real CloudAdapter in local mode (no app id), real HTTP to a recording Bot Connector; time is virtual. */
describe('Notifier (real CloudAdapter in local mode, recording connector)', () => {
  const START = Date.UTC(2026, 0, 5, 8, 0, 0);
  const SECRET_TEXT = 'Contoso ESD card body 7f3a';
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: SECRET_TEXT }] };

  let clock: number;
  let waits: number[];
  let connector: RecordingConnector;
  let logger: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    clock = START;
    waits = [];
    connector = await startRecordingConnector({ now: () => clock });
    logger = memoryLogger('debug');
  });

  afterEach(() => connector.stop());

  /** Sleeping only moves the virtual clock (sends are awaited one by one where the clock matters). */
  function notifier(options: Partial<NotifierOptions> = {}): Notifier {
    return new Notifier({
      adapter: createAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, logger), // local mode
      appId: '',
      logger,
      sleep: async (ms) => { waits.push(ms); clock += ms; },
      now: () => clock,
      random: () => 0.5,
      rateLimiter: new TeamsRateLimiter({ marginMs: 0, spaceTenantRequests: false }), // Teams' limits exactly
      ...options,
    });
  }

  function reference(conversationId = 'a:personal-fm-alice', tenantId = 'tenant-1'): Partial<ConversationReference> {
    return {
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationId, tenantId, conversationType: 'personal', isGroup: false, name: '' },
      bot: { id: '28:esd-bot', name: 'ESD bot' },
      user: { id: '29:fm-alice', name: 'Alice' },
    };
  }

  const activitiesPath = (conversationId: string): string => `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  const blocked = { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } };
  const unavailable = { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } };

  describe('delivery', () => {
    it('send posts a new message with the card and summary to the conversation and returns the connector\'s id', async () => {
      const result = await notifier().send(reference(), card, 'ESD due for Contoso');
      assert.deepEqual(result, { ok: true, activityId: 'activity-1' });
      assert.equal(connector.requests.length, 1);
      const [request] = connector.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, activitiesPath('a:personal-fm-alice')); // a new message, not a reply
      assert.equal(request?.body.type, 'message');
      assert.equal(request?.body.summary, 'ESD due for Contoso');
      assert.equal(request?.body.replyToId, undefined);
      assert.deepEqual(request?.body.attachments, [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]);
      assert.deepEqual(request?.body.conversation, reference().conversation);
      assert.deepEqual(waits, []);
    });

    it('update puts the new card on the earlier message', async () => {
      const n = notifier();
      const sent = await n.send(reference(), card);
      assert.ok(sent.ok);
      const replaced = { ...card, body: [{ type: 'TextBlock', text: 'Confirmed' }] };
      const result = await n.update(reference(), sent.activityId, replaced);
      assert.deepEqual(result, { ok: true, activityId: 'activity-1' });
      const request = connector.requests[1];
      assert.equal(request?.method, 'PUT');
      assert.equal(request?.path, `${activitiesPath('a:personal-fm-alice')}/activity-1`);
      assert.equal(request?.body.id, 'activity-1');
      assert.equal(request?.body.replyToId, undefined);
      assert.deepEqual(request?.body.attachments, [{ contentType: 'application/vnd.microsoft.card.adaptive', content: replaced }]);
    });

    it('refuses an unusable reference or activity id before any request', async () => {
      const n = notifier();
      const noService = await n.send({ ...reference(), serviceUrl: '' }, card);
      assert.deepEqual(noService.ok ? null : [noService.final, noService.code], [true, 'InvalidConversationReference']);
      const noId = await n.update(reference(), '', card);
      assert.deepEqual(noId.ok ? null : [noId.final, noId.code], [true, 'InvalidActivityId']);
      assert.equal(connector.requests.length, 0);
    });
  });

  describe('retries', () => {
    it('429 with Retry-After: 2 waits 2000 ms, then succeeds (two requests)', async () => {
      connector.failNext({ status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'Throttled', message: 'slow down' } } });
      const result = await notifier().send(reference(), card);
      assert.deepEqual(result, { ok: true, activityId: 'activity-1' });
      assert.deepEqual(waits, [2_000]);
      assert.deepEqual(connector.requests.map((r) => r.at - START), [0, 2_000]);
    });

    it('429 with Retry-After as an HTTP date waits until then; a long Retry-After is capped by maxRetryWaitMs', async () => {
      connector.failNext(
        { status: 429, headers: { 'Retry-After': new Date(START + 5_000).toUTCString() } },
        { status: 429, headers: { 'Retry-After': '120' } },
      );
      const result = await notifier({ maxRetryWaitMs: 30_000 }).send(reference(), card);
      assert.ok(result.ok);
      assert.deepEqual(waits, [5_000, 30_000]);
      assert.equal(connector.requests.length, 3);
    });

    it('429 without Retry-After backs off exponentially (with jitter)', async () => {
      connector.failNext({ status: 429 }, { status: 429 });
      const result = await notifier({ random: () => 0 }).send(reference(), card);
      assert.ok(result.ok);
      assert.deepEqual(waits, [500, 1_000]);
    });

    it('503 twice, then success', async () => {
      connector.failNext(unavailable, unavailable);
      const result = await notifier().send(reference(), card);
      assert.deepEqual(result, { ok: true, activityId: 'activity-1' });
      assert.equal(connector.requests.length, 3);
      assert.deepEqual(waits, [750, 1_500]); // random 0.5: half of each step fixed, half jittered
    });

    it('412, 502 and 504 are retried too', async () => {
      connector.failNext({ status: 412 }, { status: 502, body: '<html>Bad gateway</html>' }, { status: 504 });
      const result = await notifier().send(reference(), card);
      assert.ok(result.ok);
      assert.equal(connector.requests.length, 4);
    });

    it('an update (idempotent) is retried after a reset connection and a request timeout', async () => {
      connector.failNext({ status: 0, drop: 'reset' }, { status: 0, drop: 'hang' });
      const result = await notifier({ requestTimeoutMs: 100 }).update(reference(), 'activity-7', card);
      assert.deepEqual(result, { ok: true, activityId: 'activity-7' });
      assert.equal(connector.requests.length, 3);
      assert.equal(waits.length, 2);
    });

    for (const drop of ['reset', 'hang'] as const) {
      it(`a send is not repeated after a ${drop === 'reset' ? 'reset connection' : 'request timeout'}: it may have arrived (never twice)`, async () => {
        connector.failNext({ status: 0, drop });
        const result = await notifier({ requestTimeoutMs: 100 }).send(reference(), card);
        assert.equal(result.ok, false);
        assert.deepEqual(result.ok ? null : [result.final, result.maybeDelivered], [false, true]);
        assert.equal(connector.requests.length, 1);
        assert.equal(waits.length, 0);
      });
    }

    it('exhausted retries give final:false after exactly maxAttempts requests', async () => {
      connector.failNext(unavailable, unavailable, unavailable, unavailable);
      const result = await notifier({ maxAttempts: 3 }).send(reference(), card);
      assert.deepEqual(result, { ok: false, final: false, status: 503, code: 'ServiceUnavailable', message: 'try later' });
      assert.equal(connector.requests.length, 3);
      assert.equal(waits.length, 2);
    });

    it('an unreachable connector (connection refused) is retried, then reported as not final', async () => {
      const dead = await startRecordingConnector();
      await dead.stop();
      const result = await notifier({ maxAttempts: 2 }).send({ ...reference(), serviceUrl: dead.serviceUrl }, card);
      assert.deepEqual(result.ok ? null : [result.final, result.status, result.code], [false, 0, 'ECONNREFUSED']);
      assert.equal(waits.length, 1);
    });
  });

  describe('final failures (never retried)', () => {
    it('403 ConversationBlockedByUser: one request, final, code reported', async () => {
      connector.failNext(blocked);
      const result = await notifier().send(reference(), card);
      assert.deepEqual(result, {
        ok: false, final: true, status: 403, code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.',
      });
      assert.equal(connector.requests.length, 1);
      assert.deepEqual(waits, []);
    });

    for (const [status, code] of [
      [403, 'BotDisabledByAdmin'], [403, 'BotNotInConversationRoster'], [404, 'ConversationNotFound'],
      [413, 'MessageSizeTooBig'], [400, 'BadArgument'], [401, 'Unauthorized'],
    ] as const) {
      it(`${status} ${code}: final after one request`, async () => {
        connector.failNext({ status, body: { error: { code, message: 'no' } } });
        const result = await notifier().update(reference(), 'activity-9', card);
        assert.deepEqual(result.ok ? null : [result.final, result.status, result.code], [true, status, code]);
        assert.equal(connector.requests.length, 1);
      });
    }

    it('a final failure does not send the adapter\'s "Sorry, something went wrong" into the conversation', async () => {
      connector.failNext(blocked);
      await notifier().send(reference(), card);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(connector.requests.length, 1);
    });
  });

  describe('pacing (Teams rate limits)', () => {
    it('20 sends to one conversation: never more than 7 in any 1 s nor 8 in any 2 s at the connector', async () => {
      const n = notifier();
      for (let i = 0; i < 20; i++) assert.ok((await n.send(reference(), card)).ok);
      const times = connector.requests.map((r) => r.at - START);
      assert.equal(times.length, 20);
      assert.ok(maxInWindow(times, 1_000) <= 7, times.join(','));
      assert.ok(maxInWindow(times, 2_000) <= 8, times.join(','));
      assert.equal(times[7], 1_000, 'the 8th waits for the 1 s window');
    });

    it('20 concurrent sends to one conversation are booked into the same safe schedule', async () => {
      clock = START; // fixed: concurrent sleepers must not move a shared clock
      const n = notifier({ sleep: async (ms) => { waits.push(ms); } });
      const results = await Promise.all(Array.from({ length: 20 }, () => n.send(reference(), card)));
      assert.ok(results.every((r) => r.ok));
      assert.equal(connector.requests.length, 20);
      const schedule = [...Array.from({ length: 20 - waits.length }, () => 0), ...waits];
      assert.ok(maxInWindow(schedule, 1_000) <= 7, schedule.join(','));
      assert.ok(maxInWindow(schedule, 2_000) <= 8, schedule.join(','));
    });

    it('60 sends across 60 conversations of one tenant: never more than 50 in any 1 s', async () => {
      const n = notifier();
      for (let i = 0; i < 60; i++) assert.ok((await n.send(reference(`a:personal-fm-${i}`), card)).ok);
      const times = connector.requests.map((r) => r.at - START);
      assert.equal(new Set(connector.requests.map((r) => r.path)).size, 60);
      assert.ok(maxInWindow(times, 1_000) <= 50, times.join(','));
      assert.equal(times.filter((t) => t === 0).length, 50);
    });

    it('60 concurrent sends across 60 conversations of one tenant are paced the same way', async () => {
      const n = notifier({ sleep: async (ms) => { waits.push(ms); } });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => n.send(reference(`a:personal-fm-${i}`), card)));
      assert.ok(results.every((r) => r.ok));
      assert.equal(connector.requests.length, 60);
      const schedule = [...Array.from({ length: 60 - waits.length }, () => 0), ...waits];
      assert.ok(maxInWindow(schedule, 1_000) <= 50, schedule.join(','));
      assert.deepEqual(waits, Array.from({ length: 10 }, () => 1_000));
    });

    /** A sleep the test ends by hand (`wakeAll`), so what happens during a wait can be looked at. */
    function handSleep(): { sleep: (ms: number) => Promise<void>; wakeAll: (advanceMs: number) => void } {
      const sleeping: (() => void)[] = [];
      return {
        sleep: (ms) => new Promise((resolve) => { waits.push(ms); sleeping.push(resolve); }),
        wakeAll: (advanceMs) => { clock += advanceMs; sleeping.splice(0).forEach((wake) => wake()); },
      };
    }

    async function until(condition: () => boolean): Promise<void> {
      while (!condition()) await new Promise((resolve) => setImmediate(resolve));
    }

    const chatOf = (path: string): string => decodeURIComponent(path.split('/')[3] ?? '');

    it('a 429 on one conversation delays only that conversation; the tenant\'s others go at once (issue 9 item 6)', async () => {
      const hand = handSleep();
      const n = notifier({ sleep: hand.sleep });
      connector.failNext({ status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'Throttled', message: 'slow down' } } });
      const first = n.send(reference('a:chat-a'), card);
      await until(() => waits.length === 1);
      const secondToA = n.send(reference('a:chat-a'), card);
      await until(() => waits.length === 2);
      assert.deepEqual(waits, [2_000, 2_000], 'the retry and the next card to A both wait for the Retry-After');
      assert.ok((await n.send(reference('a:chat-b'), card)).ok, 'B is not held');
      assert.deepEqual(connector.requests.map((r) => [chatOf(r.path), r.at - START]), [['a:chat-a', 0], ['a:chat-b', 0]]);
      hand.wakeAll(2_000);
      assert.ok((await first).ok);
      assert.ok((await secondToA).ok);
      assert.deepEqual(connector.requests.slice(2).map((r) => [chatOf(r.path), r.at - START]), [['a:chat-a', 2_000], ['a:chat-a', 2_000]]);
    });

    it('a retry waiting for its backoff holds no slot: others of the tenant use it meanwhile (issue 9 item 6)', async () => {
      const hand = handSleep();
      const rateLimiter = new TeamsRateLimiter({
        marginMs: 0, spaceTenantRequests: false, tenantWindows: [{ limit: 3, windowMs: 1_000 }],
      });
      const n = notifier({ sleep: hand.sleep, rateLimiter });
      connector.failNext(unavailable);
      const retried = n.send(reference('a:chat-a'), card);
      await until(() => waits.length === 1);
      assert.deepEqual(waits, [750], 'the 503\'s backoff');
      for (const chat of ['a:chat-b', 'a:chat-c']) assert.ok((await n.send(reference(chat), card)).ok);
      assert.deepEqual(waits, [750], 'B and C went at once: the waiting retry had booked nothing');
      hand.wakeAll(750);
      await until(() => waits.length === 2);
      assert.equal(waits[1], 250, 'the retry books once its wait is over: the tenant\'s second is full until 1 s');
      hand.wakeAll(250);
      assert.ok((await retried).ok);
      assert.deepEqual(connector.requests.map((r) => [chatOf(r.path), r.at - START]), [
        ['a:chat-a', 0], ['a:chat-b', 0], ['a:chat-c', 0], ['a:chat-a', 1_000],
      ]);
    });

    it('retries count against the limits too', async () => {
      // 7 sends fill the conversation's first second; a retry after a 429 of 0.5 s must still wait for the window.
      const n = notifier();
      for (let i = 0; i < 6; i++) await n.send(reference(), card);
      connector.failNext({ status: 429, headers: { 'Retry-After': '0.5' } });
      assert.ok((await n.send(reference(), card)).ok);
      const times = connector.requests.map((r) => r.at - START);
      assert.deepEqual(times, [0, 0, 0, 0, 0, 0, 0, 1_000]);
      assert.deepEqual(waits, [500, 500]);
    });
  });

  describe('logging', () => {
    it('logs conversation, status, code and attempt, never the card or the summary', async () => {
      connector.failNext(unavailable, blocked);
      await notifier().send(reference(), card, 'Summary 9c1e');
      const lines = logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const retried = lines.find((l) => l.msg === 'proactive delivery failed, retrying');
      assert.deepEqual(
        retried && [retried.conversationId, retried.status, retried.code, retried.attempt, retried.waitMs],
        ['a:personal-fm-alice', 503, 'ServiceUnavailable', 1, 750],
      );
      const gaveUp = lines.find((l) => l.msg === 'proactive delivery failed for good');
      assert.deepEqual(gaveUp && [gaveUp.status, gaveUp.code, gaveUp.attempt], [403, 'ConversationBlockedByUser', 2]);
      assert.ok(logger.lines.every((line) => !line.includes(SECRET_TEXT) && !line.includes('Summary 9c1e')));
    });
  });
});
