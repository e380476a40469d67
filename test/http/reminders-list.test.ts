/**
 * Issue 9, item 5: `GET /api/reminders?status=&from=&to=` (admins): the cards the bot sent or is to send, with their
 * status in three words (`pending`: claimed or retrying; `sent`; `failed`), the customer's and the person's names,
 * attempts and why a send failed, in plain words; by due day, then id, paged.
 */
import assert from 'node:assert/strict';
import { REMINDER_PAGE } from '../../src/http/schemas/responses';
import { actors, customerFixture, sentCardFixture, tenantId } from '../common/fixtures';
import { assertError, assertMatches, detailPaths, startApi, type ApiHarness } from './api-client';

interface Item {
  id: string; kind: string; tenantId: string; customerName: string | null; workload: string; aadObjectId: string;
  fmName: string | null; dueOn: string; status: string; attempts: number; reason: string | null;
}
interface ItemPage { items: Item[]; continuationToken?: string }

describe('REST: GET /api/reminders (issue 9 item 5)', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  async function seed(): Promise<void> {
    await h.store.createCustomer(customerFixture({ n: 1 }));
    await h.store.createCustomer(customerFixture({ n: 2 }));
    await h.store.claimSentCard(sentCardFixture(tenantId(1), 'Teams', '2026-12-01', 'start', { status: 'sent', attempts: 1 }));
    await h.store.claimSentCard(sentCardFixture(tenantId(1), 'Teams', '2026-12-02', 'followUp',
      { status: 'retrying', attempts: 1, lastError: '429 Throttled' }));
    await h.store.claimSentCard(sentCardFixture(tenantId(2), 'Teams', '2026-12-02', 'start',
      { status: 'failed', attempts: 1, lastError: '403 Forbidden', recipientId: actors.fm2.aadObjectId }));
    await h.store.claimSentCard(sentCardFixture(tenantId(2), 'Intune', '2026-12-03', 'start'));
    await h.store.claimSentCard(sentCardFixture(tenantId(9), 'Viva', '2026-11-30', 'start',
      { status: 'sent', attempts: 1, recipientId: 'aad-gone' }));
  }

  async function allPages(query: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let token: string | undefined;
    do {
      const res = await h.api('GET', `/api/reminders?${query}&limit=${limit}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
        { as: 'admin' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatches(REMINDER_PAGE, res.body);
      const page = res.body as ItemPage;
      assert.ok(page.items.length <= limit);
      items.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return items;
  }

  it('an admin gets every card by due day, then id, in pages, with names, status in three words and reasons', async () => {
    await seed();
    const items = await allPages('from=2026-11-01', 2);
    assert.deepEqual(items.map((i) => [i.dueOn, i.tenantId, i.workload, i.status]), [
      ['2026-11-30', tenantId(9), 'Viva', 'sent'],
      ['2026-12-01', tenantId(1), 'Teams', 'sent'],
      ['2026-12-02', tenantId(1), 'Teams', 'pending'],
      ['2026-12-02', tenantId(2), 'Teams', 'failed'],
      ['2026-12-03', tenantId(2), 'Intune', 'pending'],
    ]);
    const [gone, sent, retrying, failed] = items as [Item, Item, Item, Item];
    assert.equal(gone.customerName, null, 'a customer no longer stored has no name');
    assert.equal(gone.fmName, null, 'nor a person no longer in the directory');
    assert.deepEqual(sent, {
      id: `${tenantId(1)}.Teams.2026-12-01.start`, kind: 'start', tenantId: tenantId(1), customerName: 'Customer 1',
      workload: 'Teams', aadObjectId: actors.fm.aadObjectId, fmName: actors.fm.name, dueOn: '2026-12-01',
      status: 'sent', attempts: 1, reason: null,
    });
    assert.equal(retrying.kind, 'followUp');
    assert.match(retrying.reason ?? '', /Teams asked the bot to slow down/);
    assert.equal(failed.fmName, actors.fm2.name);
    assert.match(failed.reason ?? '', /blocked the bot/);
    assert.ok(items.every((i) => !/\b(Throttled|Forbidden)\b/.test(i.reason ?? '')), 'plain words, not codes');
  });

  it('filters by status (pending = claimed or retrying) and by dueOn in [from, to], inclusive', async () => {
    await seed();
    const pending = await allPages('status=pending', 1);
    assert.deepEqual(pending.map((i) => i.id), [`${tenantId(1)}.Teams.2026-12-02.followUp`, `${tenantId(2)}.Intune.2026-12-03.start`]);
    assert.deepEqual((await allPages('status=failed', 10)).map((i) => i.tenantId), [tenantId(2)]);
    const december = await allPages('status=sent&from=2026-12-01&to=2026-12-02', 10);
    assert.deepEqual(december.map((i) => i.id), [`${tenantId(1)}.Teams.2026-12-01.start`]);
    assert.deepEqual(await allPages('from=2026-12-03&to=2026-12-03', 10).then((l) => l.map((i) => i.workload)), ['Intune']);
  });

  it('the Gateway and FMs get 403, no token 401', async () => {
    await seed();
    assertError(await h.api('GET', '/api/reminders', { as: 'gateway' }), 403, 'forbidden');
    assertError(await h.api('GET', '/api/reminders', { as: 'fm' }), 403, 'forbidden');
    assertError(await h.api('GET', '/api/reminders', { as: null }), 401, 'unauthorized');
  });

  it('a bad status, date, range or token is a 400 naming it', async () => {
    const bad: [string, string][] = [
      ['status=claimed', 'status'], ['status=', 'status'], ['from=2026-13-01', 'from'], ['to=yesterday', 'to'],
      ['from=2026-12-02&to=2026-12-01', 'to'], ['continuationToken=nope', 'continuationToken'], ['limit=0', 'limit'],
    ];
    for (const [query, path] of bad) {
      const res = await h.api('GET', `/api/reminders?${query}`, { as: 'admin' });
      assertError(res, 400, 'validation');
      assert.ok(detailPaths(res).includes(path), `${query}: ${JSON.stringify(res.body)}`);
    }
  });
});
