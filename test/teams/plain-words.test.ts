/**
 * Plain words (docs/domain.md "What users see"): rule ids (R1–R10, P1–P3) belong in code and tests, never in what a
 * person reads — a card, the `new customer` form, a chat reply, or a REST error body built from a domain message.
 * Every string of every card drawn here, and every refusal and validation message the domain produces, is scanned;
 * the refusals also say what to do instead.
 */
import assert from 'node:assert/strict';
import { newCustomer, type NewCustomerInput } from '../../src/domain/customer';
import {
  changeDate, changeL1Status, completeDeployment, ENGAGEMENT_VERBS, recordNoResponse, verbRefusal,
} from '../../src/domain/engagement';
import { DomainError } from '../../src/domain/errors';
import { english } from '../../src/domain/phrases';
import { cardRefusal, NOT_IN_DIRECTORY } from '../../src/domain/rules';
import { L1_STATUSES, WORKLOAD_STATES, type Actor, type Customer, type Role } from '../../src/domain/types';
import { esdCard, outcomeCard } from '../../src/teams/cards/esd-card';
import {
  CREATE_CUSTOMER_VERB, FORM_INPUT_IDS, newCustomerFormCard, newCustomerSummaryCard, rowInputId,
} from '../../src/teams/cards/new-customer-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { teamsUser } from '../common/activities';
import {
  actors, ctx, customerFixture, fmAssignee, onDay, partnerAssignee, personFixture, tenantId, underWay,
} from '../common/fixtures';
import { aWorkload } from '../domain/helpers';
import { allStrings, customerIn, viewers, viewOf } from './card-helpers';
import { startProtocolEnv, type ProtocolEnv } from './teams-client';

/** A rule or purpose id: "(R7)", "R9", "P2". */
const RULE_ID = /\(R\d+\)|\b[RP]\d{1,2}\b/;

/** The texts among `texts` that show a rule id. */
function withRuleIds(texts: readonly string[]): string[] {
  return texts.filter((t) => RULE_ID.test(t));
}

function assertPlain(what: string, texts: readonly string[]): void {
  assert.ok(texts.length > 0, `${what}: nothing was scanned`);
  assert.deepEqual(withRuleIds(texts), [], `${what} shows rule ids`);
}

/** Every string of a card: texts, labels, placeholders, choices, error lines, action titles. */
function cardTexts(card: AdaptiveCard): string[] {
  return allStrings(card);
}

/** The message and the details of the DomainError `run` throws. */
function domainMessages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [error.message, ...error.details.map((d) => d.message)];
    throw error;
  }
  assert.fail('expected a DomainError');
}

const T = tenantId(1);
const assignedFm = fmAssignee();

