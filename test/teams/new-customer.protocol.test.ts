/**
 * The Gateway's `new customer` form through the real stack (restify + CloudAdapter + bot on 127.0.0.1:0, real SQLite,
 * recording connector): who gets the form, what a submit stores (through CustomerService, as POST /api/customers),
 * errors back on the same form next to their inputs, and repeats that create nothing twice.
 */
import assert from 'node:assert/strict';
import { WORKLOADS, type Customer } from '../../src/domain/types';
import {
  CREATE_CUSTOMER_VERB, FORM_INPUT_IDS, MAX_FORM_BYTES, newCustomerFormCard, rowInputId,
} from '../../src/teams/cards/new-customer-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { teamsUser } from '../common/activities';
import { actors, customerFixture, NOW, onDay, personFixture, tenantId } from '../common/fixtures';
import {
  assertValidCard, cardBytes, columnRows, elementAfterInput, executeActions, inputById, placedStrings, textBlocks,
  textRuns,
} from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const GATEWAY2 = teamsUser('aad-gateway-2', 'Gus Gateway');
const ADMIN = teamsUser(actors.admin.aadObjectId, actors.admin.name);
const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');
const TENANT = tenantId(42);

/** What Teams sends for the form: every input, untouched ones empty (choice sets on "none"), plus the action's data. */
function submitted(typed: Record<string, string> = {}): Record<string, string> {
  const untouched = Object.fromEntries(FORM_INPUT_IDS.map((id) => [id, id.endsWith('.l1Status') || id === 'assignee' ? 'none' : '']));
  return {
    ...untouched, verb: CREATE_CUSTOMER_VERB,
    tenantId: TENANT, name: 'Contoso Ltd', assignee: actors.fm.aadObjectId,
    [rowInputId('ExchangeOnline', 'l1Status')]: 'InProgress', [rowInputId('ExchangeOnline', 'date')]: '2026-12-01',
    [rowInputId('Intune', 'l1Status')]: 'InProgress', [rowInputId('Intune', 'month')]: '2027-02',
    [rowInputId('Purview', 'l1Status')]: 'Blocked',
    ...typed,
  };
}

/** The error shown right under an input (a TextRun in Attention), if any. */
function errorUnder(card: AdaptiveCard, id: string): string | undefined {
  const next = elementAfterInput(card, id);
  const run = next?.type === 'RichTextBlock' ? (next.inlines as { text: string; color?: string }[])[0] : undefined;
  return run?.color === 'Attention' ? run.text : undefined;
}

/** Every input that shows an error, with it. */
function errorsOf(card: AdaptiveCard): Record<string, string> {
  return Object.fromEntries(FORM_INPUT_IDS.flatMap((id) => {
    const error = errorUnder(card, id);
    return error === undefined ? [] : [[id, error]];
  }));
}

function isForm(card: AdaptiveCard): boolean {
  return executeActions(card).some((a) => a.verb === CREATE_CUSTOMER_VERB);
}

/** What the Gateway entered, as stored (the parts the form sets). */
function entered(customer: Customer | undefined): unknown {
  return customer && {
    tenantId: customer.tenantId, name: customer.name, assignee: customer.assignee,
    workloads: customer.workloads.map((w) => [w.workload, w.l1Status, w.engagementStartDate, w.datePrecision, w.state]),
  };
}

