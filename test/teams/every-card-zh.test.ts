/**
 * Issue 11: no text shown on a card is outside the catalogue. Every card builder of src/teams/cards is drawn in zh-CN
 * in every state it has: the ESD card in every workload state for every kind of viewer with every outcome of every
 * verb, the reminder and welcome cards, the work list, the customer card and its pick list, the queue card and the
 * heads-up with every assignment outcome, the load card, the new-customer form and its summary, the reminder summary,
 * both digests with every reason a card was not delivered, and help. The refusals and validation messages on them are
 * the domain's and the services' own, produced by the real use cases over an SQLite store (never written here).
 *
 * Each card is a valid Adaptive Card and none of its strings holds an English sentence (three English words in a
 * row). Excused are only names (customers, people, partners, workloads and products) and the Overall Status Notes
 * stored on the customers drawn (what people wrote, and the domain's record of a change, are kept as written).
 */
import assert from 'node:assert/strict';
import { addDays, type CalendarDate } from '../../src/domain/dates';
import { findWorkload } from '../../src/domain/customer';
import { DomainError } from '../../src/domain/errors';
import { allowedVerbs, ENGAGEMENT_VERBS, verbRefusal, type EngagementVerb } from '../../src/domain/engagement';
import { cardRefusal, NOT_IN_DIRECTORY } from '../../src/domain/rules';
import {
  L1_STATUSES, UNREACHABLE_REASONS, WORKLOAD_STATES, WORKLOADS, type Actor, type Customer, type Person,
  type WorkloadName,
} from '../../src/domain/types';
import { CardActions, type ActionInputs, type ActionOutcome } from '../../src/services/card-actions';
import type { Clock } from '../../src/services/clock';
import { CustomerViews, type AddWorkloadFields, type AddWorkloadOutcome } from '../../src/services/customer-views';
import { CustomerService } from '../../src/services/customers';
import { actorOf, Directory } from '../../src/services/directory';
import { EngagementQueries } from '../../src/services/engagement-queries';
import { GatewayQueue, type AssignOutcome } from '../../src/services/gateway-queue';
import { LoadReports } from '../../src/services/load-report';
import type { UnreachablePerson } from '../../src/services/reach';
import { explainFailure, type ExplainedReminderItem } from '../../src/services/reminder-list';
import { EXPIRED, UNREACHABLE } from '../../src/services/reminders';
import { Suggestions } from '../../src/services/suggestions';
import { TeamLoad, type TeamLoadView } from '../../src/services/team-load';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { EngagementRow, QueueEntry, Store } from '../../src/store/store';
import { customerCard, customerListCard, customerOutcomeCard } from '../../src/teams/cards/customer-card';
import { fmDigestCard, gatewayDigestCard } from '../../src/teams/cards/digest-card';
import { CARD_ORIGINS, esdCard, outcomeCard, reminderCard, type CardOrigin } from '../../src/teams/cards/esd-card';
import { workloadLabel } from '../../src/teams/cards/format';
import { loadCard } from '../../src/teams/cards/load-card';
import { newCustomerSummaryCard, rowInputId, type FormValues } from '../../src/teams/cards/new-customer-card';
import { assignBanner, headsUpCard, queueCard } from '../../src/teams/cards/queue-card';
import { helpCard, type AdaptiveCard } from '../../src/teams/cards/render';
import { reminderSummaryCard, type ReminderSummaryRow } from '../../src/teams/cards/reminder-summary-card';
import { welcomeCard } from '../../src/teams/cards/welcome-card';
import { workListCard } from '../../src/teams/cards/work-list-card';
import { CATALOGUES, type MessageKey } from '../../src/teams/i18n/catalogue';
import { t } from '../../src/teams/i18n/messages';
import { NewCustomerForm } from '../../src/teams/new-customer-form';
import { aWorkload } from '../domain/helpers';
import { gapCustomers } from '../common/gap-fixtures';
import {
  actors, conversationRef, ctx, customerFixture, fmAssignee, inMonth, NOW, onDay, partnerAssignee, personFixture,
  tenantId, underWay, withoutEsd,
} from '../common/fixtures';
import { refusal } from '../common/refusals';
import { allStrings, assertValidCard, customerIn, type Texts } from './card-helpers';

const ZH = 'zh-CN';
const TODAY: CalendarDate = '2026-11-24';
const clock: Clock = { now: () => NOW };

/** Three English words in a row: a sentence left untranslated. */
const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
const CHINESE = /[\u4e00-\u9fff]/;

/** The notes the fixtures' people write are Chinese, so that they need no excuse; names stay as people spell them. */
const NOTE = '已发邮件并致电客户。';
const TEXTS: Texts = { customerName: 'Contoso Ltd', personName: actors.fm.name, note: NOTE };
/** As long as a reason or note may not be (2,000 characters at most). */
const TOO_LONG = '长'.repeat(2001);

