/**
 * Issue 11 through the real app for the texts the services and the bot say rather than a card's template: refusals
 * (who may use `queue` and `load`, P1, P2, R9), the new-customer form's field errors (R2, R4, R7), a customer that
 * exists already, and the bot's answers to malformed or unknown card actions. Each reaches the person in the language
 * of their Teams client; the REST API keeps the English (test/http/*).
 */
import assert from 'node:assert/strict';
import { english, phrase } from '../../src/domain/phrases';
import { LOAD_REFUSAL } from '../../src/domain/rules';
import type { Customer } from '../../src/domain/types';
import { QUEUE_REFUSAL } from '../../src/services/gateway-queue';
import { SHOW_LOAD_VERB } from '../../src/teams/cards/load-card';
import { CREATE_CUSTOMER_VERB, FORM_INPUT_IDS, rowInputId } from '../../src/teams/cards/new-customer-card';
import { SHOW_QUEUE_VERB } from '../../src/teams/cards/queue-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { say } from '../../src/teams/i18n/messages';
import { postJson, teamsInvoke, teamsMessage, teamsUser, type TeamsUser } from '../common/activities';
import { actors, customerFixture, onDay, personFixture, tenantId } from '../common/fixtures';
import { assertValidCard, elementAfterInput, executeActions } from './card-helpers';
import type { InvokeAnswer } from './teams-client';
import { startProtocolEnv, type ProtocolEnv } from './teams-client';

const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const CONTOSO = tenantId(1);
/** Chinese characters: the text is in Chinese. */
const CHINESE = /[\u4e00-\u9fff]/;
/** Three English words in a row: an English sentence. */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;

