/**
 * Issue 11 through the real app: replies are in the language of the person's Teams client (the activity's
 * `locale`, else clientInfo's), a client that names none gets the directory's locale, and a language without a
 * catalogue gets English (DEFAULT_LOCALE). The directory keeps the client's language for proactive cards.
 */
import assert from 'node:assert/strict';
import type { Person } from '../../src/domain/types';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInstall, teamsInvoke, teamsMessage, teamsUser } from '../common/activities';
import { actors, customerFixture, onDay, personFixture } from '../common/fixtures';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const NEWCOMER = teamsUser('aad-newcomer', 'Nora Newcomer');

describe('Teams protocol: cards in the reader\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv([personFixture(actors.fm)]);
  });
  afterEach(async () => env.stop());

  /** Says `help` as `from` from a client reporting `locale` (in the activity, or only in clientInfo). */
  async function help(from = FM, locale?: string, where: 'activity' | 'clientInfo' = 'activity'): Promise<string> {
    const before = env.connector.requests.length;
    const message = teamsMessage(env.connector.serviceUrl, 'help', from);
    const activity = where === 'activity'
      ? { ...message, ...(locale ? { locale } : {}) }
      : { ...message, entities: [{ type: 'clientInfo', locale, timezone: 'Asia/Shanghai' }] };
    const res = await postJson(`${env.app.url}/api/messages`, activity);
    assert.ok(res.status < 300, `the bot answered ${res.status}`);
    return JSON.stringify(cardOf((await env.connector.waitFor(before + 1))[before]));
  }

  async function storedLocale(id: string): Promise<Person['locale']> {
    return (await env.store.getPerson(id))?.value.locale;
  }

  it('an FM whose client is zh-CN gets help in Chinese, with the FAQ\'s terms; the same FM in en-US gets English', async () => {
    const chinese = await help(FM, 'zh-CN');
    assert.match(chinese, /FastTrack 接洽开始日期/);
    assert.match(chinese, /总体状态笔记/);
    assert.match(chinese, /我能做什么。/);
    assert.match(chinese, /客户 \[客户名称或租户 ID\]/);
    assert.match(chinese, /"title":"我的列表"/, 'the commands as the zh-CN command menu names them');
    assert.doesNotMatch(chinese, /What I can do|Overall Status Notes/);
    const english = await help(FM, 'en-US');
    assert.match(english, /FastTrack Engagement Start Date/);
    assert.match(english, /What I can do\./);
    assert.match(english, /next 8 weeks/);
    assert.doesNotMatch(english, /[\u4e00-\u9fff]/);
  });

  it('en-GB is English; zh-Hans-CN and zh-SG are Chinese; zh-TW (no Traditional catalogue yet) and unknown locales get English', async () => {
    for (const locale of ['en-GB', 'zh-TW', 'zh-Hant-HK', 'xx-YY', 'garbage']) {
      assert.match(await help(FM, locale), /What I can do\./, locale);
    }
    for (const locale of ['zh-Hans-CN', 'zh-SG']) assert.match(await help(FM, locale), /我能做什么。/, locale);
  });

  it('a client that reports its language only in clientInfo is answered in it', async () => {
    assert.match(await help(FM, 'zh-CN', 'clientInfo'), /我能做什么。/);
  });

  it('someone not in the directory yet reads why in their language', async () => {
    const chinese = await help(NEWCOMER, 'zh-CN');
    assert.match(chinese, /你还不在 FastTrack 目录中：请让管理员按你的角色添加你。/);
    assert.match(await help(NEWCOMER, 'en-US'), /You are not in the FastTrack directory yet/);
  });

  it('`upcoming` from someone not in the directory: the text reply is in their language', async () => {
    const before = env.connector.requests.length;
    const message = { ...teamsMessage(env.connector.serviceUrl, 'upcoming', NEWCOMER), locale: 'zh-CN' };
    await postJson(`${env.app.url}/api/messages`, message);
    const reply = (await env.connector.waitFor(before + 1))[before];
    assert.equal(reply?.body.text, '你还不在 FastTrack 目录中：请让管理员按你的角色添加你。');
  });

  it('the directory keeps the client\'s language for proactive cards; a client naming none is answered in it', async () => {
    await help(FM, 'zh-CN');
    assert.equal(await storedLocale(FM.aadObjectId), 'zh-CN');
    assert.match(await help(FM), /我能做什么。/, 'no locale in the activity: the directory\'s');
    await help(FM, 'en-GB');
    assert.equal(await storedLocale(FM.aadObjectId), 'en-US');
    await help(FM, 'zh-TW');
    assert.equal(await storedLocale(FM.aadObjectId), undefined, 'no catalogue: the entry follows DEFAULT_LOCALE');
    assert.match(await help(FM), /What I can do\./);
  });
});

