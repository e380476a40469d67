import assert from 'node:assert/strict';
import { newCustomer } from '../../src/domain/customer';
import { changeDate, recordNoResponse, verbRefusal, type EngagementVerb } from '../../src/domain/engagement';
import { detail, DomainError } from '../../src/domain/errors';
import { NOT_ASSIGNED_REFUSAL, PARTNER_REFUSAL } from '../../src/domain/rules';
import { WORKLOAD_STATES, WORKLOADS, type Customer, type WorkloadState } from '../../src/domain/types';
import type { ActionOutcome, CardState, FieldErrors } from '../../src/services/card-actions';
import { customerCard } from '../../src/teams/cards/customer-card';
import { esdCard, outcomeCard, R3_GUIDANCE } from '../../src/teams/cards/esd-card';
import { helpCard, type AdaptiveCard } from '../../src/teams/cards/render';
import { actors, ctx, customerFixture, fmAssignee, onDay, partnerAssignee, tenantId } from '../common/fixtures';
import {
  actionLines, allStrings, assertExecuteActionsCarry, assertValidCard, bannerOf, cardBytes, cardShape, customerIn,
  customerViewOf, errorUnder, factsOf, inputById, LONG, MAX_CARD_BYTES, nodesOfType, placedStrings, PLAIN,
  TEAMS, textBlocks, textRuns, viewers, viewOf, type Texts,
} from './card-helpers';
import { fieldRefusals } from '../common/refusals';
import { english, phrase, type Phrase, type PhraseKey } from '../../src/domain/phrases';

const OPEN = ['Communication started ▸ confirmStart', 'Reschedule ▸ reschedule', 'No answer yet ▸ noResponse, customerInactive'];
/** What the assigned FM may do in each state (R3, R5, R6, P3); a reader gets none of it. */
const ACTIONS: Record<WorkloadState, string[]> = {
  scheduled: OPEN,
  awaitingCustomer: OPEN,
  inactive: ['Communication started ▸ confirmStart', 'Reschedule ▸ reschedule', 'No answer yet ▸ noResponse'],
  started: ['Deployment finished ▸ complete'],
  completed: [],
  notApplicable: [],
};

const R9_REASON = english(PARTNER_REFUSAL);
const OTHER_FM_REASON = english(NOT_ASSIGNED_REFUSAL);

/** The assigned FM's view of a customer whose Teams workload is in `state`. */
function fmView(state: WorkloadState, texts: Texts = PLAIN, extraNotes = 0): CardState {
  const { customer, fm } = customerIn(state, texts, extraNotes);
  return viewOf(customer, viewers(fm).fm);
}

/** Everything a card can be drawn for: each state, for the FM who can act and a partner who cannot. */
function viewsFor(texts: Texts = PLAIN, extraNotes = 0): { name: string; state: CardState }[] {
  return WORKLOAD_STATES.flatMap((state) => {
    const { customer, fm } = customerIn(state, texts, extraNotes);
    return [
      { name: `${state}, assigned FM`, state: viewOf(customer, viewers(fm).fm) },
      { name: `${state}, partner (read-only)`, state: viewOf(customer, viewers(fm).partner) },
    ];
  });
}

/** Where each verb leaves the workload. */
const STATE_AFTER: Record<EngagementVerb, WorkloadState> = {
  confirmStart: 'started', reschedule: 'scheduled', noResponse: 'awaitingCustomer', customerInactive: 'inactive',
  complete: 'completed',
};

/** The Gateway moved the date after the card was sent: the current state and the note that says so. */
function changedByGateway(texts: Texts): { state: CardState; customer: Customer } {
  const { customer, fm } = customerIn('scheduled', texts);
  const next = changeDate(customer, TEAMS, { engagementStartDate: '2026-12-15', reason: texts.note },
    ctx({ ...actors.gateway, name: texts.personName }, 100), 'api');
  return { state: viewOf(next, viewers(fm).fm), customer: next };
}

/** Each field's one message, as the domain reports it (its English and its phrase). */
function detailsByField(errors: Record<string, Phrase>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, said]) => [field, [detail(field, said)]]));
}

/** "A reason must be at most 2000 characters (it has 2001)." (domain/text.ts), for the free text `label` names. */
function tooLong(label: PhraseKey): Phrase {
  return phrase('customer.text.tooLong', { label: phrase(label), max: 2000, length: 2001 });
}

