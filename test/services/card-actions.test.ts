import assert from 'node:assert/strict';
import { changeDate, confirmStart, RESCHEDULE_PAST_ADVICE as PAST_ADVICE, STARTED_REASON } from '../../src/domain/engagement';
import { DomainError } from '../../src/domain/errors';
import { english } from '../../src/domain/phrases';
import { NOT_ASSIGNED_REFUSAL, PARTNER_REFUSAL } from '../../src/domain/rules';
import type { Person } from '../../src/domain/types';
import { CardActions, type ActionOutcome, type CardAction, type FieldErrors } from '../../src/services/card-actions';
import { isStoreError } from '../../src/store/store';
import { actors, assertDateChangesMatchNotes, ctx, customerFixture, onDay, withoutEsd } from '../common/fixtures';
import {
  assertNothingStored, cardAction, fixedClock, notesOf, people, seedCustomer, stored, teamsOf, TENANT, useMemoryStore,
} from './helpers';

const REASON = 'The customer asked to move the first call to 8 Dec.';
const NOT_IN_DIRECTORY = 'You are not in the FastTrack directory yet: ask an admin to add you with your role.';
const NOT_ASSIGNED = english(NOT_ASSIGNED_REFUSAL);
const PAST_ADVICE_EN = ` ${english(PAST_ADVICE)}`;

/** The field errors of an outcome in English (the REST API's wording), each field's in one line. */
function englishErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, refusals]) => [field, refusals.map((r) => r.message).join(' ')]));
}

