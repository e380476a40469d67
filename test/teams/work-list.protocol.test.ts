/**
 * The FM's work list through the real server and a recording Bot Connector: `upcoming` answers one card with what
 * needs an answer and what comes next; a row's `open` answers that workload's ESD card in place of the list, whose
 * `back` answers the list again (by Action.Execute, and by the Action.Submit fallback).
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import { completeDeployment, confirmStart, markCustomerInactive, recordNoResponse } from '../../src/domain/engagement';
import { english } from '../../src/domain/phrases';
import { NOT_IN_DIRECTORY } from '../../src/domain/rules';
import type { Customer, Person } from '../../src/domain/types';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { NOTHING_TO_DO } from '../../src/teams/cards/work-list-card';
import { postJson, teamsMessage, teamsSubmit, teamsUser } from '../common/activities';
import {
  actors, ctx, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, personFixture, tenantId, TODAY, withoutEsd,
} from '../common/fixtures';
import { actionLines, executeActions, nodesOfType, textBlocks, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FM2 = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');
const PEOPLE: Person[] = [personFixture(actors.fm, { timeZone: 'Europe/London' }), personFixture(actors.fm2)];

/** Entered by the Gateway `daysAgo` days before today, so its dates may now be past. */
function enteredAgo(daysAgo: number, options: Parameters<typeof customerFixture>[0]): Customer {
  return customerFixture({ ...options, context: ctx(actors.gateway, 0, addDays(TODAY, -daysAgo)) });
}

/** The FM's week: overdue, due today, a follow-up, month estimates, future work, and work that is not listed. */
function mixedWork(): Customer[] {
  let contoso = enteredAgo(10, {
    n: 1, name: 'Contoso Ltd',
    workloads: [onDay('ExchangeOnline', '2026-11-21'), onDay('Teams', '2026-11-20'), onDay('Intune', '2026-11-19')],
  });
  contoso = confirmStart(contoso, 'Teams', ctx(actors.fm, 1, '2026-11-20'));
  contoso = markCustomerInactive(contoso, 'Intune', 'Never answered.', ctx(actors.fm, 2, '2026-11-19'));
  let fabrikam = enteredAgo(10, { n: 2, name: 'Fabrikam', workloads: [onDay('Teams', TODAY), onDay('OneDrive', '2026-11-18')] });
  fabrikam = recordNoResponse(fabrikam, 'OneDrive', 'Voicemail.', ctx(actors.fm, 1, '2026-11-18')); // asked again 19 Nov
  const northwind = customerFixture({ n: 3, name: 'Northwind', workloads: [inMonth('Viva', '2026-11'), inMonth('Copilot', '2027-02')] });
  let woodgrove = enteredAgo(10, { n: 4, name: 'Woodgrove', workloads: [onDay('Defender', '2026-11-16')] });
  woodgrove = completeDeployment(confirmStart(woodgrove, 'Defender', ctx(actors.fm, 1, '2026-11-16')), 'Defender', undefined,
    ctx(actors.fm, 2, '2026-11-23'));
  return [
    contoso, fabrikam, northwind, woodgrove,
    customerFixture({ n: 5, name: 'Litware', workloads: [onDay('Windows', '2026-12-01'), withoutEsd('Purview', 'Blocked')] }),
    customerFixture({ n: 6, name: 'Other FM Inc', assignee: fmAssignee(actors.fm2), workloads: [onDay('Teams', TODAY)] }),
    customerFixture({ n: 7, name: 'Partnered Co', assignee: partnerAssignee(), workloads: [onDay('Teams', TODAY)] }),
  ];
}

/** Each list row as its text, with its `open` data. */
function rows(card: AdaptiveCard): { text: string; open: Record<string, unknown> }[] {
  return nodesOfType(card, 'ColumnSet').map((row) => ({
    text: textRuns(row as AdaptiveCard).join(''),
    open: (executeActions(row as AdaptiveCard)[0]?.data ?? {}) as Record<string, unknown>,
  }));
}

const texts = (card: AdaptiveCard): string[] => [...textBlocks(card).map((b) => String(b.text)), ...textRuns(card)];