/** Every outcome of a card action, drawn with `texts` as the user data. */
function outcomesFor(texts: Texts = PLAIN): { name: string; outcome: ActionOutcome }[] {
  const scheduled = fmView('scheduled', texts);
  const started = fmView('started', texts);
  const gatewayChange = changedByGateway(texts);
  const notStarted = verbRefusal(scheduled.workload, 'complete');
  assert.ok(notStarted);
  // The domain's own messages (the English as the REST API says it), so the cards can say them in any language.
  const invalid = (name: string, state: CardState, errors: Record<string, Phrase>, values: Record<string, string>) => (
    { name, outcome: { status: 'invalid', state, errors: detailsByField(errors), values } as ActionOutcome });
  return [
    ...Object.entries(STATE_AFTER).map(([verb, state]): { name: string; outcome: ActionOutcome } => (
      { name: `applied ${verb}`, outcome: { status: 'applied', verb: verb as EngagementVerb, state: fmView(state, texts), before: scheduled.workload } })),
    { name: 'duplicate', outcome: { status: 'duplicate', verb: 'noResponse', state: fmView('awaitingCustomer', texts) } },
    { name: 'stale with lastChange', outcome: { status: 'stale', state: gatewayChange.state, lastChange: gatewayChange.customer.statusNotes.at(-1) } },
    { name: 'stale without lastChange', outcome: { status: 'stale', state: scheduled, lastChange: undefined } },
    invalid('invalid newDate', scheduled, { engagementStartDate: phrase('rules.esd.past', { date: '2026-11-23', today: '2026-11-24' }) },
      { engagementStartDate: '2026-11-23', reason: texts.note }),
    invalid('invalid newMonth', scheduled, { engagementStartMonth: phrase('rules.esd.past', { date: '2026-10-01', today: '2026-11-24' }) },
      { engagementStartMonth: '2026-10', reason: texts.note }),
    invalid('invalid reason', scheduled, { reason: tooLong('engagement.label.reason') },
      { engagementStartDate: '2026-12-08', reason: texts.note }),
    invalid('invalid note (no answer yet)', scheduled, { note: tooLong('engagement.label.note') },
      { note: texts.note }),
    invalid('invalid note (deployment finished)', started, { note: tooLong('engagement.label.note') },
      { note: texts.note }),
    { name: 'refused', outcome: { status: 'refused', state: scheduled, reason: new DomainError('conflict', notStarted) } },
  ];
}

function keyOf(state: CardState): { tenantId: string; workload: string; revision: number } {
  return { tenantId: state.customer.tenantId, workload: state.workload.workload, revision: state.workload.revision };
}

/** A valid Adaptive Card 1.5 whose actions are exactly those `state` allows, each carrying the card's key. */
function assertCardFor(card: AdaptiveCard, state: CardState): void {
  assertValidCard(card);
  assert.deepEqual(actionLines(card), state.canAct ? ACTIONS[state.workload.state] : []);
  assertExecuteActionsCarry(card, keyOf(state));
}

const NASTY = 'Evil [x](https://evil.example) **bold** ${expression} {{DATE(2017-02-14T06:08:39Z, SHORT)}} '
  + '{{{TIME(2017-02-14T06:08:39Z)}}}\nsecond line "}]';
const NASTY_TEXTS: Texts = { customerName: NASTY, personName: NASTY, note: NASTY };
const MARKER = 'evil.example';
/** NASTY as a name: names are single-line, so its line break is a space (issue 9, defect 8). */
const NASTY_NAME = NASTY.replace('\n', ' ');


