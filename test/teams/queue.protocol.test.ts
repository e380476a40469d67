/**
 * The Gateway queue in Teams (P1, P2) through the real stack (restify + CloudAdapter + bot on 127.0.0.1:0, real
 * SQLite, recording connector): the `queue` command and who may use it, the card's `assign` action (through
 * CustomerService, as PUT …/assignee, so the FM gets the welcome cards), stale and repeated actions, paging, and the
 * heads-up card the Gateway gets in its morning from the sweep.
 */
import assert from 'node:assert/strict';
import type { Customer } from '../../src/domain/types';
import { headsUpId } from '../../src/services/heads-up';
import { ASSIGN_VERB, assigneeInputId, SHOW_QUEUE_VERB } from '../../src/teams/cards/queue-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { teamsUser, type TeamsUser } from '../common/activities';
import { bearer } from '../common/app';
import {
  actors, customerFixture, fmAssignee, inMonth, NOW, onDay, partnerAssignee, personFixture, tenantId, withoutEsd,
} from '../common/fixtures';
import type { RecordedRequest } from '../common/recording-connector';
import { actionLines, assertValidCard, bannerOf, cardBytes, executeActions, nodesOfType, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const GATEWAY2 = teamsUser('aad-gateway-2', 'Gus Gateway');
const ADMIN = teamsUser(actors.admin.aadObjectId, actors.admin.name);
const FARAH = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FELIX = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');

const CONTOSO = tenantId(1);

/** The customers' names in the card's order. */
function names(card: AdaptiveCard): string[] {
  return nodesOfType(card, 'TextRun').filter((run) => run.weight === 'Bolder' && run !== textRunOfBanner(card))
    .map((run) => String(run.text));
}

function textRunOfBanner(card: AdaptiveCard): Record<string, unknown> | undefined {
  return bannerOf(card) ? nodesOfType(card, 'TextRun')[0] : undefined;
}

/** The choices of one customer's assign form (by its input id), as shown. */
function choicesFor(card: AdaptiveCard, tenant: string): string[] {
  const input = nodesOfType(card, 'Input.ChoiceSet').find((i) => i.id === assigneeInputId(tenant));
  assert.ok(input, `an assign form for ${tenant}`);
  return (input.choices as { title: string }[]).map((c) => c.title);
}

/** The data of one customer's assign action. */
function assignData(card: AdaptiveCard, tenant: string): Record<string, unknown> {
  const action = executeActions(card)
    .find((a) => a.verb === ASSIGN_VERB && (a.data as { tenantId: string }).tenantId === tenant);
  assert.ok(action, `an assign action for ${tenant}`);
  return action.data as Record<string, unknown>;
}

function isPost(request: RecordedRequest): boolean {
  return request.method === 'POST';
}

describe('Teams protocol: the Gateway queue and assignment by load (P1, P2)', () => {
  let env: ProtocolEnv;

  async function stored(tenant: string): Promise<Customer | undefined> {
    return (await env.store.getCustomer(tenant))?.value;
  }

  /** What `who` gets for `text`: the reply's card, or its text. */
  async function ask(who: TeamsUser, text: string): Promise<RecordedRequest> {
    const before = env.connector.requests.length;
    await env.teams.say(who, text);
    const reply = (await env.connector.waitFor(before + 1))[before];
    assert.ok(reply);
    return reply;
  }

  async function queueCardFor(who: TeamsUser = GATEWAY): Promise<AdaptiveCard> {
    const card = cardOf(await ask(who, 'queue'));
    assertValidCard(card);
    return card;
  }

  /** An Action.Execute of `assign` with the FM picked in the customer's form, answered with a card. */
  async function assign(
    card: AdaptiveCard, tenant: string, fmId: string | undefined, from: TeamsUser = GATEWAY, id?: string,
  ): Promise<AdaptiveCard> {
    const data = { ...assignData(card, tenant), ...(fmId === undefined ? {} : { [assigneeInputId(tenant)]: fmId }) };
    const answer = await env.teams.invoke(from, ASSIGN_VERB, data, id ? { id } : {});
    assert.equal(answer.statusCode, 200, JSON.stringify(answer.value));
    assertValidCard(answer.value);
    return answer.value;
  }

  beforeEach(async () => {
    env = await startProtocolEnv([
      personFixture(actors.gateway, { timeZone: 'Europe/London' }),
      personFixture({ aadObjectId: GATEWAY2.aadObjectId, name: GATEWAY2.name, role: 'gateway' }, { timeZone: 'Europe/London' }),
      personFixture(actors.admin, { timeZone: 'Europe/London' }),
      personFixture(actors.fm, { timeZone: 'Europe/London' }),
      personFixture(actors.fm2, { timeZone: 'Europe/London', weeklyCapacity: 3 }),
      personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'frp-1' }),
    ]);
    // NOW is Tue 24 Nov 2026, 09:00 in London. Contoso starts Thu 26 Nov (W48); Farah has a start on 1 Dec (W49),
    // so for Contoso's fortnight Felix (0 starting) comes before Farah (1 starting).
    for (const customer of [
      customerFixture({ n: 2, name: 'Fabrikam Inc', assignee: null, workloads: [onDay('Teams', '2026-12-15')] }),
      customerFixture({ n: 1, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-11-26'), inMonth('Intune', '2027-02')] }),
      customerFixture({ n: 3, name: 'Litware', assignee: null, workloads: [withoutEsd('Teams', 'Blocked')] }),
      customerFixture({ n: 4, name: 'Northwind', assignee: fmAssignee(actors.fm), workloads: [onDay('Teams', '2026-12-01')] }),
      customerFixture({ n: 5, name: 'Adventure Works', assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
    ]) await env.store.createCustomer(customer);
  });

  afterEach(async () => {
    await env.app.idle();
    await env.stop();
  });

  describe('the `queue` command', () => {
    it('P1, P2: Gateway staff get the waiting customers soonest first, each with an assign action offering the FMs least loaded first with their load', async () => {
      const card = await queueCardFor();
      assert.deepEqual(names(card), ['Contoso Ltd', 'Fabrikam Inc', 'Litware']);
      const texts = textRuns(card).join('\n') + nodesOfType(card, 'TextBlock').map((b) => String(b.text)).join('\n');
      assert.match(texts, /First Engagement Start Date: Thu, 26 Nov 2026/);
      assert.match(texts, /Microsoft Intune: expected in February 2027/);
      assert.match(texts, /No Engagement Start Date yet/);
      assert.deepEqual(choicesFor(card, CONTOSO), [
        'Felix Manager — 0 starting that fortnight, 0 in flight, capacity 3 a week',
        'Farah Manager — 1 starting that fortnight, 0 in flight',
      ]);
      const etag = (await env.store.getCustomer(CONTOSO))?.etag;
      assert.deepEqual(assignData(card, CONTOSO), { verb: ASSIGN_VERB, tenantId: CONTOSO, etag });
      assert.ok(actionLines(card).includes('Refresh → showQueue'));
      assert.ok(cardBytes(card) < 28 * 1024);
    });

    it('P1: admins get it too; the help card lists `queue` for Gateway staff and admins only', async () => {
      assert.deepEqual(names(await queueCardFor(ADMIN)), ['Contoso Ltd', 'Fabrikam Inc', 'Litware']);
      const commandsOf = async (who: TeamsUser): Promise<string[]> =>
        nodesOfType(cardOf(await ask(who, 'help')), 'FactSet').flatMap((f) => (f.facts as { title: string }[]).map((x) => x.title));
      assert.ok((await commandsOf(GATEWAY)).includes('queue'));
      assert.ok((await commandsOf(ADMIN)).includes('queue'));
      assert.ok(!(await commandsOf(FARAH)).includes('queue'));
      assert.ok(!(await commandsOf(PARTNER)).includes('queue'));
    });

    it('P1: an FM, a partner and someone the directory does not know get a plain refusal saying who may use it, never the card', async () => {
      for (const [who, why] of [
        [FARAH, /Only Gateway staff and admins can see the customers waiting for an FM.*`upcoming`/],
        [PARTNER, /Only Gateway staff and admins/],
        [STRANGER, /not in the FastTrack directory yet: ask an admin/],
      ] as const) {
        const reply = await ask(who, 'queue');
        assert.match(String(reply.body.text), why);
        assert.equal(reply.body.attachments, undefined, 'no card');
      }
    });

    it('P1: more customers than a card holds: "Show more" answers the next page in place, then the rest', async () => {
      for (let i = 10; i < 14; i++) {
        await env.store.createCustomer(customerFixture({ n: i, name: `Waiting ${i}`, assignee: null, workloads: [onDay('Teams', `2026-12-${i}`)] }));
      }
      const first = await queueCardFor();
      assert.deepEqual(names(first), ['Contoso Ltd', 'Waiting 10', 'Waiting 11', 'Waiting 12', 'Waiting 13']);
      const more = executeActions(first).find((a) => a.title === 'Show more');
      assert.ok(more, 'a Show more action');
      const answer = await env.teams.invoke(GATEWAY, SHOW_QUEUE_VERB, more.data as Record<string, unknown>);
      assert.equal(answer.statusCode, 200);
      assertValidCard(answer.value);
      assert.deepEqual(names(answer.value), ['Fabrikam Inc', 'Litware']);
      assert.equal(executeActions(answer.value).some((a) => a.title === 'Show more'), false);
      const bad = await env.teams.invoke(GATEWAY, SHOW_QUEUE_VERB, { verb: SHOW_QUEUE_VERB, continuationToken: 'nope' });
      assert.equal(bad.statusCode, 400);
    });
  });

  describe('the `assign` action', () => {
    it('P1, P2: assigns through the same service as PUT …/assignee: the store holds the FM, who gets the welcome cards; the card says so', async () => {
      await env.teams.install(FELIX);
      const card = await queueCardFor();
      const answer = await assign(card, CONTOSO, FELIX.aadObjectId);
      assert.deepEqual(bannerOf(answer), {
        style: 'good', text: 'Contoso Ltd is now assigned to Felix Manager, who has been sent its cards.',
      });
      assert.deepEqual(names(answer), ['Fabrikam Inc', 'Litware'], 'the queue redrawn without it');
      const customer = await stored(CONTOSO);
      assert.deepEqual(customer?.assignee, fmAssignee(actors.fm2));
      assert.equal(customer?.statusNotes.at(-1)?.by.aadObjectId, GATEWAY.aadObjectId);
      await env.app.idle();
      const welcomes = env.connector.requests.filter(isPost)
        .filter((r) => r.path.includes(encodeURIComponent(`a:personal-${FELIX.id}`)));
      assert.deepEqual(welcomes.map((r) => textRuns(cardOf(r))[0]), [
        'Contoso Ltd was assigned to you: Microsoft Teams is expected to start on Thu, 26 Nov 2026.',
        'Contoso Ltd was assigned to you: Microsoft Intune is expected in February 2027.',
      ]);
    });

    it('P1: an FM who has not opened the bot yet is assigned; the card says the cards cannot reach them yet', async () => {
      const answer = await assign(await queueCardFor(), CONTOSO, FARAH.aadObjectId);
      assert.equal(bannerOf(answer)?.style, 'good');
      assert.equal(bannerOf(answer)?.text, 'Contoso Ltd is now assigned to Farah Manager, who has not opened the bot in Teams yet: ask them to open it, or its cards cannot reach them.');
      assert.equal((await stored(CONTOSO))?.assignee?.name, actors.fm.name);
    });

    it('P1: a stale card (assigned by someone else meanwhile) changes nothing and says who assigned it', async () => {
      const card = await queueCardFor();
      await assign(await queueCardFor(ADMIN), CONTOSO, FARAH.aadObjectId, ADMIN);
      const before = await env.store.getCustomer(CONTOSO);
      const answer = await assign(card, CONTOSO, FELIX.aadObjectId);
      assert.deepEqual(bannerOf(answer), {
        style: 'warning',
        text: 'Nothing was changed: Contoso Ltd was assigned to Farah Manager by Ada Admin (Admin) on 24 Nov 2026, after this list was drawn.',
      });
      assert.deepEqual(await env.store.getCustomer(CONTOSO), before);
    });

    it('P1: a card drawn before the customer changed in another way changes nothing and asks to assign it again', async () => {
      const card = await queueCardFor();
      const res = await fetch(`${env.app.url}/api/customers/${CONTOSO}/workloads/Teams`, {
        method: 'PATCH', headers: { 'content-type': 'application/json', authorization: bearer('gateway') },
        body: JSON.stringify({ engagementStartDate: '2026-11-30', reason: 'The customer asked for Monday.' }),
      });
      assert.equal(res.status, 200);
      const answer = await assign(card, CONTOSO, FELIX.aadObjectId);
      assert.equal(bannerOf(answer)?.style, 'warning');
      assert.match(bannerOf(answer)?.text ?? '', /^Nothing was changed: Contoso Ltd changed since this list was drawn/);
      assert.equal((await stored(CONTOSO))?.assignee, null);
    });

    it('P1: the same assignment again (a re-sent invoke, a double click) answers that it is recorded and changes nothing', async () => {
      const card = await queueCardFor();
      await assign(card, CONTOSO, FELIX.aadObjectId, GATEWAY, 'invoke-1');
      const after = await env.store.getCustomer(CONTOSO);
      const again = await assign(card, CONTOSO, FELIX.aadObjectId, GATEWAY, 'invoke-1');
      assert.deepEqual(bannerOf(again), { style: 'accent', text: 'Already recorded: Contoso Ltd is assigned to Felix Manager.' });
      assert.deepEqual(await env.store.getCustomer(CONTOSO), after);
    });

    it('P1: no FM picked, or someone who is not an FM: nothing changed, and the card says what to do', async () => {
      const card = await queueCardFor();
      const before = await env.store.getCustomer(CONTOSO);
      assert.deepEqual(bannerOf(await assign(card, CONTOSO, undefined)), { style: 'attention', text: 'Nothing was changed: Pick an FM first.' });
      assert.deepEqual(bannerOf(await assign(card, CONTOSO, PARTNER.aadObjectId)), {
        style: 'attention', text: 'Nothing was changed: That person is not an FM in the directory: pick one from the list.',
      });
      assert.deepEqual(await env.store.getCustomer(CONTOSO), before);
    });

    it('P1: an FM (or a partner) cannot assign: 403 and nothing changed; data without the customer or its version: 400', async () => {
      const card = await queueCardFor();
      const data = { ...assignData(card, CONTOSO), [assigneeInputId(CONTOSO)]: FARAH.aadObjectId };
      for (const who of [FARAH, PARTNER]) {
        const refused = await env.teams.invoke(who, ASSIGN_VERB, data);
        assert.equal(refused.statusCode, 403);
        assert.match(String(refused.value.message), /Only Gateway staff and admins/);
      }
      const malformed = await env.teams.invoke(GATEWAY, ASSIGN_VERB, { verb: ASSIGN_VERB, tenantId: CONTOSO });
      assert.equal(malformed.statusCode, 400);
      const unknown = await env.teams.invoke(GATEWAY, ASSIGN_VERB,
        { verb: ASSIGN_VERB, tenantId: tenantId(99), etag: '1', [assigneeInputId(tenantId(99))]: FARAH.aadObjectId });
      assert.equal(unknown.statusCode, 404);
      assert.equal((await stored(CONTOSO))?.assignee, null);
    });

    it('P1: the Action.Submit fallback assigns too, and the answer replaces the card it came from', async () => {
      const card = await queueCardFor();
      const data = { ...assignData(card, CONTOSO), [assigneeInputId(CONTOSO)]: FELIX.aadObjectId };
      const before = env.connector.requests.length;
      await env.teams.submit(GATEWAY, data, 'queue-card-activity');
      const [update] = (await env.connector.waitFor(before + 1)).slice(before);
      assert.equal(update?.method, 'PUT');
      assert.match(update?.path ?? '', /\/activities\/queue-card-activity$/);
      assert.equal(bannerOf(cardOf(update))?.text, 'Contoso Ltd is now assigned to Felix Manager, who has not opened the bot in Teams yet: ask them to open it, or its cards cannot reach them.');
      assert.equal((await stored(CONTOSO))?.assignee?.name, actors.fm2.name);
    });
  });

  describe('the heads-up in the Gateway\'s morning', () => {
    /** The heads-up cards sent so far, by recipient's personal chat. */
    function headsUps(): { to: string; card: AdaptiveCard }[] {
      return env.connector.requests.filter(isPost).map((r) => ({ to: decodeURIComponent(r.path), card: cardOf(r) }))
        .filter(({ card }) => textRuns(card)[0]?.includes('has no FM yet') === true);
    }

    it('P1: each Gateway person gets one card per customer whose first ESD is within 3 working days, with the assign action; a second sweep sends nothing new', async () => {
      await env.teams.install(GATEWAY);
      await env.teams.install(GATEWAY2);
      await env.teams.install(ADMIN);
      await env.teams.install(FARAH);
      const first = await env.app.runReminders(NOW);
      assert.deepEqual(first, { due: 2, sent: 2, skipped: 0, failed: 0 });
      const sent = headsUps();
      assert.deepEqual(sent.map((s) => s.to).sort(), [GATEWAY, GATEWAY2].map((g) => `/v3/conversations/a:personal-${g.id}/activities`).sort());
      for (const { card } of sent) {
        assertValidCard(card);
        assert.equal(textRuns(card)[0], 'Contoso Ltd has no FM yet and is expected to start on Thu, 26 Nov 2026: assign an FM so the customer does not wait.');
        assert.deepEqual(names(card), ['Contoso Ltd']);
        assert.equal(choicesFor(card, CONTOSO)[0], 'Felix Manager — 0 starting that fortnight, 0 in flight, capacity 3 a week');
      }
      const record = (await env.store.getSentCard(headsUpId(CONTOSO, GATEWAY.aadObjectId)))?.value;
      assert.deepEqual([record?.kind, record?.status, record?.recipientId, record?.dueOn], ['headsUp', 'sent', GATEWAY.aadObjectId, '2026-11-26']);
      const again = await env.app.runReminders(new Date(NOW.getTime() + 10 * 60_000));
      assert.deepEqual([again.sent, headsUps().length], [0, 2], 'nothing new');
    });

    it('P1: a customer assigned meanwhile gets no heads-up; one further away gets none until it is within the window', async () => {
      await env.teams.install(GATEWAY);
      const put = await fetch(`${env.app.url}/api/customers/${CONTOSO}/assignee`, {
        method: 'PUT', headers: { 'content-type': 'application/json', authorization: bearer('gateway') },
        body: JSON.stringify({ type: 'fm', aadObjectId: FELIX.aadObjectId }),
      });
      assert.equal(put.status, 200);
      await env.app.runReminders(NOW);
      assert.deepEqual(headsUps(), [], 'Contoso is assigned; Fabrikam starts 15 Dec, beyond Fri 27 Nov');
      // Thu 10 Dec + 3 working days = Tue 15 Dec: now Fabrikam is due.
      await env.app.runReminders(new Date('2026-12-10T09:30:00Z'));
      assert.deepEqual(headsUps().map((s) => names(s.card)), [['Fabrikam Inc']]);
    });

    it('P1: not before the reminder hour in their time zone, nor on a weekend; an overdue first ESD still gets one', async () => {
      await env.teams.install(GATEWAY);
      await env.app.runReminders(new Date('2026-11-24T08:30:00Z'));
      await env.app.runReminders(new Date('2026-11-28T10:00:00Z')); // Saturday
      assert.deepEqual(headsUps(), []);
      await env.app.runReminders(new Date('2026-11-30T09:00:00Z')); // Monday: 26 Nov has passed, still no FM
      assert.deepEqual(headsUps().map((s) => names(s.card)), [['Contoso Ltd']]);
    });

    it('P1: someone who cannot be reached yet gets nothing claimed, and is told once they open the bot', async () => {
      const first = await env.app.runReminders(NOW);
      assert.deepEqual([first.due, first.sent, first.skipped], [2, 0, 2]);
      assert.equal(await env.store.getSentCard(headsUpId(CONTOSO, GATEWAY.aadObjectId)), undefined);
      await env.teams.install(GATEWAY);
      await env.app.runReminders(new Date(NOW.getTime() + 5 * 60_000));
      assert.equal(headsUps().length, 1);
    });

    it('P1: assigning from the heads-up card assigns and answers the queue card with the banner', async () => {
      await env.teams.install(GATEWAY);
      await env.app.runReminders(NOW);
      const [headsUp] = headsUps();
      assert.ok(headsUp);
      const answer = await assign(headsUp.card, CONTOSO, FELIX.aadObjectId);
      assert.match(bannerOf(answer)?.text ?? '', /^Contoso Ltd is now assigned to Felix Manager/);
      assert.equal((await stored(CONTOSO))?.assignee?.name, actors.fm2.name);
    });
  });
});