describe('Teams protocol: the FM\'s work list (`upcoming`, `open`, `back`)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv(PEOPLE);
  });

  afterEach(async () => {
    await env.stop();
  });

  async function seed(customers: Customer[]): Promise<void> {
    for (const customer of customers) await env.store.createCustomer(customer);
  }

  /** `upcoming` from `who`: the one card it answers. */
  async function upcoming(who = FM): Promise<AdaptiveCard> {
    const before = env.connector.requests.length;
    await env.teams.say(who, 'upcoming');
    const answers = await env.connector.waitFor(before + 1);
    await env.app.idle();
    assert.equal(env.connector.requests.length, before + 1, 'one message, not one per engagement');
    return cardOf(answers[before]);
  }

  it('R3/R5/R7: one card: what needs an answer (most overdue first), then what is next; started, inactive, completed, not applicable, other FMs\' and partners\' work left out', async () => {
    await seed(mixedWork());
    const card = await upcoming();
    assert.deepEqual(rows(card).map((r) => r.text), [
      'Northwind · Microsoft Viva · expected in November 2026 · due this month',
      'Fabrikam · OneDrive · Wed, 18 Nov 2026 · follow-up due 5 days ago',
      'Contoso Ltd · Exchange Online · Sat, 21 Nov 2026 · due 3 days ago',
      'Fabrikam · Microsoft Teams · Tue, 24 Nov 2026 · due today',
      'Litware · Windows · Tue, 1 Dec 2026 · in 7 days',
      'Northwind · Microsoft 365 Copilot · expected in February 2027',
    ]);
    assert.ok(texts(card).includes('Needs your answer (4)'));
    assert.ok(texts(card).includes('Next (2)'));
    assert.ok(texts(card).indexOf('Needs your answer (4)') < texts(card).indexOf('Next (2)'));
    assert.deepEqual(rows(card)[2]?.open, { verb: 'open', tenantId: tenantId(1), workload: 'ExchangeOnline', from: 'upcoming' });
  });

  it('at most 10 rows per section, each with a line saying how many more', async () => {
    const customers: Customer[] = [];
    for (let i = 0; i < 12; i++) {
      customers.push(enteredAgo(20, { n: 10 + i, name: `Overdue ${String(i).padStart(2, '0')}`, workloads: [onDay('Teams', addDays(TODAY, -1 - i))] }));
    }
    for (let i = 0; i < 11; i++) {
      customers.push(customerFixture({ n: 40 + i, name: `Later ${String(i).padStart(2, '0')}`, workloads: [onDay('Teams', addDays(TODAY, 1 + i))] }));
    }
    await seed(customers);
    const card = await upcoming();
    const shown = rows(card).map((r) => r.text.split(' · ')[0]);
    assert.deepEqual(shown, [
      ...Array.from({ length: 10 }, (_, i) => `Overdue ${String(11 - i).padStart(2, '0')}`),
      ...Array.from({ length: 10 }, (_, i) => `Later ${String(i).padStart(2, '0')}`),
    ]);
    assert.ok(texts(card).includes('Needs your answer (12)'));
    assert.ok(texts(card).includes('and 2 more: they move up as you answer these.'));
    assert.ok(texts(card).includes('and 1 more after these.'));
  });

  it('drill-down and back (Action.Execute): `open` answers the ESD card in place with a way back; acting keeps it; `back` answers the list as it now is', async () => {
    await seed(mixedWork());
    const list = await upcoming();
    const row = rows(list).find((r) => r.text.startsWith('Contoso Ltd'));
    assert.ok(row);
    const opened = await env.teams.invoke(FM, 'open', row.open, { replyToId: 'list-message' });
    assert.equal(opened.statusCode, 200);
    assert.equal(textRuns(opened.value)[0], 'Contoso Ltd');
    assert.deepEqual(actionLines(opened.value), [
      'Communication started ▸ confirmStart', 'Reschedule ▸ reschedule', 'No answer yet ▸ noResponse, customerInactive',
      'Back to my list → back',
    ]);
    const confirm = executeActions(opened.value).find((a) => a.verb === 'confirmStart');
    const started = await env.teams.invoke(FM, 'confirmStart', { ...(confirm?.data as object), startedOn: '2026-11-22' },
      { replyToId: 'list-message' });
    assert.match(textRuns(started.value)[0] ?? '', /^Recorded: communication with the customer started on Sun, 22 Nov 2026\. The Engagement Start Date \(it was Sat, 21 Nov 2026\) is now that day\.$/);
    assert.deepEqual(actionLines(started.value), ['Deployment finished ▸ complete', 'Back to my list → back']);
    const back = executeActions(started.value).find((a) => a.verb === 'back');
    const again = await env.teams.invoke(FM, 'back', back?.data as Record<string, unknown>, { replyToId: 'list-message' });
    assert.equal(again.statusCode, 200);
    assert.ok(texts(again.value).includes('Needs your answer (3)'));
    assert.ok(!rows(again.value).some((r) => r.text.startsWith('Contoso Ltd')), 'started: no longer listed');
    const stored = (await env.store.getCustomer(tenantId(1)))?.value.workloads.find((w) => w.workload === 'ExchangeOnline');
    assert.deepEqual([stored?.state, stored?.startedOn, stored?.engagementStartDate], ['started', '2026-11-22', '2026-11-22']);
  });

  it('drill-down and back by the Action.Submit fallback: each answer replaces the card it came from', async () => {
    await seed(mixedWork());
    const row = rows(await upcoming()).find((r) => r.text.startsWith('Litware'));
    assert.ok(row);
    const before = env.connector.requests.length;
    await postJson(`${env.app.url}/api/messages`, teamsSubmit(env.connector.serviceUrl, FM, row.open, 'list-message'));
    const [opened] = (await env.connector.waitFor(before + 1)).slice(before);
    assert.equal(opened?.method, 'PUT');
    assert.match(String(opened?.path), /\/activities\/list-message$/);
    const esd = cardOf(opened);
    assert.equal(textRuns(esd)[0], 'Litware');
    const back = executeActions(esd).find((a) => a.verb === 'back');
    assert.deepEqual((back?.fallback as { data?: unknown } | undefined)?.data, back?.data);
    await postJson(`${env.app.url}/api/messages`, teamsSubmit(env.connector.serviceUrl, FM, back?.data as Record<string, unknown>, 'list-message'));
    const [list] = (await env.connector.waitFor(before + 2)).slice(before + 1);
    assert.equal(list?.method, 'PUT');
    assert.ok(texts(cardOf(list)).includes('Next (2)'));
  });

  it('`back` to the customer card answers that customer\'s card', async () => {
    await seed(mixedWork());
    const answer = await env.teams.invoke(FM, 'back', { to: 'customer', tenantId: tenantId(5), workload: 'Windows' });
    assert.equal(answer.statusCode, 200);
    assert.ok(textRuns(answer.value).includes('Litware'));
  });

  it('an empty list says so and what to do next', async () => {
    await seed(mixedWork());
    await env.store.putPerson(personFixture({ ...actors.fm2, aadObjectId: 'aad-fm-3', name: 'Idle Fm' }));
    const card = await upcoming(teamsUser('aad-fm-3', 'Idle Fm'));
    assert.deepEqual(rows(card), []);
    assert.ok(texts(card).includes(NOTHING_TO_DO));
  });

  it('someone not in the directory gets no list: told why, and `back` is refused (403); nothing is stored', async () => {
    await env.teams.say(STRANGER, 'upcoming');
    const [reply] = await env.connector.waitFor(1);
    assert.equal(reply?.body.text, english(NOT_IN_DIRECTORY));
    const answer = await env.teams.invoke(STRANGER, 'back', { to: 'upcoming', tenantId: tenantId(1), workload: 'Teams' });
    assert.deepEqual([answer.statusCode, answer.value.code, answer.value.message], [403, 'Forbidden', english(NOT_IN_DIRECTORY)]);
  });

  it('bad `open`/`back` data: 400 (no origin, nowhere to go back to, no workload); an unknown customer: 404', async () => {
    await seed(mixedWork());
    for (const [verb, data] of [
      ['open', { tenantId: tenantId(1), workload: 'ExchangeOnline' }],
      ['open', { tenantId: tenantId(1), workload: 'ExchangeOnline', from: 'elsewhere' }],
      ['back', { tenantId: tenantId(1), workload: 'ExchangeOnline', to: 'nowhere' }],
      ['open', { tenantId: tenantId(1), from: 'upcoming' }],
    ] as const) {
      const answer = await env.teams.invoke(FM, verb, data);
      assert.deepEqual([answer.statusCode, answer.value.code], [400, 'BadRequest'], JSON.stringify(data));
    }
    const gone = await env.teams.invoke(FM, 'open', { tenantId: tenantId(99), workload: 'Teams', from: 'upcoming' });
    assert.deepEqual([gone.statusCode, gone.value.code], [404, 'NotFound']);
  });

  it('another FM who opens a row of someone else\'s list gets the card read-only (R4)', async () => {
    await seed(mixedWork());
    const answer = await env.teams.invoke(FM2, 'open', { tenantId: tenantId(1), workload: 'ExchangeOnline', from: 'upcoming' });
    assert.deepEqual(actionLines(answer.value), ['Back to my list → back']);
  });

  it('the list is drawn in the FM\'s own day: a message with another time zone moves "today"', async () => {
    await seed([customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('Teams', TODAY)] })]);
    assert.deepEqual(rows(await upcoming()).map((r) => r.text), ['Contoso Ltd · Microsoft Teams · Tue, 24 Nov 2026 · due today']);
    // 09:00 UTC on 24 Nov is still 23 Nov in Honolulu (UTC-10): the FM's Teams client says where they are.
    await postJson(`${env.app.url}/api/messages`, teamsMessage(env.connector.serviceUrl, 'upcoming', FM, 'Pacific/Honolulu'));
    const [, reply] = await env.connector.waitFor(2);
    assert.deepEqual(rows(cardOf(reply)).map((r) => r.text), ['Contoso Ltd · Microsoft Teams · Tue, 24 Nov 2026 · tomorrow']);
  });
});