describe('services/card-actions', () => {
  const store = useMemoryStore();
  const actions = (at?: string): CardActions => new CardActions(store(), fixedClock(at));
  const actAs = (viewer: Person | undefined, action: CardAction, at?: string): Promise<ActionOutcome> =>
    actions(at).act(viewer, action);
  /** The assigned FM acts. */
  const act = (action: CardAction, at?: string): Promise<ActionOutcome> => actAs(people.fm, action, at);

  describe('confirmStart (R3)', () => {
    const cases = [
      { zone: 'Pacific/Kiritimati', at: '2026-11-24T12:00:00Z', today: '2026-11-25' },
      { zone: 'America/Los_Angeles', at: '2026-11-24T05:00:00Z', today: '2026-11-23' },
      { zone: 'Europe/Paris', at: '2026-11-24T09:00:00Z', today: '2026-11-24' },
    ];
    for (const { zone, at, today } of cases) {
      it(`R3/R5: started on the FM's own today (${zone} at ${at} is ${today}), the ESD moved to it, one write`, async () => {
        await seedCustomer(store());
        const fm = { ...people.fm, timeZone: zone };
        const outcome = await actAs(fm, cardAction('confirmStart', {}, { requestId: 'req-1' }), at);
        assert.equal(outcome.status, 'applied');
        assert.equal(outcome.state.today, today);
        assert.equal(outcome.status === 'applied' && outcome.before.engagementStartDate, '2026-12-01', 'the answer knows the ESD before');
        const { value, etag } = await stored(store());
        assert.equal(etag, '2', 'exactly one write');
        const planned = teamsOf(customerFixture());
        assert.deepEqual(teamsOf(value), {
          ...planned, state: 'started', startedOn: today, engagementStartDate: today, revision: 2,
          history: [...planned.history, {
            at: new Date(at).toISOString(), by: actors.fm, from: '2026-12-01', to: today, precision: 'day',
            reason: STARTED_REASON, source: 'card',
          }],
        }, 'R5: the ESD becomes the day it started, with its history entry');
        assert.deepEqual(value.statusNotes, [{
          at: new Date(at).toISOString(), by: actors.fm, workload: 'Teams', kind: 'started', requestId: 'req-1',
          text: `Communication with the customer started on ${today}. The Engagement Start Date moved from 2026-12-01 to that day.`,
        }]);
      });
    }

    it('R5: startedOn given (a start recorded late) is the day stored; bad days are invalid on startedOn, nothing stored', async () => {
      await seedCustomer(store());
      for (const [startedOn, message] of [
        ['2026-11-25', /in the future/], ['2026-10-24', /more than 30 days ago: pick a day from 2026-10-25/], ['2026-02-30', /real date/],
      ] as const) {
        const outcome = await assertNothingStored(store(), () => act(cardAction('confirmStart', { startedOn })));
        assert.equal(outcome.status, 'invalid');
        assert.match(outcome.status === 'invalid' ? englishErrors(outcome.errors).startedOn ?? '' : '', message);
        assert.deepEqual(outcome.status === 'invalid' && outcome.values, { startedOn });
      }
      const outcome = await act(cardAction('confirmStart', { startedOn: '2026-10-25' }));
      assert.equal(outcome.status, 'applied');
      const teams = teamsOf((await stored(store())).value);
      assert.deepEqual([teams.startedOn, teams.engagementStartDate], ['2026-10-25', '2026-10-25']);
    });

    it('a double click on "Communication started" with the same day is one start; another day from the old card is stale', async () => {
      await seedCustomer(store());
      assert.equal((await act(cardAction('confirmStart', { startedOn: '2026-11-20' }, { requestId: 'click-1' }))).status, 'applied');
      const again = await assertNothingStored(store(), () => act(cardAction('confirmStart', { startedOn: '2026-11-20' }, { requestId: 'click-2' })));
      assert.equal(again.status, 'duplicate');
      const other = await assertNothingStored(store(), () => act(cardAction('confirmStart', { startedOn: '2026-11-21' }, { requestId: 'click-3' })));
      assert.equal(other.status, 'stale');
      assert.equal(notesOf((await stored(store())).value, 'started').length, 1);
    });
  });

  describe('reschedule (R6, R7, R10)', () => {
    it('R6/R10: a new day: the history entry (who, when, from, to, why) and the dateChanged note in one write', async () => {
      await seedCustomer(store());
      const outcome = await act(cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: `  ${REASON}\n` }, { requestId: 'req-1' }));
      assert.equal(outcome.status, 'applied');
      const { value, etag } = await stored(store());
      assert.equal(etag, '2', 'the date and its reason are one write');
      const teams = teamsOf(value);
      assert.deepEqual([teams.engagementStartDate, teams.datePrecision, teams.state, teams.revision], ['2026-12-08', 'day', 'scheduled', 2]);
      assert.deepEqual(teams.history.slice(1), [{
        at: '2026-11-24T09:00:00.000Z', by: actors.fm, from: '2026-12-01', to: '2026-12-08', precision: 'day', reason: REASON, source: 'card',
      }]);
      assert.deepEqual(value.statusNotes, [{
        at: '2026-11-24T09:00:00.000Z', by: actors.fm, workload: 'Teams', kind: 'dateChanged', text: REASON, requestId: 'req-1',
      }]);
      assertDateChangesMatchNotes(value);
    });

    it('R7: only a month: stored as its 1st with precision month', async () => {
      await seedCustomer(store());
      assert.equal((await act(cardAction('reschedule', { engagementStartMonth: '2027-02', reason: REASON }))).status, 'applied');
      const { value } = await stored(store());
      const teams = teamsOf(value);
      assert.deepEqual([teams.engagementStartDate, teams.datePrecision], ['2027-02-01', 'month']);
      assert.deepEqual(teams.history.at(-1), {
        at: '2026-11-24T09:00:00.000Z', by: actors.fm, from: '2026-12-01', to: '2027-02-01', precision: 'month', reason: REASON, source: 'card',
      });
      assert.equal(notesOf(value, 'dateChanged').length, 1);
      assertDateChangesMatchNotes(value);
    });

    it('R5: a new date from the customer re-opens an unanswered engagement (no follow-up left)', async () => {
      await seedCustomer(store());
      await act(cardAction('noResponse', { note: 'Voicemail left.' }));
      const outcome = await act(cardAction('reschedule', { engagementStartDate: '2026-12-10', reason: REASON }, { revision: 2 }));
      assert.equal(outcome.status, 'applied');
      const teams = teamsOf((await stored(store())).value);
      assert.deepEqual([teams.state, teams.followUpOn, teams.engagementStartDate], ['scheduled', null, '2026-12-10']);
    });
  });

  describe('noResponse (R5)', () => {
    it('R5: the date stays, a noResponse note, asked again the next working day (Friday → Monday)', async () => {
      await seedCustomer(store(), customerFixture({ workloads: [onDay('Teams', '2026-11-27')] }));
      const outcome = await act(cardAction('noResponse', { note: 'Emailed and called, no answer.' }), '2026-11-27T09:00:00Z');
      assert.equal(outcome.status, 'applied');
      const { value, etag } = await stored(store());
      assert.equal(etag, '2');
      const teams = teamsOf(value);
      assert.deepEqual([teams.engagementStartDate, teams.state, teams.followUpOn, teams.history.length],
        ['2026-11-27', 'awaitingCustomer', '2026-11-30', 1]);
      assert.deepEqual(value.statusNotes.map((n) => [n.kind, n.text, n.by.aadObjectId]),
        [['noResponse', 'Emailed and called, no answer.', actors.fm.aadObjectId]]);
      const due = await store().listRemindersDue({ dueOnOrBefore: '2026-11-30' });
      assert.deepEqual(due.items.map((r) => [r.workload, r.remindOn]), [['Teams', '2026-11-30']]);
    });
  });

  describe('customerInactive (R5)', () => {
    for (const from of ['scheduled', 'awaitingCustomer'] as const) {
      it(`R5: from ${from}: a note, the date stays, state inactive, and the reminders stop`, async () => {
        await seedCustomer(store(), customerFixture({ workloads: [onDay('Teams', '2026-11-24')] }));
        let revision = 1;
        if (from === 'awaitingCustomer') {
          await act(cardAction('noResponse', { note: 'No answer.' }));
          revision = 2;
        }
        const dueBefore = await store().listRemindersDue({ dueOnOrBefore: '2026-12-31' });
        assert.deepEqual(dueBefore.items.map((r) => r.workload), ['Teams'], 'reminded before');
        const outcome = await act(cardAction('customerInactive', { note: 'No answer for three weeks.' }, { revision }));
        assert.equal(outcome.status, 'applied');
        const { value } = await stored(store());
        const teams = teamsOf(value);
        assert.deepEqual([teams.engagementStartDate, teams.state, teams.followUpOn], ['2026-11-24', 'inactive', null]);
        assert.deepEqual(value.statusNotes.at(-1)?.kind, 'customerInactive');
        assert.deepEqual(value.statusNotes.at(-1)?.text, 'No answer for three weeks.');
        assert.deepEqual((await store().listRemindersDue({ dueOnOrBefore: '2029-12-31' })).items, [], 'no reminder any more');
      });
    }
  });

  describe('complete (P3)', () => {
    it('P3: a started workload completes on the FM\'s today, with the FM\'s note', async () => {
      await seedCustomer(store());
      await act(cardAction('confirmStart'));
      const outcome = await act(cardAction('complete', { note: 'Mailboxes migrated.' }, { revision: 2 }), '2027-01-15T09:00:00Z');
      assert.equal(outcome.status, 'applied');
      const { value, etag } = await stored(store());
      assert.equal(etag, '3');
      const teams = teamsOf(value);
      assert.deepEqual([teams.state, teams.startedOn, teams.completedOn, teams.revision], ['completed', '2026-11-24', '2027-01-15', 3]);
      assert.deepEqual(value.statusNotes.map((n) => n.kind), ['started', 'completed']);
      assert.equal(value.statusNotes.at(-1)?.text, 'Mailboxes migrated.');
    });

    it('P3: the note is optional', async () => {
      await seedCustomer(store(), confirmStart(customerFixture(), 'Teams', ctx(actors.fm)));
      assert.equal((await act(cardAction('complete', {}, { revision: 2 }))).status, 'applied');
      const { value } = await stored(store());
      assert.deepEqual(value.statusNotes.at(-1)?.text, 'Deployment completed on 2026-11-24.');
    });
  });

  describe('refusals change nothing (same document, same etag)', () => {
    const refusals: { name: string; viewer: Person | undefined; action: CardAction; message: string }[] = [
      { name: 'R9: a partner', viewer: people.partner, action: cardAction('confirmStart'), message: english(PARTNER_REFUSAL) },
      { name: 'R4: another FM', viewer: people.otherFm, action: cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: REASON }), message: NOT_ASSIGNED },
      { name: 'R4: the Gateway (dates go through the API)', viewer: people.gateway, action: cardAction('noResponse', { note: 'x' }), message: NOT_ASSIGNED },
      { name: 'a person with no role yet', viewer: people.roleless, action: cardAction('confirmStart'), message: NOT_IN_DIRECTORY },
      { name: 'someone not in the directory', viewer: undefined, action: cardAction('confirmStart'), message: NOT_IN_DIRECTORY },
      { name: 'a verb the state does not allow (complete on scheduled)', viewer: people.fm, action: cardAction('complete'), message: 'Cannot complete the deployment: Teams has not started yet. Record "Communication started" first.' },
    ];
    for (const { name, viewer, action, message } of refusals) {
      it(`${name} is refused`, async () => {
        await seedCustomer(store());
        const outcome = await assertNothingStored(store(), () => actAs(viewer, action));
        assert.equal(outcome.status, 'refused');
        assert.equal(outcome.status === 'refused' && outcome.reason.message, message);
        assert.equal(outcome.state.canAct, message.startsWith('Cannot'), 'the answering card is read-only unless the viewer may act');
      });
    }

    it('R1: acting on a workload that is not InProgress is refused', async () => {
      await seedCustomer(store(), customerFixture({ workloads: [onDay('Teams', '2026-12-01'), withoutEsd('Purview', 'Blocked')] }));
      const outcome = await assertNothingStored(store(), () => act(cardAction('confirmStart', {}, { workload: 'Purview' })));
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.status === 'refused' ? outcome.reason.message : '', /^Purview is Blocked: only InProgress workloads have an Engagement Start Date\./);
    });

    it('a second start is refused (confirmStart on a started workload)', async () => {
      await seedCustomer(store(), confirmStart(customerFixture(), 'Teams', ctx(actors.fm)));
      const outcome = await assertNothingStored(store(), () => act(cardAction('confirmStart', {}, { revision: 2 })));
      assert.equal(outcome.status, 'refused');
    });

    const invalid: { name: string; action: CardAction; errors: Record<string, string> }[] = [
      { name: 'R6: no reason', action: cardAction('reschedule', { engagementStartDate: '2026-12-08' }), errors: { reason: 'A reason is required.' } },
      { name: 'R6: a blank reason', action: cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: ' \n ' }), errors: { reason: 'A reason is required.' } },
      {
        name: 'a reason of 2,001 characters', action: cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: 'r'.repeat(2001) }),
        errors: { reason: 'A reason must be at most 2000 characters (it has 2001).' },
      },
      { name: 'not a real date (2026-02-30)', action: cardAction('reschedule', { engagementStartDate: '2026-02-30', reason: REASON }), errors: { engagementStartDate: 'engagementStartDate must be a real date as YYYY-MM-DD.' } },
      { name: 'R2: a past date', action: cardAction('reschedule', { engagementStartDate: '2026-11-23', reason: REASON }), errors: { engagementStartDate: `The date 2026-11-23 is in the past (today is 2026-11-24).${PAST_ADVICE_EN}` } },
      { name: 'more than 3 years ahead', action: cardAction('reschedule', { engagementStartDate: '2029-11-25', reason: REASON }), errors: { engagementStartDate: 'The date cannot be more than 3 years ahead (after 2029-11-24).' } },
      { name: 'R7: a past month', action: cardAction('reschedule', { engagementStartMonth: '2026-10', reason: REASON }), errors: { engagementStartMonth: `The date 2026-10-01 is in the past (today is 2026-11-24).${PAST_ADVICE_EN}` } },
      {
        name: 'both a date and a month', action: cardAction('reschedule', { engagementStartDate: '2026-12-08', engagementStartMonth: '2027-02', reason: REASON }),
        errors: { engagementStartDate: 'Give either engagementStartDate or engagementStartMonth, not both.' },
      },
      { name: 'neither a date nor a month', action: cardAction('reschedule', { reason: REASON }), errors: { engagementStartDate: 'A new date or month is required.' } },
      { name: 'the date it already has', action: cardAction('reschedule', { engagementStartDate: '2026-12-01', reason: REASON }), errors: { engagementStartDate: 'Pick a date different from the current one.' } },
      {
        name: 'a past date and no reason: both errors at once', action: cardAction('reschedule', { engagementStartDate: '2026-11-01' }),
        errors: { engagementStartDate: `The date 2026-11-01 is in the past (today is 2026-11-24).${PAST_ADVICE_EN}`, reason: 'A reason is required.' },
      },
      { name: 'R5: noResponse without a note', action: cardAction('noResponse', {}), errors: { note: 'A note is required.' } },
      { name: 'R5: customerInactive without a note', action: cardAction('customerInactive', { note: '   ' }), errors: { note: 'A note is required.' } },
    ];
    for (const { name, action, errors } of invalid) {
      it(`${name} is invalid: the errors by field and the typed values come back`, async () => {
        await seedCustomer(store());
        const outcome = await assertNothingStored(store(), () => act(action));
        assert.equal(outcome.status, 'invalid');
        assert.deepEqual(outcome.status === 'invalid' && englishErrors(outcome.errors), errors);
        assert.deepEqual(outcome.status === 'invalid' && outcome.values, action.inputs);
      });
    }

    it('an unknown tenant or workload is not_found, and nothing is written', async () => {
      await seedCustomer(store());
      for (const action of [cardAction('confirmStart', {}, { tenantId: '00000000-0000-4000-8000-0000000000ff' }), cardAction('confirmStart', {}, { workload: 'Copilot' })]) {
        await assertNothingStored(store(), () => assert.rejects(act(action), (error) => error instanceof DomainError && error.code === 'not_found'));
      }
      assert.equal(await store().getCustomer('00000000-0000-4000-8000-0000000000ff'), undefined);
    });
  });

  describe('stale cards', () => {
    it('a card drawn before the Gateway moved the date is stale: nothing stored, lastChange says who and what', async () => {
      const seeded = await seedCustomer(store());
      const moved = changeDate(seeded.value, 'Teams', { engagementStartDate: '2026-12-15', reason: 'Gateway: customer asked for 15 Dec.' }, ctx(actors.gateway, 60), 'api');
      await store().replaceCustomer(moved, seeded.etag);
      const outcome = await assertNothingStored(store(), () => act(cardAction('confirmStart', {}, { requestId: 'req-1' })));
      assert.equal(outcome.status, 'stale');
      assert.deepEqual(outcome.status === 'stale' && outcome.lastChange, {
        at: '2026-11-24T09:01:00.000Z', by: actors.gateway, workload: 'Teams', kind: 'dateChanged', text: 'Gateway: customer asked for 15 Dec.',
      });
      assert.equal(outcome.state.workload.engagementStartDate, '2026-12-15', 'the answer shows the current state');
      assert.equal(outcome.state.workload.revision, 2);
    });

    it('the same FM pressing another verb on an old card is stale, not a repeat', async () => {
      await seedCustomer(store());
      assert.equal((await act(cardAction('noResponse', { note: 'No answer.' }, { requestId: 'req-1' }))).status, 'applied');
      const outcome = await assertNothingStored(store(), () => act(cardAction('confirmStart', {}, { requestId: 'req-2' })));
      assert.equal(outcome.status, 'stale');
      assert.equal(outcome.status === 'stale' && outcome.lastChange?.kind, 'noResponse');
    });

    it('a change to ANOTHER workload of the customer does not make the card stale: the action applies and both changes stay', async () => {
      const seeded = await seedCustomer(store(), customerFixture({ workloads: [onDay('Teams', '2026-12-01'), onDay('ExchangeOnline', '2026-12-02')] }));
      const other = changeDate(seeded.value, 'ExchangeOnline', { engagementStartDate: '2026-12-09', reason: 'Exchange moved.' }, ctx(actors.gateway, 60), 'api');
      await store().replaceCustomer(other, seeded.etag);
      const outcome = await act(cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: REASON }));
      assert.equal(outcome.status, 'applied');
      const { value } = await stored(store());
      assert.deepEqual(value.workloads.map((w) => [w.workload, w.engagementStartDate, w.revision]),
        [['Teams', '2026-12-08', 2], ['ExchangeOnline', '2026-12-09', 2]]);
      assert.deepEqual(value.statusNotes.map((n) => n.text), ['Exchange moved.', REASON]);
      assertDateChangesMatchNotes(value);
    });
  });

  describe('repeats (Teams re-sends, double clicks)', () => {
    it('the same requestId twice: one change, one note; the second answer is duplicate', async () => {
      await seedCustomer(store());
      const action = cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: REASON }, { requestId: 'activity-1' });
      assert.equal((await act(action)).status, 'applied');
      const after = await stored(store());
      const again = await assertNothingStored(store(), () => act(action));
      assert.equal(again.status, 'duplicate');
      assert.equal(after.etag, '2');
      assert.equal(notesOf(after.value, 'dateChanged').length, 1);
      assert.equal(teamsOf(after.value).history.length, 2);
    });

    it('the same request re-sent while the first is still running: one applied, one duplicate, one note', async () => {
      await seedCustomer(store());
      const action = cardAction('noResponse', { note: 'No answer.' }, { requestId: 'activity-1' });
      const outcomes = await Promise.all([act(action), act(action)]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['applied', 'duplicate']);
      const { value, etag } = await stored(store());
      assert.equal(etag, '2');
      assert.equal(notesOf(value, 'noResponse').length, 1);
    });

    it('a double click (two requestIds, same verb, same revision, same person): the second is duplicate, one note', async () => {
      await seedCustomer(store());
      assert.equal((await act(cardAction('noResponse', { note: 'No answer.' }, { requestId: 'click-1' }))).status, 'applied');
      const second = await assertNothingStored(store(), () => act(cardAction('noResponse', { note: 'No answer.' }, { requestId: 'click-2' })));
      assert.equal(second.status, 'duplicate');
      assert.equal(notesOf((await stored(store())).value, 'noResponse').length, 1);
    });

    it('the same verb again from the old card with other inputs is stale, not a repeat (the second text is not lost silently)', async () => {
      await seedCustomer(store());
      assert.equal((await act(cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: REASON }, { requestId: 'click-1' }))).status, 'applied');
      const second = await assertNothingStored(store(), () => act(cardAction('reschedule', { engagementStartDate: '2026-12-09', reason: REASON }, { requestId: 'click-2' })));
      assert.equal(second.status, 'stale');
      assert.equal(second.status === 'stale' && second.lastChange?.requestId, 'click-1');
    });
  });

  describe('races', () => {
    it('R6: the FM on two devices at once with two new dates: exactly one applies, one history entry and one note', async () => {
      await seedCustomer(store());
      const outcomes = await Promise.all([
        act(cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: 'From the laptop.' }, { requestId: 'laptop' })),
        act(cardAction('reschedule', { engagementStartDate: '2026-12-09', reason: 'From the phone.' }, { requestId: 'phone' })),
      ]);
      // The loser re-reads after its write conflict: the same person and verb, but other inputs, so not a repeat.
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['applied', 'stale']);
      const { value, etag } = await stored(store());
      assert.equal(etag, '2', 'one write');
      assert.equal(notesOf(value, 'dateChanged').length, 1);
      assert.equal(teamsOf(value).history.length, 2);
      const winner = value.statusNotes[0]?.requestId === 'laptop' ? '2026-12-08' : '2026-12-09';
      assert.equal(teamsOf(value).engagementStartDate, winner, 'the stored date is the one whose note was stored');
      assertDateChangesMatchNotes(value);
    });

    /** The Gateway API's way to change a date: read, the domain's changeDate, replace with the etag read. */
    async function gatewayChangesDate(): Promise<'applied' | 'conflict'> {
      const current = await stored(store());
      const next = changeDate(current.value, 'Teams', { engagementStartDate: '2026-12-15', reason: 'Gateway correction.' }, ctx(actors.gateway, 30), 'api');
      try {
        await store().replaceCustomer(next, current.etag);
        return 'applied';
      } catch (error) {
        if (isStoreError(error, 'precondition_failed')) return 'conflict';
        throw error;
      }
    }

    for (const first of ['card', 'gateway'] as const) {
      it(`R6/R10: a card action racing a Gateway API write (${first} started first): one wins, nothing is lost`, async () => {
        await seedCustomer(store());
        const card = () => act(cardAction('reschedule', { engagementStartDate: '2026-12-08', reason: REASON }, { requestId: 'card-1' }));
        const [cardOutcome, gateway] = first === 'card'
          ? await Promise.all([card(), gatewayChangesDate()])
          : await Promise.all([gatewayChangesDate(), card()]).then(([g, c]) => [c, g] as const);
        assert.equal([cardOutcome.status === 'applied', gateway === 'applied'].filter(Boolean).length, 1,
          `card ${cardOutcome.status}, gateway ${gateway}`);
        if (gateway === 'applied') assert.equal(cardOutcome.status, 'stale');
        const { value, etag } = await stored(store());
        assert.equal(etag, '2');
        assert.equal(teamsOf(value).history.length, 2);
        assert.equal(notesOf(value, 'dateChanged').length, 1);
        assertDateChangesMatchNotes(value);
        assert.equal(teamsOf(value).engagementStartDate, gateway === 'applied' ? '2026-12-15' : '2026-12-08');
      });
    }
  });

  describe('view', () => {
    it('draws the stored state for a viewer; not_found for an unknown tenant', async () => {
      await seedCustomer(store());
      const state = await actions().view(people.partner, TENANT, 'Teams');
      assert.deepEqual([state.canAct, state.workload.revision, state.today], [false, 1, '2026-11-24']);
      await assert.rejects(actions().view(people.fm, '00000000-0000-4000-8000-0000000000ff', 'Teams'), (e) => e instanceof DomainError && e.code === 'not_found');
    });
  });
});
