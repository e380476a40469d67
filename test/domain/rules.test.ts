import assert from 'node:assert/strict';
import type { ErrorDetail } from '../../src/domain/errors';
import { english } from '../../src/domain/phrases';
import {
  assertMayActOnCard, cardRefusal, esdApplies, hasActiveEsd, isInFlight, mayActOnCard, mayEnterCustomers,
  NOT_IN_DIRECTORY,
  OPEN_STATES, readEsd, reminderDue,
  type EsdInput,
} from '../../src/domain/rules';
import type { Actor, Customer } from '../../src/domain/types';
import {
  admin, assertDomainError, aWorkload, fm, gateway, makeCustomer, otherFm, partner, TODAY,
} from './helpers';

/** Runs readEsd at `today` on a fresh details list. */
function esd(input: EsdInput, today = TODAY, path = 'workloads/0'): { esd: ReturnType<typeof readEsd>; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  return { esd: readEsd(input, today, path, details), details };
}

/** Asserts readEsd refuses `input` with one detail at `path` whose message contains `text`. */
function assertEsdRefused(input: EsdInput, path: string, text: string, today = TODAY): void {
  const result = esd(input, today);
  assert.equal(result.esd, null);
  assert.equal(result.details.length, 1, JSON.stringify(result.details));
  assert.equal(result.details[0]?.path, path);
  assert.ok(result.details[0]?.message.includes(text), result.details[0]?.message);
}