describe('Teams protocol: the work list in the reader\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv(PEOPLE);
  });
  afterEach(async () => env.stop());

  it('R3/R7: `upcoming` from a zh-CN client answers the Chinese card; `back` naming no language too (recorded); en-US gets English', async () => {
    for (const customer of mixedWork()) await env.store.createCustomer(customer);
    const say = async (locale: string): Promise<AdaptiveCard> => {
      const before = env.connector.requests.length;
      await postJson(`${env.app.url}/api/messages`, { ...teamsMessage(env.connector.serviceUrl, 'upcoming', FM), locale });
      const answers = await env.connector.waitFor(before + 1);
      return cardOf(answers[before]);
    };
    const chinese = await say('zh-CN');
    assert.ok(texts(chinese).includes('需要你回答（4）'));
    assert.ok(texts(chinese).includes('接下来（2）'));
    assert.deepEqual(rows(chinese).map((r) => r.text).slice(0, 3), [
      'Northwind · Microsoft Viva · 预计在 2026年11月 · 本月到期',
      'Fabrikam · OneDrive · 2026年11月18日 星期三 · 5 天前应跟进',
      'Contoso Ltd · Exchange Online · 2026年11月21日 星期六 · 3 天前到期',
    ]);
    assert.equal(executeActions(chinese)[0]?.title, '打开');
    assert.doesNotMatch(JSON.stringify(chinese), /Needs your answer|Your engagements|due today/);
    const back = await env.teams.invoke(FM, 'back', { to: 'upcoming', tenantId: tenantId(1), workload: 'ExchangeOnline' });
    assert.ok(texts(back.value).includes('需要你回答（4）'), 'a client naming no language: the one recorded from its last activity');
    const english = await say('en-US');
    assert.ok(texts(english).includes('Needs your answer (4)'));
    assert.doesNotMatch(JSON.stringify(english), /[\u4e00-\u9fff]/);
  });
});