describe('Teams protocol: the ESD card in the FM\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv([personFixture(actors.fm, { timeZone: 'Europe/London', locale: 'zh-CN' })]);
    await env.store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-11-24')],
    }));
    // Installed from a client that names no language: the directory's zh-CN stays.
    const before = env.connector.requests.length;
    await postJson(`${env.app.url}/api/messages`, teamsInstall(env.connector.serviceUrl, FM, 'add'));
    await env.connector.waitFor(before + 1);
    env.connector.requests.length = 0;
  });
  afterEach(async () => env.stop());

  async function reminder(): Promise<{ card: AdaptiveCard; summary: string }> {
    assert.equal((await env.app.runReminders(new Date('2026-11-24T09:00:00Z'))).sent, 1);
    const [sent] = await env.connector.waitFor(1);
    return { card: cardOf(sent), summary: String(sent?.body.summary) };
  }

  /** The card's refresh (Action.Execute `refresh`) from a client in `locale`. */
  async function refreshIn(card: AdaptiveCard, locale: string): Promise<string> {
    const data = (card.refresh as { action: { data: Record<string, unknown> } }).action.data;
    const invoke = { ...teamsInvoke(env.connector.serviceUrl, FM, 'refresh', data), locale };
    const res = await postJson(`${env.app.url}/api/messages`, invoke);
    const answer = (await res.json()) as { statusCode: number; value: AdaptiveCard };
    assert.equal(answer.statusCode, 200);
    return JSON.stringify(answer.value);
  }

  it('R3: a reminder to an FM whose directory locale is zh-CN is in Chinese, banner, buttons, labels and guidance', async () => {
    const { card, summary } = await reminder();
    const text = JSON.stringify(card);
    assert.match(text, /今天是接洽开始日期：与客户的沟通是否已经开始？/);
    assert.equal(summary, '接洽开始日期：Contoso Ltd · Exchange Online');
    for (const words of ['已开始沟通', '重新安排', '尚无回复', '开始日期', '2026年11月24日 星期二', '启动会议', '原因（记录在总体状态笔记中）']) {
      assert.ok(text.includes(words), words);
    }
    for (const english of ['Communication started', 'Reschedule', 'Start date', 'Engagement Start Date', 'kickoff']) {
      assert.ok(!text.includes(english), english);
    }
  });

  it('a command by its Chinese title (the zh-CN command menu) works from any client, answered in the client\'s language', async () => {
    /** The card answering `text` from a client in `locale`. */
    const answer = async (text: string, locale: string): Promise<string> => {
      const before = env.connector.requests.length;
      const res = await postJson(`${env.app.url}/api/messages`, { ...teamsMessage(env.connector.serviceUrl, text, FM), locale });
      assert.ok(res.status < 300, `the bot answered ${res.status}`);
      const sent = await env.connector.waitFor(before + 1);
      return JSON.stringify(cardOf(sent.at(-1)));
    };
    assert.match(await answer('我的列表', 'en-US'), /Your engagements[\s\S]*Contoso Ltd/);
    assert.match(await answer('我的列表', 'zh-CN'), /Contoso Ltd/);
    const customer = await answer('客户Contoso', 'en-US');
    assert.match(customer, /"text":"Contoso Ltd"/);
    assert.match(customer, /Exchange Online/);
    assert.match(await answer('帮助', 'en-US'), /What I can do\./);
  });

  it('the same FM answering from an en-US client gets the card in English; from zh-CN in Chinese', async () => {
    const { card } = await reminder();
    const english = await refreshIn(card, 'en-US');
    assert.match(english, /Communication started/);
    assert.match(english, /Tue, 24 Nov 2026/);
    assert.doesNotMatch(english, /[\u4e00-\u9fff]/);
    assert.match(await refreshIn(card, 'zh-CN'), /已开始沟通/);
    assert.match(await refreshIn(card, 'xx-YY'), /Communication started/, 'an unknown locale gets English');
  });
});