const PARTNER_ID = 'partner-contoso-services';
const PARTNER: Actor = { aadObjectId: 'aad-partner-1', name: 'Pat Partner', role: 'partner' };
const people = {
  fm: personFixture(actors.fm),
  otherFm: personFixture(actors.fm2),
  admin: personFixture(actors.admin),
  gateway: personFixture(actors.gateway),
  partner: personFixture(PARTNER, { partnerId: PARTNER_ID }),
  noRole: personFixture(actors.fm, { aadObjectId: 'aad-new-1', name: 'Nora Newcomer', role: null }),
} satisfies Record<string, Person>;
/** Every kind of viewer, and nobody (a person the directory does not know). */
const VIEWERS: [string, Person | undefined][] = [...Object.entries(people), ['not in the directory', undefined]];

/** Names are shown as people spell them: people, partners, and the workloads' product names. */
const NAMES = [
  ...Object.values(actors).map((a) => a.name), PARTNER.name, people.noRole.name, partnerAssignee().name, 'Felix Least Loaded',
  ...WORKLOADS.map(workloadLabel),
];

/** What is excused on a card drawn from `customers`: names, and the notes stored on them (kept as written). */
function excusedFor(customers: readonly Customer[]): string[] {
  return customers.flatMap((c) => [
    c.name, ...(c.assignee?.name ? [c.assignee.name] : []), ...c.statusNotes.flatMap((n) => [n.text, n.by.name]),
  ]);
}