describe('teams/cards', () => {
  describe('esdCard: every workload state, for a viewer who can act and one who cannot', () => {
    for (const { name, state } of viewsFor()) {
      it(`${name}: a valid Adaptive Card 1.5 with exactly the allowed actions (R3, R5, R9)`, () => {
        assertCardFor(esdCard(state), state);
      });
    }

    it('R4/R9: other FMs and people without a role get no actions either, and are told why', () => {
      const { customer, fm } = customerIn('scheduled');
      const people = viewers(fm);
      for (const [viewer, reason] of [[people.otherFm, OTHER_FM_REASON], [people.unknown, 'You are not in the FastTrack directory yet']] as const) {
        const card = esdCard(viewOf(customer, viewer));
        assertValidCard(card);
        assert.deepEqual(actionLines(card), []);
        assert.ok(textBlocks(card).some((b) => String(b.text).startsWith(reason)), `no "${reason}" line`);
      }
    });

    it('admins may act on any customer\'s card', () => {
      const { customer } = customerIn('awaitingCustomer');
      const card = esdCard(viewOf(customer, viewers(actors.admin).fm));
      assert.deepEqual(actionLines(card), OPEN);
    });

    it('the reschedule form offers a day (today … 3 years) or one of the next 36 months (R7), and a required reason (R6)', () => {
      const card = esdCard(fmView('scheduled'));
      assert.deepEqual({ ...inputById(card, 'newDate'), label: undefined },
        { type: 'Input.Date', id: 'newDate', label: undefined, min: '2026-11-24', max: '2029-11-24', value: '' });
      const months = inputById(card, 'newMonth').choices as { title: string; value: string }[];
      assert.equal(months.length, 36);
      assert.deepEqual(months[0], { title: 'November 2026', value: '2026-11' });
      assert.deepEqual(months[2], { title: 'January 2027', value: '2027-01' });
      assert.deepEqual(months.at(-1), { title: 'October 2029', value: '2029-10' });
      const reason = inputById(card, 'reason');
      assert.equal(reason.isRequired, true);
      assert.equal(reason.maxLength, 2000);
    });

    it('Universal Actions refresh goes to the assigned FM only, and not at all for a partner\'s customer (R9)', () => {
      const { customer, fm } = customerIn('scheduled');
      const card = esdCard(viewOf(customer, viewers(fm).fm));
      assert.deepEqual(card.refresh, {
        action: { type: 'Action.Execute', verb: 'refresh', title: 'Refresh', data: { verb: 'refresh', ...keyOf(viewOf(customer, undefined)) } },
        userIds: [fm.aadObjectId],
      });
      const partnered = customerFixture({ assignee: partnerAssignee() });
      const partnerCard = esdCard(viewOf(partnered, viewers(fm).partner));
      assertValidCard(partnerCard);
      assert.equal(partnerCard.refresh, undefined);
    });
  });

  describe('outcomeCard: every outcome of a card action', () => {
    for (const { name, outcome } of outcomesFor()) {
      it(`${name}: a valid Adaptive Card 1.5 with the actions of the current state`, () => {
        assertCardFor(outcomeCard(outcome), outcome.state);
      });
    }

    it('each outcome says what happened in its banner', () => {
      const banners = Object.fromEntries(
        outcomesFor().map(({ name, outcome }) => [name, bannerOf(outcomeCard(outcome))]),
      );
      assert.deepEqual(banners['applied confirmStart'], {
        style: 'good',
        text: 'Recorded: communication with the customer started on Tue, 24 Nov 2026. The Engagement Start Date (it was '
          + 'Tue, 1 Dec 2026) is now that day.',
      });
      assert.deepEqual(banners['applied reschedule'], { style: 'good', text: 'Rescheduled to Tue, 1 Dec 2026. The reason is in the Overall Status Notes.' });
      assert.deepEqual(banners['applied noResponse'], { style: 'good', text: 'Noted. The date stays; you will be asked again on Wed, 25 Nov 2026.' });
      assert.deepEqual(banners['applied customerInactive'], { style: 'good', text: 'Noted: the customer is inactive. The date stays and the reminders stop.' });
      assert.deepEqual(banners['applied complete'], { style: 'good', text: 'Recorded: the deployment completed on Tue, 24 Nov 2026.' });
      assert.deepEqual(banners.duplicate, { style: 'accent', text: 'Already recorded: nothing was changed twice.' });
      assert.deepEqual(banners['stale with lastChange'], {
        style: 'warning',
        text: 'This card was out of date, so nothing was changed. Since it was sent, Farah Manager (Gateway) recorded '
          + '"Date changed" on 24 Nov 2026: Emailed and called the customer.',
      });
      assert.deepEqual(banners['stale without lastChange'], {
        style: 'warning', text: 'This card was out of date, so nothing was changed. Since it was sent, it was changed by someone else',
      });
      assert.deepEqual(banners['invalid reason'], { style: 'attention', text: 'Nothing was saved: please correct the fields below.' });
      assert.deepEqual(banners.refused, {
        style: 'attention',
        text: 'Nothing was changed. Cannot complete the deployment: Teams has not started yet. Record "Communication started" first.',
      });
      assert.equal(bannerOf(esdCard(fmView('scheduled'))), undefined, 'a plain reminder has no banner');
    });

    it('invalid: each error shows right under its input in Attention, and the typed values are put back', () => {
      const state = fmView('scheduled');
      const card = outcomeCard({
        status: 'invalid', state,
        errors: fieldRefusals({ engagementStartDate: 'Date error.', engagementStartMonth: 'Month error.', reason: 'Reason error.', note: 'Note error.' }),
        values: { engagementStartDate: '2026-02-30', engagementStartMonth: '2027-03', reason: 'Customer moved the call.', note: 'Voicemail left.' },
      });
      assertValidCard(card);
      assert.deepEqual(
        Object.fromEntries(['newDate', 'newMonth', 'reason', 'note'].map((id) => [id, [errorUnder(card, id), inputById(card, id).value]])),
        {
          newDate: ['Date error.', '2026-02-30'], newMonth: ['Month error.', '2027-03'],
          reason: ['Reason error.', 'Customer moved the call.'], note: ['Note error.', 'Voicemail left.'],
        });
    });

    it('invalid: an input without an error gets no error line, and an untouched input stays empty', () => {
      const card = outcomeCard({ status: 'invalid', state: fmView('scheduled'), errors: fieldRefusals({ reason: 'A reason is required.' }), values: { engagementStartDate: '2026-12-08' } });
      assert.equal(errorUnder(card, 'reason'), 'A reason is required.');
      assert.equal(errorUnder(card, 'newDate'), undefined);
      assert.equal(errorUnder(card, 'newMonth'), undefined);
      assert.equal(errorUnder(card, 'note'), undefined);
      assert.equal(inputById(card, 'newDate').value, '2026-12-08');
      assert.equal(inputById(card, 'reason').value, '');
      assert.equal(nodesOfType(card, 'TextBlock').filter((b) => b.color === 'Attention').length, 1);
    });

    it('P3: on a started workload the note error shows under the optional "Deployment finished" note', () => {
      const card = outcomeCard({ status: 'invalid', state: fmView('started'), errors: fieldRefusals({ note: 'Too long.' }), values: { note: 'Done.' } });
      assert.deepEqual(actionLines(card), ['Deployment finished ▸ complete']);
      assert.equal(errorUnder(card, 'note'), 'Too long.');
      assert.equal(inputById(card, 'note').value, 'Done.');
      assert.equal(inputById(card, 'note').isRequired, undefined);
    });
  });

  describe('content', () => {
    it('R7: a month estimate reads "expected in February 2027"', () => {
      const { customer, fm } = customerIn('scheduled');
      assert.equal(factsOf(esdCard(viewOf(customer, viewers(fm).fm, 'Intune')))['Start date'], 'expected in February 2027');
      assert.equal(factsOf(esdCard(viewOf(customer, viewers(fm).fm)))['Start date'], 'Tue, 1 Dec 2026');
    });

    it('R3: the guidance on what counts as a start is on the card', () => {
      for (const { state } of viewsFor()) {
        assert.equal(textBlocks(esdCard(state)).filter((b) => b.text === R3_GUIDANCE).length, 1, state.workload.state);
      }
      assert.match(R3_GUIDANCE, /not when you sent a first email or left a voicemail/);
    });

    it('R9: the read-only card says why; the FM\'s card does not', () => {
      const { customer, fm } = customerIn('scheduled');
      const partnerCard = esdCard(viewOf(customer, viewers(fm).partner));
      assert.deepEqual(textBlocks(partnerCard).filter((b) => b.text === R9_REASON).length, 1);
      const fmCard = esdCard(viewOf(customer, viewers(fm).fm));
      assert.ok(!allStrings(fmCard).some((s) => s === R9_REASON || s === OTHER_FM_REASON));
    });

    it('R5/R10: facts show the state, who set the date, the assignee and the follow-up day', () => {
      assert.deepEqual(factsOf(esdCard(fmView('awaitingCustomer'))), {
        'Start date': 'Tue, 1 Dec 2026', State: 'Waiting for the customer', 'Set by': 'Farah Manager (FM), 24 Nov 2026',
        'Assigned to': 'Farah Manager (FM)', 'Ask again on': 'Wed, 25 Nov 2026',
      });
      assert.deepEqual(factsOf(esdCard(fmView('completed'))), {
        'Start date': 'Tue, 24 Nov 2026', State: 'Completed', 'Set by': 'Farah Manager (FM), 24 Nov 2026',
        'Assigned to': 'Farah Manager (FM)', 'Started on': 'Tue, 24 Nov 2026', 'Completed on': 'Tue, 24 Nov 2026',
      });
    });

    it('the three most recent notes of this workload, newest first', () => {
      const { customer, fm } = customerIn('scheduled');
      let c = customer;
      for (let i = 1; i <= 5; i++) c = recordNoResponse(c, TEAMS, `Try ${i}`, ctx(fm, 10 + i));
      c = recordNoResponse(c, 'Intune', 'Another workload', ctx(fm, 20));
      const runs = textRuns(esdCard(viewOf(c, viewers(fm).fm)));
      assert.deepEqual(runs.filter((t) => t.startsWith('Try ') || t === 'Another workload'), ['Try 5', 'Try 4', 'Try 3']);
    });
  });

  describe('size: under 28 KB (UTF-16) with the longest allowed texts', () => {
    const assertSmall = (name: string, card: AdaptiveCard): void => {
      assertValidCard(card);
      const bytes = cardBytes(card);
      assert.ok(bytes < MAX_CARD_BYTES, `${name}: ${bytes} bytes`);
    };

    it('LONG texts are as long as the domain allows', () => {
      assert.deepEqual([LONG.customerName.length, LONG.personName.length, LONG.note.length], [200, 200, 2000]);
    });

    it('every state, for the FM and a partner, with 20 long notes', () => {
      for (const { name, state } of viewsFor(LONG, 20)) assertSmall(name, esdCard(state));
    });

    it('every outcome, with a 2,000-character reason or note typed back into the form', () => {
      for (const { name, outcome } of outcomesFor(LONG)) assertSmall(name, outcomeCard(outcome));
    });

    it('the customer card with every catalogue workload and five long notes', () => {
      const gateway = { ...actors.gateway, name: LONG.personName };
      let customer = newCustomer({
        tenantId: tenantId(7), name: LONG.customerName, assignee: fmAssignee({ ...actors.fm, name: LONG.personName }),
        workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')),
      }, ctx(gateway));
      WORKLOADS.slice(0, 5).forEach((w, i) => {
        customer = recordNoResponse(customer, w, LONG.note, ctx({ ...actors.fm, name: LONG.personName }, i + 1));
      });
      const card = customerCard(customerViewOf(customer));
      assert.equal(nodesOfType(card, 'Action.Execute').filter((a) => a.verb === 'open').length, WORKLOADS.length);
      assertSmall('customer', card);
    });
  });

  describe('escaping: user text is text', () => {
    /** Every card drawn with `texts`, by name, in the same order for any texts. */
    const cards = (texts: Texts): [string, AdaptiveCard][] => [
      ...viewsFor(texts).map(({ name, state }): [string, AdaptiveCard] => [name, esdCard(state)]),
      ...outcomesFor(texts).map(({ name, outcome }): [string, AdaptiveCard] => [name, outcomeCard(outcome)]),
      ['customer', customerCard(customerViewOf(customerIn('awaitingCustomer', texts).customer))],
    ];
    const plainTexts: Texts = { customerName: 'Plain customer', personName: 'Plain person', note: 'Plain note.' };

    it('user text never changes the card structure', () => {
      const plain = cards(plainTexts);
      const nasty = cards(NASTY_TEXTS);
      nasty.forEach(([name, card], i) => {
        assert.deepEqual(cardShape(card), cardShape((plain[i] as [string, AdaptiveCard])[1]), name);
      });
    });

    it('user text stands only in TextRuns (no Markdown) or typed back into an input, never in a TextBlock or FactSet', () => {
      for (const [name, card] of cards(NASTY_TEXTS)) {
        assertValidCardButUserText(card);
        const places = placedStrings(card).filter((s) => s.text.includes(MARKER));
        assert.ok(places.length > 0, name);
        assert.equal(places.length, allStrings(card).filter((s) => s.includes(MARKER)).length, `${name}: user text outside card objects`);
        const wrong = places.filter((s) => s.where !== 'TextRun.text' && !/^Input\.\w+\.value$/.test(s.where));
        assert.deepEqual(wrong.map((s) => s.where), [], name);
      }
    });

    it('verbatim, except that every "{{" is broken by U+200B so Teams cannot expand {{DATE()}} (and inputs get back exactly what was typed)', () => {
      for (const [name, card] of cards(NASTY_TEXTS)) {
        const runs = textRuns(card);
        assert.deepEqual(runs.filter((t) => t.includes('{{')), [], `${name}: "{{" left in a TextRun`);
        const restored = runs.map((t) => t.replace(/\u200b/g, ''));
        const verbatim = (t: string): boolean => t.includes(NASTY) || t.includes(NASTY_NAME);
        assert.ok(restored.some(verbatim), `${name}: the user text is not shown verbatim`);
        assert.ok(restored.filter((t) => t.includes(MARKER)).every(verbatim), `${name}: user text cut or altered`);
      }
      const customer = customerCard(customerViewOf(customerIn('scheduled', NASTY_TEXTS).customer));
      assert.equal(textRuns(customer)[0], NASTY_NAME.replace(/\{\{/g, '{\u200b{').replace(/\{\{/g, '{\u200b{'));
      const invalid = outcomesFor(NASTY_TEXTS).find((o) => o.name === 'invalid reason');
      assert.ok(invalid);
      assert.equal(inputById(outcomeCard(invalid.outcome), 'reason').value, NASTY);
    });
  });

  describe('help card', () => {
    const commands = [
      { name: 'upcoming', description: 'My engagements by date.' },
      { name: 'customer <name or tenant id>', description: 'A customer\'s workloads and notes.' },
    ];

    it('lists the commands it is given, and no notice when there is none', () => {
      const card = helpCard(commands);
      assertValidCard(card);
      const factSets = nodesOfType(card, 'FactSet');
      assert.equal(factSets.length, 1);
      assert.deepEqual(
        (factSets[0] as { facts: unknown }).facts, commands.map((c) => ({ title: c.name, value: c.description })),
      );
      assert.equal(textBlocks(card).filter((b) => b.color === 'Warning').length, 0);
    });

    it('shows the notice when there is one', () => {
      const notice = 'You are not in the FastTrack directory yet: ask an admin to add you with your role.';
      const card = helpCard(commands, notice);
      assertValidCard(card);
      assert.deepEqual(textBlocks(card).filter((b) => b.color === 'Warning').map((b) => b.text), [notice]);
    });
  });
});

/** The card is valid; user text may hold `${…}`, so the template check is left to the plain-text cards. */
function assertValidCardButUserText(card: AdaptiveCard): void {
  const copy = JSON.parse(JSON.stringify(card).split('${expression}').join('expression')) as AdaptiveCard;
  assertValidCard(copy);
}

describe('cards in zh-CN (issue 11)', () => {
  /** Three English words in a row: a sentence left untranslated. */
  const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
  /** What stays English: user data and the stored notes (kept in the words they were written in). */
  const NOT_OURS = [PLAIN.note, 'Communication with the customer started on'];
  const englishIn = (card: AdaptiveCard): string[] => allStrings(card)
    .filter((text) => ENGLISH.test(text) && !NOT_OURS.some((known) => text.includes(known)));
  const verbsOf = (lines: string[]): string[] => lines.flatMap((line) => line.split(' ▸ ').slice(1));
  /** Valid, with the same actions (by verb) as in en-US, each carrying the card's key. */
  const assertCardFor = (card: AdaptiveCard, state: CardState): void => {
    assertValidCard(card);
    assert.deepEqual(verbsOf(actionLines(card)), verbsOf(state.canAct ? ACTIONS[state.workload.state] : []));
    assertExecuteActionsCarry(card, keyOf(state));
  };

  it('R3, R9: the ESD card in every state, for the FM and a partner, is a valid card with no English sentence of ours', () => {
    for (const { name, state } of viewsFor()) {
      const card = esdCard({ ...state, locale: 'zh-CN' });
      assertCardFor(card, state);
      assert.deepEqual(englishIn(card), [], name);
      assert.ok(allStrings(card).some((text) => text.includes('启动会议')), `${name}: the guidance uses the FAQ's terms`);
    }
  });

  it('R5, R6, R7: every outcome of a card action in zh-CN is a valid card with its banner in Chinese', () => {
    for (const { name, outcome } of outcomesFor()) {
      const card = outcomeCard(outcome, undefined, 'zh-CN');
      assertCardFor(card, outcome.state);
      assert.deepEqual(englishIn(card), [], name);
      assert.match(bannerOf(card)?.text ?? '', /[\u4e00-\u9fff]/, name);
    }
    const [first] = outcomesFor();
    assert.ok(first && allStrings(outcomeCard(first.outcome, 'upcoming', 'zh-CN')).includes('返回我的列表'), 'the way back');
  });

  it('the help card in zh-CN', () => {
    const card = helpCard([{ name: 'help', description: '我能做什么。' }], '', 'zh-CN');
    assertValidCard(card);
    assert.deepEqual(englishIn(card), []);
    assert.ok(allStrings(card).some((text) => text.includes('总体状态笔记')));
  });
});
