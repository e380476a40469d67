/**
 * The `customer` command and its card through the real stack (restify + CloudAdapter + bot on 127.0.0.1:0, real
 * SQLite, recording connector): one match, several (a pick list), none; every workload on the card; and the FM
 * adding a workload from it (R7, R8) with everyone else refused (R9), stale cards, repeats and bad input changing
 * nothing.
 */
import assert from 'node:assert/strict';
import { WORKLOADS, type Customer, type Person } from '../../src/domain/types';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { teamsUser } from '../common/activities';
import {
  actors, customerFixture, inMonth, NOW, onDay, partnerAssignee, personFixture, tenantId, withoutEsd,
} from '../common/fixtures';
import { bannerOf, errorUnder, executeActions, inputById, nodesOfType, textBlocks, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type InvokeAnswer, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FM2 = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const ADMIN = teamsUser(actors.admin.aadObjectId, actors.admin.name);
const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const PARTNER_ID = 'partner-contoso-services';
const T1 = tenantId(1);
const T2 = tenantId(2);
const T3 = tenantId(3);

const PEOPLE: Person[] = [
  personFixture(actors.fm, { timeZone: 'Europe/London' }), personFixture(actors.fm2), personFixture(actors.gateway),
  personFixture(actors.admin),
  personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: PARTNER_ID }),
];

/** Every text of the card in order: TextBlocks and TextRuns. */
function texts(card: AdaptiveCard): string {
  return [...textBlocks(card).map((b) => String(b.text)), ...textRuns(card)].join(' | ');
}

/** The Action.Execute of `verb` on the card (its data, as Teams sends it back), or undefined. */
function actionData(card: AdaptiveCard, verb: string, workload?: string): Record<string, unknown> | undefined {
  const action = executeActions(card).find((a) => a.verb === verb
    && (workload === undefined || (a.data as Record<string, unknown>).workload === workload));
  return action?.data as Record<string, unknown> | undefined;
}

function addData(card: AdaptiveCard): Record<string, unknown> {
  const data = actionData(card, 'addWorkload');
  assert.ok(data, 'the card offers to add a workload');
  return data;
}

/** The workloads the add form offers, by value. */
function offered(card: AdaptiveCard): string[] {
  return (inputById(card, 'workload').choices as { value: string }[]).map((c) => c.value);
}