describe('Teams protocol: the Gateway\'s `new customer` form (real server, recording connector)', () => {
  let env: ProtocolEnv;

  async function stored(tenant = TENANT): Promise<Customer | undefined> {
    return (await env.store.getCustomer(tenant))?.value;
  }

  async function formFor(who = GATEWAY, text = 'new customer'): Promise<AdaptiveCard> {
    const before = env.connector.requests.length;
    await env.teams.say(who, text);
    return cardOf((await env.connector.waitFor(before + 1))[before]);
  }

  async function submit(
    typed: Record<string, string>, options: { id?: string; from?: typeof GATEWAY } = {},
  ): Promise<AdaptiveCard> {
    const answer = await env.teams.invoke(
      options.from ?? GATEWAY, CREATE_CUSTOMER_VERB, submitted(typed), options.id ? { id: options.id } : {},
    );
    assert.equal(answer.statusCode, 200);
    assertValidCard(answer.value);
    return answer.value;
  }

  beforeEach(async () => {
    env = await startProtocolEnv([
      personFixture(actors.gateway), personFixture({ aadObjectId: GATEWAY2.aadObjectId, name: GATEWAY2.name, role: 'gateway' }),
      personFixture(actors.admin), personFixture(actors.fm), personFixture(actors.fm2),
      personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'partner-contoso-services' }),
    ]);
  });

  afterEach(() => env.stop());

  describe('who gets the form', () => {
    it('an FM, a partner and someone the directory does not know get a short refusal, never the form', async () => {
      for (const [who, why] of [[FM, /Only Gateway staff and admins/], [PARTNER, /Only Gateway staff and admins/], [STRANGER, /not in the FastTrack directory/]] as const) {
        const before = env.connector.requests.length;
        await env.teams.say(who, 'new customer');
        const reply = (await env.connector.waitFor(before + 1))[before];
        assert.match(String(reply?.body.text), why);
        assert.equal(reply?.body.attachments, undefined, 'no card');
      }
    });

    it('Gateway staff (and admins) get the form, whatever the case of the command', async () => {
      for (const [who, text] of [[GATEWAY, 'New Customer'], [ADMIN, 'new  customer']] as const) {
        const card = await formFor(who, text);
        assertValidCard(card);
        assert.ok(isForm(card));
      }
    });

    it('the form: tenant id, name, one row per catalogue workload, the FMs by name, partner fields; valid 1.5 under 28 KB', async () => {
      const card = await formFor();
      assert.equal(card.version, '1.5');
      assert.ok(cardBytes(card) < MAX_FORM_BYTES, `${cardBytes(card)} bytes`);
      for (const id of FORM_INPUT_IDS) assert.match(String(inputById(card, id).type), /^Input\./, id);
      assert.equal(inputById(card, 'tenantId').type, 'Input.Text');
      for (const workload of WORKLOADS) {
        const status = inputById(card, rowInputId(workload, 'l1Status'));
        assert.deepEqual((status.choices as { value: string }[]).map((c) => c.value), ['none', 'InProgress', 'Unknown', 'Blocked', 'NoIntent']);
        assert.equal(status.value, 'none', 'a workload is not part of the customer until a status is chosen');
        assert.deepEqual([inputById(card, rowInputId(workload, 'date')).type, inputById(card, rowInputId(workload, 'date')).min], ['Input.Date', '2026-11-24']);
        const startedOn = inputById(card, rowInputId(workload, 'startedOn'));
        assert.deepEqual([startedOn.type, startedOn.max, startedOn.placeholder], ['Input.Date', '2026-11-24', 'or started on'], 'R2: the day a workload already under way started');
      }
      const assignee = inputById(card, 'assignee');
      assert.equal(assignee.value, 'none');
      assert.deepEqual((assignee.choices as { title: string; value: string }[]).map((c) => c.title), [
        'Not assigned yet', actors.fm.name, actors.fm2.name, 'Partner (FRP): give its id and name below',
      ]);
      const [save] = executeActions(card);
      assert.deepEqual([save?.verb, save?.data, (save?.fallback as { type: string }).type], [CREATE_CUSTOMER_VERB, { verb: CREATE_CUSTOMER_VERB }, 'Action.Submit']);
    });

    it('a directory with more FMs than a card can hold: the form stays under 28 KB and says some are not listed', () => {
      const fms = Array.from({ length: 400 }, (_, i) => ({ aadObjectId: `3f2504e0-4f89-11d3-9a0c-0305e82c${String(i).padStart(4, '0')}`, name: `Manager ${i} of a long regional name` }));
      const card = newCustomerFormCard({ today: '2026-11-24', fms });
      assertValidCard(card);
      assert.ok(cardBytes(card) < MAX_FORM_BYTES);
      const listed = (inputById(card, 'assignee').choices as unknown[]).length - 2;
      assert.ok(listed > 30, `${listed} FMs listed`);
      assert.ok(textBlocks(card).some((b) => String(b.text).startsWith(`${400 - listed} more FMs do not fit on a Teams card`)));
    });
  });

  describe('a valid submit', () => {
    it('stores exactly that customer through the service (R4; R7 month as its 1st; R1 no date on Blocked) and answers its summary', async () => {
      const summary = await submit({});
      assert.equal(isForm(summary), false, 'the form is replaced');
      assert.deepEqual(entered(await stored()), {
        tenantId: TENANT, name: 'Contoso Ltd', assignee: { type: 'fm', aadObjectId: actors.fm.aadObjectId, name: actors.fm.name },
        workloads: [
          ['ExchangeOnline', 'InProgress', '2026-12-01', 'day', 'scheduled'],
          ['Intune', 'InProgress', '2027-02-01', 'month', 'scheduled'],
          ['Purview', 'Blocked', null, null, 'notApplicable'],
        ],
      });
      const history = (await stored())?.workloads[0]?.history[0];
      assert.deepEqual([history?.by, history?.source, history?.at], [actors.gateway, 'gateway', NOW.toISOString()]);
      assert.equal(textRuns(summary)[1], 'Contoso Ltd');
      assert.deepEqual(columnRows(summary), [
        ['Tenant id', TENANT], ['Assigned to', `${actors.fm.name} (FM)`], ['Workload', 'L1 status', 'Start date'],
        ['Exchange Online', 'In progress', 'Tue, 1 Dec 2026'], ['Microsoft Intune', 'In progress', 'expected in February 2027'],
        ['Microsoft Purview', 'Blocked', '—'],
      ]);
    });

    it('R2: a workload already under way is entered with its start day: stored started with no date; the summary says so', async () => {
      const summary = await submit({
        [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'startedOn')]: '2026-11-02',
        [rowInputId('Viva', 'l1Status')]: 'InProgress', [rowInputId('Viva', 'startedOn')]: '2026-11-24',
      });
      assert.equal(isForm(summary), false);
      const customer = await stored();
      assert.deepEqual(customer?.workloads.map((w) => [w.workload, w.state, w.engagementStartDate, w.startedOn]), [
        ['ExchangeOnline', 'scheduled', '2026-12-01', null], ['Teams', 'started', null, '2026-11-02'],
        ['Intune', 'scheduled', '2027-02-01', null], ['Purview', 'notApplicable', null, null],
        ['Viva', 'started', null, '2026-11-24'],
      ]);
      const teams = customer?.workloads.find((w) => w.workload === 'Teams');
      assert.deepEqual(teams?.history.map((h) => [h.by, h.source, h.from, h.to, h.reason]),
        [[actors.gateway, 'gateway', null, null, 'Entered as already under way (started on 2026-11-02).']]);
      assert.deepEqual(columnRows(summary).filter((row) => ['Microsoft Teams', 'Microsoft Viva'].includes(row[0] ?? '')), [
        ['Microsoft Teams', 'In progress', 'Under way, started on Mon, 2 Nov 2026'],
        ['Microsoft Viva', 'In progress', 'Under way, started on Tue, 24 Nov 2026'],
      ]);
      assert.deepEqual(await submit({
        [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'startedOn')]: '2026-11-02',
        [rowInputId('Viva', 'l1Status')]: 'InProgress', [rowInputId('Viva', 'startedOn')]: '2026-11-24',
      }), summary, 'the same submission again is a repeat: the summary, not "exists already"');
    });

    it('a partner (FRP) assignee and an unassigned customer are stored as such (R9)', async () => {
      await submit({ assignee: 'partner', partnerId: 'frp-42', partnerName: 'Contoso Services' });
      assert.deepEqual((await stored())?.assignee, { type: 'partner', partnerId: 'frp-42', name: 'Contoso Services' });
      await submit({ tenantId: tenantId(43), assignee: 'none', partnerId: 'typed but not chosen' });
      assert.equal((await stored(tenantId(43)))?.assignee, null);
    });

    it('the Action.Submit fallback stores the customer and replaces the form message with the summary', async () => {
      await env.teams.submit(GATEWAY, submitted(), 'form-message-1');
      const [update] = await env.connector.waitFor(1);
      assert.deepEqual([update?.method, update?.path.endsWith('/activities/form-message-1')], ['PUT', true]);
      assert.equal(isForm(cardOf(update)), false);
      assert.equal((await stored())?.name, 'Contoso Ltd');
    });
  });

  describe('bad input comes back on the same form, next to its input, with everything typed kept; nothing stored', () => {
    const cases: { name: string; typed: Record<string, string>; input: string; error: RegExp }[] = [
      { name: 'a tenant id that is not a GUID', typed: { tenantId: 'contoso.onmicrosoft.com' }, input: 'tenantId', error: /tenant GUID/ },
      { name: 'a missing name', typed: { name: '  ' }, input: 'name', error: /name is required/ },
      { name: 'a past date (R2)', typed: { [rowInputId('ExchangeOnline', 'date')]: '2026-11-23' }, input: rowInputId('ExchangeOnline', 'date'), error: /in the past/ },
      { name: 'a date that does not exist', typed: { [rowInputId('ExchangeOnline', 'date')]: '2026-02-30' }, input: rowInputId('ExchangeOnline', 'date'), error: /real date/ },
      { name: 'both a date and a month', typed: { [rowInputId('Intune', 'date')]: '2026-12-02' }, input: rowInputId('Intune', 'date'), error: /not both/ },
      { name: 'a past month (R7)', typed: { [rowInputId('Intune', 'month')]: '2026-10' }, input: rowInputId('Intune', 'month'), error: /in the past/ },
      { name: 'a date on a Blocked workload (R1)', typed: { [rowInputId('Purview', 'date')]: '2026-12-03' }, input: rowInputId('Purview', 'date'), error: /only to InProgress workloads, not Blocked: remove the date/ },
      { name: 'a month on a NoIntent workload (R1)', typed: { [rowInputId('Viva', 'l1Status')]: 'NoIntent', [rowInputId('Viva', 'month')]: '2027-01' }, input: rowInputId('Viva', 'month'), error: /only to InProgress/ },
      { name: 'In progress without a date', typed: { [rowInputId('Teams', 'l1Status')]: 'InProgress' }, input: rowInputId('Teams', 'date'), error: /needs an Engagement Start Date .* or, when it is already under way, the day it started/ },
      { name: 'R2: a start day in the future', typed: { [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'startedOn')]: '2026-11-25' }, input: rowInputId('Teams', 'startedOn'), error: /^The start day 2026-11-25 is in the future \(today is 2026-11-24\): for a start still to come, give the Engagement Start Date/ },
      { name: 'R2: a start day before 2019-10-01', typed: { [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'startedOn')]: '2019-09-30' }, input: rowInputId('Teams', 'startedOn'), error: /check the year/ },
      { name: 'R2: a start day and a start date', typed: { [rowInputId('ExchangeOnline', 'startedOn')]: '2026-09-14' }, input: rowInputId('ExchangeOnline', 'startedOn'), error: /^Give either the day it started .* not both\.$/ },
      { name: 'R2: a start day on a Blocked workload', typed: { [rowInputId('Purview', 'startedOn')]: '2026-09-14' }, input: rowInputId('Purview', 'startedOn'), error: /^Only an InProgress workload can be already under way/ },
      { name: 'R2: a past date says what to do for work already under way', typed: { [rowInputId('ExchangeOnline', 'date')]: '2026-11-20' }, input: rowInputId('ExchangeOnline', 'date'), error: /If the engagement is already under way, give the day it started/ },
      { name: 'an assignee who is not an FM', typed: { assignee: actors.gateway.aadObjectId }, input: 'assignee', error: /is not an FM in the directory/ },
      { name: 'a partner without its id', typed: { assignee: 'partner', partnerName: 'Contoso Services' }, input: 'partnerId', error: /partnerId is required/ },
    ];
    for (const { name, typed, input, error } of cases) {
      it(name, async () => {
        const card = await submit(typed);
        assert.ok(isForm(card), 'the form again');
        const errors = errorsOf(card);
        assert.deepEqual(Object.keys(errors), [input], JSON.stringify(errors));
        assert.match(errors[input] ?? '', error);
        assert.match(textRuns(card)[0] ?? '', /Nothing was saved/);
        for (const [id, value] of Object.entries(submitted(typed)).filter(([id]) => id !== 'verb')) {
          assert.equal(inputById(card, id).value, value, `${id} keeps what was typed`);
        }
        assert.equal(await stored(), undefined);
      });
    }

    it('no workload at all: said above the rows', async () => {
      const none = Object.fromEntries(WORKLOADS.map((w) => [rowInputId(w, 'l1Status'), 'none']));
      const card = await submit({ ...none, [rowInputId('ExchangeOnline', 'date')]: '', [rowInputId('Intune', 'month')]: '' });
      assert.ok(textRuns(card).some((t) => /at least one workload/.test(t)));
      assert.equal(await stored(), undefined);
    });

    it('a tenant that exists already: 409 from the service, shown under the tenant id; the stored customer untouched', async () => {
      await env.store.createCustomer(customerFixture({ tenantId: TENANT, name: 'Fabrikam', workloads: [onDay('Teams', '2026-12-01')] }));
      const before = await env.store.getCustomer(TENANT);
      const card = await submit({});
      assert.deepEqual(Object.keys(errorsOf(card)), ['tenantId']);
      assert.match(errorsOf(card).tenantId ?? '', /exists already/);
      assert.deepEqual(await env.store.getCustomer(TENANT), before);
    });

    it('several errors at once each stand under their own input', async () => {
      const card = await submit({ tenantId: 'x', name: '', [rowInputId('Purview', 'date')]: '2026-12-03', [rowInputId('ExchangeOnline', 'date')]: '2020-01-01' });
      assert.deepEqual(Object.keys(errorsOf(card)).sort(), ['name', 'tenantId', rowInputId('ExchangeOnline', 'date'), rowInputId('Purview', 'date')].sort());
    });
  });

  describe('repeats create nothing twice and show no error', () => {
    it('the same invoke delivered twice (Teams re-sends after 15 s): one customer, the summary both times', async () => {
      const first = await submit({}, { id: 'invoke-form-1' });
      const again = await submit({}, { id: 'invoke-form-1' });
      assert.deepEqual(again, first);
      assert.equal(isForm(again), false);
    });

    it('a double click (two invokes at once): one customer, the summary both times', async () => {
      const [a, b] = await Promise.all([submit({}), submit({})]);
      assert.deepEqual([isForm(a), isForm(b)], [false, false]);
      assert.deepEqual(a, b);
      assert.equal((await stored())?.workloads.length, 3);
    });

    it('the same tenant from another Gateway person, or with other content, is a conflict', async () => {
      await submit({});
      const other = await submit({}, { from: GATEWAY2 });
      assert.match(errorsOf(other).tenantId ?? '', /exists already/);
      const changed = await submit({ name: 'Contoso Group' });
      assert.match(errorsOf(changed).tenantId ?? '', /exists already/);
      assert.equal((await stored())?.name, 'Contoso Ltd');
    });
  });

  it('user text is text: kept verbatim in the form\'s inputs, shown only in TextRuns with "{{" broken (no Markdown, no {{DATE()}})', async () => {
    const nasty = 'Evil [x](https://evil.example) **bold** {{DATE(2017-02-14T06:08:39Z, SHORT)}}';
    const partner = { assignee: 'partner', partnerId: 'frp-1', partnerName: nasty };
    const form = await submit({ ...partner, name: nasty, tenantId: 'bad' });
    assert.equal(inputById(form, 'name').value, nasty);
    const summary = await submit({ ...partner, name: nasty });
    const places = placedStrings(summary).filter((p) => p.text.includes('evil.example'));
    assert.deepEqual([...new Set(places.map((p) => p.where))], ['TextRun.text']);
    assert.equal(places.length, 2, 'the name and the partner');
    assert.ok(places.every((p) => !p.text.includes('{{') && p.text.replace(/\u200b/g, '').includes(nasty)));
  });

  it('a forged submit from someone who may not enter customers is refused with 403; nothing stored', async () => {
    const answer = await env.teams.invoke(FM, CREATE_CUSTOMER_VERB, submitted());
    assert.deepEqual([answer.statusCode, answer.type, answer.value.code], [403, 'application/vnd.microsoft.error', 'Forbidden']);
    assert.equal(await stored(), undefined);
  });
});
