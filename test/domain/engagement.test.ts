import assert from 'node:assert/strict';
import { alreadyApplied, type ChangeContext } from '../../src/domain/customer';
import {
  addWorkload, allowedVerbs, assign, changeDate, changeL1Status, completeDeployment, confirmStart, earliestStartDay,
  ENGAGEMENT_VERBS, markCustomerInactive, recordNoResponse, STARTED_REASON, verbRefusal, type EngagementVerb,
} from '../../src/domain/engagement';
import { english } from '../../src/domain/phrases';
import { hasActiveEsd, reminderDue } from '../../src/domain/rules';
import {
  WORKLOAD_STATES, type Customer, type L1Status, type StatusNote, type WorkloadState,
} from '../../src/domain/types';
import {
  admin, assertDomainError, ctxFor, fm, gateway, makeCustomer, NOW, TODAY, workloadOf,
} from './helpers';

const EXO = 'ExchangeOnline';
const AT = NOW.toISOString();
const REASON = 'Customer asked to move the first call to 8 Dec';

/** The FM acting on their card at the fixed clock. */
const byFm = (overrides: Partial<ChangeContext> = {}): ChangeContext => ctxFor(fm, overrides);

/** The customer's last Overall Status Note. */
function lastNote(customer: Customer): StatusNote | undefined {
  return customer.statusNotes[customer.statusNotes.length - 1];
}

/** Runs `transition` on a fresh example customer and checks it did not mutate its input. */
function apply(transition: (c: Customer) => Customer, base: Customer = makeCustomer()): Customer {
  const before = structuredClone(base);
  const next = transition(base);
  assert.deepEqual(base, before, 'the input customer was mutated');
  assert.notEqual(next, base);
  return next;
}

/** ExchangeOnline after the given steps (each from the previous result). */
function exoAfter(...steps: Array<(c: Customer) => Customer>): Customer {
  return steps.reduce((customer, step) => step(customer), makeCustomer());
}
const started = (c: Customer): Customer => confirmStart(c, EXO, byFm());
const noResponse = (c: Customer): Customer => recordNoResponse(c, EXO, 'Voicemail left, no answer.', byFm());
const inactive = (c: Customer): Customer => markCustomerInactive(c, EXO, 'No answer for three weeks.', byFm());
const completed = (c: Customer): Customer => completeDeployment(c, EXO, undefined, byFm());
const blocked = (c: Customer): Customer => changeL1Status(c, EXO, { l1Status: 'Blocked' }, ctxFor(gateway), 'api');