describe('Teams protocol: the customer card (real server, recording connector)', () => {
  let env: ProtocolEnv;

  async function stored(tenant = T1): Promise<Customer> {
    const current = await env.store.getCustomer(tenant);
    assert.ok(current);
    return current.value;
  }

  /** The card the bot answers `customer <text>` with (the only message it sends). */
  async function customerCommand(from: typeof FM, text: string): Promise<AdaptiveCard> {
    env.connector.requests.length = 0;
    await env.teams.say(from, `customer ${text}`);
    const [reply] = await env.connector.waitFor(1);
    return cardOf(reply);
  }

  /** The FM's customer card of Contoso, then the addWorkload invoke with `inputs` merged into its data. */
  async function add(
    inputs: Record<string, string>, options: { as?: typeof FM; id?: string; card?: AdaptiveCard } = {},
  ): Promise<InvokeAnswer> {
    const card = options.card ?? await customerCommand(options.as ?? FM, 'contoso ltd');
    return env.teams.invoke(options.as ?? FM, 'addWorkload', { ...addData(card), ...inputs }, { id: options.id });
  }

  beforeEach(async () => {
    env = await startProtocolEnv(PEOPLE);
    await env.store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd',
      workloads: [onDay('ExchangeOnline', '2026-11-24'), inMonth('Intune', '2027-02'), withoutEsd('Purview', 'Blocked')],
    }));
    await env.store.createCustomer(customerFixture({
      n: 2, name: 'Contoso Partner Co', assignee: partnerAssignee(PARTNER_ID), workloads: [onDay('OneDrive', '2026-11-30')],
    }));
    await env.store.createCustomer(customerFixture({ n: 3, name: 'Fabrikam', assignee: null }));
  });

  afterEach(async () => {
    await env.stop();
  });

  describe('customer <name or tenant id>', () => {
    it('one match: every workload with its state, date (a month reads "expected in …", R7), L1 status (R1) and source', async () => {
      const card = await customerCommand(FM, 'contoso ltd');
      assert.equal(textRuns(card)[0], 'Contoso Ltd');
      const lines = textBlocks(card).map((b) => String(b.text));
      assert.ok(lines.includes('Scheduled · Start date: Tue, 24 Nov 2026 · Source: Gateway'), lines.join('\n'));
      assert.ok(lines.includes('Scheduled · Start date: expected in February 2027 · Source: Gateway'));
      assert.ok(lines.some((l) => / · No start date: blocked$/.test(l)), 'R1: no date, and why, in plain words');
      assert.deepEqual(executeActions(card).filter((a) => a.verb === 'open').map((a) => a.data), [
        { verb: 'open', tenantId: T1, workload: 'ExchangeOnline', from: 'customer' },
        { verb: 'open', tenantId: T1, workload: 'Intune', from: 'customer' },
        { verb: 'open', tenantId: T1, workload: 'Purview', from: 'customer' },
      ]);
      assert.deepEqual(offered(card), WORKLOADS.filter((w) => !['ExchangeOnline', 'Intune', 'Purview'].includes(w)));
    });

    it('by tenant id, in any case', async () => {
      const card = await customerCommand(FM, T3.toUpperCase());
      assert.equal(textRuns(card)[0], 'Fabrikam');
    });

    it('R9: a partner finds only its own customers and may neither open nor add; another partner\'s is "no match"', async () => {
      const card = await customerCommand(PARTNER, 'contoso');
      assert.equal(textRuns(card)[0], 'Contoso Partner Co', 'one match: its own customer, straight to its card');
      assert.deepEqual(executeActions(card), []);
      assert.equal(nodesOfType(card, 'Action.ShowCard').length, 0);
      assert.match(texts(card), /Partners are not asked to update/);
      env.connector.requests.length = 0;
      await env.teams.say(PARTNER, `customer ${T1}`);
      const [reply] = await env.connector.waitFor(1);
      assert.match(String(reply?.body.text), /No customer matches/);
    });

    it('several matches: a pick list; picking one answers its customer card in place (Action.Execute and the Submit fallback)', async () => {
      const list = await customerCommand(GATEWAY, 'contoso');
      assert.match(textRuns(list).join(' '), /2 customers match "contoso": pick one\./);
      const picks = executeActions(list).map((a) => a.data as Record<string, unknown>);
      assert.deepEqual(picks, [{ verb: 'customer', tenantId: T1 }, { verb: 'customer', tenantId: T2 }]);
      const answer = await env.teams.invoke(GATEWAY, 'customer', picks[1]!);
      assert.equal(answer.statusCode, 200);
      assert.equal(textRuns(answer.value)[0], 'Contoso Partner Co');
      env.connector.requests.length = 0;
      await env.teams.submit(GATEWAY, picks[0]!, 'list-message-1');
      const [update] = await env.connector.waitFor(1);
      assert.equal(update?.method, 'PUT', 'the list is replaced by the card');
      assert.match(String(update?.path), /\/activities\/list-message-1$/);
      assert.equal(textRuns(cardOf(update))[0], 'Contoso Ltd');
    });

    it('no match says so and what to try; an empty name says how to ask', async () => {
      env.connector.requests.length = 0;
      await env.teams.say(FM, 'customer northwind');
      await env.teams.say(FM, 'customer');
      const [none, empty] = await env.connector.waitFor(2);
      assert.match(String(none?.body.text), /No customer matches that\. Try a part of its name .* or its tenant id/);
      assert.match(String(empty?.body.text), /Say which customer/);
    });

    it('the pick and the card refuse a customer that does not exist (404) or data without a tenant (400)', async () => {
      const gone = await env.teams.invoke(FM, 'customer', { tenantId: tenantId(99) });
      assert.deepEqual([gone.statusCode, gone.value.code], [404, 'NotFound']);
      const bad = await env.teams.invoke(FM, 'addWorkload', { etag: '1', workload: 'Teams' });
      assert.deepEqual([bad.statusCode, bad.value.code], [400, 'BadRequest']);
    });
  });

  describe('addWorkload', () => {
    it('R8: the assigned FM adds a workload: stored InProgress with its ESD, history source and the note, one write', async () => {
      const before = await stored();
      const answer = await add({
        workload: 'Teams', source: 'successReview', newDate: '2027-01-11', note: 'Announced at the review on 20 Nov.',
      }, { id: 'add-1' });
      assert.deepEqual(bannerOf(answer.value), {
        style: 'good', text: 'Added Microsoft Teams, expected to start on Mon, 11 Jan 2027. The note is in the Overall Status Notes.',
      });
      const customer = await stored();
      const teams = customer.workloads.find((w) => w.workload === 'Teams');
      assert.deepEqual(
        [teams?.l1Status, teams?.state, teams?.engagementStartDate, teams?.datePrecision],
        ['InProgress', 'scheduled', '2027-01-11', 'day'],
      );
      assert.deepEqual(teams?.history, [{
        at: NOW.toISOString(), by: { aadObjectId: FM.aadObjectId, name: actors.fm.name, role: 'fm' },
        from: null, to: '2027-01-11', precision: 'day', reason: null, source: 'successReview',
      }]);
      assert.equal(customer.statusNotes.length, before.statusNotes.length + 1);
      assert.match(customer.statusNotes.at(-1)?.text ?? '', /Announced at the review on 20 Nov\.$/);
      assert.ok(!offered(answer.value).includes('Teams'), 'the redrawn card no longer offers it');
      assert.ok(texts(answer.value).includes('Scheduled · Start date: Mon, 11 Jan 2027 · Source: Customer Success Review'));
    });

    it('R7: a month only stores its 1st with precision month, from a serial deployment', async () => {
      const added = await add({ workload: 'Copilot', source: 'serialDeployment', newMonth: '2027-03' });
      assert.equal(bannerOf(added.value)?.text, 'Added Microsoft 365 Copilot, expected in March 2027.');
      const copilot = (await stored()).workloads.find((w) => w.workload === 'Copilot');
      assert.deepEqual([copilot?.engagementStartDate, copilot?.datePrecision, copilot?.history[0]?.source], ['2027-03-01', 'month', 'serialDeployment']);
    });

    it('R7/R8: another FM and a partner (R9) are refused, saying who can; nothing is stored', async () => {
      const fm2Card = await customerCommand(FM2, 'contoso ltd');
      assert.equal(actionData(fm2Card, 'addWorkload'), undefined, 'another FM gets no add form');
      assert.equal(actionData(fm2Card, 'open'), undefined, 'nor open actions');
      assert.match(texts(fm2Card), /Only the FM assigned to this customer/);
      const fmCard = await customerCommand(FM, 'contoso ltd');
      const before = await env.store.getCustomer(T1);
      const refused = await add({ workload: 'Teams', source: 'serialDeployment', newDate: '2027-01-11' }, { as: FM2, card: fmCard });
      assert.equal(bannerOf(refused.value)?.style, 'attention');
      assert.match(bannerOf(refused.value)?.text ?? '', /^Nothing was changed\. Only its FM \(Farah Manager\), the Gateway team or an admin can add a workload to Contoso Ltd/);
      assert.deepEqual(await env.store.getCustomer(T1), before);

      const partnerCard = await customerCommand(PARTNER, 'contoso');
      const partnerBefore = await env.store.getCustomer(T2);
      const etag = partnerBefore?.etag;
      const byPartner = await env.teams.invoke(PARTNER, 'addWorkload', {
        verb: 'addWorkload', tenantId: T2, etag, workload: 'Teams', source: 'serialDeployment', newDate: '2027-01-11',
      });
      assert.match(bannerOf(byPartner.value)?.text ?? '', /Partners do not add workloads/);
      assert.deepEqual(await env.store.getCustomer(T2), partnerBefore);
      assert.equal(actionData(partnerCard, 'addWorkload'), undefined);
      const notTheirs = await env.teams.invoke(PARTNER, 'addWorkload', { ...addData(fmCard), workload: 'Teams', newDate: '2027-01-11' });
      assert.deepEqual([notTheirs.statusCode, notTheirs.value.code], [404, 'NotFound'], 'another\'s customer does not exist for a partner');
      assert.deepEqual(await env.store.getCustomer(T1), before);
    });

    it('the Gateway and admins may add too (one rule with the REST route); the source defaults to serial deployment', async () => {
      const card = await customerCommand(GATEWAY, 'fabrikam');
      assert.equal(inputById(card, 'source').value, 'serialDeployment', 'preselected');
      const answer = await env.teams.invoke(GATEWAY, 'addWorkload', { ...addData(card), workload: 'Viva', newDate: '2027-02-01' });
      assert.match(bannerOf(answer.value)?.text ?? '', /^Added Microsoft Viva/);
      assert.equal((await stored(T3)).workloads.find((w) => w.workload === 'Viva')?.history[0]?.source, 'serialDeployment');
      const adminCard = await customerCommand(ADMIN, 'fabrikam');
      assert.ok(actionData(adminCard, 'open'), 'an admin may open the workloads');
      assert.ok(actionData(adminCard, 'addWorkload'));
    });

    it('a workload the customer has already is refused, naming it; nothing is stored', async () => {
      const before = await env.store.getCustomer(T1);
      const answer = await add({ workload: 'Intune', source: 'serialDeployment', newDate: '2027-01-11' });
      assert.match(bannerOf(answer.value)?.text ?? '', /^Nothing was changed\. Contoso Ltd already has Intune/);
      assert.deepEqual(await env.store.getCustomer(T1), before);
    });

    it('a stale card (the customer changed since it was drawn) changes nothing and says what changed', async () => {
      const card = await customerCommand(FM, 'contoso ltd');
      await add({ workload: 'Teams', source: 'serialDeployment', newDate: '2027-01-11', note: 'First device.' }, { card });
      const before = await env.store.getCustomer(T1);
      const answer = await add({ workload: 'Viva', source: 'serialDeployment', newDate: '2027-01-12' }, { card });
      assert.equal(bannerOf(answer.value)?.style, 'warning');
      assert.match(bannerOf(answer.value)?.text ?? '', /out of date, so nothing was changed.*Farah Manager \(FM\) recorded "Note".*First device\./);
      assert.deepEqual(await env.store.getCustomer(T1), before);
    });

    it('the same invoke twice (Teams re-sends) or a double click adds once', async () => {
      const card = await customerCommand(FM, 'contoso ltd');
      const inputs = { workload: 'Teams', source: 'serialDeployment', newDate: '2027-01-11' };
      await add(inputs, { card, id: 'invoke-7' });
      const again = await add(inputs, { card, id: 'invoke-7' });
      const click = await add(inputs, { card, id: 'invoke-8' });
      assert.equal(bannerOf(again.value)?.text, 'Already recorded: nothing was changed twice.');
      assert.equal(bannerOf(click.value)?.text, 'Already recorded: nothing was changed twice.');
      const customer = await stored();
      assert.equal(customer.workloads.filter((w) => w.workload === 'Teams').length, 1);
      assert.equal(customer.statusNotes.filter((n) => n.workload === 'Teams').length, 1);
    });

    it('bad input comes back under its field with what was typed kept; nothing is stored', async () => {
      const before = await env.store.getCustomer(T1);
      const note = 'Customer asked for "phase 2" in spring.';
      const answer = await add({ workload: 'Teams', source: 'successReview', newDate: '2027-02-30', note });
      assert.equal(bannerOf(answer.value)?.style, 'attention');
      assert.match(bannerOf(answer.value)?.text ?? '', /Nothing was saved/);
      assert.match(errorUnder(answer.value, 'newDate') ?? '', /real date/);
      assert.equal(errorUnder(answer.value, 'workload'), undefined);
      assert.deepEqual(['workload', 'source', 'newDate', 'note'].map((id) => inputById(answer.value, id).value),
        ['Teams', 'successReview', '2027-02-30', note]);
      const past = await add({ workload: 'Teams', newDate: '2026-11-23' });
      assert.match(errorUnder(past.value, 'newDate') ?? '', /in the past/);
      const none = await add({ workload: 'Teams' });
      assert.match(errorUnder(none.value, 'newDate') ?? '', /needs an Engagement Start Date|needs engagementStartDate/);
      const noWorkload = await add({ newMonth: '2027-03', note: 'x'.repeat(2001) });
      assert.equal(errorUnder(noWorkload.value, 'workload'), 'Pick the workload to add from the list.');
      assert.match(errorUnder(noWorkload.value, 'note') ?? '', /at most 2000 characters/);
      assert.equal(inputById(noWorkload.value, 'newMonth').value, '2027-03');
      // R8: a source the form does not offer was not picked from its list (the REST API names the allowed values).
      const badSource = await add({ workload: 'Teams', source: 'other', newDate: '2026-12-08' });
      assert.equal(errorUnder(badSource.value, 'source'), 'Pick why the workload is added from the list.');
      assert.deepEqual(await env.store.getCustomer(T1), before);
    });

    it('a customer with every catalogue workload gets no add form, and a line saying so', async () => {
      await env.store.createCustomer(customerFixture({
        n: 4, name: 'Northwind', workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')),
      }));
      const card = await customerCommand(FM, 'northwind');
      assert.equal(actionData(card, 'addWorkload'), undefined);
      assert.match(texts(card), /Every workload of the catalogue is already listed for this customer/);
      assert.equal(executeActions(card).filter((a) => a.verb === 'open').length, WORKLOADS.length);
    });
  });

  describe('open a workload and come back', () => {
    it('`open` answers the workload\'s ESD card in place, and its way back answers the customer card again', async () => {
      const card = await customerCommand(FM, 'contoso ltd');
      const opened = await env.teams.invoke(FM, 'open', actionData(card, 'open', 'Intune')!);
      assert.equal(opened.statusCode, 200);
      assert.match(texts(opened.value), /Microsoft Intune/);
      assert.match(texts(opened.value), /expected in February 2027/);
      const back = executeActions(opened.value).find((a) => a.verb === 'back');
      assert.ok(back, 'the ESD card has a way back');
      const answer = await env.teams.invoke(FM, 'back', back.data as Record<string, unknown>);
      assert.equal(answer.statusCode, 200);
      assert.equal(textRuns(answer.value)[0], 'Contoso Ltd');
      assert.ok(actionData(answer.value, 'addWorkload'), 'the customer card again, with its actions');
    });
  });
});

