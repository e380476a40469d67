/**
 * The reminder summary card through the real server and a recording Bot Connector: the `open` of any of its rows is
 * answered by the bot as a row of `upcoming` is, with that workload's own ESD card in place of the summary (by
 * Action.Execute and by the Action.Submit fallback), and acting on it is recorded.
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import type { Customer, Person } from '../../src/domain/types';
import { reminderSummaryCard, type ReminderSummaryRow } from '../../src/teams/cards/reminder-summary-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInstall, teamsSubmit, teamsUser } from '../common/activities';
import { actors, ctx, customerFixture, onDay, personFixture, tenantId, TODAY } from '../common/fixtures';
import { actionLines, executeActions, nodesOfType, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const PEOPLE: Person[] = [personFixture(actors.fm, { timeZone: 'Europe/London' })];

/** Six customers whose ESD is today, entered a week ago: six reminders due for the FM this morning. */
function sixDue(): Customer[] {
  return Array.from({ length: 6 }, (_, i) => customerFixture({
    n: i + 1, name: `Customer ${i + 1}`, workloads: [onDay('Teams', TODAY), onDay('Intune', '2026-12-15')],
    context: ctx(actors.gateway, 0, addDays(TODAY, -7)),
  }));
}

function summaryRows(customers: Customer[]): ReminderSummaryRow[] {
  return customers.map((c) => ({
    tenantId: c.tenantId, customerName: c.name, workload: 'Teams', engagementStartDate: TODAY, datePrecision: 'day',
    kind: 'start',
  }));
}

/** The `open` data of the summary row that names `customer`. */
function openOf(card: AdaptiveCard, customer: string): Record<string, unknown> {
  const row = nodesOfType(card, 'ColumnSet').find((set) => textRuns(set as AdaptiveCard)[0] === customer);
  const data = executeActions((row ?? {}) as AdaptiveCard)[0]?.data;
  assert.ok(data, `no open action on the row of ${customer}`);
  return data as Record<string, unknown>;
}

describe('Teams protocol: the reminder summary card\'s rows open their own ESD cards', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv(PEOPLE);
    for (const customer of sixDue()) await env.store.createCustomer(customer);
  });

  afterEach(async () => {
    await env.stop();
  });

  it('R3: Open on a row answers that workload\'s ESD card in place (Action.Execute), with its actions and a way back to the list; acting on it is recorded', async () => {
    const { card } = reminderSummaryCard(summaryRows(sixDue()), TODAY);
    const opened = await env.teams.invoke(FM, 'open', openOf(card, 'Customer 4'), { replyToId: 'summary-message' });
    assert.equal(opened.statusCode, 200);
    assert.equal(textRuns(opened.value)[0], 'Customer 4');
    assert.deepEqual(actionLines(opened.value), [
      'Communication started ▸ confirmStart', 'Reschedule ▸ reschedule', 'No answer yet ▸ noResponse, customerInactive',
      'Back to my list → back',
    ]);
    const confirm = executeActions(opened.value).find((a) => a.verb === 'confirmStart');
    const started = await env.teams.invoke(FM, 'confirmStart', { ...(confirm?.data as object), startedOn: TODAY },
      { replyToId: 'summary-message' });
    assert.match(textRuns(started.value)[0] ?? '', /^Recorded: communication with the customer started/);
    await env.app.idle();
    const stored = (await env.store.getCustomer(tenantId(4)))?.value.workloads.find((w) => w.workload === 'Teams');
    assert.equal(stored?.state, 'started');
    const others = (await env.store.getCustomer(tenantId(3)))?.value.workloads.find((w) => w.workload === 'Teams');
    assert.equal(others?.state, 'scheduled', 'only the opened workload changed');
  });

  it('the Action.Submit fallback of Open replaces the summary card with that ESD card', async () => {
    const { card } = reminderSummaryCard(summaryRows(sixDue()), TODAY);
    const open = executeActions(card)[0];
    assert.deepEqual((open?.fallback as { data?: unknown } | undefined)?.data, open?.data, 'the fallback carries the same data');
    const before = env.connector.requests.length;
    await postJson(`${env.app.url}/api/messages`, teamsSubmit(env.connector.serviceUrl, FM, openOf(card, 'Customer 2'), 'summary-message'));
    const [answer] = (await env.connector.waitFor(before + 1)).slice(before);
    assert.equal(answer?.method, 'PUT');
    assert.match(String(answer?.path), /\/activities\/summary-message$/);
    assert.equal(textRuns(cardOf(answer))[0], 'Customer 2');
  });
});

describe('Teams protocol: the reminder summary card in the FM\'s language (issue 11)', () => {
  let env: ProtocolEnv;

  beforeEach(async () => {
    env = await startProtocolEnv([personFixture(actors.fm, { timeZone: 'Europe/London', locale: 'zh-CN' })]);
    for (const customer of sixDue()) await env.store.createCustomer(customer);
    // Installed from a client that names no language: the directory's zh-CN stays.
    await postJson(`${env.app.url}/api/messages`, teamsInstall(env.connector.serviceUrl, FM, 'add'));
    await env.connector.waitFor(1);
    env.connector.requests.length = 0;
  });
  afterEach(async () => env.stop());

  it('R3: six reminders due for an FM whose directory locale is zh-CN arrive as one summary card in Chinese', async () => {
    assert.equal((await env.app.runReminders(new Date(`${TODAY}T09:00:00Z`))).sent, 6);
    const [sent] = await env.connector.waitFor(1);
    const card = cardOf(sent);
    const text = JSON.stringify(card);
    assert.match(text, /你在 2026年11月24日 星期二 的提醒/);
    assert.match(text, /有 6 个接洽应开始：与客户的沟通是否已经开始？/);
    assert.ok(textRuns(card).includes('今天'));
    assert.equal(executeActions(card)[0]?.title, '打开');
    assert.equal(String(sent?.body.summary), '6 条提醒：Customer 1、Customer 2、Customer 3等另外 3 个客户');
    assert.doesNotMatch(text, /Your reminders|due to start|Open one/);
  });
});