/** New-customer entries with every kind of mistake the domain reports (R1, R2, R4, R7 and the catalogue). */
const BAD_ENTRIES: NewCustomerInput[] = [
  {},
  { tenantId: 'contoso', name: '', assignee: 'Farah', workloads: 'Teams' },
  { tenantId: T, name: 'x'.repeat(201), assignee: { type: 'fm' }, workloads: Array.from({ length: 51 }, () => ({})) },
  { tenantId: T, name: 'Contoso', assignee: { type: 'partner' }, workloads: [] },
  { tenantId: T, name: 'Contoso', assignee: { type: 'someone' }, workloads: [1] },
  {
    tenantId: T, name: 'Contoso', workloads: [
      { workload: 'Exchange', l1Status: 'Started' },
      { workload: 'Teams', l1Status: 'InProgress' },
      { workload: 'Intune', l1Status: 'Blocked', engagementStartDate: '2026-12-01' },
      { workload: 'OneDrive', l1Status: 'InProgress', engagementStartDate: '2026-12-01', engagementStartMonth: '2026-12' },
      { workload: 'Windows', l1Status: 'InProgress', engagementStartDate: '2026-11-23' },
      { workload: 'Defender', l1Status: 'InProgress', engagementStartDate: '2019-09-30' },
      { workload: 'Purview', l1Status: 'InProgress', engagementStartDate: '2030-01-01' },
      { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2026-02-30' },
      { workload: 'Copilot', l1Status: 'InProgress', engagementStartMonth: '2026-10' },
      { workload: 'SharePointOnline', l1Status: 'InProgress', engagementStartMonth: '26-10' },
      { workload: 'Microsoft365Apps', l1Status: 'NoIntent', engagementStartMonth: '2027-01' },
    ],
  },
  {
    tenantId: T, name: 'Contoso', workloads: [
      underWay('Teams', '2026-11-25'), underWay('Intune', '2019-09-30'), underWay('OneDrive', '14/09/2026'),
      { ...underWay('Windows', '2026-09-14'), engagementStartDate: '2026-12-01' },
      { ...underWay('Viva', '2026-09-14'), l1Status: 'Blocked' },
      onDay('Copilot', '2026-12-01'), onDay('Copilot', '2026-12-02'),
    ],
  },
];

describe('plain words: no rule ids in what users see, and every refusal says what to do (R1–R10, P1–P3 stay in code)', () => {
  it('the check catches a rule id in a card or a message, and lets ordinary words through', () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Only the month (R7).' }] };
    assert.deepEqual(withRuleIds(cardTexts(card)), ['Only the month (R7).']);
    assert.deepEqual(withRuleIds(['Partners may not (R9).', 'see R10', 'P2 load', 'R&D team', 'Room 12', 'FY26 Q3']),
      ['Partners may not (R9).', 'see R10', 'P2 load']);
    assert.throws(() => assertPlain('a card', cardTexts(card)), /a card shows rule ids/);
  });

  describe('domain messages (they reach cards, the form and REST error bodies)', () => {
    it('R1/R3/R5/P3: every refusal of every verb, in every state and L1 status, names what to do instead', () => {
      const refusals = new Set<string>();
      for (const state of WORKLOAD_STATES) {
        for (const l1Status of L1_STATUSES) {
          for (const verb of ENGAGEMENT_VERBS) {
            const refusal = verbRefusal(aWorkload({ state, l1Status, startedOn: state === 'started' ? '2026-11-20' : null }), verb);
            if (refusal) refusals.add(english(refusal));
          }
        }
      }
      assertPlain('verb refusals', [...refusals]);
      const withoutAdvice = [...refusals].filter((r) => !/(record|set its L1 status|add a further workload|reschedule)/i.test(r)
        && !/has no active Engagement Start Date/.test(r));
      assert.deepEqual(withoutAdvice, [], 'each refusal says what to do instead');
    });

    it('R4/R9: who may not act on a card is told why and what to do instead', () => {
      const customer = customerFixture({ assignee: assignedFm });
      const partnered = customerFixture({ assignee: partnerAssignee() });
      const as = (role: Role): Actor => ({ aadObjectId: `aad-${role}-9`, name: role, role });
      const reasons = [
        cardRefusal(as('partner'), customer), cardRefusal(as('partner'), partnered), cardRefusal(as('fm'), customer),
        cardRefusal(as('gateway'), customer), cardRefusal(as('fm'), partnered), cardRefusal(null, customer),
      ].filter((r) => r !== null).map(english);
      assert.equal(reasons.length, 6);
      assertPlain('card refusals', reasons);
      assert.deepEqual(reasons.filter((r) => !/(keeps it current|ask the Gateway team|ask an admin)/.test(r)), []);
      assert.equal(cardRefusal(null, customer), NOT_IN_DIRECTORY);
    });

    it('R1/R2/R4/R7: every validation message of a new customer\'s entry', () => {
      const messages = BAD_ENTRIES.flatMap((input) => domainMessages(() => newCustomer(input, ctx())));
      assert.ok(messages.length > 30, `${messages.length} messages`);
      assertPlain('new customer validation', messages);
    });

    it('R1/R5/R6/P3: the validation and refusal messages of the changes after entry', () => {
      const c = customerFixture({ workloads: [onDay('Teams', '2026-12-01'), { workload: 'Intune', l1Status: 'Blocked' }] });
      const fm = ctx(actors.fm);
      const messages = [
        () => changeDate(c, 'Teams', { engagementStartDate: '2026-12-01', reason: 'same' }, fm, 'card'),
        () => changeDate(c, 'Teams', {}, fm, 'card'),
        () => changeDate(c, 'Teams', { engagementStartDate: '2026-11-01', reason: '' }, fm, 'card'),
        () => changeDate(c, 'Intune', { engagementStartDate: '2026-12-08', reason: 'r' }, fm, 'api'),
        () => changeDate(c, 'Viva', { engagementStartDate: '2026-12-08', reason: 'r' }, fm, 'api'),
        () => changeL1Status(c, 'Teams', { l1Status: 'InProgress' }, fm, 'api'),
        () => changeL1Status(c, 'Teams', { l1Status: 'Blocked', engagementStartDate: '2026-12-08' }, fm, 'api'),
        () => changeL1Status(c, 'Intune', { l1Status: 'InProgress' }, fm, 'api'),
        () => changeL1Status(c, 'Teams', { l1Status: 'Paused' }, fm, 'api'),
        () => recordNoResponse(c, 'Teams', '  ', fm),
        () => completeDeployment(c, 'Teams', 'x'.repeat(2001), fm),
        () => completeDeployment(c, 'Teams', 'Done', fm),
      ].flatMap(domainMessages);
      assertPlain('change messages', messages);
    });
  });

  describe('cards', () => {
    /** A customer whose Teams workload was entered as already under way (R2). */
    const underWayCustomer = (): Customer => customerFixture({ workloads: [underWay('Teams', '2026-09-14'), onDay('Intune', '2026-12-01')] });

    it('R3/R5/R9: the ESD card in every state for every kind of viewer, and every refusal drawn on it', () => {
      const cards: AdaptiveCard[] = [];
      for (const state of WORKLOAD_STATES) {
        const { customer, fm } = customerIn(state);
        for (const viewer of Object.values(viewers(fm))) {
          const view = viewOf(customer, viewer);
          cards.push(esdCard(view));
          for (const verb of ENGAGEMENT_VERBS) {
            const why = verbRefusal(view.workload, verb) ?? cardRefusal(null, customer) ?? NOT_IN_DIRECTORY;
            cards.push(outcomeCard({ status: 'refused', state: view, reason: new DomainError('forbidden', why) }));
          }
        }
      }
      const underWayView = viewOf(underWayCustomer(), viewers(actors.fm).fm);
      cards.push(esdCard(underWayView));
      assertPlain('ESD cards', cards.flatMap(cardTexts));
    });

    it('R2/R4: the new customer form, empty and with every entry error under its field, and its summary', () => {
      const fms = [{ aadObjectId: actors.fm.aadObjectId, name: actors.fm.name }];
      const errors = Object.fromEntries(FORM_INPUT_IDS.map((id, i) => [id, BAD_ENTRIES
        .flatMap((input) => domainMessages(() => newCustomer(input, ctx())))[i % 30] ?? '']));
      const cards = [
        newCustomerFormCard({ today: '2026-11-24', fms }),
        newCustomerFormCard({ today: '2026-11-24', fms: Array.from({ length: 400 }, (_, i) => ({ aadObjectId: `fm-${i}`, name: `FM ${i}` })) }),
        newCustomerFormCard({ today: '2026-11-24', fms, errors, banner: { text: 'Nothing was saved: please correct the fields below.', style: 'attention' } }),
        newCustomerSummaryCard(underWayCustomer()),
        newCustomerSummaryCard(customerFixture({ assignee: partnerAssignee() })),
        newCustomerSummaryCard(customerFixture({ assignee: null })),
      ];
      assertPlain('new customer form', cards.flatMap(cardTexts));
    });
  });

  describe('through the real server (recording connector)', () => {
    let env: ProtocolEnv;
    const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
    const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
    const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
    const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');

    beforeEach(async () => {
      env = await startProtocolEnv([
        personFixture(actors.gateway), personFixture(actors.fm),
        personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'partner-contoso-services' }),
      ]);
    });
    afterEach(() => env.stop());

    it('R2/R4/R5/R7/R9/P1: help, `new customer` refused and shown, a submit with errors, a save, a repeat, refused card actions, the queue, the work list and the customer card', async () => {
      const answers: unknown[] = [];
      for (const [who, text] of [[GATEWAY, 'help'], [STRANGER, 'help'], [FM, 'new customer'], [PARTNER, 'new customer'],
        [STRANGER, 'new customer'], [GATEWAY, 'new customer']] as const) await env.teams.say(who, text);
      const untouched = Object.fromEntries(FORM_INPUT_IDS.map((id) => [id, id.endsWith('.l1Status') || id === 'assignee' ? 'none' : '']));
      const submit = async (typed: Record<string, string>): Promise<void> => {
        const data = { ...untouched, verb: CREATE_CUSTOMER_VERB, ...typed };
        answers.push((await env.teams.invoke(GATEWAY, CREATE_CUSTOMER_VERB, data)).value);
      };
      await submit({
        tenantId: 'x', [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Intune', 'l1Status')]: 'Blocked',
        [rowInputId('Intune', 'date')]: '2026-12-01', [rowInputId('Viva', 'l1Status')]: 'InProgress',
        [rowInputId('Viva', 'startedOn')]: '2026-12-01', [rowInputId('Windows', 'l1Status')]: 'InProgress',
        [rowInputId('Windows', 'date')]: '2026-11-01',
      });
      const valid = {
        tenantId: T, name: 'Contoso Ltd', assignee: actors.fm.aadObjectId,
        [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'startedOn')]: '2026-09-14',
        [rowInputId('Intune', 'l1Status')]: 'InProgress', [rowInputId('Intune', 'date')]: '2026-12-01',
      };
      await submit(valid);
      await submit({ ...valid, name: 'Contoso Group' });
      for (const [who, workload, verb] of [[PARTNER, 'Intune', 'confirmStart'], [FM, 'Teams', 'confirmStart'], [GATEWAY, 'Intune', 'noResponse']] as const) {
        answers.push((await env.teams.invoke(who, verb, { tenantId: T, workload, revision: 1, note: 'x' })).value);
      }
      // A customer nobody is assigned to yet, for the Gateway's queue and its assign form (P1, P2).
      await submit({
        tenantId: tenantId(2), name: 'Northwind Traders',
        [rowInputId('Teams', 'l1Status')]: 'InProgress', [rowInputId('Teams', 'date')]: '2026-12-01',
      });
      await env.teams.say(GATEWAY, 'queue');
      await env.teams.say(FM, 'queue');
      // The FM's work list, drill-down and way back, and the customer card (one match, no match).
      for (const text of ['upcoming', 'customer Contoso', 'customer Nobody']) await env.teams.say(FM, text);
      answers.push((await env.teams.invoke(FM, 'open', { tenantId: T, workload: 'Intune', from: 'upcoming' })).value);
      answers.push((await env.teams.invoke(FM, 'back', { to: 'upcoming' })).value);
      answers.push((await env.teams.invoke(FM, 'back', { to: 'customer', tenantId: T })).value);
      await env.app.idle();
      const texts = [...env.connector.requests.map((r) => r.body), ...answers].flatMap(allStrings);
      assert.ok(texts.some((t) => /Needs your answer/i.test(t)), 'the work list was scanned');
      assert.ok(texts.some((t) => /Add a workload/.test(t)), 'the customer card was scanned');
      assert.ok(texts.some((t) => /Northwind Traders/.test(t)) && texts.some((t) => /in flight/.test(t)), 'the queue was scanned');
      assert.ok(texts.some((t) => /Only Gateway staff and admins can enter a new customer\. Ask/.test(t)));
      assert.ok(texts.some((t) => /The customer's FastTrack Manager keeps it current/.test(t)));
      assert.ok(texts.some((t) => /Microsoft Teams has started already|Teams has started already/.test(t)));
      assertPlain('answers of the real server', texts);
    });
  });
});