/** The value with every object in it frozen: writing to any part of it throws (modules run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('domain/engagement', () => {
  it('issue 9 item 7: every transition leaves a deeply frozen input untouched (it copies only what it changes)', () => {
    const reschedule = (c: Customer): Customer => changeDate(c, EXO, { engagementStartDate: '2026-12-08', reason: REASON }, byFm(), 'card');
    const chains: [string, ((c: Customer) => Customer)[]][] = [
      ['reschedule', [reschedule]], ['no answer', [noResponse]], ['inactive', [inactive]], ['start', [started]],
      ['start, complete', [started, completed]], ['blocked', [blocked]],
      ['blocked, back in progress', [blocked, (c) => changeL1Status(c, EXO, { l1Status: 'InProgress', engagementStartDate: '2026-12-15', reason: REASON }, ctxFor(gateway), 'api')]],
      ['no answer, reschedule, reschedule', [noResponse, reschedule, (c) => changeDate(c, EXO, { engagementStartMonth: '2027-02', reason: REASON }, byFm(), 'card')]],
    ];
    for (const [name, steps] of chains) {
      const results = steps.reduce<Customer[]>((done, step) => {
        const input = deepFreeze(done.at(-1) ?? makeCustomer());
        const snapshot = structuredClone(input);
        done.push(step(input));
        assert.deepEqual(input, snapshot, `${name}: the input is unchanged`);
        return done;
      }, []);
      assert.equal(workloadOf(results.at(-1) as Customer, EXO).revision, 1 + steps.length, `${name}: one revision per step`);
    }
  });

  describe('changeDate', () => {
    it('R6/R10: one step adds the history entry (who, when, from, to, why) and the dateChanged note', () => {
      const later = new Date('2026-11-25T14:00:00Z');
      const next = apply((c) => changeDate(c, EXO, { engagementStartDate: '2026-12-08', reason: `  ${REASON}\r\n` },
        byFm({ now: later, today: '2026-11-25' }), 'card'));
      const w = workloadOf(next, EXO);
      assert.equal(w.engagementStartDate, '2026-12-08');
      assert.equal(w.datePrecision, 'day');
      assert.equal(w.state, 'scheduled');
      assert.equal(w.history.length, 2);
      assert.deepEqual(w.history[1], {
        at: '2026-11-25T14:00:00.000Z', by: fm, from: '2026-12-01', to: '2026-12-08', precision: 'day', reason: REASON,
        source: 'card',
      });
      assert.deepEqual(next.statusNotes, [
        { at: '2026-11-25T14:00:00.000Z', by: fm, workload: EXO, kind: 'dateChanged', text: REASON },
      ]);
      assert.equal(next.updatedAt, '2026-11-25T14:00:00.000Z');
      assert.deepEqual(workloadOf(next, 'Intune'), workloadOf(makeCustomer(), 'Intune'), 'other workloads untouched');
    });

    it('R6: the reason is required (missing, blank, non-text, too long)', () => {
      const customer = makeCustomer();
      for (const reason of [undefined, null, '', '  \n ', 42, 'r'.repeat(2001)]) {
        assertDomainError(() => changeDate(customer, EXO, { engagementStartDate: '2026-12-08', reason }, byFm(), 'card'),
          'validation', ['reason']);
      }
    });

    it('R6: a bad date and a missing reason are reported together', () => {
      const customer = makeCustomer();
      assertDomainError(() => changeDate(customer, EXO, { engagementStartDate: '2026-02-30' }, byFm(), 'card'),
        'validation', ['engagementStartDate', 'reason']);
      assertDomainError(() => changeDate(customer, EXO, {}, byFm(), 'card'), 'validation', ['engagementStartDate', 'reason']);
    });

    it('R7: a month change stores the 1st with precision month', () => {
      const next = apply((c) => changeDate(c, EXO, { engagementStartMonth: '2027-01', reason: 'Only know January.' }, byFm(), 'card'));
      const w = workloadOf(next, EXO);
      assert.equal(w.engagementStartDate, '2027-01-01');
      assert.equal(w.datePrecision, 'month');
      assert.deepEqual(w.history[1], {
        at: AT, by: fm, from: '2026-12-01', to: '2027-01-01', precision: 'month', reason: 'Only know January.', source: 'card',
      });
    });

    it('R7: a month estimate can be made exact on its 1st (same date, other precision)', () => {
      const next = changeDate(makeCustomer(), 'Intune', { engagementStartDate: '2027-02-01', reason: 'Fixed.' }, byFm(), 'card');
      assert.equal(workloadOf(next, 'Intune').datePrecision, 'day');
    });

    it('the same date or month again is refused', () => {
      const customer = makeCustomer();
      assertDomainError(() => changeDate(customer, EXO, { engagementStartDate: '2026-12-01', reason: REASON }, byFm(), 'card'),
        'validation', ['engagementStartDate']);
      assertDomainError(() => changeDate(customer, 'Intune', { engagementStartMonth: '2027-02', reason: REASON }, byFm(), 'card'),
        'validation', ['engagementStartMonth']);
    });

    it('R2: a past date is refused', () => {
      assertDomainError(() => changeDate(makeCustomer(), EXO, { engagementStartDate: '2026-11-23', reason: REASON }, byFm(), 'card'),
        'validation', ['engagementStartDate']);
    });

    it('R4/R5: on the card a past day is refused with the way to record a start that already happened; the API keeps its own words', () => {
      const card = assertDomainError(() => changeDate(makeCustomer(), EXO, { engagementStartDate: '2026-11-20', reason: REASON },
        byFm(), 'card'), 'validation', ['engagementStartDate']);
      assert.equal(card.details[0]?.message, 'The date 2026-11-20 is in the past (today is 2026-11-24). If communication with '
        + 'the customer already started that day, use "Communication started" and pick the day it happened.');
      const api = assertDomainError(() => changeDate(makeCustomer(), EXO, { engagementStartDate: '2026-11-20', reason: REASON },
        ctxFor(gateway), 'api'), 'validation', ['engagementStartDate']);
      assert.equal(api.details[0]?.message, 'The date 2026-11-20 is in the past (today is 2026-11-24).');
    });

    it('R1: a date on a Blocked workload is refused', () => {
      const err = assertDomainError(() => changeDate(makeCustomer(), 'SharePointOnline',
        { engagementStartDate: '2026-12-08', reason: REASON }, ctxFor(gateway), 'api'), 'conflict');
      assert.match(err.message, /only InProgress workloads have an Engagement Start Date\. To give it one, set its L1 status to InProgress/);
    });

    it('R3: once started or completed the date no longer moves', () => {
      for (const customer of [exoAfter(started), exoAfter(started, completed)]) {
        assertDomainError(() => changeDate(customer, EXO, { engagementStartDate: '2026-12-08', reason: REASON }, byFm(), 'card'),
          'conflict');
      }
    });

    it('R5: a new date from the customer returns an awaiting or inactive engagement to scheduled', () => {
      for (const customer of [exoAfter(noResponse), exoAfter(inactive)]) {
        const next = apply((c) => changeDate(c, EXO, { engagementStartDate: '2026-12-10', reason: 'Customer replied.' }, byFm(), 'card'), customer);
        const w = workloadOf(next, EXO);
        assert.equal(w.state, 'scheduled');
        assert.equal(w.followUpOn, null);
        assert.deepEqual(reminderDue(next, w), { on: '2026-12-10', kind: 'start', recipientId: 'fm-alice' });
      }
    });

    it('an unknown workload is not_found', () => {
      assertDomainError(() => changeDate(makeCustomer(), 'Copilot', { engagementStartDate: '2026-12-08', reason: REASON }, byFm(), 'card'),
        'not_found');
    });
  });

  describe('confirmStart', () => {
    it('R3: startedOn defaults to the "today" handed in (the FM\'s zone); on the ESD itself the date stays', () => {
      // 23:30 UTC on 30 Nov is already 1 Dec for an FM in Tokyo.
      const ctx = byFm({ now: new Date('2026-11-30T23:30:00Z'), today: '2026-12-01' });
      const next = apply((c) => confirmStart(c, EXO, ctx));
      const w = workloadOf(next, EXO);
      assert.equal(w.state, 'started');
      assert.equal(w.startedOn, '2026-12-01');
      assert.equal(w.engagementStartDate, '2026-12-01');
      assert.equal(w.history.length, 1, 'confirming on the ESD is not a date change');
      assert.deepEqual(lastNote(next), {
        at: '2026-11-30T23:30:00.000Z', by: fm, workload: EXO, kind: 'started',
        text: 'Communication with the customer started on 2026-12-01.',
      });
      assert.equal(reminderDue(next, w), null);
    });

    it('R5/R10: a start on another day moves the ESD to it in the same step: history entry and started note', () => {
      const ctx = byFm({ now: new Date('2026-12-03T10:00:00Z'), today: '2026-12-03' });
      const next = apply((c) => confirmStart(c, EXO, ctx, '2026-11-27'));
      const w = workloadOf(next, EXO);
      assert.deepEqual([w.state, w.startedOn, w.engagementStartDate, w.datePrecision], ['started', '2026-11-27', '2026-11-27', 'day']);
      assert.deepEqual(w.history.at(-1), {
        at: '2026-12-03T10:00:00.000Z', by: fm, from: '2026-12-01', to: '2026-11-27', precision: 'day',
        reason: STARTED_REASON, source: 'card',
      });
      assert.deepEqual(lastNote(next), {
        at: '2026-12-03T10:00:00.000Z', by: fm, workload: EXO, kind: 'started',
        text: 'Communication with the customer started on 2026-11-27. The Engagement Start Date moved from 2026-12-01 '
          + 'to that day.',
      });
      assert.equal(next.statusNotes.filter((n) => n.kind === 'dateChanged').length, 0, 'one note: the start');
    });

    it('R3/R5: a start earlier than the ESD (the customer started early, today by default) moves the ESD to today', () => {
      const w = workloadOf(confirmStart(makeCustomer(), EXO, byFm()), EXO);
      assert.deepEqual([w.startedOn, w.engagementStartDate], [TODAY, TODAY]);
      assert.equal(w.history.at(-1)?.from, '2026-12-01');
    });

    it('R5/R7: a month estimate confirmed on its 1st becomes that exact day', () => {
      const next = confirmStart(makeCustomer(), 'Intune', byFm({ today: '2027-02-03' }), '2027-02-01');
      const w = workloadOf(next, 'Intune');
      assert.deepEqual([w.engagementStartDate, w.datePrecision, w.startedOn], ['2027-02-01', 'day', '2027-02-01']);
      assert.deepEqual([w.history.at(-1)?.from, w.history.at(-1)?.to, w.history.at(-1)?.precision], ['2027-02-01', '2027-02-01', 'day']);
      assert.match(lastNote(next)?.text ?? '', /moved from 2027-02 \(a month estimate\) to that day/);
    });

    it('R5: the day may be up to 30 days back, never in the future, never before 2019-10-01, and must be a date', () => {
      const today = '2026-12-31';
      assert.equal(workloadOf(confirmStart(makeCustomer(), EXO, byFm({ today }), '2026-12-01'), EXO).startedOn, '2026-12-01');
      const refusals: [unknown, RegExp][] = [
        ['2026-11-30', /^2026-11-30 is more than 30 days ago: pick a day from 2026-12-01 to today \(2026-12-31\)\.$/],
        ['2027-01-01', /^2027-01-01 is in the future: pick the day it started, today \(2026-12-31\) or earlier\.$/],
        ['2026-02-30', /real date/], ['yesterday', /real date/], [20261230, /real date/],
      ];
      for (const [day, message] of refusals) {
        const err = assertDomainError(() => confirmStart(makeCustomer(), EXO, byFm({ today }), day), 'validation', ['startedOn']);
        assert.match(err.details[0]?.message ?? '', message, String(day));
      }
      const early = assertDomainError(() => confirmStart(makeCustomer(), EXO, byFm({ today: '2019-10-10' }), '2019-09-30'),
        'validation', ['startedOn']);
      assert.match(early.details[0]?.message ?? '', /^2019-09-30 is before 2019-10-01/);
      assert.equal(earliestStartDay('2019-10-10'), '2019-10-01');
      assert.equal(earliestStartDay('2026-12-31'), '2026-12-01');
    });

    it('R5: the customer finally answered: awaiting goes to started and the follow-up is cleared', () => {
      const w = workloadOf(exoAfter(noResponse, started), EXO);
      assert.equal(w.state, 'started');
      assert.equal(w.followUpOn, null);
    });

    it('R3: a started workload cannot start again; R1: nor can a Blocked one', () => {
      assertDomainError(() => confirmStart(exoAfter(started), EXO, byFm()), 'conflict');
      assertDomainError(() => confirmStart(exoAfter(started), EXO, byFm(), '2026-11-20'), 'conflict');
      assertDomainError(() => confirmStart(makeCustomer(), 'SharePointOnline', byFm()), 'conflict');
    });
  });

  describe('recordNoResponse', () => {
    it('R5: the date stays, the FM is asked again the next working day, note kind noResponse', () => {
      const friday = byFm({ now: new Date('2026-12-04T16:00:00Z'), today: '2026-12-04' });
      const next = apply((c) => recordNoResponse(c, EXO, 'Called twice, voicemail.', friday));
      const w = workloadOf(next, EXO);
      assert.equal(w.engagementStartDate, '2026-12-01');
      assert.equal(w.history.length, 1);
      assert.equal(w.state, 'awaitingCustomer');
      assert.equal(w.followUpOn, '2026-12-07');
      assert.deepEqual(lastNote(next), {
        at: '2026-12-04T16:00:00.000Z', by: fm, workload: EXO, kind: 'noResponse', text: 'Called twice, voicemail.',
      });
      assert.deepEqual(reminderDue(next, w), { on: '2026-12-07', kind: 'followUp', recipientId: 'fm-alice' });
    });

    it('R5: asking again and again moves the follow-up forward', () => {
      const first = recordNoResponse(makeCustomer(), EXO, 'No answer.', byFm({ today: '2026-12-01' }));
      const second = recordNoResponse(first, EXO, 'Still no answer.', byFm({ today: '2026-12-02' }));
      assert.equal(workloadOf(second, EXO).followUpOn, '2026-12-03');
      assert.deepEqual(second.statusNotes.map((n) => n.kind), ['noResponse', 'noResponse']);
    });

    it('R5: the note is required', () => {
      for (const note of [undefined, '', '   ', 3]) {
        assertDomainError(() => recordNoResponse(makeCustomer(), EXO, note, byFm()), 'validation', ['note']);
      }
    });

    it('R3: not after the start', () => {
      assertDomainError(() => noResponse(exoAfter(started)), 'conflict');
    });
  });

  describe('markCustomerInactive', () => {
    it('R5: the date stays, the state is inactive, note kind customerInactive, reminders stop', () => {
      const next = apply((c) => markCustomerInactive(c, EXO, 'No answer for three weeks.', byFm()));
      const w = workloadOf(next, EXO);
      assert.equal(w.engagementStartDate, '2026-12-01');
      assert.equal(w.history.length, 1);
      assert.equal(w.state, 'inactive');
      assert.equal(w.followUpOn, null);
      assert.deepEqual(lastNote(next), { at: AT, by: fm, workload: EXO, kind: 'customerInactive', text: 'No answer for three weeks.' });
      assert.equal(reminderDue(next, w), null);
    });

    it('R5: from awaiting the customer too, clearing the follow-up', () => {
      const w = workloadOf(exoAfter(noResponse, inactive), EXO);
      assert.equal(w.state, 'inactive');
      assert.equal(w.followUpOn, null);
    });

    it('R5: the note is required', () => {
      assertDomainError(() => markCustomerInactive(makeCustomer(), EXO, '  ', byFm()), 'validation', ['note']);
    });

    it('refused when already inactive or started', () => {
      assertDomainError(() => inactive(exoAfter(inactive)), 'conflict');
      assertDomainError(() => inactive(exoAfter(started)), 'conflict');
    });
  });

  describe('completeDeployment', () => {
    it('P3: a started deployment completes today, with a default note', () => {
      const base = exoAfter(started);
      const next = apply((c) => completeDeployment(c, EXO, undefined, byFm({ today: '2027-01-15' })), base);
      const w = workloadOf(next, EXO);
      assert.equal(w.state, 'completed');
      assert.equal(w.completedOn, '2027-01-15');
      assert.equal(w.startedOn, TODAY);
      assert.deepEqual(lastNote(next), { at: AT, by: fm, workload: EXO, kind: 'completed', text: 'Deployment completed on 2027-01-15.' });
    });

    it('P3: the FM\'s note replaces the default text', () => {
      const next = completeDeployment(exoAfter(started), EXO, ' Mailboxes migrated. ', byFm());
      assert.equal(lastNote(next)?.text, 'Mailboxes migrated.');
    });

    it('P3: only a started workload completes; a non-text note is refused', () => {
      for (const customer of [makeCustomer(), exoAfter(noResponse), exoAfter(inactive), exoAfter(started, completed)]) {
        assertDomainError(() => completed(customer), 'conflict');
      }
      assertDomainError(() => completeDeployment(exoAfter(started), EXO, { text: 'x' }, byFm()), 'validation', ['note']);
    });
  });

  describe('changeL1Status', () => {
    it('R1: leaving InProgress keeps the history and the date, but the ESD stops being active', () => {
      const base = makeCustomer();
      const next = apply((c) => changeL1Status(c, EXO, { l1Status: 'Blocked', reason: 'Licensing on hold.' }, ctxFor(gateway), 'api'), base);
      const w = workloadOf(next, EXO);
      assert.equal(w.l1Status, 'Blocked');
      assert.equal(w.engagementStartDate, '2026-12-01');
      assert.equal(w.datePrecision, 'day');
      assert.deepEqual(w.history, workloadOf(base, EXO).history);
      assert.equal(w.state, 'notApplicable');
      assert.equal(hasActiveEsd(w), false);
      assert.equal(reminderDue(next, w), null);
      assert.deepEqual(lastNote(next), {
        at: AT, by: gateway, workload: EXO, kind: 'statusChanged', text: 'L1 status InProgress → Blocked. Licensing on hold.',
      });
    });

    it('R1/R5: leaving InProgress clears a pending follow-up', () => {
      const w = workloadOf(blocked(exoAfter(noResponse)), EXO);
      assert.equal(w.followUpOn, null);
      assert.equal(w.state, 'notApplicable');
    });

    it('P3: a completed workload that leaves InProgress stays completed', () => {
      const w = workloadOf(blocked(exoAfter(started, completed)), EXO);
      assert.equal(w.state, 'completed');
      assert.equal(w.completedOn, TODAY);
    });

    it('R1: a date given while leaving InProgress is refused', () => {
      assertDomainError(() => changeL1Status(makeCustomer(), EXO, { l1Status: 'NoIntent', engagementStartDate: '2026-12-08' },
        ctxFor(gateway), 'api'), 'validation', ['engagementStartDate']);
    });

    it('an unknown or unchanged status is refused', () => {
      assertDomainError(() => changeL1Status(makeCustomer(), EXO, { l1Status: 'Paused' }, ctxFor(gateway), 'api'), 'validation', ['l1Status']);
      assertDomainError(() => changeL1Status(makeCustomer(), EXO, {}, ctxFor(gateway), 'api'), 'validation', ['l1Status']);
      assertDomainError(() => changeL1Status(makeCustomer(), EXO, { l1Status: 'InProgress', engagementStartDate: '2026-12-08' },
        ctxFor(gateway), 'api'), 'validation', ['l1Status']);
    });

    it('R1: entering InProgress for the first time needs a date but no reason', () => {
      const base = makeCustomer();
      const next = apply((c) => changeL1Status(c, 'SharePointOnline', { l1Status: 'InProgress', engagementStartMonth: '2027-03' },
        ctxFor(gateway), 'api'), base);
      const w = workloadOf(next, 'SharePointOnline');
      assert.equal(w.l1Status, 'InProgress');
      assert.equal(w.engagementStartDate, '2027-03-01');
      assert.equal(w.datePrecision, 'month');
      assert.equal(w.state, 'scheduled');
      assert.deepEqual(w.history, [
        { at: AT, by: gateway, from: null, to: '2027-03-01', precision: 'month', reason: null, source: 'api' },
      ]);
      assert.deepEqual(lastNote(next), {
        at: AT, by: gateway, workload: 'SharePointOnline', kind: 'statusChanged',
        text: 'L1 status Blocked → InProgress, Engagement Start Date 2027-03-01.',
      });
      assert.deepEqual(reminderDue(next, w), { on: '2027-03-01', kind: 'start', recipientId: 'fm-alice' });
    });

    it('R1: entering InProgress without a date is refused', () => {
      assertDomainError(() => changeL1Status(makeCustomer(), 'SharePointOnline', { l1Status: 'InProgress' }, ctxFor(gateway), 'api'),
        'validation', ['']);
    });

    it('R1/R6: re-entering InProgress after having had a date needs a date and a reason', () => {
      const wasBlocked = blocked(makeCustomer());
      assertDomainError(() => changeL1Status(wasBlocked, EXO, { l1Status: 'InProgress' }, ctxFor(gateway), 'api'),
        'validation', ['', 'reason']);
      assertDomainError(() => changeL1Status(wasBlocked, EXO, { l1Status: 'InProgress', engagementStartDate: '2027-01-11' },
        ctxFor(gateway), 'api'), 'validation', ['reason']);
    });

    it('R1/R6/R10: re-entering InProgress records from the old date to the new one, with the reason', () => {
      const wasBlocked = blocked(makeCustomer());
      const next = apply((c) => changeL1Status(c, EXO, { l1Status: 'InProgress', engagementStartDate: '2027-01-11', reason: 'Licences arrived.' },
        ctxFor(gateway), 'api'), wasBlocked);
      const w = workloadOf(next, EXO);
      assert.equal(w.state, 'scheduled');
      assert.equal(w.engagementStartDate, '2027-01-11');
      assert.deepEqual(w.history.map((h) => [h.from, h.to, h.reason, h.source]), [
        [null, '2026-12-01', null, 'gateway'],
        ['2026-12-01', '2027-01-11', 'Licences arrived.', 'api'],
      ]);
      assert.equal(lastNote(next)?.text, 'L1 status Blocked → InProgress, Engagement Start Date 2027-01-11. Licences arrived.');
    });

    it('R2: re-entering InProgress with the old, now past, date is refused', () => {
      const wasBlocked = blocked(makeCustomer());
      assertDomainError(() => changeL1Status(wasBlocked, EXO, { l1Status: 'InProgress', engagementStartDate: '2026-12-01', reason: 'Back.' },
        ctxFor(gateway, { today: '2026-12-02' }), 'api'), 'validation', ['engagementStartDate']);
    });

    it('an unknown workload is not_found', () => {
      assertDomainError(() => changeL1Status(makeCustomer(), 'Copilot', { l1Status: 'Blocked' }, ctxFor(gateway), 'api'), 'not_found');
    });
  });

  describe('addWorkload', () => {
    it('R7: a serial deployment\'s month estimate is recorded with source serialDeployment', () => {
      const next = apply((c) => addWorkload(c, { workload: 'Teams', l1Status: 'InProgress', engagementStartMonth: '2027-03' }, byFm(), 'serialDeployment'));
      const w = workloadOf(next, 'Teams');
      assert.deepEqual(w, {
        workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2027-03-01', datePrecision: 'month',
        state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1,
        history: [{ at: AT, by: fm, from: null, to: '2027-03-01', precision: 'month', reason: null, source: 'serialDeployment' }],
      });
      assert.deepEqual(next.workloads.map((x) => x.workload), ['ExchangeOnline', 'Intune', 'SharePointOnline', 'Teams']);
      assert.deepEqual(lastNote(next), {
        at: AT, by: fm, workload: 'Teams', kind: 'note', text: 'Workload Teams added (InProgress) with Engagement Start Date in 2027-03.',
      });
    });

    it('R8: a workload announced at a Customer Success Review is recorded with source successReview', () => {
      const next = addWorkload(makeCustomer(), { workload: 'Purview', l1Status: 'InProgress', engagementStartDate: '2027-01-18' },
        ctxFor(admin), 'successReview');
      const w = workloadOf(next, 'Purview');
      assert.deepEqual(w.history, [
        { at: AT, by: admin, from: null, to: '2027-01-18', precision: 'day', reason: null, source: 'successReview' },
      ]);
      assert.equal(lastNote(next)?.text, 'Workload Purview added (InProgress) with Engagement Start Date 2027-01-18.');
    });

    it('R1: a workload added without intent carries no date and no history', () => {
      const next = addWorkload(makeCustomer(), { workload: 'Copilot', l1Status: 'Unknown' }, ctxFor(gateway), 'api');
      const w = workloadOf(next, 'Copilot');
      assert.equal(w.state, 'notApplicable');
      assert.equal(w.engagementStartDate, null);
      assert.deepEqual(w.history, []);
      assert.equal(lastNote(next)?.text, 'Workload Copilot added (Unknown).');
    });

    it('a workload the customer already has is a conflict', () => {
      const err = assertDomainError(() => addWorkload(makeCustomer(), { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2027-01-04' },
        byFm(), 'serialDeployment'), 'conflict');
      assert.equal(err.message, 'Contoso Ltd already has Intune: change that workload (its date or status) instead of adding it again.');
    });

    it('R1/R2: bad input names each field (no leading slash)', () => {
      assertDomainError(() => addWorkload(makeCustomer(), { workload: 'Yammer', l1Status: 'Later', engagementStartDate: '2026-11-01' },
        byFm(), 'serialDeployment'), 'validation', ['workload', 'l1Status', 'engagementStartDate']);
      assertDomainError(() => addWorkload(makeCustomer(), { workload: 'Teams', l1Status: 'Blocked', engagementStartMonth: '2027-01' },
        byFm(), 'serialDeployment'), 'validation', ['']);
    });
  });

  describe('assign', () => {
    it('R4: assigns an FM and notes it', () => {
      const unassigned = makeCustomer({ assignee: undefined });
      const alice = { type: 'fm' as const, aadObjectId: 'fm-alice', name: 'Alice' };
      const next = apply((c) => assign(c, alice, ctxFor(gateway)), unassigned);
      assert.deepEqual(next.assignee, alice);
      assert.deepEqual(lastNote(next), { at: AT, by: gateway, workload: null, kind: 'note', text: 'Assigned to FM Alice.' });
      assert.deepEqual(reminderDue(next, workloadOf(next, EXO)), { on: '2026-12-01', kind: 'start', recipientId: 'fm-alice' });
    });

    it('R9: assigning a partner keeps the Gateway\'s ESD but stops the reminders', () => {
      const frp = { type: 'partner' as const, partnerId: 'frp-1', name: 'Fabrikam Partners' };
      const next = apply((c) => assign(c, frp, ctxFor(gateway)));
      assert.deepEqual(next.assignee, frp);
      assert.equal(lastNote(next)?.text, 'Assigned to partner Fabrikam Partners.');
      assert.equal(workloadOf(next, EXO).engagementStartDate, '2026-12-01');
      assert.equal(reminderDue(next, workloadOf(next, EXO)), null);
    });
  });

  describe('retries', () => {
    it('a retried request is recognised by its requestId on the note it left', () => {
      const base = makeCustomer();
      const ctx = byFm({ requestId: 'activity-42' });
      const next = changeDate(base, EXO, { engagementStartDate: '2026-12-08', reason: REASON }, ctx, 'card');
      assert.equal(lastNote(next)?.requestId, 'activity-42');
      assert.equal(alreadyApplied(base, 'activity-42'), false);
      assert.equal(alreadyApplied(next, 'activity-42'), true);
      assert.equal(alreadyApplied(next, 'activity-43'), false);
      const again = recordNoResponse(next, EXO, 'No answer.', byFm({ requestId: 'activity-43' }));
      assert.equal(alreadyApplied(again, 'activity-42'), true);
      assert.equal(alreadyApplied(again, 'activity-43'), true);
    });
  });

  describe('allowedVerbs / verbRefusal', () => {
    const expected: Record<WorkloadState, EngagementVerb[]> = {
      scheduled: ['confirmStart', 'reschedule', 'noResponse', 'customerInactive'],
      awaitingCustomer: ['confirmStart', 'reschedule', 'noResponse', 'customerInactive'],
      inactive: ['confirmStart', 'reschedule', 'noResponse'],
      started: ['complete'],
      completed: [],
      notApplicable: [],
    };
    /** Each verb as its transition, with valid inputs. */
    const transitions: Record<EngagementVerb, (c: Customer) => Customer> = {
      confirmStart: started,
      reschedule: (c) => changeDate(c, EXO, { engagementStartDate: '2026-12-08', reason: REASON }, byFm(), 'card'),
      noResponse,
      customerInactive: inactive,
      complete: completed,
    };
    const withState = (state: WorkloadState, l1Status: L1Status = 'InProgress'): Customer => {
      const customer = makeCustomer();
      Object.assign(workloadOf(customer, EXO), { state, l1Status });
      return customer;
    };

    for (const state of WORKLOAD_STATES) {
      it(`R3/R5/P3: ${state} allows ${expected[state].join(', ') || 'nothing'}, and each transition agrees`, () => {
        const customer = withState(state);
        assert.deepEqual([...allowedVerbs(workloadOf(customer, EXO))], expected[state]);
        for (const verb of ENGAGEMENT_VERBS) {
          const refusal = verbRefusal(workloadOf(customer, EXO), verb);
          assert.equal(refusal === null, expected[state].includes(verb), verb);
          if (refusal) {
            const error = assertDomainError(() => transitions[verb](customer), 'conflict');
            assert.deepEqual(error.phrase, refusal, verb);
            assert.equal(error.message, english(refusal), verb);
          } else {
            assert.doesNotThrow(() => transitions[verb](customer), verb);
          }
        }
      });
    }

    it('R1: a workload that is not InProgress allows nothing, with the R1 message', () => {
      const workload = workloadOf(withState('scheduled', 'Blocked'), EXO);
      assert.equal(allowedVerbs(workload).size, 0);
      assert.equal(english(verbRefusal(workload, 'confirmStart') ?? assert.fail('expected a refusal')),
        'ExchangeOnline is Blocked: only InProgress workloads have an Engagement Start Date. To give it one, set its L1 '
        + 'status to InProgress together with the date (the Gateway team can).');
      assert.match(english(verbRefusal(workloadOf(withState('started'), EXO), 'reschedule') ?? assert.fail('expected a refusal')),
        /^Cannot change the date: ExchangeOnline has started already( \(on \d{4}-\d\d-\d\d\))?, so its date stays as it is\. When the deployment is finished, record "Deployment finished"\.$/);
    });
  });
});