describe('Teams protocol: refusals and field errors in the reader\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv([
      personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'frp-1' }),
      personFixture(actors.gateway), personFixture(actors.fm),
    ]);
    await env.store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-12-01')],
    }));
  });
  afterEach(async () => {
    await env.app.idle();
    await env.stop();
  });

  /** `text` said by `from` from a client in `locale`: the text of the bot's reply (a message, not a card). */
  async function reply(from: TeamsUser, text: string, locale: string): Promise<string> {
    const before = env.connector.requests.length;
    const res = await postJson(`${env.app.url}/api/messages`, {
      ...teamsMessage(env.connector.serviceUrl, text, from), locale,
    });
    assert.ok(res.status < 300, `the bot answered ${res.status}`);
    const answer = (await env.connector.waitFor(before + 1))[before];
    assert.equal(answer?.body.attachments, undefined, `no card for "${text}"`);
    return String(answer?.body.text);
  }

  /** An Action.Execute from a client in `locale`: the invoke response. */
  async function invoke(
    from: TeamsUser, verb: string, data: Record<string, unknown>, locale: string,
  ): Promise<InvokeAnswer> {
    const res = await postJson(`${env.app.url}/api/messages`, {
      ...teamsInvoke(env.connector.serviceUrl, from, verb, data), locale,
    });
    return (await res.json()) as InvokeAnswer;
  }

  it('P1, P2, R9: a partner asking for `queue` and `load` from a zh-CN client is told why in Chinese; from en-US in English', async () => {
    const queueZh = await reply(PARTNER, 'queue', 'zh-CN');
    assert.equal(queueZh,
      '只有 Gateway 团队成员和管理员可以查看等待分配 FM 的客户并进行分配。输入“我的列表”可查看你自己的接洽。');
    const loadZh = await reply(PARTNER, 'load', 'zh-CN');
    assert.equal(loadZh, say('zh-CN', LOAD_REFUSAL));
    for (const text of [queueZh, loadZh]) {
      assert.match(text, CHINESE);
      assert.doesNotMatch(text, ENGLISH_SENTENCE);
    }
    // The same partner in an English client: the English the REST API gives too.
    assert.equal(await reply(PARTNER, 'queue', 'en-US'), english(QUEUE_REFUSAL));
    assert.equal(await reply(PARTNER, 'load', 'en-US'), english(LOAD_REFUSAL));
    assert.match(english(QUEUE_REFUSAL), /^Only Gateway staff and admins can see the customers waiting for an FM/);
  });

  it('P1, P2, R9: the cards\' own verbs refused to a partner (403) say why in the client\'s language', async () => {
    const queue = await invoke(PARTNER, SHOW_QUEUE_VERB, { verb: SHOW_QUEUE_VERB }, 'zh-CN');
    assert.deepEqual([queue.statusCode, queue.value.code], [403, 'Forbidden']);
    assert.equal(queue.value.message, say('zh-CN', QUEUE_REFUSAL));
    const load = await invoke(PARTNER, SHOW_LOAD_VERB, { verb: SHOW_LOAD_VERB, page: 1 }, 'zh-CN');
    assert.deepEqual([load.statusCode, load.value.message], [403, say('zh-CN', LOAD_REFUSAL)]);
    const english = await invoke(PARTNER, SHOW_QUEUE_VERB, { verb: SHOW_QUEUE_VERB }, 'en-US');
    assert.equal(english.value.message, 'Only Gateway staff and admins can see the customers waiting for an FM and '
      + 'assign them. Type `upcoming` for your own engagements.');
  });

  it('`customer` without a name or tenant id is told what to type, in the client\'s language', async () => {
    assert.equal(await reply(FM, 'customer', 'zh-CN'), '请说明是哪个客户：`customer` 后跟其名称的一部分或其租户 ID。');
    assert.equal(await reply(FM, 'customer', 'en-US'),
      'Say which customer: `customer` followed by a part of its name or its tenant id.');
  });

  it('malformed card data, an unknown action and an unknown customer are answered in the client\'s language', async () => {
    const noWorkload = await invoke(FM, 'confirmStart', { verb: 'confirmStart', tenantId: CONTOSO }, 'zh-CN');
    assert.deepEqual([noWorkload.statusCode, noWorkload.value.message], [400, '此操作未说明是哪个客户和工作负载。']);
    const unknown = await invoke(FM, 'launch', { verb: 'launch', tenantId: CONTOSO, workload: 'Teams' }, 'zh-CN');
    assert.deepEqual([unknown.statusCode, unknown.value.message], [400, '未知操作“launch”。']);
    const missing = await invoke(FM, 'refresh', { verb: 'refresh', tenantId: tenantId(99), workload: 'Teams' }, 'zh-CN');
    assert.deepEqual([missing.statusCode, missing.value.message], [404, `没有客户 ${tenantId(99)}。`]);
    const inEnglish = await invoke(FM, 'refresh', { verb: 'refresh', tenantId: tenantId(99), workload: 'Teams' }, 'en-US');
    assert.equal(inEnglish.value.message, `There is no customer ${tenantId(99)}.`);
  });

  describe('R2, R4, R7: the new-customer form', () => {
    /** What Teams sends for the form: every input (untouched ones empty or "none"), the action's verb, `typed`. */
    function submitted(typed: Record<string, string>): Record<string, string> {
      const untouched = Object.fromEntries(FORM_INPUT_IDS.map((id) => [id, id.endsWith('.l1Status') || id === 'assignee' ? 'none' : '']));
      return { ...untouched, verb: CREATE_CUSTOMER_VERB, ...typed };
    }

    /** The error shown under an input (a TextRun in Attention), if any. */
    function errorUnder(card: AdaptiveCard, id: string): string | undefined {
      const next = elementAfterInput(card, id);
      const run = next?.type === 'RichTextBlock' ? (next.inlines as { text: string; color?: string }[])[0] : undefined;
      return run?.color === 'Attention' ? run.text : undefined;
    }

    async function submit(typed: Record<string, string>, locale: string): Promise<AdaptiveCard> {
      const answer = await invoke(GATEWAY, CREATE_CUSTOMER_VERB, submitted(typed), locale);
      assert.equal(answer.statusCode, 200);
      assertValidCard(answer.value);
      assert.ok(executeActions(answer.value).some((a) => a.verb === CREATE_CUSTOMER_VERB), 'the form again');
      return answer.value;
    }

    /** What the store holds of the customers a submission could touch: the one it names and the one that exists. */
    async function stored(): Promise<[Customer[], Customer | undefined]> {
      return [await env.store.findCustomersByName('Fabrikam', 10), (await env.store.getCustomer(CONTOSO))?.value];
    }

    const DATE = rowInputId('Teams', 'date');
    const BAD = { tenantId: 'contoso.onmicrosoft.com', name: 'Fabrikam', [rowInputId('Teams', 'l1Status')]: 'InProgress', [DATE]: '2026-11-02' };

    it('a bad tenant id and a past date from a zh-CN client: each error under its input, in Chinese; nothing is stored', async () => {
      const before = await stored();
      const card = await submit(BAD, 'zh-CN');
      const tenantError = errorUnder(card, 'tenantId');
      const dateError = errorUnder(card, DATE);
      assert.equal(tenantError, say('zh-CN', phrase('customer.tenantId.bad')));
      // R2: the day is past (today is 24 Nov 2026 for the Gateway person); the ISO dates stay as typed.
      assert.equal(dateError, say('zh-CN', phrase('rules.esd.pastAdvice', {
        date: '2026-11-02', today: '2026-11-24', advice: phrase('customer.underWayAdvice'),
      })));
      for (const text of [tenantError, dateError]) {
        assert.match(text ?? '', CHINESE);
        assert.doesNotMatch(text ?? '', ENGLISH_SENTENCE);
      }
      assert.match(dateError ?? '', /2026-11-02.*2026-11-24/);
      assert.deepEqual(await stored(), before, 'nothing stored');
      assert.deepEqual(before[0], []);
    });

    it('the same submission from an en-US client: the errors in English, as the REST API words them', async () => {
      const card = await submit(BAD, 'en-US');
      assert.equal(errorUnder(card, 'tenantId'), 'tenantId must be a tenant GUID.');
      assert.match(errorUnder(card, DATE) ?? '', /^The date 2026-11-02 is in the past \(today is 2026-11-24\)\. If the engagement/);
    });

    it('R4: a tenant that exists already, from a zh-CN client: said in Chinese under the tenant id; the stored customer is unchanged', async () => {
      const before = await env.store.getCustomer(CONTOSO);
      const card = await submit({ ...BAD, tenantId: CONTOSO, [DATE]: '2026-12-10' }, 'zh-CN');
      assert.equal(errorUnder(card, 'tenantId'),
        `租户 ID 为 ${CONTOSO} 的客户已经存在：请更改其工作负载或分配对象，而不要再次录入。`);
      assert.equal(errorUnder(card, DATE), undefined, 'the date is fine');
      assert.deepEqual(await env.store.getCustomer(CONTOSO), before, 'not overwritten');
    });
  });
});
