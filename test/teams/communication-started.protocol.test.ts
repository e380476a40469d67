/**
 * The day communication really started (R3, R5), through the real server and a recording Bot Connector: the card's
 * `confirmStart` with `startedOn`, the ESD moved to that day in the same write, the days it refuses; a reschedule to
 * a past day pointing to "Communication started" (the Gateway's REST change keeps its own rule, R4); and the
 * reminder of a month estimate (R7).
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import { STARTED_REASON } from '../../src/domain/engagement';
import type { Customer, Person } from '../../src/domain/types';
import { teamsUser } from '../common/activities';
import { bearer } from '../common/app';
import { actors, ctx, customerFixture, inMonth, NOW, onDay, personFixture, tenantId, TODAY } from '../common/fixtures';
import { bannerOf, errorUnder, factsOf, inputById } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const PEOPLE: Person[] = [personFixture(actors.fm, { timeZone: 'Europe/London' })];
const TENANT = tenantId(1);
const KEY = { tenantId: TENANT, workload: 'ExchangeOnline', revision: 1 };

/** Contoso's Exchange Online, entered by the Gateway `daysAgo` days ago for `esd`. */
function contoso(esd: string, daysAgo = 0): Customer {
  return customerFixture({
    n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', esd)], context: ctx(actors.gateway, 0, addDays(TODAY, -daysAgo)),
  });
}