describe('domain/rules', () => {
  describe('esdApplies / hasActiveEsd', () => {
    it('R1: an ESD applies only to InProgress workloads', () => {
      assert.equal(esdApplies('InProgress'), true);
      assert.equal(esdApplies('Unknown'), false);
      assert.equal(esdApplies('Blocked'), false);
      assert.equal(esdApplies('NoIntent'), false);
    });

    it('R1: an InProgress workload with a date is active', () => {
      assert.equal(hasActiveEsd(aWorkload()), true);
      assert.equal(hasActiveEsd(aWorkload({ state: 'awaitingCustomer', followUpOn: '2026-12-02' })), true);
    });

    it('R1: a workload that left InProgress keeps its date but it is no longer active', () => {
      assert.equal(hasActiveEsd(aWorkload({ l1Status: 'Blocked', state: 'notApplicable' })), false);
      assert.equal(hasActiveEsd(aWorkload({ l1Status: 'NoIntent', state: 'scheduled' })), false);
    });

    it('R2: an InProgress workload without a date has no active ESD', () => {
      assert.equal(hasActiveEsd(aWorkload({ engagementStartDate: null, datePrecision: null })), false);
      assert.equal(hasActiveEsd(aWorkload({ state: 'notApplicable' })), false);
    });

    it('P2/R2: a workload is in flight while started, with an ESD or entered under way without one; not before, not after', () => {
      assert.equal(isInFlight(aWorkload({ state: 'started', startedOn: '2026-11-20' })), true);
      assert.equal(isInFlight(aWorkload({ state: 'started', startedOn: '2026-09-14', engagementStartDate: null, datePrecision: null })), true);
      for (const state of ['scheduled', 'awaitingCustomer', 'inactive', 'completed', 'notApplicable'] as const) {
        assert.equal(isInFlight(aWorkload({ state })), false, state);
      }
    });

    it('R4/R5: the open states are those before the start', () => {
      assert.deepEqual([...OPEN_STATES], ['scheduled', 'awaitingCustomer', 'inactive']);
    });
  });

  describe('readEsd', () => {
    it('reads a day with precision day', () => {
      assert.deepEqual(esd({ engagementStartDate: '2026-12-01' }), { esd: { date: '2026-12-01', precision: 'day' }, details: [] });
    });

    it('R7: a month is stored as its 1st with precision month', () => {
      assert.deepEqual(esd({ engagementStartMonth: '2027-02' }), { esd: { date: '2027-02-01', precision: 'month' }, details: [] });
    });

    it('neither given (absent, null or empty) is no ESD and no detail', () => {
      assert.deepEqual(esd({}), { esd: null, details: [] });
      assert.deepEqual(esd({ engagementStartDate: null, engagementStartMonth: '' }), { esd: null, details: [] });
    });

    it('both given is refused at the entry path', () => {
      assertEsdRefused({ engagementStartDate: '2026-12-01', engagementStartMonth: '2026-12' }, 'workloads/0', 'not both');
    });

    it('an unreal date or month is refused at its own field', () => {
      assertEsdRefused({ engagementStartDate: '2026-02-30' }, 'workloads/0/engagementStartDate', 'real date');
      assertEsdRefused({ engagementStartDate: 20261201 }, 'workloads/0/engagementStartDate', 'real date');
      assertEsdRefused({ engagementStartDate: '2026-12-01T00:00:00Z' }, 'workloads/0/engagementStartDate', 'real date');
      assertEsdRefused({ engagementStartMonth: '2026-13' }, 'workloads/0/engagementStartMonth', 'YYYY-MM');
    });

    it('R2: today is accepted, yesterday is refused (no backfill)', () => {
      assert.deepEqual(esd({ engagementStartDate: TODAY }).esd, { date: TODAY, precision: 'day' });
      assertEsdRefused({ engagementStartDate: '2026-11-23' }, 'workloads/0/engagementStartDate',
        'The date 2026-11-23 is in the past (today is 2026-11-24).');
    });

    it('R2/R7: the current month is accepted although its 1st has passed; last month is refused', () => {
      assert.deepEqual(esd({ engagementStartMonth: '2026-11' }).esd, { date: '2026-11-01', precision: 'month' });
      assertEsdRefused({ engagementStartMonth: '2026-10' }, 'workloads/0/engagementStartMonth', 'in the past');
    });

    it('a date before 2019-10-01 (the FAQ) is refused with its own message', () => {
      assertEsdRefused({ engagementStartDate: '2019-09-30' }, 'workloads/0/engagementStartDate', 'cannot be before 2019-10-01');
      // Even when "today" is earlier, so the past check alone would not catch it.
      assertEsdRefused({ engagementStartDate: '2019-09-20' }, 'workloads/0/engagementStartDate', 'cannot be before 2019-10-01', '2019-09-15');
      assert.deepEqual(esd({ engagementStartDate: '2019-10-01' }, '2019-09-15').esd, { date: '2019-10-01', precision: 'day' });
    });

    it('exactly three years ahead is accepted, one day more is refused', () => {
      assert.deepEqual(esd({ engagementStartDate: '2029-11-24' }).esd, { date: '2029-11-24', precision: 'day' });
      assertEsdRefused({ engagementStartDate: '2029-11-25' }, 'workloads/0/engagementStartDate',
        'The date cannot be more than 3 years ahead (after 2029-11-24).');
      assert.deepEqual(esd({ engagementStartMonth: '2029-11' }).esd, { date: '2029-11-01', precision: 'month' });
      assertEsdRefused({ engagementStartMonth: '2029-12' }, 'workloads/0/engagementStartMonth', 'more than 3 years ahead');
    });

    it('three years ahead of 29 February is 28 February', () => {
      assert.deepEqual(esd({ engagementStartDate: '2031-02-28' }, '2028-02-29').esd, { date: '2031-02-28', precision: 'day' });
      assertEsdRefused({ engagementStartDate: '2031-03-01' }, 'workloads/0/engagementStartDate', 'after 2031-02-28', '2028-02-29');
    });

    it('at the top level (empty path) the field path has no leading slash', () => {
      const { details } = esd({ engagementStartDate: '2026-02-30' }, TODAY, '');
      assert.deepEqual(details.map((d) => d.path), ['engagementStartDate']);
      const month = esd({ engagementStartMonth: '2020-01' }, TODAY, '');
      assert.deepEqual(month.details.map((d) => d.path), ['engagementStartMonth']);
    });
  });

  describe('permissions', () => {
    it('R4: the Gateway team and admins may edit through the API', () => {
      assert.equal(mayEnterCustomers(gateway), true);
      assert.equal(mayEnterCustomers(admin), true);
    });

    it('R4/R9: FMs (who use their cards) and partners may not edit through the API', () => {
      assert.equal(mayEnterCustomers(fm), false);
      assert.equal(mayEnterCustomers(partner), false);
    });

    it('R4: the assigned FM and an admin may act on the card', () => {
      const customer = makeCustomer();
      assert.equal(mayActOnCard(fm, customer), true);
      assert.equal(mayActOnCard(admin, customer), true);
      assert.doesNotThrow(() => assertMayActOnCard(fm, customer));
      assert.doesNotThrow(() => assertMayActOnCard(admin, customer));
    });

    it('R4: another FM is forbidden', () => {
      const customer = makeCustomer();
      assert.equal(mayActOnCard(otherFm, customer), false);
      const err = assertDomainError(() => assertMayActOnCard(otherFm, customer), 'forbidden');
      assert.equal(err.message, 'Only the FM assigned to this customer can act on its engagement. If it should be '
        + 'yours, ask the Gateway team to assign the customer to you.');
    });

    it('R9: a partner is forbidden with the R9 message, even on its own customer', () => {
      const own = makeCustomer({ assignee: { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Partners' } });
      for (const customer of [own, makeCustomer()]) {
        assert.equal(mayActOnCard(partner, customer), false);
        const err = assertDomainError(() => assertMayActOnCard(partner, customer), 'forbidden');
        assert.equal(err.message, 'Partners are not asked to update the Engagement Start Date. The customer\'s FastTrack '
          + 'Manager keeps it current.');
      }
    });

    it('someone without a role (not in the directory) may not act, and is told to ask an admin', () => {
      assert.equal(cardRefusal(null, makeCustomer()), NOT_IN_DIRECTORY);
      assert.match(english(NOT_IN_DIRECTORY), /not in the FastTrack directory yet/);
      assert.equal(mayEnterCustomers(null), false);
    });

    it('R9: a partner whose id happens to equal the assigned FM id is still forbidden', () => {
      const impostor: Actor = { ...partner, aadObjectId: fm.aadObjectId };
      assert.equal(mayActOnCard(impostor, makeCustomer()), false);
    });

    it('R4: the Gateway team does not act on cards; nobody but an admin acts on a partner or unassigned customer', () => {
      const partnerCustomer = makeCustomer({ assignee: { type: 'partner', partnerId: fm.aadObjectId, name: 'X' } });
      const unassigned = makeCustomer({ assignee: undefined });
      assert.equal(mayActOnCard(gateway, makeCustomer()), false);
      assertDomainError(() => assertMayActOnCard(gateway, makeCustomer()), 'forbidden');
      assert.equal(mayActOnCard(fm, partnerCustomer), false);
      assert.equal(mayActOnCard(fm, unassigned), false);
      assert.equal(mayActOnCard(admin, partnerCustomer), true);
      assert.equal(mayActOnCard(admin, unassigned), true);
    });
  });

  describe('reminderDue', () => {
    const assigned = (): Customer => makeCustomer();

    it('R3: a scheduled workload of an FM customer is due on its ESD, kind start, to that FM', () => {
      assert.deepEqual(reminderDue(assigned(), aWorkload()), { on: '2026-12-01', kind: 'start', recipientId: 'fm-alice' });
    });

    it('R7: a month estimate is due on the 1st of the month', () => {
      const w = aWorkload({ engagementStartDate: '2027-02-01', datePrecision: 'month' });
      assert.deepEqual(reminderDue(assigned(), w), { on: '2027-02-01', kind: 'start', recipientId: 'fm-alice' });
    });

    it('R5: after "no response yet" it is due on the follow-up day, kind followUp', () => {
      const w = aWorkload({ state: 'awaitingCustomer', followUpOn: '2026-12-02' });
      assert.deepEqual(reminderDue(assigned(), w), { on: '2026-12-02', kind: 'followUp', recipientId: 'fm-alice' });
    });

    it('R5: awaiting the customer without a follow-up day is not due', () => {
      assert.equal(reminderDue(assigned(), aWorkload({ state: 'awaitingCustomer', followUpOn: null })), null);
    });

    it('R9: a partner-assigned customer is never reminded', () => {
      const customer = makeCustomer({ assignee: { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Partners' } });
      assert.equal(reminderDue(customer, aWorkload()), null);
    });

    it('R9: an unassigned customer has nobody to remind', () => {
      assert.equal(reminderDue(makeCustomer({ assignee: undefined }), aWorkload()), null);
    });

    it('R1: a workload that is not InProgress is not reminded, date or not', () => {
      for (const l1Status of ['Unknown', 'Blocked', 'NoIntent'] as const) {
        assert.equal(reminderDue(assigned(), aWorkload({ l1Status })), null, l1Status);
        assert.equal(reminderDue(assigned(), aWorkload({ l1Status, state: 'notApplicable' })), null, l1Status);
      }
    });

    it('R2: an InProgress workload without a date is never prompted (no backfill)', () => {
      assert.equal(reminderDue(assigned(), aWorkload({ engagementStartDate: null, datePrecision: null })), null);
    });

    it('R2: a workload entered as already under way (started, no ESD) is never reminded nor prompted', () => {
      const customer = makeCustomer({ workloads: [{ workload: 'Teams', l1Status: 'InProgress', startedOn: '2026-09-14' }] });
      const teams = customer.workloads[0];
      assert.ok(teams);
      assert.deepEqual([teams.state, teams.engagementStartDate, hasActiveEsd(teams)], ['started', null, false]);
      assert.equal(reminderDue(customer, teams), null);
      for (const followUpOn of ['2026-11-24', '2026-12-01']) {
        assert.equal(reminderDue(customer, { ...teams, followUpOn }), null, 'not even with a stray follow-up day');
      }
    });

    it('R5/R3: inactive, started and completed workloads are not reminded', () => {
      assert.equal(reminderDue(assigned(), aWorkload({ state: 'inactive' })), null);
      assert.equal(reminderDue(assigned(), aWorkload({ state: 'inactive', followUpOn: '2026-12-02' })), null, 'stale follow-up');
      assert.equal(reminderDue(assigned(), aWorkload({ state: 'started', startedOn: '2026-12-01' })), null);
      assert.equal(reminderDue(assigned(), aWorkload({ state: 'completed', startedOn: '2026-12-01', completedOn: '2027-01-15' })), null);
    });
  });
});
