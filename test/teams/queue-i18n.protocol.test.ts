/**
 * Issue 11 through the real app for the Gateway's cards (P1, P2, R4): `queue` from a zh-CN client is answered with
 * the Chinese card, its assign action answers in the client's language, the heads-up goes out in the Gateway
 * person's directory locale, and the `new customer` form and its answer follow the client's language.
 */
import assert from 'node:assert/strict';
import { assigneeInputId, ASSIGN_VERB } from '../../src/teams/cards/queue-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInvoke, teamsMessage, teamsUser } from '../common/activities';
import { actors, customerFixture, NOW, onDay, personFixture, tenantId } from '../common/fixtures';
import { allStrings, assertValidCard, bannerOf, executeActions } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const CONTOSO = tenantId(1);

describe('Teams protocol: the Gateway queue in the reader\'s language (issue 11, P1)', () => {
  let env: ProtocolEnv;

  async function start(gatewayLocale?: 'zh-CN'): Promise<void> {
    env = await startProtocolEnv([
      personFixture(actors.gateway, { timeZone: 'Europe/London', ...(gatewayLocale ? { locale: gatewayLocale } : {}) }),
      personFixture(actors.fm2, { timeZone: 'Europe/London', weeklyCapacity: 3 }),
    ]);
    await env.store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-11-26')],
    }));
  }
  afterEach(async () => {
    await env.app.idle();
    await env.stop();
  });

  /** `queue` said from a client in `locale`: the card of the reply. */
  async function queueIn(locale: string): Promise<AdaptiveCard> {
    const before = env.connector.requests.length;
    const res = await postJson(`${env.app.url}/api/messages`, {
      ...teamsMessage(env.connector.serviceUrl, 'queue', GATEWAY), locale,
    });
    assert.ok(res.status < 300, `the bot answered ${res.status}`);
    const card = cardOf((await env.connector.waitFor(before + 1))[before]);
    assertValidCard(card);
    return card;
  }

  it('P1: `queue` from a zh-CN client gets the Chinese card; its assign answers in Chinese; en-US stays English', async () => {
    await start();
    const card = await queueIn('zh-CN');
    const strings = allStrings(card);
    assert.ok(strings.includes('等待分配 FM 的客户'), 'the heading');
    assert.ok(strings.includes('第一个接洽开始日期：2026年11月26日 星期四'));
    assert.equal(strings.some((s) => s.includes('Customers waiting for an FM')), false);
    const assign = executeActions(card).find((a) => a.verb === ASSIGN_VERB);
    assert.ok(assign);
    const data = { ...(assign.data as Record<string, unknown>), [assigneeInputId(CONTOSO)]: actors.fm2.aadObjectId };
    const res = await postJson(`${env.app.url}/api/messages`, {
      ...teamsInvoke(env.connector.serviceUrl, GATEWAY, ASSIGN_VERB, data), locale: 'zh-CN',
    });
    const { statusCode, value: answer } = (await res.json()) as { statusCode: number; value: AdaptiveCard };
    assert.equal(statusCode, 200);
    assertValidCard(answer);
    assert.match(bannerOf(answer)?.text ?? '', /^Contoso Ltd 现已分配给 Felix/);
    assert.equal((await env.store.getCustomer(CONTOSO))?.value.assignee?.name, actors.fm2.name, 'assigned');
    assert.ok(allStrings(await queueIn('en-US')).includes('Customers waiting for an FM'));
  });

  it('P1: the heads-up to a Gateway person whose directory locale is zh-CN is in Chinese', async () => {
    await start('zh-CN');
    await env.teams.install(GATEWAY);
    const before = env.connector.requests.length;
    assert.equal((await env.app.runReminders(NOW)).sent, 1);
    const posted = env.connector.requests.slice(before).filter((r) => r.method === 'POST');
    const last = posted[posted.length - 1];
    assert.ok(last, 'the heads-up was sent');
    const card = cardOf(last);
    assertValidCard(card);
    assert.equal(bannerOf(card)?.text,
      'Contoso Ltd 尚无 FM，预计于 2026年11月26日 星期四开始：请分配一位 FM，以免客户等待。');
    assert.ok(allStrings(card).includes('有客户在等待分配 FM'));
  });

  it('R4: `new customer` from a zh-CN client gets the Chinese form; a submit with errors answers it in Chinese, nothing saved', async () => {
    await start();
    const before = env.connector.requests.length;
    await postJson(`${env.app.url}/api/messages`, {
      ...teamsMessage(env.connector.serviceUrl, 'new customer', GATEWAY), locale: 'zh-CN',
    });
    const form = cardOf((await env.connector.waitFor(before + 1))[before]);
    assertValidCard(form);
    assert.ok(allStrings(form).includes('新客户') && allStrings(form).includes('保存客户'));
    const res = await postJson(`${env.app.url}/api/messages`, {
      ...teamsInvoke(env.connector.serviceUrl, GATEWAY, 'createCustomer', { verb: 'createCustomer', tenantId: 'nope' }),
      locale: 'zh-CN',
    });
    const { statusCode, value: answer } = (await res.json()) as { statusCode: number; value: AdaptiveCard };
    assert.equal(statusCode, 200);
    assertValidCard(answer);
    assert.match(bannerOf(answer)?.text ?? '', /^未保存任何内容：请更正下面的字段。/);
    assert.equal(await env.store.getCustomer('nope'), undefined, 'nothing saved');
  });
});