describe('Teams protocol: the customer card in the reader\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv([personFixture(actors.fm, { timeZone: 'Europe/London', locale: 'zh-CN' })]);
    await env.store.createCustomer(customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-12-01')] }));
    await env.store.createCustomer(customerFixture({ n: 2, name: 'Contoso Pharma', workloads: [inMonth('Teams', '2027-02')] }));
  });
  afterEach(async () => env.stop());

  it('R7/R8: an FM whose directory locale is zh-CN gets the pick list, the customer card and the added workload in Chinese; no match is said in Chinese', async () => {
    const list = cardOf(await env.teams.ask(FM, 'customer contoso'));
    assert.match(texts(list), /有 2 个客户与“contoso”匹配：请选择一个。/);
    const show = actionData(list, 'customer');
    assert.ok(show);
    const card = (await env.teams.invoke(FM, 'customer', show)).value;
    assert.match(texts(card), /客户 \| .*FM：Farah Manager · 租户/);
    assert.match(texts(card), /已排期 · 开始日期：2026年12月1日 星期二 · 来源：Gateway/);
    assert.doesNotMatch(JSON.stringify(card), /Add a workload|Why it is added|Scheduled/);
    const added = await env.teams.invoke(FM, 'addWorkload', {
      ...addData(card), workload: 'Intune', source: 'successReview', newMonth: '2027-03',
    });
    assert.equal(bannerOf(added.value)?.text, '已添加 Microsoft Intune，预计在 2027年3月。');
    const none = await env.teams.ask(FM, 'customer nobody');
    assert.match(String(none.body.text), /^没有匹配的客户。/);
  });
});
