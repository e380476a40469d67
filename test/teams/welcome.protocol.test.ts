/**
 * Welcome cards on assignment through the real stack: CustomerService (as the REST API and the Teams form use it)
 * with the welcome cards attached through `attachWelcomeCards`, a real Notifier over a real CloudAdapter sending to a
 * recording Bot Connector, real SQLite; the app on 127.0.0.1:0 receives the FM's card actions.
 */
import assert from 'node:assert/strict';
import type { Assignee, Customer } from '../../src/domain/types';
import { memoryLogger } from '../../src/log/logger';
import { CardActions } from '../../src/services/card-actions';
import { CustomerService } from '../../src/services/customers';
import { Directory } from '../../src/services/directory';
import { welcomeId } from '../../src/services/welcome';
import { createAdapter } from '../../src/teams/adapter';
import { BackgroundTasks } from '../../src/teams/background';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { Notifier } from '../../src/teams/notifier';
import { attachWelcomeCards } from '../../src/teams/welcome-cards';
import { postJson, teamsUser } from '../common/activities';
import { bearer, LOCAL_BOT } from '../common/app';
import {
  actors, ctx, fmAssignee, inMonth, NOW, onDay, partnerAssignee, personFixture, tenantId, withoutEsd,
} from '../common/fixtures';
import type { RecordedRequest } from '../common/recording-connector';
import { actionLines, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FM2 = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const TENANT = tenantId(7);
const CONTOSO_WORKLOADS = [onDay('ExchangeOnline', '2026-12-01'), inMonth('Intune', '2027-02'), withoutEsd('Purview', 'Blocked')];
const OPEN_ACTIONS = ['Communication started ▸ confirmStart', 'Reschedule ▸ reschedule', 'No answer yet ▸ noResponse, customerInactive'];

function bannerOf(card: AdaptiveCard): string {
  return textRuns(card)[0] ?? '';
}

function isPost(request: RecordedRequest): boolean {
  return request.method === 'POST';
}

describe('Teams protocol: welcome cards when a customer is assigned to an FM', () => {
  let env: ProtocolEnv;
  let customers: CustomerService;
  let background: BackgroundTasks;

  /** What the composition root does (src/app.ts): the welcome cards listen to the customer service. */
  function attach(): void {
    const { store } = env;
    const clock = { now: () => NOW };
    const logger = memoryLogger('warn');
    customers = new CustomerService(store, clock);
    background = new BackgroundTasks(logger);
    const sender = new Notifier({ adapter: createAdapter(LOCAL_BOT, logger), appId: '', logger });
    attachWelcomeCards({
      customers, store, directory: new Directory(store, clock), cardActions: new CardActions(store, clock), sender,
      background, clock, logger,
    });
  }

  /** R4: the Gateway enters Contoso, optionally assigned; the answer does not wait for the cards. */
  async function create(
    assignee: Assignee | null = fmAssignee(), tenant = TENANT, workloads = CONTOSO_WORKLOADS,
  ): Promise<Customer> {
    return (await customers.create(ctx(actors.gateway), { tenantId: tenant, name: 'Contoso Ltd', assignee, workloads })).value;
  }

  async function assign(assignee: unknown): Promise<void> {
    await customers.assign(ctx(actors.gateway), TENANT, assignee);
    await background.idle();
  }

  beforeEach(async () => {
    env = await startProtocolEnv([actors.gateway, actors.fm, actors.fm2].map((a) => personFixture(a, { timeZone: 'Europe/London' })));
    attach();
    await env.teams.install(FM); // FM2 never installed the bot: no conversation to reach them in
  });

  afterEach(async () => {
    await background.idle();
    await env.stop();
  });

  it('created with an FM: one ESD card per workload with an active date (R1), with its actions, recorded under a deterministic id', async () => {
    await create();
    assert.equal(env.connector.requests.length, 0, 'creating did not wait for Teams');
    await background.idle();
    const sent = env.connector.requests.filter(isPost);
    assert.equal(sent.length, 2, 'Exchange Online and Intune; Purview is Blocked');
    for (const request of sent) {
      assert.equal(request.path, `/v3/conversations/${encodeURIComponent(`a:personal-${FM.id}`)}/activities`);
      assert.deepEqual(actionLines(cardOf(request)), OPEN_ACTIONS);
    }
    assert.deepEqual(sent.map((r) => bannerOf(cardOf(r))), [
      'Contoso Ltd was assigned to you: Exchange Online is expected to start on Tue, 1 Dec 2026.',
      'Contoso Ltd was assigned to you: Microsoft Intune is expected in February 2027.',
    ]);
    assert.equal(sent[0]?.body.summary, 'New customer for you: Contoso Ltd · Exchange Online');
    const record = (await env.store.getSentCard(welcomeId(TENANT, 'ExchangeOnline', FM.aadObjectId)))?.value;
    assert.deepEqual([record?.kind, record?.status, record?.recipientId, record?.conversationId], ['welcome', 'sent', FM.aadObjectId, `a:personal-${FM.id}`]);
    assert.ok(record?.activityId, 'the activity id is kept so the card can be updated in place');
  });

  it('wired in the app: a customer entered through POST /api/customers for an FM sends that FM the welcome cards', async () => {
    const res = await postJson(`${env.app.url}/api/customers`, {
      tenantId: TENANT, name: 'Contoso Ltd', assignee: { type: 'fm', aadObjectId: FM.aadObjectId }, workloads: CONTOSO_WORKLOADS,
    }, { authorization: bearer('gateway') });
    assert.equal(res.status, 201);
    await env.app.idle();
    const sent = env.connector.requests.filter(isPost);
    assert.deepEqual(sent.map((r) => bannerOf(cardOf(r))), [
      'Contoso Ltd was assigned to you: Exchange Online is expected to start on Tue, 1 Dec 2026.',
      'Contoso Ltd was assigned to you: Microsoft Intune is expected in February 2027.',
    ]);
  });

  it('a partner (R9) and an unassigned customer get nothing; assigning the FM later welcomes them', async () => {
    await create(partnerAssignee());
    await create(null, tenantId(8));
    await background.idle();
    assert.equal(env.connector.requests.length, 0);
    await assign(fmAssignee());
    assert.equal(env.connector.requests.filter(isPost).length, 2);
  });

  it('reassigning to a partner sends nothing; assigning the same FM again sends nothing new (deterministic ids)', async () => {
    await create();
    await background.idle();
    await assign(partnerAssignee());
    await assign(fmAssignee());
    assert.equal(env.connector.requests.filter(isPost).length, 2, 'only the first two cards');
    assert.equal((await env.store.listSentCardsForWorkload(TENANT, 'ExchangeOnline')).length, 1);
  });

  it('an FM who cannot be reached: nothing sent, nothing claimed, so a later assignment reaches them once they installed the bot', async () => {
    await create(fmAssignee(actors.fm2));
    await background.idle();
    assert.equal(env.connector.requests.length, 0);
    assert.deepEqual(await env.store.listSentCardsForWorkload(TENANT, 'ExchangeOnline'), []);
    await env.teams.install(FM2);
    await assign(fmAssignee());
    await assign(fmAssignee(actors.fm2));
    const toFm2 = env.connector.requests.filter((r) => isPost(r) && r.path.includes(encodeURIComponent(FM2.id)));
    assert.equal(toFm2.length, 2);
  });

  it('a workload whose reminder is due today gets that reminder from the sweep, not a welcome card as well', async () => {
    await create(fmAssignee(), TENANT, [onDay('Teams', '2026-11-24'), onDay('ExchangeOnline', '2026-12-01')]);
    await background.idle();
    assert.deepEqual(env.connector.requests.map((r) => bannerOf(cardOf(r))), [
      'Contoso Ltd was assigned to you: Exchange Online is expected to start on Tue, 1 Dec 2026.',
    ]);
    assert.deepEqual(await env.app.runReminders(NOW), { due: 1, sent: 1, skipped: 0, failed: 0 });
    assert.match(bannerOf(cardOf(env.connector.requests[1])), /Today is the Engagement Start Date/);
  });

  it('a blocked conversation: the card is recorded failed and the FM marked unreachable; never sent twice', async () => {
    env.connector.failNext({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } });
    await create();
    await background.idle();
    const record = (await env.store.getSentCard(welcomeId(TENANT, 'ExchangeOnline', FM.aadObjectId)))?.value;
    assert.deepEqual([record?.status, record?.lastError], ['failed', '403 ConversationBlockedByUser']);
    assert.equal((await env.store.getPerson(FM.aadObjectId))?.value.reachable, false);
    assert.equal(env.connector.requests.length, 1, 'the Intune card is not tried at an FM who blocked the bot');
  });

  it('the welcome card is updated in place after the FM reschedules from another card (CardRefresher)', async () => {
    await create();
    await background.idle();
    const record = (await env.store.getSentCard(welcomeId(TENANT, 'ExchangeOnline', FM.aadObjectId)))?.value;
    env.connector.requests.length = 0;
    const data = { tenantId: TENANT, workload: 'ExchangeOnline', revision: 1, newDate: '2026-12-08', reason: 'The customer moved the first call.' };
    const answer = await env.teams.invoke(FM, 'reschedule', data, { replyToId: 'reminder-card' });
    assert.match(bannerOf(answer.value), /Rescheduled to Tue, 8 Dec 2026/);
    await env.app.idle();
    const [update] = env.connector.requests;
    assert.equal(env.connector.requests.length, 1);
    assert.deepEqual([update?.method, update?.path], ['PUT', `/v3/conversations/${encodeURIComponent(`a:personal-${FM.id}`)}/activities/${record?.activityId}`]);
    assert.ok(textRuns(cardOf(update)).some((t) => t === 'Tue, 8 Dec 2026'), 'the redrawn card shows the new date');
  });

  it('issue 11: an FM whose directory locale is zh-CN gets the welcome cards in Chinese, and their redraws stay so', async () => {
    const stored = await env.store.getPerson(FM.aadObjectId);
    assert.ok(stored);
    await env.store.putPerson({ ...stored.value, locale: 'zh-CN' }, stored.etag);
    await create();
    await background.idle();
    const sent = env.connector.requests.filter(isPost);
    assert.deepEqual(sent.map((r) => bannerOf(cardOf(r))), [
      'Contoso Ltd 已分配给你：Exchange Online 预计于 2026年12月1日 星期二 开始。',
      'Contoso Ltd 已分配给你：Microsoft Intune 预计在 2027年2月 开始。',
    ]);
    assert.equal(sent[0]?.body.summary, '你有新客户：Contoso Ltd · Exchange Online');
    env.connector.requests.length = 0;
    const data = { tenantId: TENANT, workload: 'ExchangeOnline', revision: 1, newDate: '2026-12-08', reason: 'Moved.' };
    const answer = await env.teams.invoke(FM, 'reschedule', data, { replyToId: 'reminder-card' });
    assert.match(bannerOf(answer.value), /已重新安排到 2026年12月8日 星期二/, 'no client locale: the directory\'s');
    await env.app.idle();
    const [update] = env.connector.requests;
    assert.ok(textRuns(cardOf(update)).includes('2026年12月8日 星期二'), 'the redrawn welcome card is Chinese too');
  });
});