describe('domain/engagement: workload revisions (stale cards)', () => {
  it('every change of a workload bumps its revision, and only its own', () => {
    const created = makeCustomer();
    assert.deepEqual(created.workloads.map((w) => w.revision), created.workloads.map(() => 1));
    const moved = changeDate(created, 'ExchangeOnline', { engagementStartDate: '2026-12-08', reason: 'Customer asked.' }, ctxFor(admin), 'api');
    assert.equal(workloadOf(moved, 'ExchangeOnline').revision, 2);
    for (const other of moved.workloads.filter((w) => w.workload !== 'ExchangeOnline')) {
      assert.equal(other.revision, 1, `${other.workload} is untouched`);
    }
    const waiting = recordNoResponse(moved, 'ExchangeOnline', 'Left a voicemail.', ctxFor(admin));
    assert.equal(workloadOf(waiting, 'ExchangeOnline').revision, 3);
    assert.equal(workloadOf(moved, 'ExchangeOnline').revision, 2, 'the input is not mutated');
  });

  it('a refused change leaves the revision as it was', () => {
    const created = makeCustomer();
    assert.throws(() => changeDate(created, 'ExchangeOnline', { engagementStartDate: '2026-12-08' }, ctxFor(admin), 'api'));
    assert.equal(workloadOf(created, 'ExchangeOnline').revision, 1);
  });
});