/** The card's strings that hold an English sentence once names and stored notes are taken out. */
function englishIn(card: AdaptiveCard, customers: readonly Customer[] = []): string[] {
  const excused = [...NAMES, ...excusedFor(customers)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  return allStrings(card)
    .filter((text) => ENGLISH.test(excused.reduce((rest, known) => rest.split(known).join('·'), text)));
}

/**
 * Every card drawn in a test: each must be valid and in Chinese. The findings are gathered over all the cards
 * before the test fails, so one run names every English text left.
 */
class Findings {
  private readonly english: string[] = [];
  count = 0;

  check(name: string, card: AdaptiveCard, customers: readonly Customer[] = []): void {
    this.count++;
    assertValidCard(card);
    assert.ok(allStrings(card).some((text) => CHINESE.test(text)), `${name}: no Chinese text at all`);
    for (const text of englishIn(card, customers)) this.english.push(`${name}: ${text}`);
  }

  /** No card held English; `atLeast` cards were drawn (a loop that draws nothing checks nothing). */
  assertNone(atLeast: number): void {
    assert.ok(this.count >= atLeast, `only ${this.count} cards drawn`);
    assert.deepEqual([...new Set(this.english)], []);
  }
}

/** A customer under its own tenant id, so that many can share one store. */
let nextTenant = 500;
function ownTenant(customer: Customer): Customer {
  return { ...structuredClone(customer), tenantId: tenantId(nextTenant++) };
}

/** The services behind the cards, over one in-memory SQLite store, on the fixtures' clock. */
interface Services {
  store: Store;
  cardActions: CardActions;
  customers: CustomerService;
  customerViews: CustomerViews;
  directory: Directory;
  queue: GatewayQueue;
}

function openServices(): Services {
  const store = SqliteStore.open({ file: ':memory:' });
  const customers = new CustomerService(store, clock);
  const directory = new Directory(store, clock);
  const suggestions = new Suggestions(new LoadReports(store, clock));
  return {
    store, customers, directory, cardActions: new CardActions(store, clock),
    customerViews: new CustomerViews(store, customers, clock),
    queue: new GatewayQueue({ store, customers, suggestions, directory, clock }),
  };
}

async function putPeople(store: Store, list: readonly Person[]): Promise<void> {
  for (const person of list) await store.putPerson(person);
}

describe('every card in zh-CN: no English sentence outside names and stored notes (issue 11)', () => {
  let services: Services;
  before(async () => {
    services = openServices();
    await putPeople(services.store, Object.values(people));
  });
  after(() => services.store.close());

  it('the check finds a refusal left in English on a card, and lets names and stored notes through', () => {
    const { customer, fm } = customerIn('scheduled', { ...TEXTS, note: 'Emailed and called the customer.' });
    const state = services.cardActions.stateFor(personFixture(fm), customer, findWorkload(customer, 'Teams'));
    const english = 'Cannot complete the deployment: Teams is scheduled.';
    const card = outcomeCard({ status: 'refused', state, reason: refusal(english) }, undefined, ZH);
    const found = englishIn(card, [customer]);
    assert.equal(found.length, 1, 'the English refusal is found');
    assert.ok(found[0]?.includes(english));
    const plainCard = esdCard({ ...state, locale: ZH });
    assert.deepEqual(englishIn(plainCard, [customer]), [], 'a stored English note is excused');
    assert.ok(englishIn(plainCard).length > 0, 'but only as a note stored on the customer drawn');
  });

  describe('the ESD card (R3, R4, R5, R6, R7, R9)', () => {
    /** Customers with the Teams workload in every state: the FM's, a partner's, and one nobody is assigned yet. */
    const journeys = (): { name: string; customer: Customer }[] => WORKLOAD_STATES.flatMap((state) => {
      const { customer } = customerIn(state, TEXTS);
      return [
        { name: `${state}, assigned to the FM`, customer },
        { name: `${state}, assigned to a partner`, customer: { ...customer, assignee: partnerAssignee(PARTNER_ID) } },
        { name: `${state}, not assigned`, customer: { ...customer, assignee: null } },
      ];
    });

    it('every state, assigned to anyone, for every viewer, from every list, as a reminder and as a welcome', () => {
      const findings = new Findings();
      for (const { name, customer } of journeys()) {
        for (const [who, viewer] of VIEWERS) {
          for (const workload of customer.workloads) {
            const state = services.cardActions.stateFor(viewer, customer, workload);
            const at = `${name}, ${workload.workload}, ${who}`;
            findings.check(at, esdCard({ ...state, locale: ZH }), [customer]);
            for (const from of CARD_ORIGINS) findings.check(`${at}, from ${from}`, esdCard({ ...state, from, locale: ZH }), [customer]);
          }
        }
        for (const workload of customer.workloads) {
          const state = services.cardActions.stateFor(people.fm, customer, workload);
          findings.check(`${name}, ${workload.workload}: the reminder`, reminderCard(state, ZH).card, [customer]);
          assert.match(reminderCard(state, ZH).summary, CHINESE);
          findings.check(`${name}, ${workload.workload}: the welcome`, welcomeCard(state, ZH).card, [customer]);
          assert.match(welcomeCard(state, ZH).summary, CHINESE);
        }
      }
      // The reminder's other reasons to come today (R3, R7): a day that passed, a month estimate for this month; and
      // the welcome of a workload without a date (R1) and of one entered as already under way (R2).
      const more = customerFixture({
        n: 2, name: 'Fabrikam', context: ctx(actors.gateway, 0, '2026-11-01'),
        workloads: [onDay('Teams', '2026-11-20'), inMonth('Viva', '2026-11'), withoutEsd('Intune', 'Unknown'), underWay('Windows', '2026-10-20')],
      });
      for (const workload of more.workloads) {
        const state = services.cardActions.stateFor(people.fm, more, workload);
        findings.check(`Fabrikam ${workload.workload}: the reminder`, reminderCard(state, ZH).card, [more]);
        findings.check(`Fabrikam ${workload.workload}: the welcome`, welcomeCard(state, ZH).card, [more]);
      }
      findings.assertNone(500);
    });

    /** What each verb is sent with: what the card accepts, then every mistake the domain reports on it. */
    const GOOD: Record<EngagementVerb, ActionInputs[]> = {
      confirmStart: [{}, { startedOn: '2026-11-20' }],
      reschedule: [{ engagementStartDate: '2026-12-08', reason: NOTE }, { engagementStartMonth: '2027-03', reason: NOTE }],
      noResponse: [{ note: NOTE }],
      customerInactive: [{ note: NOTE }],
      complete: [{ note: NOTE }, {}],
    };
    const BAD: Record<EngagementVerb, ActionInputs[]> = {
      confirmStart: [
        { startedOn: '2026-11-25' }, { startedOn: '2026-10-01' }, { startedOn: '2019-09-30' }, { startedOn: '24/11/2026' },
        { startedOn: '2026-02-30' },
      ],
      reschedule: [
        { engagementStartDate: '2026-11-23', reason: NOTE }, { engagementStartDate: '2026-02-30', reason: NOTE },
        { engagementStartMonth: '26-10', reason: NOTE }, { engagementStartMonth: '2026-10', reason: NOTE },
        { engagementStartDate: '2030-01-01', reason: NOTE }, { engagementStartMonth: '2031-01', reason: NOTE },
        { engagementStartDate: '2019-09-30', reason: NOTE },
        { engagementStartDate: '2026-12-08', engagementStartMonth: '2027-01', reason: NOTE }, { reason: NOTE }, {},
        { engagementStartDate: '2026-12-08' }, { engagementStartDate: '2026-12-08', reason: '   ' },
        { engagementStartDate: '2026-12-08', reason: TOO_LONG }, { engagementStartDate: '2026-12-01', reason: NOTE },
      ],
      noResponse: [{}, { note: '  ' }, { note: TOO_LONG }],
      customerInactive: [{}, { note: '  ' }, { note: TOO_LONG }],
      complete: [{ note: TOO_LONG }],
    };

    it('every outcome of every verb in every state, through the real service: applied, repeated, stale, invalid, refused', async () => {
      const findings = new Findings();
      const statuses = new Set<string>();
      let request = 0;
      const draw = (name: string, outcome: ActionOutcome, i: number): void => {
        statuses.add(outcome.status);
        const from: CardOrigin | undefined = [undefined, ...CARD_ORIGINS][i % 3];
        findings.check(`${name} → ${outcome.status}`, outcomeCard(outcome, from, ZH), [outcome.state.customer]);
      };
      for (const { name, customer: journey } of journeys()) {
        for (const verb of ENGAGEMENT_VERBS) {
          for (const [who, viewer] of VIEWERS) {
            // Who may act is told what the domain says of every input; who may not is refused whatever is typed.
            const canAct = services.cardActions.stateFor(viewer, journey, findWorkload(journey, 'Teams')).canAct;
            const mine = viewer === people.fm;
            const sent = !canAct ? GOOD[verb].slice(0, 1) : mine ? [...GOOD[verb], ...BAD[verb]] : GOOD[verb];
            for (const [i, inputs] of sent.entries()) {
              const saved = await services.store.createCustomer(ownTenant(journey));
              const { tenantId: tenant } = saved.value;
              const teams = saved.value.workloads.find((w) => w.workload === 'Teams');
              assert.ok(teams);
              const action = { verb, tenantId: tenant, workload: 'Teams', revision: teams.revision, inputs, requestId: `r${++request}` };
              const at = `${name}: ${verb} ${JSON.stringify(inputs).slice(0, 80)} by ${who}`;
              const outcome = await services.cardActions.act(viewer, action);
              draw(at, outcome, i);
              // What the domain says of a mistake is what the card shows (never a refusal in its place).
              if (BAD[verb].includes(inputs) && allowedVerbs(teams).has(verb)) assert.equal(outcome.status, 'invalid', at);
              if (outcome.status !== 'applied') continue;
              // The same invoke again (Teams re-sends it), the same press again, and a card drawn before the change.
              draw(`${at}, re-sent`, await services.cardActions.act(viewer, action), i + 1);
              draw(`${at}, pressed again`, await services.cardActions.act(viewer, { ...action, requestId: `r${++request}` }), i + 2);
              draw(`${at}, from an older card`, await services.cardActions.act(people.admin, { ...action, revision: teams.revision - 1, requestId: `r${++request}` }), i);
            }
          }
        }
      }
      assert.deepEqual([...statuses].sort(), ['applied', 'duplicate', 'invalid', 'refused', 'stale']);
      findings.assertNone(1000);
    });

    it('every refusal of every verb in every state and L1 status (verbRefusal), and of every viewer who may not act', () => {
      const findings = new Findings();
      const { customer, fm } = customerIn('scheduled', TEXTS);
      const state = services.cardActions.stateFor(personFixture(fm), customer, findWorkload(customer, 'Teams'));
      for (const workloadState of WORKLOAD_STATES) {
        for (const l1Status of L1_STATUSES) {
          for (const startedOn of workloadState === 'started' || workloadState === 'completed' ? ['2026-11-20', null] : [null]) {
            const workload = aWorkload({ workload: 'Teams', state: workloadState, l1Status, startedOn });
            for (const verb of ENGAGEMENT_VERBS) {
              const why = verbRefusal(workload, verb);
              if (!why) continue;
              const outcome: ActionOutcome = { status: 'refused', state: { ...state, workload }, reason: new DomainError('conflict', why) };
              findings.check(`${workloadState}/${l1Status}/${startedOn ?? 'no start'}: ${verb}`, outcomeCard(outcome, undefined, ZH), [customer]);
            }
          }
        }
      }
      for (const [who, viewer] of VIEWERS) {
        for (const assignee of [fmAssignee(), partnerAssignee(PARTNER_ID), null]) {
          const shown = { ...customer, assignee };
          const why = cardRefusal(actorOf(viewer), shown) ?? NOT_IN_DIRECTORY;
          const outcome: ActionOutcome = { status: 'refused', state: { ...state, customer: shown }, reason: new DomainError('forbidden', why) };
          findings.check(`${who}, assignee ${assignee?.type ?? 'none'}`, outcomeCard(outcome, undefined, ZH), [shown]);
        }
      }
      findings.assertNone(60);
    });
  });

  describe('the customer card and the pick list (R7, R8, R9, P3)', () => {
    /** A customer with a workload in every kind of state, and one in a partner's hands. */
    const seeded = async (): Promise<{ ours: Customer; partners: Customer; series: Customer[] }> => {
      let ours = customerIn('completed', TEXTS).customer;
      ours = { ...ours, workloads: [...ours.workloads, ...customerFixture({
        workloads: [withoutEsd('Purview', 'Blocked'), withoutEsd('Viva', 'NoIntent'), withoutEsd('Copilot', 'Unknown'), underWay('Windows', '2026-11-02')],
      }).workloads] };
      const saved = await services.store.createCustomer(ownTenant(ours));
      const partners = await services.store.createCustomer(ownTenant(customerFixture({ name: 'Northwind', assignee: partnerAssignee(PARTNER_ID) })));
      const series: Customer[] = [];
      for (const c of gapCustomers()) series.push((await services.store.createCustomer(ownTenant(c))).value);
      return { ours: saved.value, partners: partners.value, series };
    };

    it('every viewer\'s card of every customer, with its timeline, and the pick list', async () => {
      const findings = new Findings();
      const { ours, partners, series } = await seeded();
      for (const customer of [ours, partners, ...series]) {
        for (const [who, viewer] of VIEWERS) {
          let view;
          try {
            view = await services.customerViews.view(viewer, customer.tenantId);
          } catch (error) {
            if (error instanceof DomainError) continue; // not theirs to see (R9): no card
            throw error;
          }
          findings.check(`${customer.name} for ${who}`, customerCard({ ...view, locale: ZH }), [customer]);
        }
      }
      const matches = await services.customerViews.find(people.gateway, 'o');
      for (const more of [false, true]) {
        findings.check(`pick list, more ${String(more)}`, customerListCard({ ...matches, more }, 'Contoso', ZH), matches.customers);
      }
      findings.assertNone(20);
    });

    it('every outcome of adding a workload, through the real service, with the domain\'s own messages', async () => {
      const findings = new Findings();
      const statuses = new Set<string>();
      const draw = (name: string, outcome: AddWorkloadOutcome): void => {
        statuses.add(outcome.status);
        findings.check(`${name} → ${outcome.status}`, customerOutcomeCard(outcome, ZH), [outcome.view.customer]);
      };
      const ADD: AddWorkloadFields[] = [
        { workload: 'Viva', source: 'serialDeployment', engagementStartDate: '2026-12-08', note: NOTE },
        { workload: 'Viva', source: 'successReview', engagementStartMonth: '2027-03' },
        {}, { workload: 'Exchange', engagementStartDate: '2026-12-08' }, { workload: 'Viva', source: 'other', engagementStartDate: '2026-12-08' },
        { workload: 'Viva', engagementStartDate: '2026-11-23' }, { workload: 'Viva', engagementStartDate: '2026-02-30' },
        { workload: 'Viva', engagementStartMonth: '26-10' }, { workload: 'Viva', engagementStartMonth: '2026-10' },
        { workload: 'Viva', engagementStartDate: '2030-01-01' }, { workload: 'Viva', engagementStartDate: '2019-09-30' },
        { workload: 'Viva', engagementStartDate: '2026-12-08', engagementStartMonth: '2027-01' }, { workload: 'Viva' },
        { workload: 'Viva', engagementStartDate: '2026-12-08', note: TOO_LONG }, { workload: 'Viva', engagementStartDate: '2026-12-08', note: ' ' },
        { workload: 'Teams', engagementStartDate: '2026-12-08' },
      ];
      let request = 0;
      for (const [who, viewer] of VIEWERS) {
        for (const assignee of [fmAssignee(), partnerAssignee(PARTNER_ID)]) {
          for (const fields of ADD) {
            const saved = await services.store.createCustomer(ownTenant({ ...customerIn('scheduled', TEXTS).customer, assignee }));
            const action = { tenantId: saved.value.tenantId, etag: saved.etag, fields, requestId: `a${++request}` };
            const at = `${who} adds ${JSON.stringify(fields).slice(0, 80)} to a customer of ${assignee.type}`;
            let outcome: AddWorkloadOutcome;
            try {
              outcome = await services.customerViews.addWorkload(viewer, action);
            } catch (error) {
              if (error instanceof DomainError) continue; // not theirs to see (R9), or not in the directory: no card
              throw error;
            }
            draw(at, outcome);
            if (outcome.status !== 'applied') continue;
            draw(`${at}, re-sent`, await services.customerViews.addWorkload(viewer, action));
            draw(`${at}, from an older card`, await services.customerViews.addWorkload(viewer, { ...action, requestId: `a${++request}`, fields: { ...fields, workload: 'Copilot' } }));
          }
        }
      }
      assert.deepEqual([...statuses].sort(), ['applied', 'duplicate', 'invalid', 'refused', 'stale']);
      findings.assertNone(50);
    });
  });

  describe('the FM\'s lists and summaries (R3, R5, R7, P2)', () => {
    it('the work list (every kind of row, empty) and the reminder summary (starts, follow-ups, both, more than shown)', async () => {
      const findings = new Findings();
      const queries = new EngagementQueries(services.store, services.cardActions);
      const fmNow = personFixture({ aadObjectId: 'aad-fm-list', name: 'Lena List', role: 'fm' });
      findings.check('the empty work list', workListCard(await queries.workList(fmNow), ZH));
      const mine = fmAssignee({ ...fmNow, role: 'fm' });
      const drawn: Customer[] = [];
      for (const state of WORKLOAD_STATES) {
        const customer = ownTenant({ ...customerIn(state, TEXTS).customer, assignee: mine });
        drawn.push((await services.store.createCustomer(customer)).value);
      }
      for (let n = 0; n < 25; n++) {
        const customer = ownTenant(customerFixture({
          name: `Customer ${n}`, assignee: mine, context: ctx(actors.gateway, 0, '2026-10-01'),
          workloads: [onDay('Teams', addDays('2026-10-20', n * 3)), inMonth('Viva', n % 2 === 0 ? '2026-11' : '2026-10')],
        }));
        drawn.push((await services.store.createCustomer(customer)).value);
      }
      findings.check('the work list', workListCard(await queries.workList(fmNow), ZH), drawn);
      const rows: ReminderSummaryRow[] = drawn.flatMap((c, i) => c.workloads.map((w) => ({
        tenantId: c.tenantId, customerName: c.name, workload: w.workload,
        engagementStartDate: w.engagementStartDate ?? TODAY,
        datePrecision: w.datePrecision, kind: i % 3 === 0 ? 'followUp' as const : 'start' as const,
      })));
      for (const [name, shown] of [
        ['more than shown', rows], ['starts', rows.filter((r) => r.kind === 'start').slice(0, 4)],
        ['follow-ups', rows.filter((r) => r.kind === 'followUp').slice(0, 4)], ['both', rows.slice(0, 6)],
      ] as const) {
        const { card, summary } = reminderSummaryCard(shown, TODAY, ZH);
        findings.check(`the reminder summary: ${name}`, card, drawn);
        assert.match(summary, CHINESE);
      }
      findings.assertNone(6);
    });

    it('the Monday digests: every tag, every reason a card was not delivered, every reason an FM cannot be reached', () => {
      const findings = new Findings();
      const monday: CalendarDate = '2026-11-30';
      const row = (n: number, overrides: Partial<EngagementRow> = {}): EngagementRow => ({
        tenantId: tenantId(n), customerName: `Customer ${n}`, assignee: null, workload: 'Teams', engagementStartDate: monday,
        datePrecision: 'day', state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, remindOn: monday,
        ...overrides,
      });
      const weekRows = Array.from({ length: 10 }, (_, i) => row(20 + i, { engagementStartDate: '2026-12-02' }));
      for (const [name, unanswered, week] of [
        ['full', [
          row(1, { engagementStartDate: '2026-11-25' }),
          row(2, { state: 'awaitingCustomer', engagementStartDate: '2026-11-20', remindOn: '2026-11-27' }),
          row(3, { datePrecision: 'month', engagementStartDate: '2026-11-01' }),
        ], [row(4, { state: 'started' }), row(5, { state: 'awaitingCustomer', remindOn: '2026-12-03' }), ...weekRows]],
        ['empty', [], []],
      ] as const) {
        const { card, summary } = fmDigestCard({ monday, unanswered: [...unanswered], week: [...week] }, ZH);
        findings.check(`the FM's digest, ${name}`, card);
        assert.match(summary, CHINESE);
      }
      const entry = (n: number, firstEsd: CalendarDate, precision: 'day' | 'month'): QueueEntry => ({
        tenantId: tenantId(n), name: `Customer ${n}`, firstEsd, etag: '1',
        workloads: [{ workload: 'Teams', l1Status: 'InProgress', state: 'scheduled', engagementStartDate: firstEsd, datePrecision: precision, startedOn: null }],
      });
      const lastErrors: (string | null)[] = [
        null, '403 Forbidden', '404 NotFound', '413 RequestEntityTooLarge', '429 TooManyRequests', '502 BadGateway',
        '503 ServiceUnavailable', '0 ECONNRESET', '400 BadSyntax', EXPIRED,
        ...UNREACHABLE_REASONS.map((reason) => `${UNREACHABLE} ${reason}`),
      ];
      const failed = lastErrors.map((lastError, i): ExplainedReminderItem => ({
        id: `f${i}`, kind: i % 4 === 0 ? 'summary' : 'start', tenantId: tenantId(i), customerName: i === 1 ? null : `Customer ${i}`,
        workload: 'Intune', aadObjectId: 'aad-fm-1', fmName: i === 2 ? null : actors.fm.name, dueOn: '2026-11-25',
        status: 'failed', attempts: 1, ...explainFailure(lastError),
      }));
      const unreachable = UNREACHABLE_REASONS.map((reason, i): UnreachablePerson => ({
        aadObjectId: `aad-fm-${i}`, name: `FM ${i}`, email: `fm${i}@contoso.example`, role: 'fm', reason, remindersWaiting: i,
      }));
      // Each reason on a card of its own, so every one is seen whatever the rows shown per section.
      const noRows = { monday, until: addDays(monday, 13), unassigned: [], failed: [], unreachable: [] };
      for (const [i, item] of failed.entries()) {
        const { card } = gatewayDigestCard({ ...noRows, failed: [item] }, ZH);
        findings.check(`the Gateway's digest, not delivered: ${lastErrors[i] ?? 'no error recorded'}`, card);
      }
      for (const person of unreachable) {
        const { card } = gatewayDigestCard({ ...noRows, unreachable: [person] }, ZH);
        findings.check(`the Gateway's digest, unreachable: ${person.reason}`, card);
      }
      const full = gatewayDigestCard({
        monday, until: addDays(monday, 13), failed, unreachable,
        unassigned: [entry(1, '2026-11-26', 'day'), entry(2, '2026-12-01', 'month'), ...Array.from({ length: 10 }, (_, i) => entry(40 + i, '2026-12-03', 'day'))],
      }, ZH);
      findings.check('the Gateway\'s digest, full', full.card);
      assert.match(full.summary, CHINESE);
      findings.check('the Gateway\'s digest, empty', gatewayDigestCard(noRows, ZH).card);
      findings.assertNone(lastErrors.length + UNREACHABLE_REASONS.length + 4);
    });
  });

  describe('the Gateway\'s cards (R2, R4, P1, P2)', () => {
    it('the queue card and the heads-up, with the banner of every outcome of an assignment through the real service', async () => {
      const findings = new Findings();
      const { store, queue } = services;
      const reachableFm = personFixture(actors.fm2, { conversation: conversationRef(actors.fm2), reachable: true });
      await store.putPerson(reachableFm, (await store.getPerson(reachableFm.aadObjectId))?.etag);
      const waiting: Customer[] = [];
      for (const workloads of [
        [onDay('Teams', '2026-11-26'), inMonth('Intune', '2027-02'), withoutEsd('Microsoft365Apps', 'Blocked')],
        [inMonth('Intune', '2027-02')], [withoutEsd('Teams', 'NoIntent')], [onDay('Viva', '2026-12-20')],
        [onDay('Viva', '2026-12-21')], [onDay('Viva', '2026-12-22')], [onDay('Viva', '2026-12-23')],
      ]) {
        waiting.push((await store.createCustomer(ownTenant(customerFixture({ name: 'Woodgrove Bank', assignee: null, workloads })))).value);
      }
      const view = await queue.view(people.gateway, { limit: 20 });
      assert.ok(view.customers.length >= waiting.length);
      findings.check('the queue', queueCard({ view, locale: ZH }), waiting);
      findings.check('a page of the queue with more', queueCard({ view: { ...view, continuationToken: 'next' }, locale: ZH }), waiting);
      findings.check('the empty queue', queueCard({ view: { customers: [], today: view.today }, locale: ZH }));
      for (const [i, customer] of view.customers.entries()) {
        const { card, summary } = headsUpCard(customer, view.today, ZH);
        findings.check(`the heads-up ${i}`, card, waiting);
        assert.match(summary, CHINESE);
      }
      const outcomes: [string, AssignOutcome][] = [];
      const assign = async (name: string, customer: Customer, etag: string, aadObjectId?: string): Promise<void> => {
        outcomes.push([name, await queue.assign(people.gateway, { tenantId: customer.tenantId, etag, aadObjectId })]);
      };
      const [first, second, third] = waiting as [Customer, Customer, Customer];
      const etagOf = async (c: Customer): Promise<string> => (await store.getCustomer(c.tenantId))?.etag ?? '';
      const firstEtag = await etagOf(first);
      await assign('assigned, FM without a chat', first, firstEtag, actors.fm.aadObjectId);
      await assign('the same again', first, firstEtag, actors.fm.aadObjectId);
      await assign('another FM on the older card', first, firstEtag, actors.fm2.aadObjectId);
      await assign('assigned, FM reachable', second, await etagOf(second), actors.fm2.aadObjectId);
      await assign('no FM picked', third, await etagOf(third), undefined);
      await assign('not an FM', third, await etagOf(third), actors.gateway.aadObjectId);
      await assign('not in the directory', third, await etagOf(third), 'aad-nobody');
      const thirdEtag = await etagOf(third);
      await services.customers.addWorkload(services.customers.context(actors.gateway), third.tenantId, { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2026-12-08' });
      await assign('changed since, still waiting', third, thirdEtag, actors.fm.aadObjectId);
      const entered = (await store.createCustomer(ownTenant(customerFixture({ name: 'Woodgrove Bank', assignee: fmAssignee(actors.fm2) })))).value;
      await assign('assigned when entered', entered, '"0"', actors.fm.aadObjectId);
      assert.deepEqual([...new Set(outcomes.map(([, o]) => o.status))].sort(), ['assigned', 'invalid', 'repeat', 'stale']);
      const stored = [...waiting, entered];
      for (const [name, outcome] of outcomes) {
        const banner = assignBanner(outcome, ZH);
        findings.check(`the queue after: ${name} (${outcome.status})`, queueCard({ view, banner, locale: ZH }),
          [...stored, ...('customer' in outcome ? [outcome.customer] : [])]);
      }
      findings.assertNone(15);
    });

    it('the load card (every page, the viewer above capacity, nobody in the directory, and the real report)', async () => {
      const findings = new Findings();
      const teamLoad = new TeamLoad(new LoadReports(services.store, clock), clock);
      for (const [who, viewer] of [['the Gateway', people.gateway], ['an FM', people.fm], ['an admin', people.admin]] as const) {
        for (const page of [1, 2]) findings.check(`load for ${who}, page ${page}`, loadCard(await teamLoad.view(viewer, { page, pageSize: 1, weeks: 8 }), ZH));
      }
      const mondays = Array.from({ length: 8 }, (_, i) => addDays('2026-11-23', 7 * i));
      const over = { aadObjectId: 'aad-felix', name: 'Felix Least Loaded', starting: [2, 0, 3, 0, 0, 1, 0, 0], estimated: [0, 0, 1, 0, 0, 0, 0, 0], inFlight: 4, capacity: 1 };
      const view = { today: TODAY, weekStarts: mondays, weeks: [], fms: [over, { ...over, aadObjectId: 'aad-farah', name: 'Farah', capacity: null }], page: 1, pages: 1, total: 2, own: over };
      const views: [string, TeamLoadView][] = [
        ['one page', view], ['a first page of many', { ...view, pages: 3, total: 14 }], ['the last page', { ...view, page: 3, pages: 3, total: 14 }],
        ['nobody', { ...view, fms: [], total: 0, own: undefined }],
      ];
      for (const [name, shown] of views) findings.check(`load: ${name}`, loadCard(shown, ZH));
      findings.assertNone(10);
    });

    it('the new-customer form (empty, every entry mistake the domain reports, a tenant that exists) and its summary', async () => {
      const findings = new Findings();
      const form = new NewCustomerForm({ customers: services.customers, directory: services.directory });
      const opened = await form.open(people.gateway, ZH);
      assert.ok(opened.ok);
      findings.check('the empty form', opened.card);
      const row = (workload: WorkloadName, l1Status: string, field?: 'date' | 'month' | 'startedOn', value?: string, more: FormValues = {}): FormValues => ({
        [rowInputId(workload, 'l1Status')]: l1Status, ...(field ? { [rowInputId(workload, field)]: value } : {}), ...more,
      });
      const T = tenantId(7001);
      const SUBMISSIONS: [string, FormValues][] = [
        ['nothing', {}],
        ['a bad tenant id, a name too long, a workload without a date', { tenantId: 'contoso', name: '长'.repeat(201), ...row('Teams', 'InProgress') }],
        ['every date mistake', {
          tenantId: T, name: '康托索',
          ...row('Teams', 'InProgress', 'date', '2026-11-23'), ...row('Intune', 'InProgress', 'month', '26-10'),
          ...row('Viva', 'InProgress', 'month', '2026-10'), ...row('Windows', 'InProgress', 'date', '2026-02-30'),
          ...row('Purview', 'InProgress', 'date', '2030-01-01'), ...row('Defender', 'InProgress', 'date', '2019-09-30'),
          ...row('OneDrive', 'InProgress', 'date', '2026-12-01', { [rowInputId('OneDrive', 'month')]: '2026-12' }),
          ...row('Copilot', 'Blocked', 'date', '2026-12-01'), ...row('Microsoft365Apps', 'NoIntent', 'startedOn', '2026-11-02'),
          ...row('SharePointOnline', 'InProgress', 'startedOn', '2026-11-25'),
          ...row('ExchangeOnline', 'InProgress', 'startedOn', '2026-11-02', { [rowInputId('ExchangeOnline', 'date')]: '2026-12-01' }),
        }],
        ['started on: bad, too early', { tenantId: T, name: '康托索', ...row('Teams', 'InProgress', 'startedOn', '14/09/2026'), ...row('Intune', 'InProgress', 'startedOn', '2019-09-30') }],
        ['a month too far ahead', { tenantId: T, name: '康托索', ...row('Teams', 'InProgress', 'month', '2031-01') }],
        ['a partner without id', { tenantId: T, name: '康托索', assignee: 'partner', ...row('Teams', 'InProgress', 'date', '2026-12-01') }],
        ['a partner id with a slash', { tenantId: T, name: '康托索', assignee: 'partner', partnerId: 'a/b', partnerName: '长'.repeat(201), ...row('Teams', 'InProgress', 'date', '2026-12-01') }],
        ['an FM not in the directory', { tenantId: T, name: '康托索', assignee: 'aad-nobody', ...row('Teams', 'InProgress', 'date', '2026-12-01') }],
        ['a Gateway person as FM', { tenantId: T, name: '康托索', assignee: actors.gateway.aadObjectId, ...row('Teams', 'InProgress', 'date', '2026-12-01') }],
        ['a blank name', { tenantId: T, name: '   ', ...row('Teams', 'InProgress', 'date', '2026-12-01') }],
      ];
      for (const [name, values] of SUBMISSIONS) {
        const answer = await form.submit(people.gateway, values, ZH);
        assert.ok(answer.ok, name);
        findings.check(`the form sent back: ${name}`, answer.card);
      }
      const good: FormValues = {
        tenantId: T, name: 'Contoso Ltd', assignee: actors.fm.aadObjectId,
        ...row('Teams', 'InProgress', 'date', '2026-12-01'), ...row('Intune', 'InProgress', 'month', '2027-02'),
        ...row('Windows', 'InProgress', 'startedOn', '2026-11-02'), ...row('Viva', 'Blocked'),
      };
      const created = await form.submit(people.gateway, good, ZH);
      assert.ok(created.ok);
      const stored = (await services.store.getCustomer(T))?.value;
      assert.ok(stored);
      findings.check('the summary', created.card, [stored]);
      const repeated = await form.submit(people.gateway, good, ZH);
      assert.ok(repeated.ok);
      findings.check('the summary of a repeat', repeated.card, [stored]);
      const exists = await form.submit(people.gateway, { ...good, name: 'Contoso Two' }, ZH);
      assert.ok(exists.ok);
      findings.check('the form sent back: the tenant exists', exists.card);
      for (const assignee of [partnerAssignee(PARTNER_ID), null]) {
        const customer = customerFixture({ name: 'Contoso Ltd', assignee, workloads: [underWay('Teams', '2026-11-02'), withoutEsd('Viva', 'Unknown')] });
        findings.check(`the summary, assignee ${assignee?.type ?? 'none'}`, newCustomerSummaryCard(customer, ZH), [customer]);
      }
      findings.assertNone(SUBMISSIONS.length + 5);
    });
  });

  it('help, for everyone and for someone not in the directory', () => {
    const findings = new Findings();
    const keys = (Object.keys(CATALOGUES['en-US']) as MessageKey[]).filter((key) => key.startsWith('help.command.'));
    const commands = keys.filter((key) => !key.endsWith('.name')).map((key) => ({ name: key.slice('help.command.'.length), description: t(ZH, key, { weeks: 8 }) }));
    assert.ok(commands.length >= 6);
    for (const notice of ['', t(ZH, 'common.notInDirectory')]) findings.check(`help, notice "${notice}"`, helpCard(commands, notice, ZH));
    findings.assertNone(2);
  });
});