describe('Teams protocol: "Communication started" on the day it happened (R3, R5)', () => {
  let env: ProtocolEnv;

  async function start(customer: Customer, now: Date = NOW): Promise<void> {
    env = await startProtocolEnv(PEOPLE, now);
    await env.store.createCustomer(customer);
  }

  afterEach(async () => {
    await env.stop();
  });

  async function exchangeOnline(): Promise<Customer['workloads'][number]> {
    const workload = (await env.store.getCustomer(TENANT))?.value.workloads[0];
    assert.ok(workload);
    return workload;
  }

  it('R3/R5: startedOn today on the ESD: started today, the ESD stays, no date change in the history', async () => {
    await start(contoso(TODAY));
    const answer = await env.teams.invoke(FM, 'confirmStart', { ...KEY, startedOn: TODAY });
    assert.equal(bannerOf(answer.value)?.text, 'Recorded: communication with the customer started on Tue, 24 Nov 2026.');
    const w = await exchangeOnline();
    assert.deepEqual([w.state, w.startedOn, w.engagementStartDate, w.history.length], ['started', TODAY, TODAY, 1]);
  });

  it('R5/R10: startedOn two days ago: the ESD becomes that day in the same write, with its history entry and the started note', async () => {
    await start(contoso('2026-11-23', 7));
    const answer = await env.teams.invoke(FM, 'confirmStart', { ...KEY, startedOn: '2026-11-22' });
    assert.equal(bannerOf(answer.value)?.text, 'Recorded: communication with the customer started on Sun, 22 Nov 2026. '
      + 'The Engagement Start Date (it was Mon, 23 Nov 2026) is now that day.');
    assert.deepEqual([factsOf(answer.value)['Start date'], factsOf(answer.value)['Started on']], ['Sun, 22 Nov 2026', 'Sun, 22 Nov 2026']);
    const customer = (await env.store.getCustomer(TENANT))?.value;
    assert.equal((await env.store.getCustomer(TENANT))?.etag, '2', 'one write');
    const w = customer?.workloads[0];
    assert.deepEqual([w?.state, w?.startedOn, w?.engagementStartDate, w?.datePrecision], ['started', '2026-11-22', '2026-11-22', 'day']);
    assert.deepEqual(w?.history.at(-1), {
      at: NOW.toISOString(), by: actors.fm, from: '2026-11-23', to: '2026-11-22', precision: 'day', reason: STARTED_REASON, source: 'card',
    });
    assert.deepEqual(customer?.statusNotes.at(-1)?.kind, 'started');
    assert.equal(customer?.statusNotes.at(-1)?.text,
      'Communication with the customer started on 2026-11-22. The Engagement Start Date moved from 2026-11-23 to that day.');
    const load = await env.store.listEngagements({ from: '2026-11-22', to: '2026-11-22' });
    assert.deepEqual(load.items.map((r) => [r.workload, r.state]), [['ExchangeOnline', 'started']], 'the listings see the moved ESD (P2)');
  });

  for (const { name, startedOn, error } of [
    { name: 'more than 30 days back', startedOn: '2026-10-24', error: '2026-10-24 is more than 30 days ago: pick a day from 2026-10-25 to today (2026-11-24).' },
    { name: 'in the future', startedOn: '2026-11-25', error: '2026-11-25 is in the future: pick the day it started, today (2026-11-24) or earlier.' },
    { name: 'not a real date', startedOn: '2026-11-31', error: 'The day must be a real date as YYYY-MM-DD.' },
  ]) {
    it(`R5: a start day ${name} comes back under the day with what was picked; nothing stored`, async () => {
      await start(contoso(TODAY));
      const before = await env.store.getCustomer(TENANT);
      const answer = await env.teams.invoke(FM, 'confirmStart', { ...KEY, startedOn });
      assert.equal(bannerOf(answer.value)?.text, 'Nothing was saved: please correct the fields below.');
      assert.equal(errorUnder(answer.value, 'startedOn'), error);
      assert.equal(inputById(answer.value, 'startedOn').value, startedOn);
      assert.deepEqual(await env.store.getCustomer(TENANT), before);
    });
  }

  it('R5: a start day before 2019-10-01 is refused even within 30 days; nothing stored', async () => {
    const now = new Date('2019-10-10T09:00:00Z');
    await start(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2019-10-10')], context: ctx(actors.gateway, 0, '2019-10-10'),
    }), now);
    const before = await env.store.getCustomer(TENANT);
    const answer = await env.teams.invoke(FM, 'confirmStart', { ...KEY, startedOn: '2019-09-30' });
    assert.match(errorUnder(answer.value, 'startedOn') ?? '', /^2019-09-30 is before 2019-10-01/);
    assert.equal(inputById(answer.value, 'startedOn').min, '2019-10-01', 'the picker starts there too');
    assert.deepEqual(await env.store.getCustomer(TENANT), before);
  });

  it('R4/R5: a reschedule to a past day is refused on the card, saying to use "Communication started" with that day; nothing stored', async () => {
    await start(contoso(TODAY));
    const before = await env.store.getCustomer(TENANT);
    const answer = await env.teams.invoke(FM, 'reschedule', { ...KEY, newDate: '2026-11-20', reason: 'We talked on Friday.' });
    assert.equal(errorUnder(answer.value, 'newDate'), 'The date 2026-11-20 is in the past (today is 2026-11-24). If communication '
      + 'with the customer already started that day, use "Communication started" and pick the day it happened.');
    assert.deepEqual(await env.store.getCustomer(TENANT), before);
  });

  it('R4: the Gateway\'s REST change keeps its own rule: a past date is a 400 that says nothing of the card', async () => {
    await start(contoso(TODAY));
    const res = await fetch(`${env.app.url}/api/customers/${TENANT}/workloads/ExchangeOnline`, {
      method: 'PATCH', headers: { authorization: bearer('gateway'), 'content-type': 'application/json' },
      body: JSON.stringify({ engagementStartDate: '2026-11-20', reason: 'Customer asked.' }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    assert.deepEqual(body.error.details, [
      { path: 'engagementStartDate', message: 'The date 2026-11-20 is in the past (today is 2026-11-24).' },
    ]);
  });
});

describe('Teams protocol: the reminder of a month estimate (R7)', () => {
  let env: ProtocolEnv;

  afterEach(async () => {
    await env.stop();
  });

  async function reminderBanner(customer: Customer, at: Date): Promise<string> {
    env = await startProtocolEnv(PEOPLE);
    await env.store.createCustomer(customer);
    await env.teams.install(FM);
    assert.equal((await env.app.runReminders(at)).sent, 1);
    const [sent] = await env.connector.waitFor(1);
    return bannerOf(cardOf(sent))?.text ?? '';
  }

  it('R7: in its month, the reminder asks whether it started and never calls it "Today is the Engagement Start Date"', async () => {
    const banner = await reminderBanner(customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [inMonth('Intune', '2026-12')] }),
      new Date('2026-12-01T09:00:00Z'));
    assert.equal(banner, 'Expected this month: has communication with the customer started?');
  });

  it('R7: after its month, the reminder names the month it was expected in', async () => {
    const banner = await reminderBanner(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [inMonth('Intune', '2026-10')], context: ctx(actors.gateway, 0, '2026-10-05'),
    }), NOW);
    assert.equal(banner, 'It was expected in October 2026: has communication with the customer started?');
  });
});
